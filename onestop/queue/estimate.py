"""Wait estimate v1 for a new ticket: people ahead and expected minutes, as a range.

Work ahead (expected counter minutes of the tickets that will be called first) divided by the
capacity of the counters serving the group: a counter whose primary skill is the group gives
a full counter, one that has it as its k-th skill gives 1/k (it turns to the group only when
its earlier groups are empty). Even a perfect model spreads about 1/sqrt(n+1) of the mean with
n people ahead (DOMAIN.md), so the estimate is shown as a range, never a single minute.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Counter, CounterStatus, Status, Ticket


@dataclass(frozen=True)
class WaitEstimate:
    people_ahead: int
    minutes: float | None  # None: no counter serves the group
    low: float | None
    high: float | None
    counters: float  # serving capacity in counter-equivalents

    def to_dict(self) -> dict:
        return {"people_ahead": self.people_ahead, "minutes": self.minutes,
                "low": self.low, "high": self.high, "counters": self.counters}


def capacity_for(group: str, counters: Sequence[Counter]) -> float:
    """Counter-equivalents serving `group`: open counters, or when none is open yet (before
    opening hours) every counter that has the skill, so the morning's first tickets still get
    an estimate."""
    def weight(pool: Sequence[Counter]) -> float:
        return sum(1 / (c.skills.index(group) + 1) for c in pool if group in c.skills)

    open_now = [c for c in counters if c.status != CounterStatus.CLOSED]
    return weight(open_now) or weight(counters)


def ahead_of(group: str, priority: bool, waiting: Sequence[Ticket]) -> list[Ticket]:
    """Tickets that a new ticket of `group` will follow: everyone waiting in the group; for a
    priority ticket only the priority tickets already waiting."""
    return [t for t in waiting if t.status == Status.WAITING and t.group == group
            and t.assigned_counter is None and (t.is_priority or not priority)]


def estimate_wait(group: str, priority: bool, waiting: Sequence[Ticket],
                  counters: Sequence[Counter]) -> WaitEstimate:
    ahead = ahead_of(group, priority, waiting)
    return estimate_from_work(len(ahead), sum(t.expected_minutes for t in ahead),
                              capacity_for(group, counters))


def estimate_from_work(people_ahead: int, work_minutes: float, capacity: float) -> WaitEstimate:
    """The estimate from totals (the store computes them in SQL on a long queue)."""
    if capacity <= 0:
        return WaitEstimate(people_ahead, None, None, None, 0.0)
    minutes = work_minutes / capacity
    spread = minutes / math.sqrt(people_ahead + 1)
    return WaitEstimate(
        people_ahead=people_ahead,
        minutes=round(minutes, 1),
        low=round(max(0.0, minutes - spread), 1),
        high=round(minutes + spread, 1),
        counters=round(capacity, 2),
    )
