"""Properties of routing v2 (smart) and wait prediction v2, over generated queues."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.model import Channel, Complexity, Counter, CounterStatus, Kind, Status, Ticket
from onestop.queue.predict import forward, predict_wait
from onestop.queue.routing import AGEING_FACTOR, POLICIES, eligible, line_key, line_order, smart
from onestop.queue.rules import Rules
from tests.clock import hanoi

NOW = hanoi(2026, 11, 23, 10)
GROUPS = ("certification", "civil-status", "land")
RULES = Rules()
BOUND = RULES.ageing_minutes * AGEING_FACTOR


def ticket(i: int, group: str, minutes: float, waited: float, priority: bool,
           complexity: Complexity) -> Ticket:
    issued = NOW - timedelta(minutes=waited)
    return Ticket(id=f"t{i:04d}", token="", day=issued.date(), issued_group=group, seq=i + 1,
                  number=str(i), group=group, service="x", kind=Kind.SUBMIT, count=1,
                  priority="elderly" if priority else None, complexity=complexity,
                  expected_minutes=minutes, channel=Channel.WALK_IN, status=Status.WAITING,
                  issued_at=issued, queued_at=issued)


tickets = st.lists(st.tuples(st.sampled_from(GROUPS), st.floats(1, 60), st.floats(0, 150),
                             st.booleans(), st.sampled_from(list(Complexity))),
                   max_size=40).map(lambda rows: [ticket(i, *r) for i, r in enumerate(rows)])
counters = st.builds(
    lambda skills, streak, fast: Counter(1, "Q1", "C1", tuple(skills), fast, CounterStatus.OPEN,
                                         priority_streak=streak),
    st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True),
    st.integers(0, 4), st.booleans())


def heads(waiting: list[Ticket]) -> list[Ticket]:
    first: dict = {}
    for t in sorted(waiting, key=line_order):
        first.setdefault(line_key(t), t)
    return list(first.values())


@settings(max_examples=300, deadline=None)
@given(tickets, counters)
def test_every_policy_decides_from_line_heads(waiting, counter):
    # What lets the hub show a policy 20 tickets per line and the forecast only one.
    for name, policy in POLICIES.items():
        full = policy(counter, waiting, NOW, RULES)
        assert (full and full.id) == ((h := policy(counter, heads(waiting), NOW, RULES))
                                      and h.id), name


@settings(max_examples=300, deadline=None)
@given(tickets, counters)
def test_smart_serves_someone_and_never_starves(waiting, counter):
    chosen = smart(counter, waiting, NOW, RULES)
    able = [t for t in waiting if eligible(counter, t)]
    assert (chosen is None) == (not able)  # work-conserving
    if chosen is None:
        return
    priority = [t for t in able if t.is_priority]
    regular = [t for t in able if not t.is_priority]
    if priority and (counter.priority_streak < RULES.priority_streak_limit or not regular):
        assert chosen == min(priority, key=line_order)  # priority first, in arrival order
        return
    overdue = [t for t in able if (NOW - t.issued_at).total_seconds() / 60 >= BOUND]
    if overdue:
        assert chosen == min(overdue, key=line_order)  # past the bound: oldest first
    else:
        assert not chosen.is_priority  # the streak bound lets a regular ticket move


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 25), st.integers(1, 4), st.floats(2, 30),
       st.sampled_from(["smart", "fifo", "standard"]))
def test_prediction_is_non_negative_and_grows_with_people_ahead(ahead, n, minutes, name):
    cs = [Counter(i, "Q", "C", ("civil-status",), status=CounterStatus.OPEN)
          for i in range(1, n + 1)]
    line = [ticket(i, "civil-status", minutes, 30 - i * 0.1, False, Complexity.STANDARD)
            for i in range(ahead + 1)]
    new = replace(ticket(999, "civil-status", minutes, 0, False, Complexity.STANDARD))
    policy = POLICIES[name]
    fewer = predict_wait(new, line[:-1], cs, NOW, RULES, policy)
    more = predict_wait(new, line, cs, NOW, RULES, policy)
    assert 0 <= fewer.minutes <= more.minutes
    assert fewer.low <= fewer.minutes <= fewer.high
    assert fewer.people_ahead == ahead and more.people_ahead == ahead + 1


@settings(max_examples=100, deadline=None)
@given(tickets, st.integers(1, 4))
def test_forecast_calls_everyone_a_serving_counter_can_take(waiting, n):
    cs = [Counter(i, "Q", "C", GROUPS, status=CounterStatus.OPEN) for i in range(1, n + 1)]
    called = forward(waiting, cs, NOW, RULES, smart)
    assert set(called) == {t.id for t in waiting}
    assert all(m >= 0 for m in called.values())
