"""How honest the calling order was: citizens overtaken by a later number of their own series.

Citizens read the numbers of one series (one prefix, e.g. B001, B002, ...) as a promise:
"người đăng ký trước được phục vụ trước" (who registers first is served first, Hanoi's
published rule). A citizen is *overtaken* when a later number of their series is called
before them. Some overtakes are the rules: a priority category (elderly, disabled, ...) goes
ahead of regular numbers, a ticket transferred from another counter keeps its place, and a
booked number stands in line from its slot. The rest are what a citizen would call
favouritism; with the default policy there are none (tests/queue/test_fairness.py).

One function for the simulator's report and the hub's daily figures, so both count the same.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .model import Channel, Ticket


@dataclass(frozen=True)
class Fairness:
    overtaken: int  # citizens overtaken by a later number of their series, not by a rule
    minutes_mean: float  # how long before them the first such later number was called
    minutes_max: float
    by_priority: int  # overtaken only across the priority rule (either way)
    by_transfer: int  # ... by a transferred ticket
    by_booking: int  # ... by a booked number (its place is its slot) or, booked, by others

    def to_dict(self) -> dict:
        return {"overtaken": self.overtaken, "minutes_mean": self.minutes_mean,
                "minutes_max": self.minutes_max, "by_priority": self.by_priority,
                "by_transfer": self.by_transfer, "by_booking": self.by_booking}


def _reason(earlier: Ticket, later: Ticket) -> str | None:
    """Why `later` may go before `earlier` (None: no rule lets it)."""
    if earlier.channel == Channel.BOOKED or later.channel == Channel.BOOKED:
        return "booking"
    if later.transfers or later.assigned_counter is not None:
        return "transfer"
    if later.is_priority != earlier.is_priority:
        # A priority category goes ahead; and after `priority_streak_limit` priority calls
        # in a row a regular number goes next (regular citizens are not held up for ever).
        return "priority"
    return None


def fairness(called: Iterable[tuple[Ticket, datetime]]) -> Fairness:
    """`called`: each ticket with the time it was first called (tickets never called are
    left out: they were not overtaken by a call yet)."""
    series: dict[tuple, list[tuple[int, datetime, Ticket]]] = defaultdict(list)
    for ticket, at in called:
        series[(ticket.day, ticket.issued_group)].append((ticket.seq, at, ticket))
    minutes: list[float] = []
    ruled = {"priority": 0, "transfer": 0, "booking": 0}
    for members in series.values():
        members.sort(key=lambda m: m[0])
        for i, (_, at, ticket) in enumerate(members):
            ahead = [(a, t) for _, a, t in members[i + 1:] if a < at]
            if not ahead:
                continue
            unruled = [a for a, t in ahead if _reason(ticket, t) is None]
            if unruled:
                minutes.append((at - min(unruled)).total_seconds() / 60)
            else:
                first = min(ahead, key=lambda m: m[0])[1]
                ruled[_reason(ticket, first) or "priority"] += 1
    return Fairness(len(minutes), round(statistics.fmean(minutes), 1) if minutes else 0.0,
                    round(max(minutes), 1) if minutes else 0.0, ruled["priority"],
                    ruled["transfer"], ruled["booking"])
