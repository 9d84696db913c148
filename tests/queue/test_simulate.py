"""The simulator against queueing theory, the shipped scenarios and random ward days."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from onestop.queue.catalog import CatalogError
from onestop.queue.erlang import erlang_c, mean_wait
from onestop.queue.rules import Rules
from onestop.queue.scenario import load_scenario_file, parse_scenario
from onestop.queue.simulate import draw_citizens, simulate
from onestop.queue.wardgen import random_scenario

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.json"))
SERVICE = 10.0  # minutes


def mmc(c: int, rho: float, days: int, seed: int = 1):
    return parse_scenario({
        "name": f"mm{c}", "seed": seed, "days": days, "open": [["00:00", "23:59"]],
        "arrivals": {"process": "poisson", "rate_per_hour": rho * c / SERVICE * 60},
        "mix": [{"service": "1.004873", "share": 1, "minutes": SERVICE}],
        "service_time": {"distribution": "exponential"},
        "counters": [{"id": i + 1, "groups": ["civil-status"]} for i in range(c)]})


def fcfs_waits(citizens, c: int) -> list[float]:
    """Kiefer-Wolfowitz recursion: the exact waits of a FCFS queue with c servers."""
    free = [0.0] * c  # when each server frees up, sorted
    waits = []
    for who in citizens:
        start = max(free[0], who.at)
        waits.append(start - who.at)
        free[0] = start + who.true_minutes
        free.sort()
    return waits


CASES = [(2, 0.7), (3, 0.8), (4, 0.9)]


def single_fast_server_waits(citizens, c: int) -> list[float]:
    """Lindley recursion: the same citizens at ONE counter c times as fast. Its mean wait is
    known exactly (M/M/1) and moves with the c-counter queue's, day by day: the control
    variate that makes a few simulated weeks as precise as years."""
    w, out = 0.0, []
    for prev, who in zip([None, *citizens], citizens, strict=False):
        if prev is not None:
            w = max(0.0, w + prev.true_minutes / c - (who.at - prev.at))
        out.append(w)
    return out


def citizens_of(scenario, days: int, seed: int):
    return [w for d in range(days) for w in draw_citizens(scenario, _cat(), Rules(), d, seed)]


def test_erlang_c_formula():
    assert erlang_c(0.14, 10, 2) == pytest.approx(0.5765, abs=1e-4)  # 2 counters, 70% load
    assert mean_wait(0.14, 10, 2) == pytest.approx(9.608, abs=1e-3)
    # docs/domain.md: at 80% load two pooled counters wait 1.78 mean service times.
    assert mean_wait(0.16, 10, 2) / 10 == pytest.approx(1.78, abs=0.01)


@pytest.mark.parametrize(("c", "rho"), CASES)
def test_simulated_waits_are_exactly_the_fcfs_queue(c, rho):
    # Same random numbers: the simulator driving the real domain gives every citizen the wait
    # of the textbook FCFS recursion (Kiefer-Wolfowitz), to rounding.
    scenario = mmc(c, rho, days=4)
    report = simulate(scenario, "fifo", predict=False)
    expected = fcfs_waits(citizens_of(scenario, 4, 1), c)
    got = sorted(report.outcomes, key=lambda o: o.ticket.issued_at)
    assert len(got) == len(expected) > 800
    assert max(abs(o.wait - w) for o, w in zip(got, expected, strict=True)) < 1e-6


@pytest.mark.parametrize(("c", "rho"), CASES)
def test_simulated_mean_wait_matches_erlang_c(c, rho):
    # About 12,000 citizens per case. A plain mean would be +-10% at 90% load (waits are
    # correlated for hours); the control variate brings its standard error under 1.5%.
    lam = rho * c / SERVICE
    days = round(12_000 / (lam * 1439))
    scenario = mmc(c, rho, days=days, seed=3)
    waits = [o.wait for o in sorted(simulate(scenario, "fifo", predict=False).outcomes,
                                    key=lambda o: o.ticket.issued_at)]
    control = single_fast_server_waits(citizens_of(scenario, days, 3), c)
    known = rho / (1 - rho) * SERVICE / c  # M/M/1 mean wait of the fast single counter
    k = 40
    size = len(waits) // k
    bw = [statistics.fmean(waits[i * size:(i + 1) * size]) for i in range(k)]
    bc = [statistics.fmean(control[i * size:(i + 1) * size]) for i in range(k)]
    beta = statistics.covariance(bw, bc) / statistics.variance(bc)
    adjusted = [w - beta * (x - known) for w, x in zip(bw, bc, strict=True)]
    estimate = statistics.fmean(adjusted)
    theory = mean_wait(lam, SERVICE, c)
    assert statistics.stdev(adjusted) / k ** 0.5 < 0.015 * theory
    assert estimate == pytest.approx(theory, rel=0.05)


def _cat():
    from onestop.queue.catalog import default_catalog
    return default_catalog()


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_smart_beats_fifo_on_the_shipped_scenarios(path):
    scenario = load_scenario_file(path)
    fifo = simulate(scenario, "fifo", days=8).to_dict()
    smart = simulate(scenario, "smart", days=8).to_dict()
    assert smart["tickets"] == fifo["tickets"]  # the same citizens
    assert smart["wait_min"]["mean"] < 0.9 * fifo["wait_min"]["mean"]
    assert smart["wait_min"]["p95"] <= 1.10 * fifo["wait_min"]["p95"]
    p = smart["prediction"]
    assert p["mae_min"] <= 0.8 * p["baseline_mae_min"]


@pytest.mark.parametrize("policy, median, worst", [("sjf", 0.80, 0.90), ("smart", 0.95, 1.0)])
def test_random_ward_days(policy, median, worst):
    """Shortest job first inside a number series (`sjf`, smart before issue 19) measured
    median 0.69, max 0.81 of fifo's mean wait; keeping each series in order (`smart` today)
    median 0.92, max 0.99: the price of "registered first, served first"."""
    ratios, p95s = [], []
    for seed in range(100, 104):  # not the seeds the policy was tuned on
        scenario = random_scenario(seed, days=3)
        fifo = simulate(scenario, "fifo", predict=False).to_dict()["wait_min"]
        smart = simulate(scenario, policy, predict=False).to_dict()["wait_min"]
        ratios.append(smart["mean"] / fifo["mean"])
        p95s.append(smart["p95"] / max(fifo["p95"], 0.1))
    assert statistics.median(ratios) < median
    assert max(ratios) < worst


def test_runs_are_deterministic_and_json_ready():
    scenario = load_scenario_file(SCENARIOS[0])
    a = simulate(scenario, "smart", days=2).to_dict()
    assert a == simulate(scenario, "smart", days=2).to_dict()
    json.dumps(a)
    assert set(a) >= {"tickets", "served", "no_show", "wait_min", "priority_wait_min",
                      "by_complexity", "prediction", "utilisation"}


GOOD = {"name": "t", "open": [["08:00", "12:00"]],
        "arrivals": {"process": "poisson", "rate_per_hour": 10},
        "mix": [{"service": "2.000815", "share": 1}],
        "counters": [{"id": 1, "groups": ["certification"]}]}


@pytest.mark.parametrize(("change", "entry", "problem"), [
    ({"mix": [{"service": "9.999999", "share": 1}]}, "mix[0] (service 9.999999)",
     "not in catalogue"),
    ({"counters": [{"id": 1, "groups": ["nope"]}]}, "counters[0] (id 1)", "unknown or repeated"),
    ({"open": [["12:00", "08:00"]]}, "open[0]", "must end after"),
    ({"arrivals": {"tickets_per_day": 10, "hourly_share": {"20": 1}}},
     "arrivals.hourly_share[\"20\"]", "outside the open sessions"),
    ({"service_time": {"distribution": "gamma"}}, "service_time", "distribution"),
    ({"counters": [{"id": 1, "groups": ["land"]}]}, "mix[0] (service 2.000815)",
     "no counter serves"),
    ({"mixx": []}, "top level", "did you mean 'mix'"),
])
def test_bad_scenarios_name_the_entry_and_the_problem(change, entry, problem):
    with pytest.raises(CatalogError) as bad:
        parse_scenario({**GOOD, **change}, "day.json")
    assert bad.value.source == "day.json" and bad.value.entry == entry
    assert problem in bad.value.problem
