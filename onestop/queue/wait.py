"""A wait forecast as every surface shows it: the numbers and, from ONE formatter, the words.

`predict.predict_wait` makes the numbers; `wait_words` turns them into the sentence the paper
ticket, the citizen page, the lobby display, reception and the supervisor all print
(docs/simulate.md, "The wait forecast"). The hub sends the words in every answer
(`text_vi`, `text_en`), so no window, page or script formats a wait on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Why a forecast has no minutes (state): every counter closed, or none of the open ones
# serves the ticket's group (or the counter it was transferred to is not open).
OPEN, CLOSED, UNSERVED = "open", "closed", "unserved"

WORDS: dict[str, tuple[str, str]] = {
    CLOSED: ("chưa có quầy mở — chờ trung tâm mở cửa",
             "no counter open yet — waiting for the centre to open"),
    UNSERVED: ("chưa có quầy nào mở cho lĩnh vực này",
               "no counter is open for this field yet"),
    "no_wait": ("gần như không phải chờ", "almost no wait"),
    "about": ("khoảng {a} phút", "about {a} min"),
    "range": ("khoảng {a}–{b} phút", "about {a}–{b} min"),
}
COARSE_ABOVE = 30  # past half an hour the range is shown in steps of 5 minutes


@dataclass(frozen=True)
class WaitEstimate:
    people_ahead: int
    minutes: float | None  # None: no open counter can serve the ticket (see state)
    low: float | None
    high: float | None
    counters: float  # open counters that can serve the ticket
    state: str = OPEN  # OPEN, CLOSED or UNSERVED

    @property
    def text_vi(self) -> str:
        return wait_words(self)[0]

    @property
    def text_en(self) -> str:
        return wait_words(self)[1]

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_vi

    def to_dict(self) -> dict:
        vi, en = wait_words(self)
        return {"people_ahead": self.people_ahead, "minutes": self.minutes,
                "low": self.low, "high": self.high, "counters": self.counters,
                "state": self.state, "text_vi": vi, "text_en": en}


def rounded_range(low: float, high: float) -> tuple[int, int]:
    """Whole minutes, the low end down and the high end up, so the range never claims more
    precision than the forecast has; past COARSE_ABOVE minutes, to multiples of 5."""
    a, b = math.floor(low), math.ceil(high)
    if b > COARSE_ABOVE:
        a, b = 5 * (a // 5), 5 * math.ceil(b / 5)
    return a, b


def wait_words(estimate: WaitEstimate) -> tuple[str, str]:
    """(Vietnamese, English): "khoảng 7–17 phút" / "about 7–17 min"; "gần như không phải
    chờ" when the turn comes within a minute; why there is no forecast when there is none."""
    if estimate.state != OPEN or estimate.low is None or estimate.high is None:
        return WORDS[CLOSED if estimate.state == CLOSED else UNSERVED]
    a, b = rounded_range(estimate.low, estimate.high)
    if b <= 1:
        vi, en = WORDS["no_wait"]
    elif a >= b:
        vi, en = (w.format(a=b) for w in WORDS["about"])
    else:
        vi, en = (w.format(a=a, b=b) for w in WORDS["range"])
    return vi, en
