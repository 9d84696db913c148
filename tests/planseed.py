"""History for the day plan's tests (issue 19 part 3): ordinary Tuesdays and payout days
issued through a real store with a settable clock."""

from __future__ import annotations

from datetime import date, timedelta

from onestop.queue.operations import IssueRequest
from tests.clock import hanoi

TODAY = date(2026, 12, 7)  # a Monday; the plan is for Tuesday 8 December
TOMORROW = TODAY + timedelta(days=1)
PAYOUT = 10  # the ward pays allowances on the 10th: Thursday 10 December
SOCIAL, CERT = "1.001776", "2.000815"
ORDINARY = {8: {SOCIAL: 30, CERT: 4}, 9: {SOCIAL: 12, CERT: 6}, 14: {CERT: 2}}
PAYOUT_DAY = {8: {SOCIAL: 80}, 9: {SOCIAL: 60}}
SETTINGS = {"payout_days": [PAYOUT], "target_wait_min": 15, "history_weeks": 6,
            "reserves": [{"groups": ["social", "civil-status"], "max_hours": 2,
                          "notice_min": 15}],
            "can_serve": {"1": ["social"], "5": ["social"]}}


def seed(store, clock, day: date, per_hour: dict[int, dict[str, int]]) -> None:
    for hour, services in per_hour.items():
        clock.now = hanoi(day.year, day.month, day.day, hour, 5)
        for service, n in services.items():
            for _ in range(n):
                store.issue(IssueRequest(service))
                clock.now += timedelta(seconds=30)


def seed_history(store, clock) -> None:
    """Three ordinary Tuesdays (a fourth had nothing: a holiday), two payout days; the clock
    left at 16:30 on Monday 7 December."""
    for weeks in (1, 2, 3):
        seed(store, clock, TOMORROW - timedelta(weeks=weeks), ORDINARY)
    seed(store, clock, date(2026, 11, 10), PAYOUT_DAY)  # a payout Tuesday: not like the rest
    seed(store, clock, date(2026, 10, 10), PAYOUT_DAY)
    clock.now = hanoi(2026, 12, 7, 16, 30)
