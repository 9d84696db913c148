"""Scoring Hỏi thủ tục on a question set (tests/data/guide_questions*.jsonl): one place for the
rules the README's figures use, shared by the quality test."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from onestop.queue.catalog import Catalog
from onestop.queue.guide import ask

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> list[dict]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@dataclass
class Figures:
    in_scope: int = 0
    top1: int = 0
    top3: int = 0
    out_of_scope: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def top1_rate(self) -> float:
        return self.share(self.top1, self.in_scope)

    @property
    def top3_rate(self) -> float:
        return self.share(self.top3, self.in_scope)

    @property
    def refusal_rate(self) -> float:
        return self.share(self.refused, self.out_of_scope)

    def line(self, name: str) -> str:
        return (f"{name}: top-1 {self.top1}/{self.in_scope} = {self.top1_rate:.1%}, "
                f"top-3 {self.top3}/{self.in_scope} = {self.top3_rate:.1%}, "
                f"out of scope refused {self.refused}/{self.out_of_scope} = "
                f"{self.refusal_rate:.1%}")


def score(catalog: Catalog, questions: list[dict]) -> Figures:
    """Top-1: the first answer is the expected code (one of them when the question names
    several); top-3: every expected code is among the first three; refused: an out-of-scope
    question (expect []) gets confident false. An unconfident in-scope answer misses both."""
    figures = Figures()
    for item in questions:
        result = ask(catalog, item["q"])
        codes = [a["service"] for a in result["answers"]] if result["confident"] else []
        expect = item["expect"]
        if not expect:
            figures.out_of_scope += 1
            figures.refused += not result["confident"]
            if result["confident"]:
                figures.misses.append(f"answered out of scope: {item['q']!r} -> {codes[:3]}")
            continue
        figures.in_scope += 1
        first = bool(codes) and codes[0] in expect
        three = all(code in codes[:3] for code in expect)
        figures.top1 += first
        figures.top3 += three
        if not (first and three):
            figures.misses.append(f"{item['q']!r}: expected {expect}, got {codes[:3]}")
    return figures
