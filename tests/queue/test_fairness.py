"""Registered first, served first (issue 19): with the ward's policies no citizen is called
after a later number of their own series, except behind a priority category, a transfer or a
booking; the statistic that says so, against a brute-force oracle."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.fairness import fairness
from onestop.queue.simulate import simulate
from onestop.queue.staffing import probe
from onestop.queue.wardgen import random_scenario
from tests.clock import hanoi

NINE = hanoi(2026, 3, 2, 9, 0)


def ticket(seq: int, **kw):
    return replace(probe("civil-status", NINE, 5.0), id=f"t{seq}", seq=seq, number=f"B{seq:03d}",
                   issued_group="civil-status", **kw)


def at(minutes: float):
    return NINE + timedelta(minutes=minutes)


def test_a_later_number_called_first_is_an_overtake_with_its_minutes():
    f = fairness([(ticket(1), at(30)), (ticket(2), at(10)), (ticket(3), at(20))])
    assert (f.overtaken, f.minutes_mean, f.minutes_max) == (1, 20.0, 20.0)


def test_priority_transfer_and_booking_are_the_rules_not_overtakes():
    f = fairness([(ticket(1), at(30)), (ticket(2, priority="elderly"), at(10)),
                  (ticket(3), at(40)), (ticket(4, transfers=1), at(35)),
                  (ticket(5), at(50)), (ticket(6, channel="booked"), at(45))])
    assert (f.overtaken, f.by_priority, f.by_transfer, f.by_booking) == (0, 1, 1, 1)


def test_another_series_may_go_first():
    other = replace(ticket(9), issued_group="land", group="land")
    assert fairness([(ticket(1), at(30)), (other, at(10))]).overtaken == 0


def brute_force(outcomes) -> int:
    """Citizens called after a later untransferred walk-in number of their series and of
    their own class (priority or regular)."""
    called = [(o.ticket, o.ticket.called_at) for o in outcomes]
    count = 0
    for a, when_a in called:
        if str(a.channel) == "booked":
            continue
        if any(b.day == a.day and b.issued_group == a.issued_group and b.seq > a.seq
               and when_b < when_a and not b.transfers and str(b.channel) != "booked"
               and b.is_priority == a.is_priority for b, when_b in called):
            count += 1
    return count


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), load=st.floats(0.7, 1.05), policy=st.sampled_from(
    ["smart", "fifo"]))
def test_the_wards_policies_never_overtake_inside_a_series(seed, load, policy):
    report = simulate(random_scenario(seed, load=load, days=1, staffing=True), policy,
                      predict=False)
    assert brute_force(report.outcomes) == 0
    assert report.to_dict()["fairness"]["overtaken"] == 0


def test_sjf_does_overtake_and_both_count_it_alike():
    report = simulate(random_scenario(101, load=0.95, days=2), "sjf", predict=False)
    found = report.to_dict()["fairness"]["overtaken"]
    assert found > 0 and found == brute_force(report.outcomes)
