"""Staffing suggestions over a real in-memory centre: a long queue gets a counter that helps,
a short one gets nothing, a group nobody serves gets a counter opened, and a suggestion never
makes the room as a whole wait longer."""

from __future__ import annotations

from onestop.queue.catalog import default_catalog
from onestop.queue.engine import InMemoryCentre
from onestop.queue.model import Counter, CounterStatus
from onestop.queue.operations import IssueRequest
from onestop.queue.routing import smart
from onestop.queue.staffing import suggest
from tests.clock import FakeClock, hanoi

COUNTERS = [Counter(1, "Quầy 1", "Counter 1", ("certification", "civil-status"), True),
            Counter(2, "Quầy 2", "Counter 2", ("civil-status", "social")),
            Counter(3, "Quầy 3", "Counter 3", ("land", "construction")),
            Counter(4, "Quầy 4", "Counter 4", ("land", "certification")),
            Counter(5, "Quầy 5", "Counter 5", ("general", "social"))]


def centre(open_numbers=(1, 2, 3, 4)) -> InMemoryCentre:
    clock = FakeClock(hanoi(2026, 3, 2, 9, 0))
    c = InMemoryCentre(default_catalog(), COUNTERS, clock, policy=smart)
    for n in open_numbers:
        c.set_counter_status(n, CounterStatus.OPEN)
    return c


def suggestions(c: InMemoryCentre):
    return suggest(c.waiting(), list(c.counters.values()), c.clock(), c.rules, smart)


def test_a_long_land_queue_gets_help_from_a_counter_that_does_not_serve_land():
    """40 land dossiers issued in the same minute (a bus of applicants): only counters 3 and
    4 serve land. Newcomers stand behind all of them, so the group's wait is hours."""
    c = centre()
    for _ in range(40):
        c.issue(IssueRequest("1.013831"))
    found = suggestions(c)
    land = [s for s in found if s.group == "land"]
    assert len(land) == 1
    s = land[0]
    assert s.counter not in (3, 4) and s.action == "add_skill"
    assert s.before > 120 and s.after <= s.before * 0.8


def test_a_short_queue_gets_no_suggestion():
    c = centre()
    for _ in range(2):
        c.issue(IssueRequest("1.001193"))
    assert suggestions(c) == []


def test_a_group_nobody_serves_gets_a_counter_opened():
    c = centre()
    for _ in range(6):
        c.issue(IssueRequest("local.result", "collect"))
    found = [s for s in suggestions(c) if s.group == "general"]
    assert found and found[0].counter == 5 and found[0].action == "open"
    assert found[0].before == float("inf") and found[0].after < 60
