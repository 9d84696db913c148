"""Working days and due dates (hạn trả kết quả) of a dossier, docs/dossiers.md.

A working day is a weekday (Monday to Friday) that is not a public holiday of the ward's
calendar. A dossier's clock starts on its *start day*: the local day of receipt when that is a
working day and the receipt is before 15:00, else the next working day (the 15:00 rule of the
one-stop practice). A result in N working days is due on the N-th working day after the start
day; 0 working days means the start day itself. A supplement request stops the clock: every
working day after the request's day up to and including the resume day is a paused day, and
the due date moves by that many working days. All days are local days of the ward's timezone;
the clock is always passed in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CUTOFF = time(15, 0)  # a receipt at or after this local time counts from the next working day
WEEKEND = frozenset({5, 6})  # Saturday, Sunday
_HORIZON = 3660  # days: a calendar with no working day for ten years is a broken calendar


@dataclass(frozen=True)
class WorkCalendar:
    """The ward's calendar: public holidays (city's and the ward's own) over weekends."""

    holidays: frozenset[date] = frozenset()
    weekend: frozenset[int] = WEEKEND

    @classmethod
    def of(cls, holidays: Collection[date | str]) -> WorkCalendar:
        return cls(frozenset(d if isinstance(d, date) else date.fromisoformat(d)
                             for d in holidays))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for step in range(1, _HORIZON):
            candidate = day + timedelta(days=step)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("the calendar has no working day in ten years")

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n = 0: `day` itself)."""
        if n < 0:
            raise ValueError("working days must be 0 or more")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_after(self, first: date, last: date) -> int:
        """How many working days d with first < d <= last (0 when last <= first)."""
        count, day = 0, first
        while day < last:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def local_moment(at: datetime, timezone: str) -> datetime:
    if at.tzinfo is None:
        raise ValueError("an aware datetime is needed (the hub's clock is UTC)")
    return at.astimezone(ZoneInfo(timezone))


def start_day(received_at: datetime, calendar: WorkCalendar, timezone: str) -> date:
    """The day the dossier's clock starts: the receipt's local day if it is a working day and
    the receipt is before 15:00, else the next working day."""
    local = local_moment(received_at, timezone)
    day = local.date()
    if calendar.is_working_day(day) and local.time() < CUTOFF:
        return day
    return calendar.next_working_day(day)


def due_date(received_at: datetime, working_days: int, calendar: WorkCalendar, timezone: str,
             paused_working_days: int = 0) -> date:
    """The due date of a dossier received at `received_at` (aware) whose procedure takes
    `working_days`, with the clock stopped for `paused_working_days` so far."""
    return calendar.add_working_days(start_day(received_at, calendar, timezone),
                                     working_days + paused_working_days)


def paused_days(requested_at: datetime, resumed_at: datetime, calendar: WorkCalendar,
                timezone: str) -> int:
    """Working days a supplement request stopped the clock: those after the request's local
    day up to and including the resume's local day (a same-day resume pauses nothing)."""
    return calendar.working_days_after(local_moment(requested_at, timezone).date(),
                                       local_moment(resumed_at, timezone).date())
