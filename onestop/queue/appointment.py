"""The hour a result can be collected, for the receipt's "Thời gian trả kết quả" line.

The day is the dossier's due date (queue/workdays.py, counted once by the hub); the form also
asks for an hour: a same-day result (due on the day of receipt) from 16:30, any other from the
centre's morning opening of the due day (docs/dossiers.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from .centre import OpeningHours

SAME_DAY_RETURN = time(16, 30)
DEFAULT_OPENING = time(8, 0)


def morning_opening(hours: Sequence[OpeningHours], weekday: int) -> time:
    opens = [h.open for h in hours if weekday in h.days]
    return min(opens) if opens else DEFAULT_OPENING


def collect_at(due: date, received_local: datetime, hours: Sequence[OpeningHours]) -> datetime:
    """Local wall-clock time from which the result of a dossier due on `due` is handed over."""
    if due == received_local.date():
        return datetime.combine(due, SAME_DAY_RETURN)
    return datetime.combine(due, morning_opening(hours, due.weekday()))
