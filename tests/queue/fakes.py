"""Shared helpers for domain tests: a settable clock and a centre on the default catalogue."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from onestop.queue.catalog import default_catalog
from onestop.queue.centre import default_centre
from onestop.queue.engine import InMemoryCentre
from onestop.queue.model import Counter
from onestop.queue.rules import Rules

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float = 0, seconds: float = 0) -> datetime:
        self.now += timedelta(minutes=minutes, seconds=seconds)
        return self.now


def hanoi(y: int, mo: int, d: int, h: int = 8, mi: int = 0, s: int = 0) -> datetime:
    """A Hanoi wall-clock time expressed in UTC, as the hub's clock would give it."""
    return datetime(y, mo, d, h, mi, s, tzinfo=HANOI).astimezone(UTC)


def default_counters() -> list[Counter]:
    return [Counter(c.number, c.label_vi, c.label_en, tuple(c.skills), c.fast_lane)
            for c in default_centre().counters]


def make_centre(clock: FakeClock, rules: Rules | None = None, **kw) -> InMemoryCentre:
    """A centre with the default catalogue and counters, all open, and deterministic ids
    (property tests need runs to replay identically)."""
    ids = itertools.count(1)
    kw.setdefault("new_id", lambda: f"t{next(ids):06d}")
    kw.setdefault("new_token", lambda: f"tok{next(ids):06d}")
    centre = InMemoryCentre(default_catalog(), default_counters(), clock, rules or Rules(), **kw)
    centre.open_all()
    return centre
