"""When a deferred dossier's result can be collected (phiếu hẹn).

Rules (Circular 01/2018/TT-VPCP practice, docs/domain.md): a same-day result received before the
cut-off (15:00) is returned the same day at the stated hour; received after it, it moves to the
next working day, and the slip must state that hour and date. A result in N working days is
returned on the N-th working day after receipt, at the morning opening. Working days are the
centre's opening days (public holidays are not modelled yet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from .centre import OpeningHours

SAME_DAY_CUTOFF = time(15, 0)
SAME_DAY_RETURN = time(16, 30)


def working_days(hours: Sequence[OpeningHours]) -> set[int]:
    return {d for h in hours for d in h.days}


def morning_opening(hours: Sequence[OpeningHours], weekday: int) -> time:
    opens = [h.open for h in hours if weekday in h.days]
    return min(opens) if opens else time(8, 0)


def next_working_day(day: datetime, days: set[int]) -> datetime:
    nxt = day + timedelta(days=1)
    for _ in range(14):
        if nxt.weekday() in days:
            return nxt
        nxt += timedelta(days=1)
    raise ValueError("the centre has no working day in its opening hours")


def return_time(received: datetime, result_days: int, hours: Sequence[OpeningHours]) -> datetime:
    """`received` is local time at the centre; the result is local time too."""
    if result_days < 0:
        raise ValueError("result_days must be 0 (same day) or more")
    days = working_days(hours)
    if result_days == 0:
        if received.time() < SAME_DAY_CUTOFF and received.weekday() in days:
            return received.replace(hour=SAME_DAY_RETURN.hour, minute=SAME_DAY_RETURN.minute,
                                    second=0, microsecond=0)
        result_days = 1  # after the cut-off: next working day, hour and date stated
    moment = received
    for _ in range(result_days):
        moment = next_working_day(moment, days)
    opening = morning_opening(hours, moment.weekday())
    return moment.replace(hour=opening.hour, minute=opening.minute, second=0, microsecond=0)
