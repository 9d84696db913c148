"""Return dates on appointment slips: the 15:00 rule and working days."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.appointment import return_time
from onestop.queue.centre import default_centre

HOURS = default_centre().hours


def test_same_day_before_and_after_three_pm():
    assert return_time(datetime(2026, 11, 25, 10, 5), 0, HOURS) == datetime(2026, 11, 25, 16, 30)
    # Received at 15:20 on a Wednesday: next working day, hour stated.
    assert return_time(datetime(2026, 11, 25, 15, 20), 0, HOURS) == datetime(2026, 11, 26, 8, 0)
    # Friday after 15:00 -> Monday morning.
    assert return_time(datetime(2026, 11, 27, 16, 0), 0, HOURS) == datetime(2026, 11, 30, 8, 0)


def test_working_days_skip_the_weekend():
    assert return_time(datetime(2026, 11, 26, 9, 0), 3, HOURS) == datetime(2026, 12, 1, 8, 0)
    with pytest.raises(ValueError):
        return_time(datetime(2026, 11, 26, 9, 0), -1, HOURS)


@settings(deadline=timedelta(seconds=2))  # the default 200 ms fails on a loaded machine
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
       st.integers(0, 20))
def test_return_is_later_and_on_a_working_day(received, days):
    back = return_time(received, days, HOURS)
    assert back > received and back.weekday() < 5
    assert back.time() >= datetime(2000, 1, 1, 8).time()
