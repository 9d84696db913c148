"""Closed-loop staffing in the simulator (issue 19): the scenario keys, static as before, and
`suggest` and `plan` cutting the wait on the shipped scenarios and on random ward days."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.catalog import CatalogError
from onestop.queue.scenario import load_scenario_file, parse_scenario
from onestop.queue.simulate import Room, simulate
from onestop.queue.wardgen import random_scenario

ROOT = Path(__file__).parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.json"))
GOLDEN = json.loads((Path(__file__).parent / "data" / "static_golden.json").read_text())


def base(**extra) -> dict:
    return {"name": "t", "open": [["08:00", "12:00"], ["13:00", "17:00"]],
            "arrivals": {"tickets_per_day": 120, "hourly_share": {"8": 0.5, "9": 0.5}},
            "mix": [{"service": "2.000815", "share": 1}],
            "counters": [{"id": 1, "groups": ["certification"]}], **extra}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("policy, recorded", [("sjf", "smart"), ("fifo", "fifo")])
def test_static_gives_what_the_simulator_gave_before_staffing(path, policy, recorded):
    """Recorded from the simulator before issue 19 (commit 132d32b), on the same scenario
    files without the new keys: the keys and --staffing static change nothing. (`sjf` is
    the `smart` of then; today's `smart` keeps each number series in order.)"""
    got = simulate(load_scenario_file(path), policy, days=2, staffing="static").to_dict()
    assert got.pop("staffing")["moves"] == 0
    got.pop("fairness")  # added with issue 19 too
    got["policy"] = recorded
    assert json.loads(json.dumps(got, sort_keys=True)) == GOLDEN[f"{path.stem}:{recorded}"]


@pytest.mark.parametrize("extra, message", [
    ({"reserve": [{"groups": ["nowhere"]}]}, "reserve[0]: groups: group \"nowhere\""),
    ({"reserve": [{"groups": ["land"], "max_hours": 0}]}, "max_hours"),
    ({"reserve": [{"groups": ["land"], "hours": 2}]}, "hours"),
    ({"reserve": {"groups": ["land"]}}, "reserve"),
    ({"surges": [{"group": "land", "from": "09:00", "to": "10:00", "tickets": 5}]},
     "no service in the mix"),
    ({"surges": [{"group": "certification", "from": "11:00", "to": "13:30", "tickets": 5}]},
     "inside one open session"),
])
def test_bad_staffing_keys_are_named(extra, message):
    with pytest.raises(CatalogError) as bad:
        parse_scenario(base(**extra), "day.json")
    assert message in str(bad.value) and "day.json" in str(bad.value)


def test_bad_can_serve_is_named():
    doc = base()
    doc["counters"][0]["can_serve"] = ["land", "land"]
    with pytest.raises(CatalogError, match=r"counters\[0\].*can_serve"):
        parse_scenario(doc, "day.json")


def test_unknown_staffing_mode_is_refused():
    with pytest.raises(Exception, match="staffing"):
        simulate(parse_scenario(base()), "smart", staffing="magic")


def declared_reserve_hours(scenario) -> float:
    return sum(r.max_hours for r in scenario.reserve)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_suggest_and_plan_cut_the_wait_on_the_shipped_scenarios(path):
    scenario = load_scenario_file(path)
    static = simulate(scenario, "smart", days=5, predict=False).to_dict()
    for mode in ("suggest", "plan"):
        got = simulate(scenario, "smart", days=5, predict=False, staffing=mode).to_dict()
        staffing = got["staffing"]
        assert staffing["mode"] == mode and staffing["moves"] > 0
        # The same counters all day; reserves at most their declared hours, exactly: a
        # citizen still at a reserve's desk when its hours end is handed to a regular counter.
        assert all(staffing["counter_hours"][str(c.id)] == 5 * scenario.open_minutes / 60
                   for c in scenario.counters)
        assert staffing["reserve_hours"] <= 5 * declared_reserve_hours(scenario)
        assert got["tickets"] == static["tickets"]
        assert got["wait_min"]["mean"] <= static["wait_min"]["mean"] * 0.85, mode
        assert got["wait_min"]["p95"] <= static["wait_min"]["p95"] * 0.9, mode


SEEDS = range(100, 112)


def random_day(seed: int):
    rng = random.Random(seed)
    return random_scenario(seed, load=rng.uniform(0.7, 1.05), counters=rng.randint(3, 12),
                           days=3, staffing=True)


def ratios(mode: str, policy: str = "smart") -> list[tuple[float, float, float]]:
    out = []
    for seed in SEEDS:
        scenario = random_day(seed)
        static = simulate(scenario, policy, predict=False).to_dict()["wait_min"]
        got = simulate(scenario, policy, predict=False, staffing=mode).to_dict()
        w, hours = got["wait_min"], got["staffing"]["reserve_hours"]
        out.append((w["mean"] / static["mean"], w["p95"] / static["p95"],
                    hours / (3 * declared_reserve_hours(scenario))))
    return out


# What each mode reached on these twelve days (bench/bench_staffing.py prints more days):
# mean ratio median/worst, p95 ratio median/worst. Issue 19's targets are 0.7 and 0.8 a day.
REACHED = {"suggest": (0.57, 0.82, 0.55, 0.82), "plan": (0.50, 0.90, 0.50, 0.96)}


@pytest.mark.parametrize("mode", ["suggest", "plan"])
def test_random_ward_days_wait_less(mode):
    """Twelve random ward days (3-12 counters, load 0.7-1.05, a surge in one group, 1-2
    reserves), what is reached honestly, asserted with a little room: every day waits less
    than with the counters as declared, the median day about 45% less; the targets
    (0.7 x mean, 0.8 x p95 on every day) are met on 10 (suggest) and 11 (plan) of the 12
    days, not on every day (docs/simulate.md)."""
    found = ratios(mode)
    means = [m for m, _, _ in found]
    p95s = [p for _, p, _ in found]
    median_mean, worst_mean, median_p95, worst_p95 = REACHED[mode]
    assert statistics.median(means) <= median_mean + 0.02 and max(means) < 1.0
    assert statistics.median(p95s) <= median_p95 + 0.02 and max(p95s) < 1.0
    # Reserves stay within their declared hours, exactly (no 'last citizen' allowance).
    assert max(h for _, _, h in found) <= 1.0


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), load=st.floats(0.7, 1.05),
       policy=st.sampled_from(["smart", "fifo"]), mode=st.sampled_from(["suggest", "plan"]))
def test_reserves_never_exceed_their_declared_hours(seed, load, policy, mode):
    """Random ward days with 1-2 reserves: each reserve's hours at the front within its
    `max_hours`, exactly, however long the case at its desk when they end (handed over to a
    regular counter); every citizen is still served once, and the static day is not touched."""
    scenario = random_day_with(seed, load)
    got = simulate(scenario, policy, predict=False, staffing=mode).to_dict()
    static = simulate(scenario, policy, predict=False).to_dict()
    staffing = got["staffing"]
    first_reserve = max(c.id for c in scenario.counters) + 1
    for i, reserve in enumerate(scenario.reserve):
        assert staffing["counter_hours"][str(first_reserve + i)] <= reserve.max_hours
    assert staffing["reserve_hours"] <= declared_reserve_hours(scenario)
    assert got["tickets"] == static["tickets"]
    assert got["fairness"]["overtaken"] == 0


def random_day_with(seed: int, load: float):
    return random_scenario(seed, load=load, days=1, staffing=True)


def test_a_citizen_at_a_reserve_whose_hours_end_goes_on_at_a_regular_counter(monkeypatch):
    """On random day 104 a case at a reserve's desk outlasts its hours (drawn at several
    times its expected minutes; the reserve called it with twice the expected minutes and
    RESERVE_BUFFER to spare): the citizen goes to an open regular counter of the group as an
    explicit transfer (first in that counter's line), and nobody is overtaken."""
    handed = []
    original = Room.transfer_to_regular

    def spy(room, number, now_min, regulars):
        ticket = room.current[number]
        original(room, number, now_min, regulars)
        moved = next((t for t in room.queue if t.id == ticket.id), None)
        handed.append((ticket, moved, room.counters[number]))
    monkeypatch.setattr(Room, "transfer_to_regular", spy)
    scenario = random_day(104)
    got = simulate(scenario, "smart", predict=False, staffing="suggest").to_dict()
    assert got["staffing"]["reserve_hours"] <= 3 * declared_reserve_hours(scenario)
    assert got["fairness"]["overtaken"] == 0
    moved = [(t, m, c) for t, m, c in handed if m is not None]
    assert moved, "no citizen was at a reserve's desk when its hours ended"
    for ticket, now_waiting, reserve in moved:
        assert now_waiting.transfers == ticket.transfers + 1
        assert now_waiting.issued_at == ticket.issued_at  # keeps its place in line
        assert now_waiting.assigned_counter is not None
        assert now_waiting.assigned_counter < reserve.number  # a regular counter
        assert reserve.current is None
