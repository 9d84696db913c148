"""Hỏi thủ tục: when the best answer is sure enough to show (docs/guide.md, "Confidence").

The thresholds were chosen on the tuned question set and the second development set
(tests/data/guide_questions.jsonl, guide_questions_dev2.jsonl), never on the holdout.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_COVERAGE = 0.58  # of the question's content weight, found in the best answer
MIN_EVIDENCE = 1.2  # idf sum of the content syllables the best answer explains
MIN_FIT = 0.45  # of one text of the best answer (its name, a phrasing, a keyword)
MIN_COVERAGE_EN, MIN_FIT_EN = 0.45, 0.3
CLOSE_FIT, MIN_COVERAGE_CLOSE = 0.7, 0.4  # a text this close needs less of the question
MIN_ANCHOR = 0.8  # idf the question shares with the best answer's name or keywords
# Another agency's matter that names the procedure ("ly hôn" in "Ghi vào sổ hộ tịch việc ly
# hôn ..."): the rest of the question must share this much idf with that name (guide_scope).
NAMED_MATTER_ANCHOR = 3.0
# A long question (a story around the request) that holds one specific text of the answer
# whole (a phrasing or keyword of two words or more, rare enough: guide.MIN_WHOLE_WEIGHT) is
# about it even when the story's words outweigh the text's.
WHOLE_TEXT, MIN_COVERAGE_WHOLE = 0.99, 0.35
# A long, hesitant question (an elderly citizen's story, a relative's circumstances) whose
# words mostly tell the story: enough when one text of the answer fits it fairly, the
# question says most of one specific text of it, and it shares rare words with its name.
MODERATE_COVERAGE, MODERATE_FIT, MODERATE_WHOLE, MODERATE_ANCHOR = 0.3, 0.45, 0.5, 3.0


@dataclass(frozen=True)
class Ranking:
    order: tuple[tuple[int, float], ...]  # (service index, score), best first
    coverage: float  # share of the question's content weight the best answer explains
    evidence: float  # idf sum of the question's syllables the best answer contains
    fit: float = 0.0  # how well one text of the best answer fits the question
    anchor: float = 0.0  # idf the question shares with the best answer's name or keywords
    whole: float = 0.0  # the largest share of one specific text of the best answer asked

    english: bool = False  # most of the question's words are not Vietnamese syllables
    elsewhere: bool = False  # another agency's matter the catalogue does not explain

    @property
    def confident(self) -> bool:
        # English questions meet only the catalogue's English names, fewer words than the
        # Vietnamese texts and phrasings hold: they need less of them.
        if (not self.order or self.evidence < MIN_EVIDENCE or self.anchor < MIN_ANCHOR
                or self.elsewhere):
            return False
        # One text of the answer said nearly as the question says it outweighs the question's
        # other words ("xin giấy xác nhận là con liệt sĩ để nộp cho trường"); see `sure`.
        return self.sure or self.moderate

    @property
    def sure(self) -> bool:
        """Confident without the moderate rule (the question is mostly about the answer)."""
        coverage, fit = (MIN_COVERAGE_EN, MIN_FIT_EN) if self.english else (MIN_COVERAGE,
                                                                              MIN_FIT)
        return (self.coverage >= coverage and self.fit >= fit) or (
            self.coverage >= MIN_COVERAGE_CLOSE and self.fit >= CLOSE_FIT) or (
            self.coverage >= MIN_COVERAGE_WHOLE and self.whole >= WHOLE_TEXT)

    @property
    def moderate(self) -> bool:
        """A long story around a request that one text of the answer fits fairly."""
        return (self.coverage >= MODERATE_COVERAGE and self.fit >= MODERATE_FIT
                and self.whole >= MODERATE_WHOLE and self.anchor >= MODERATE_ANCHOR)
