"""Ticket numbers: one sequence per group per service day, the day being local to the centre.

The service day is computed in the centre's timezone whatever the machine's timezone, so a hub
on a UTC server still resets at midnight in Hanoi. Numbers are never reused within a day:
the store keeps the last sequence per (day, group) and only ever moves it forward.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from .catalog import Group
from .errors import DomainError


@lru_cache(maxsize=16)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def service_day(now: datetime, timezone: str) -> date:
    """The centre's calendar day at `now` (which must carry its offset)."""
    if now.tzinfo is None:
        raise ValueError("service_day needs an aware datetime (UTC or local with offset)")
    return now.astimezone(zone(timezone)).date()


def format_number(group: Group, seq: int) -> str:
    """The number people see: prefix, then start + seq - 1 padded to the group's digits."""
    return f"{group.prefix}{group.start + seq - 1:0{group.digits}d}"


def next_seq(group: Group, last_seq: int) -> int:
    """The sequence after `last_seq` (0 when the group has issued nothing today)."""
    seq = last_seq + 1
    if group.end is not None and group.start + seq - 1 > group.end:
        raise DomainError(
            "number_range_exhausted",
            f"group {group.id} has used all numbers {group.start}-{group.end} today",
            f"Lĩnh vực {group.name_vi} đã dùng hết dãy số {group.start}-{group.end} trong ngày",
            group=group.id,
        )
    return seq


def spoken_digits(number: str) -> list[str]:
    """Split a number into the units an announcer reads: the prefix letters, then digit by digit.

    "A023" -> ["A", "0", "2", "3"]; many Vietnamese systems read numbers digit by digit.
    """
    return [ch for ch in number if not ch.isspace()]
