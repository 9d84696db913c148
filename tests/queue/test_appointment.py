"""The hour on the receipt's "Thời gian trả kết quả" line (the day is the due date)."""

from __future__ import annotations

from datetime import date, datetime

from onestop.queue.appointment import collect_at
from onestop.queue.centre import default_centre

HOURS = default_centre().hours


def test_same_day_from_half_past_four_else_the_morning_opening():
    assert collect_at(date(2026, 11, 25), datetime(2026, 11, 25, 10, 5), HOURS) == \
        datetime(2026, 11, 25, 16, 30)
    opening = collect_at(date(2026, 11, 30), datetime(2026, 11, 25, 15, 20), HOURS)
    assert opening.date() == date(2026, 11, 30) and opening.hour in (7, 8)
