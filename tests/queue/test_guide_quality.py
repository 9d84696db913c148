"""Hỏi thủ tục on the question set (tests/data/guide_questions.jsonl) and on the holdout set
nobody tuned on: the floors asserted are the figures reached (README, docs/guide.md), so a
change that makes the assistant worse fails here. Run with -s to see the figures and misses."""

from __future__ import annotations

import pytest
from guide_scoring import DATA, load, score

from onestop.queue.catalog import default_catalog

# (top-1, top-3, out-of-scope refused) reached on 2026-12-05 with the bundled catalogue
# (README "Hỏi thủ tục"); issue 18's targets are 85% / 95% / 90%. The holdout set was never
# tuned on: its floors are what the assistant reaches on questions it has not seen, below the
# targets (docs/guide.md, "Limits").
FLOORS = {"guide_questions.jsonl": (0.91, 0.95, 0.94),
          "guide_questions_holdout.jsonl": (0.72, 0.79, 0.77)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_question_set_reaches_its_floors(name):
    if not (DATA / name).is_file():
        pytest.skip(f"{name} not written yet")
    figures = score(default_catalog(), load(name))
    print("\n" + figures.line(name))
    for miss in figures.misses:
        print("  " + miss)
    top1, top3, refusal = FLOORS[name]
    assert figures.top1_rate >= top1
    assert figures.top3_rate >= top3
    assert figures.refusal_rate >= refusal


def test_the_question_set_is_big_and_varied_enough():
    questions = load("guide_questions.jsonl")
    assert len(questions) >= 150
    assert sum(1 for q in questions if not q["expect"]) >= 30
    codes = {s.code for s in default_catalog().services}
    assert all(set(q["expect"]) <= codes for q in questions)
