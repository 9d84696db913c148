"""The day plan's promises as properties (issue 19 part 3), each against an oracle of its own:
the planner moves a counter only to fields it may serve, keeps each reserve within its hours,
fields and one stretch, reports the reserve hours it plans, is never worse than leaving the
counters as they are, and calls nobody when the target is met without; the history days and
mean arrivals of queue/arrivals.py against a day-by-day scan."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.arrivals import history_days, mean_arrivals
from onestop.queue.dayplan import Demand, Reserve, StaffCounter, plan_day

GROUPS = ("a", "b", "c")
HOURS = (8, 9, 10, 11, 13, 14)


@st.composite
def ward_days(draw):
    counters = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        own = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2, unique=True))
        extra = draw(st.lists(st.sampled_from(GROUPS), max_size=2, unique=True))
        counters.append(StaffCounter(number, tuple(own), tuple(g for g in extra if g not in own)))
    reserves = [Reserve(tuple(draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2,
                                            unique=True))),
                        draw(st.sampled_from([0.5, 1, 1.5, 2, 3])))
                for _ in range(draw(st.integers(0, 2)))]
    demand = {h: {g: Demand(draw(st.floats(0, 12)), draw(st.floats(3, 25)))
                  for g in draw(st.lists(st.sampled_from(GROUPS), max_size=3, unique=True))}
              for h in HOURS}
    minutes = {h: draw(st.sampled_from([30.0, 60.0])) for h in HOURS}
    return counters, reserves, demand, minutes, draw(st.floats(1, 40))


@settings(max_examples=60, deadline=None)
@given(ward_days())
def test_the_plan_keeps_to_what_each_counter_and_reserve_may_do(day):
    counters, reserves, demand, minutes, target = day
    plan = plan_day(demand, counters, reserves, open_minutes=minutes, target_wait=target)
    by_number = {c.number: c for c in counters}
    for h in plan.hours:
        numbers = {n for n in plan.skills[h] if n > 0}
        assert numbers == set(by_number)  # every counter at the front all day
        for number, skills in plan.skills[h].items():
            if number > 0:
                c = by_number[number]
                allowed = set(c.groups) | set(c.can_serve)
                assert skills[0] in allowed and set(skills) <= allowed
                assert set(c.groups) <= set(skills)  # a move adds a field first, drops none
            else:
                assert set(skills) <= set(reserves[-1 - number].groups)
    seen_hours = 0.0
    for p in plan.reserves:
        r = reserves[p.reserve]
        window = [h for h in plan.hours if p.start <= h < p.end]
        assert window == list(range(p.start, p.end))  # one stretch of open hours
        used = sum(minutes[h] for h in window)
        assert used <= r.max_hours * 60 + 1e-6
        seen_hours += used / 60
    assert len({p.reserve for p in plan.reserves}) == len(plan.reserves)
    counted = sum(minutes[h] for h in plan.hours for n in plan.skills[h] if n < 0) / 60
    assert abs(plan.reserve_hours - seen_hours) < 1e-9 and abs(counted - seen_hours) < 1e-9
    assert plan.expected_wait <= plan.static_wait + 1e-9


@settings(max_examples=40, deadline=None)
@given(ward_days())
def test_nobody_is_called_when_the_counters_reach_the_target(day):
    counters, reserves, demand, minutes, _ = day
    alone = plan_day(demand, counters, (), open_minutes=minutes, target_wait=0)
    plan = plan_day(demand, counters, reserves, open_minutes=minutes,
                    target_wait=alone.expected_wait + 1e-6)
    assert plan.reserves == ()


def scan(day: date, weeks: int, payout: set[int]) -> list[date]:
    """The oracle: walk back one day at a time and keep what the rule says."""
    out, d = [], day
    if day.day in payout:
        for _ in range(200):
            d -= timedelta(days=1)
            if d.day in payout and len(out) < weeks:
                out.append(d)
        return out
    for _ in range(weeks * 3 * 7):
        d -= timedelta(days=1)
        if d.weekday() == day.weekday() and d.day not in payout and len(out) < weeks:
            out.append(d)
    return out


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2024, 1, 1), date(2030, 12, 31)), st.integers(1, 10),
       st.sets(st.integers(1, 31), max_size=4))
def test_history_days_against_a_day_by_day_scan(day, weeks, payout):
    assert history_days(day, weeks, payout) == scan(day, weeks, payout)


@given(st.dictionaries(st.dates(date(2026, 1, 1), date(2026, 1, 20)),
                       st.dictionaries(st.tuples(st.integers(7, 17), st.sampled_from(GROUPS)),
                                       st.integers(0, 30), max_size=6), max_size=6))
def test_mean_arrivals_leave_out_the_days_that_issued_nothing(counts):
    days = sorted(counts)
    means, used = mean_arrivals(counts, days)
    assert used == [d for d in days if sum(counts[d].values())]
    for h, per in means.items():
        for g, value in per.items():
            assert abs(value * len(used) - sum(counts[d].get((h, g), 0) for d in used)) < 1e-9
