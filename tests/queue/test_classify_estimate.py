"""Classification (service x kind x count + observations) and the wait forecast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.catalog import default_catalog
from onestop.queue.classify import Observed, classify
from onestop.queue.errors import InvalidRequest
from onestop.queue.model import (
    Channel,
    Complexity,
    Counter,
    CounterStatus,
    Kind,
    Status,
    Ticket,
)
from onestop.queue.predict import predict_wait
from onestop.queue.routing import smart
from onestop.queue.rules import Rules
from onestop.queue.wait import CLOSED, UNSERVED

CAT = default_catalog()
RULES = Rules()
ORDER = [Complexity.QUICK, Complexity.STANDARD, Complexity.COMPLEX]


def test_collecting_a_result_is_quick_whatever_the_procedure():
    for service in CAT.services:
        c = classify(service, Kind.COLLECT, 1, RULES)
        assert c.complexity == Complexity.QUICK and c.expected_minutes == RULES.collect_minutes


def test_catalogue_defaults_for_a_single_submission():
    assert classify(CAT.service("1.001193"), Kind.SUBMIT, 1, RULES).complexity == "quick"
    assert classify(CAT.service("1.000894"), Kind.SUBMIT, 1, RULES).complexity == "standard"
    land = classify(CAT.service("1.013831"), Kind.SUBMIT, 1, RULES)
    assert land.complexity == "complex" and land.expected_minutes == 25


def test_many_pages_to_certify_is_not_quick():
    copy = CAT.service("2.000815")
    assert classify(copy, Kind.SUBMIT, 5, RULES).complexity == "quick"
    many = classify(copy, Kind.SUBMIT, 60, RULES)
    assert many.complexity == "standard" and many.expected_minutes == pytest.approx(4 + 59 * 0.2)
    assert classify(copy, Kind.SUBMIT, 200, RULES).complexity == "complex"


def test_observed_times_pull_the_estimate():
    birth = CAT.service("1.001193")
    prior = classify(birth, Kind.SUBMIT, 1, RULES).expected_minutes
    few = classify(birth, Kind.SUBMIT, 1, RULES, Observed(20.0, 1)).expected_minutes
    many = classify(birth, Kind.SUBMIT, 1, RULES, Observed(20.0, 500)).expected_minutes
    assert prior < few < many < 20.0 and many == pytest.approx(20.0, abs=0.3)
    assert classify(birth, Kind.SUBMIT, 1, RULES, Observed(20.0, 500)).complexity == "standard"


@settings(deadline=timedelta(seconds=2))  # the default 200 ms fails on a loaded machine
@given(code=st.sampled_from([s.code for s in CAT.services]), kind=st.sampled_from(list(Kind)),
       count=st.integers(1, RULES.max_count))
def test_classification_is_monotone_in_count(code, kind, count):
    service = CAT.service(code)
    a = classify(service, kind, count, RULES)
    b = classify(service, kind, min(count + 10, RULES.max_count), RULES)
    assert a.expected_minutes <= b.expected_minutes
    assert ORDER.index(a.complexity) <= ORDER.index(b.complexity)
    if kind in (Kind.COLLECT, Kind.GUIDANCE):
        assert a.complexity == Complexity.QUICK


@pytest.mark.parametrize("count", [0, -1, 501, True, 2.5, "3"])
def test_bad_counts_are_refused(count):
    with pytest.raises(InvalidRequest):
        classify(CAT.service("2.000815"), Kind.SUBMIT, count, RULES)


def _waiting(group: str, n: int, minutes: float, priority_every: int = 0) -> list[Ticket]:
    now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    return [Ticket(f"t{i}", f"k{i}", now.date(), group, i + 1, str(i), group, "x", Kind.SUBMIT, 1,
                   "elderly" if priority_every and i % priority_every == 0 else None,
                   Complexity.QUICK, minutes, Channel.WALK_IN, Status.WAITING, now, now)
            for i in range(n)]


def _newcomer(group: str, priority: str | None = None, minutes: float = 10.0) -> Ticket:
    now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    return Ticket("new", "new", now.date(), group, 999, "999", group, "x", Kind.SUBMIT, 1,
                  priority, Complexity.QUICK, minutes, Channel.WALK_IN, Status.WAITING, now, now)


def _forecast(ticket: Ticket, waiting: list[Ticket], counters: list[Counter]):
    return predict_wait(ticket, waiting, counters, ticket.issued_at, RULES, smart)


def test_forecast_uses_open_counters_and_secondary_skills():
    counters = [Counter(1, "1", "1", ("land",), status=CounterStatus.OPEN),
                Counter(2, "2", "2", ("business", "land"), status=CounterStatus.OPEN),
                Counter(3, "3", "3", ("land",), status=CounterStatus.CLOSED)]
    est = _forecast(_newcomer("land"), _waiting("land", 6, 10.0), counters)
    # Counter 2 has no business waiting, so both open counters call land: 3 rounds of 10 min.
    assert est.people_ahead == 6 and est.counters == 2
    assert est.minutes == pytest.approx(30.0)
    assert est.low < est.minutes < est.high
    # No counter open: no minutes, and says why; the people ahead are still counted.
    closed = [Counter(c.number, "", "", c.skills) for c in counters]
    shut = _forecast(_newcomer("land"), _waiting("land", 6, 10.0), closed)
    assert (shut.state, shut.minutes, shut.people_ahead) == (CLOSED, None, 6)
    unserved = _forecast(_newcomer("social"), [], counters)
    assert (unserved.state, unserved.minutes) == (UNSERVED, None)


def test_priority_ticket_is_behind_priority_tickets_only():
    counters = [Counter(1, "1", "1", ("land",), status=CounterStatus.OPEN)]
    waiting = _waiting("land", 9, 5.0, priority_every=3)
    # Three priority tickets wait; after three priority calls in a row a regular one goes
    # (rules.priority_streak_limit), then the newcomer: the policy's own order.
    assert _forecast(_newcomer("land", "elderly"), waiting, counters).people_ahead == 4
    assert _forecast(_newcomer("land"), waiting, counters).people_ahead == 9
