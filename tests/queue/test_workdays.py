"""Due dates against an independent, naive day-by-day counter (issue 17): weekends, Tết 2026,
30/4–1/5, 2/9, the 15:00 rule and paused periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.booking_slots import bundled_holidays
from onestop.queue.workdays import WorkCalendar, due_date, paused_days, start_day

TZ = "Asia/Ho_Chi_Minh"
HANOI = ZoneInfo(TZ)
HOLIDAYS = {date.fromisoformat(h["day"]) for h in bundled_holidays()}
CAL = WorkCalendar.of(HOLIDAYS)


def oracle_due(local: datetime, n: int, paused: int = 0) -> date:
    """Walk the calendar one day at a time, written without the module's helpers: skip days
    that are Saturday, Sunday or listed; the first countable day is the receipt day only if it
    is countable and before 15:00."""
    def countable(d: date) -> bool:
        return d.isoweekday() < 6 and d not in HOLIDAYS

    d = local.date()
    if not (countable(d) and local.hour < 15):
        d += timedelta(days=1)
        while not countable(d):
            d += timedelta(days=1)
    left = n + paused
    while left:
        d += timedelta(days=1)
        if countable(d):
            left -= 1
    return d


def oracle_paused(a: date, b: date) -> int:
    return sum(1 for k in range(1, (b - a).days + 1)
               if (a + timedelta(days=k)).isoweekday() < 6
               and a + timedelta(days=k) not in HOLIDAYS)


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 11, 30))
# Half the draws land near the holidays the issue names, at any minute of the day.
near_holidays = st.builds(
    lambda base, offset, minute: datetime.combine(base + timedelta(days=offset),
                                                  time()) + timedelta(minutes=minute),
    st.sampled_from([date(2026, 2, 13), date(2026, 4, 28), date(2026, 8, 31),
                     date(2027, 2, 3)]),
    st.integers(-3, 8), st.integers(0, 24 * 60 - 1))


@settings(max_examples=400, deadline=None)
@given(st.one_of(moments, near_holidays), st.integers(0, 25), st.integers(0, 10))
def test_due_date_matches_a_day_by_day_count(local, n, paused):
    received = local.replace(tzinfo=HANOI).astimezone(UTC)
    assert due_date(received, n, CAL, TZ, paused) == oracle_due(local, n, paused)
    due = due_date(received, n, CAL, TZ)
    assert CAL.is_working_day(due) and due >= local.date()


@settings(max_examples=300, deadline=None)
@given(st.one_of(moments, near_holidays), st.integers(0, 40), st.integers(0, 23))
def test_paused_days_match_a_day_by_day_count(local, span, hour):
    requested = local.replace(tzinfo=HANOI).astimezone(UTC)
    resumed_local = datetime.combine(local.date() + timedelta(days=span), time(hour))
    resumed = resumed_local.replace(tzinfo=HANOI).astimezone(UTC)
    assert paused_days(requested, resumed, CAL, TZ) == oracle_paused(local.date(),
                                                                     resumed_local.date())


def hanoi(*args) -> datetime:
    return datetime(*args, tzinfo=HANOI).astimezone(UTC)


@pytest.mark.parametrize(("received", "n", "due"), [
    (hanoi(2026, 2, 13, 9), 0, date(2026, 2, 13)),         # Friday before Tết, same day
    (hanoi(2026, 2, 13, 15, 0), 0, date(2026, 2, 23)),     # 15:00 sharp: after Tết
    (hanoi(2026, 2, 13, 14, 59), 3, date(2026, 2, 25)),    # Tết 16-20/2 and weekends skipped
    (hanoi(2026, 4, 29, 10), 1, date(2026, 5, 4)),         # 30/4, 1/5, weekend
    (hanoi(2026, 8, 31, 16), 1, date(2026, 9, 4)),         # after 15:00: from 3/9, +1
    (hanoi(2026, 12, 5, 9), 0, date(2026, 12, 7)),         # Saturday: counts from Monday
])
def test_named_days(received, n, due):
    assert due_date(received, n, CAL, TZ) == due


def test_the_machine_timezone_does_not_matter():
    # 07:30 UTC is 14:30 in Hanoi (before the cut-off), 08:30 UTC is 15:30 (after it).
    assert start_day(datetime(2026, 12, 1, 7, 30, tzinfo=UTC), CAL, TZ) == date(2026, 12, 1)
    assert start_day(datetime(2026, 12, 1, 8, 30, tzinfo=UTC), CAL, TZ) == date(2026, 12, 2)
    with pytest.raises(ValueError):
        start_day(datetime(2026, 12, 1, 8, 30), CAL, TZ)
