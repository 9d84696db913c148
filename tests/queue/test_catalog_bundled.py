"""The bundled catalogue against the contract of the procedure assistant (docs/catalog.md), and
the assistant's question sets against the catalogue: every expected code exists, every group and
field is used, every entry says where its facts come from or which of them are unconfirmed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from onestop.queue.catalog import default_catalog
from onestop.queue.search import fold

ROOT = Path(__file__).resolve().parents[2]
RAW = json.loads((ROOT / "onestop" / "assets" / "catalog.json").read_text(encoding="utf-8"))
CATALOG = default_catalog()
QUESTION_FILES = {"guide_questions.jsonl": (180, 35), "guide_questions_dev2.jsonl": (200, 50),
                  "guide_questions_holdout.jsonl": (40, 8),
                  "guide_questions_dev3.jsonl": (200, 50)}
TAGS = {"diacritics", "no_diacritics", "typo", "abbrev", "colloquial", "multi", "out_of_scope",
        "english"}
CONTRACT = ("code", "name_vi", "name_en", "field", "group", "complexity", "minutes",
            "checklist_vi", "checklist_en", "fee_vi", "fee_en", "result_vi", "result_en",
            "result_working_days", "legal_basis_vi", "phrasings_vi", "keywords", "source",
            "verified")
# Ward-level fields the issue names; each must have procedures.
FIELDS = {"civil-status", "certification", "social-protection", "merit", "household-business",
          "land", "construction", "guidance"}


def _questions(name: str) -> list[dict]:
    lines = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_at_least_100_procedures_and_the_original_codes_kept():
    assert len(CATALOG.services) >= 100
    for code in ("local.guidance", "local.result", "2.000815", "2.000884", "local.contract",
                 "1.001193", "1.000656", "1.000894", "1.004873", "2.000635", "1.001612",
                 "2.000720", "1.001776", "1.013831", "local.land-first", "1.012784",
                 "1.012783", "1.012786", "1.013225"):
        CATALOG.service(code)


@pytest.mark.parametrize("raw", RAW["services"], ids=lambda s: s["code"])
def test_every_entry_states_every_field_of_the_contract(raw):
    missing = [key for key in CONTRACT if key not in raw]
    assert not missing, missing
    service = CATALOG.service(raw["code"])
    assert service.checklist_vi and len(service.checklist_vi) == len(service.checklist_en)
    assert service.fee_vi and service.fee_en and service.result_vi and service.result_en
    assert service.result_working_days is not None and service.result_working_days >= 0
    assert service.legal_basis_vi and service.keywords
    assert 4 <= len(service.phrasings_vi) <= 6  # four everyday ways to ask, at least
    assert len(set(service.phrasings_vi)) == len(service.phrasings_vi)
    assert service.source.strip()
    if not service.verified:  # an unverified entry says which details are unconfirmed
        assert "chưa" in service.source.lower(), service.source
    if service.code.startswith("local."):
        assert "mã" in service.source.lower() or "không có mã" in service.source


def test_every_group_and_field_is_used_and_fields_cover_the_ward():
    used_groups = Counter(s.group for s in CATALOG.services)
    assert set(used_groups) == {g.id for g in CATALOG.groups}
    used_fields = Counter(s.field for s in CATALOG.services)
    assert set(used_fields) == {f.id for f in CATALOG.fields}
    assert set(used_fields) >= FIELDS
    assert all(used_fields[f] >= 4 for f in FIELDS), used_fields
    # One counter group per field, so a citizen's field always leads to the same counters.
    group_of = {}
    for s in CATALOG.services:
        assert group_of.setdefault(s.field, s.group) == s.group, s.code


def test_verified_entries_are_counted_for_the_docs():
    verified = sum(s.verified for s in CATALOG.services)
    text = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert f"{verified} of the {len(CATALOG.services)} entries are verified" in text


@pytest.mark.parametrize("name", QUESTION_FILES)
def test_question_files_follow_the_contract_and_name_existing_codes(name):
    questions = _questions(name)
    least, least_out = QUESTION_FILES[name]
    assert len(questions) >= least
    assert sum(not q["expect"] for q in questions) >= least_out
    assert len({q["q"] for q in questions}) == len(questions)
    for q in questions:
        assert set(q) == {"q", "expect", "tags"}, q
        assert isinstance(q["q"], str) and q["q"].strip() and len(q["q"]) <= 200
        assert set(q["tags"]) <= TAGS and q["tags"], q
        assert len(q["expect"]) <= 3, q
        assert ("out_of_scope" in q["tags"]) == (not q["expect"]), q
        assert ("multi" in q["tags"]) == (len(q["expect"]) > 1), q
        for code in q["expect"]:
            CATALOG.service(code)


def test_question_sets_are_spread_over_the_catalogue():
    questions = _questions("guide_questions.jsonl")
    expected = {code for q in questions for code in q["expect"]}
    assert len(expected) >= 0.8 * len(CATALOG.services)
    fields = {CATALOG.service(code).field for code in expected}
    assert fields == {f.id for f in CATALOG.fields}
    tags = Counter(tag for q in questions for tag in q["tags"])
    assert all(tags[tag] >= 5 for tag in TAGS), tags
    held_back = {q["q"] for q in _questions("guide_questions_holdout.jsonl")}
    assert not held_back & {q["q"] for q in questions}



def test_the_second_development_set_names_every_procedure_and_stays_apart():
    """dev2 (written after set 1, before the engine was generalised) asks for every procedure
    at least once; no question of it is in set 1 or the holdout, and no catalogue phrasing
    repeats a question of four words or more of dev2 or the holdout word for word (they
    measure, not teach; a two-word question may be a keyword)."""
    dev2 = _questions("guide_questions_dev2.jsonl")
    assert {code for q in dev2 for code in q["expect"]} == {s.code for s in CATALOG.services}
    others = {q["q"] for name in ("guide_questions.jsonl", "guide_questions_holdout.jsonl")
              for q in _questions(name)}
    assert not others & {q["q"] for q in dev2}
    measured = {fold(q["q"]) for name in ("guide_questions_dev2.jsonl",
                                          "guide_questions_holdout.jsonl")
                for q in _questions(name) if len(q["q"].split()) >= 4}
    taught = {fold(p) for s in CATALOG.services for p in s.phrasings_vi}
    assert not measured & taught


def test_the_third_development_set_names_every_procedure_and_stays_apart():
    """dev3 (written before the third round of changes) asks for every procedure at least
    once, shares no question with the other sets (folded), and no catalogue phrasing repeats
    one of its questions of four words or more."""
    dev3 = _questions("guide_questions_dev3.jsonl")
    assert {code for q in dev3 for code in q["expect"]} == {s.code for s in CATALOG.services}
    others = {fold(q["q"]) for name in ("guide_questions.jsonl", "guide_questions_dev2.jsonl",
                                        "guide_questions_holdout.jsonl")
              for q in _questions(name)}
    assert not others & {fold(q["q"]) for q in dev3}
    taught = {fold(p) for s in CATALOG.services for p in s.phrasings_vi}
    assert not taught & {fold(q["q"]) for q in dev3 if len(q["q"].split()) >= 4}
