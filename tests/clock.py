"""A settable clock for tests: the domain and the store take the clock as a function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

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
