"""Hỏi thủ tục on its question sets, each measured apart (README, docs/guide.md):

* guide_questions.jsonl — the first set, the engine was tuned on it;
* guide_questions_dev2.jsonl — the second development set, written before the engine was
  generalised, in the styles the first set lacked (short, long stories, regional words, Telex,
  fees and times, other agencies' matters); the general mechanisms were chosen on it;
* guide_questions_holdout.jsonl — held back during that work; its score has since been seen a
  few times, so it is a development set now;
* guide_questions_dev3.jsonl — the third development set, written and scored (72.9% top-1,
  85.9% top-3, 84.2% refused) before the third round of changes, in the voices the others
  lacked: elderly stories, teencode, relatives, document names, life events, officer
  shorthand, hard near-misses;
* guide_questions_dev4.jsonl — the fourth development set, written and scored (86.8% top-1,
  93.9% top-3, 89.7% refused) before the fourth round of changes, in voices the others
  under-represent: Southern and Central words, questions about a procedure's details,
  circumstances only, mixed Vietnamese-English, two-word queries, and near-misses.

The floors asserted are the figures reached, so a change that makes the assistant worse fails
here. Run with -s to see the figures and every miss."""

from __future__ import annotations

import pytest
from guide_scoring import load, score

from onestop.queue.catalog import default_catalog

# (top-1, top-3, out-of-scope refused) reached on 2026-12-05 with the bundled catalogue,
# rounded down; issue 18's targets on questions never shown: 85% / 95% / 90%.
FLOORS = {"guide_questions.jsonl": (0.94, 0.97, 1.0),
          "guide_questions_dev2.jsonl": (0.92, 0.98, 1.0),
          "guide_questions_holdout.jsonl": (0.88, 0.95, 1.0),
          "guide_questions_dev3.jsonl": (0.83, 0.94, 0.96),
          "guide_questions_dev4.jsonl": (0.90, 0.96, 0.91)}


@pytest.mark.parametrize("name", list(FLOORS))
def test_the_question_set_reaches_its_floors(name):
    figures = score(default_catalog(), load(name))
    print("\n" + figures.line(name))
    for miss in figures.misses:
        print("  " + miss)
    top1, top3, refusal = FLOORS[name]
    assert figures.top1_rate >= top1
    assert figures.top3_rate >= top3
    assert figures.refusal_rate >= refusal


@pytest.mark.parametrize(("name", "least", "least_out"), [
    ("guide_questions.jsonl", 150, 30), ("guide_questions_dev2.jsonl", 200, 50),
    ("guide_questions_dev3.jsonl", 200, 50), ("guide_questions_dev4.jsonl", 200, 50)])
def test_the_question_sets_are_big_and_varied_enough(name, least, least_out):
    questions = load(name)
    assert len(questions) >= least
    assert sum(1 for q in questions if not q["expect"]) >= least_out
    codes = {s.code for s in default_catalog().services}
    assert all(set(q["expect"]) <= codes for q in questions)
