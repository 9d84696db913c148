"""Statistics of a service day, from its tickets: what the daily report and the supervisor
show. Waits run from issue to the first call; service from start (or call) to done."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .booking import on_time
from .fairness import Fairness, fairness
from .model import Channel, Status, Ticket


@dataclass(frozen=True)
class Spread:
    """Minutes: count, mean, 90th percentile, longest."""

    n: int = 0
    mean: float | None = None
    p90: float | None = None
    longest: float | None = None

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        xs = sorted(values)
        if not xs:
            return cls()
        rank = max(0, math.ceil(0.9 * len(xs)) - 1)  # nearest-rank percentile
        return cls(len(xs), round(sum(xs) / len(xs), 1), round(xs[rank], 1), round(xs[-1], 1))


@dataclass(frozen=True)
class DayStats:
    day: date
    issued: int
    served: int
    no_show: int
    cancelled: int
    transferred: int
    waiting_left: int
    by_hour_group: dict[int, dict[str, int]]  # local hour -> group -> tickets issued
    wait_by_group: dict[str, Spread]
    service_by_group: dict[str, Spread]
    service_by_counter: dict[int, Spread]
    service_by_officer: dict[str, Spread]
    wait_all: Spread
    ratings: dict[int, int]  # level -> count
    ratings_by_officer: dict[str, dict[int, int]] = field(default_factory=dict)
    no_show_by_group: dict[str, int] = field(default_factory=dict)
    # Booked numbers (issue 16): tickets checked in from a booking, how many of them were
    # called within 15 minutes of their place in line (the later of the slot's start and the
    # check-in: booking.on_time), and the bookings released because nobody came.
    booked: int = 0
    booked_called: int = 0
    booked_on_time: int = 0
    booking_no_shows: int = 0
    # Issue 19: citizens called after a later number of their own series (queue/fairness.py).
    fairness: Fairness | None = None

    def booked_share(self) -> float | None:
        """Percent of the day's numbers that were booked."""
        return round(100 * self.booked / self.issued, 1) if self.issued else None

    def on_time_share(self) -> float | None:
        """Percent of the booked numbers called that were called on time."""
        return round(100 * self.booked_on_time / self.booked_called, 1) \
            if self.booked_called else None

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    def mean_rating(self) -> float | None:
        """The mean score on the 3-point scale (rất hài lòng 3, hài lòng 2, không hài lòng 1),
        as central's dashboard shows it ("Điểm hài lòng TB (thang 3)")."""
        if not self.rated:
            return None
        return sum(level * n for level, n in self.ratings.items()) / self.rated

    def satisfaction(self, scale: int = 3) -> float | None:
        """Share of ratings at the two upper levels (rất hài lòng + hài lòng on a 3 scale)."""
        if not self.rated:
            return None
        good = sum(n for level, n in self.ratings.items() if level >= scale - 1)
        return round(100 * good / self.rated, 1)

    def rating_share(self, level: int) -> float | None:
        """Percentage of the day's ratings at `level` (the report's satisfaction table)."""
        if not self.rated:
            return None
        return round(100 * self.ratings.get(level, 0) / self.rated, 1)


def wait_minutes(t: Ticket) -> float | None:
    return (t.called_at - t.issued_at).total_seconds() / 60 if t.called_at else None


def service_minutes(t: Ticket) -> float | None:
    if t.status != Status.DONE or t.finished_at is None:
        return None
    start = t.started_at or t.called_at
    return (t.finished_at - start).total_seconds() / 60 if start else None


def _group_spreads(tickets: Sequence[Ticket], key: Callable[[Ticket], object],
                   measure: Callable[[Ticket], float | None]) -> dict:
    values: dict = defaultdict(list)
    for t in tickets:
        m = measure(t)
        k = key(t)
        if m is not None and k is not None:
            values[k].append(m)
    return {k: Spread.of(v) for k, v in sorted(values.items(), key=lambda kv: str(kv[0]))}


def day_stats(day: date, tickets: Sequence[Ticket], timezone: str,
              booking_no_shows: int = 0) -> DayStats:
    """`booking_no_shows`: the day's bookings released (nobody checked them in in time)."""
    tz = ZoneInfo(timezone)
    booked = [t for t in tickets if t.channel == Channel.BOOKED]
    by_hour: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t in tickets:
        by_hour[t.issued_at.astimezone(tz).hour][t.issued_group] += 1
    ratings = Counter(t.rating for t in tickets if t.rating is not None)
    by_officer: dict[str, Counter] = defaultdict(Counter)
    for t in tickets:
        if t.rating is not None and t.officer:
            by_officer[t.officer][t.rating] += 1
    return DayStats(
        day=day,
        issued=len(tickets),
        served=sum(t.status == Status.DONE for t in tickets),
        no_show=sum(t.status == Status.NO_SHOW for t in tickets),
        cancelled=sum(t.status == Status.CANCELLED for t in tickets),
        transferred=sum(t.transfers > 0 for t in tickets),
        waiting_left=sum(t.status == Status.WAITING for t in tickets),
        by_hour_group={h: dict(g) for h, g in sorted(by_hour.items())},
        wait_by_group=_group_spreads(tickets, lambda t: t.group, wait_minutes),
        service_by_group=_group_spreads(tickets, lambda t: t.group, service_minutes),
        service_by_counter=_group_spreads(tickets, lambda t: t.counter, service_minutes),
        service_by_officer=_group_spreads(tickets, lambda t: t.officer, service_minutes),
        wait_all=Spread.of(m for t in tickets if (m := wait_minutes(t)) is not None),
        ratings=dict(sorted(ratings.items())),
        ratings_by_officer={o: dict(sorted(c.items())) for o, c in sorted(by_officer.items())},
        no_show_by_group=dict(Counter(t.group for t in tickets if t.status == Status.NO_SHOW)),
        booked=len(booked),
        booked_called=sum(t.called_at is not None for t in booked),
        # issued_at of a booked number is its place in line (operations.issue placed_at)
        booked_on_time=sum(on_time(t.issued_at, t.called_at) for t in booked),
        booking_no_shows=booking_no_shows,
        fairness=fairness((t, t.called_at) for t in tickets if t.called_at is not None),
    )


def local_hour(moment: datetime, timezone: str) -> int:
    return moment.astimezone(ZoneInfo(timezone)).hour
