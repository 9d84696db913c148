"""Benchmark: closed-loop staffing (issue 19) and what the honest calling order costs.

    .venv/bin/python bench/bench_staffing.py [--days 20] [--random 50] [--first-seed 5000]

1. Each shipped scenario under smart and fifo: mean and p95 wait with the counters as declared
   (`static`), following the supervisor's suggestions (`suggest`) and following a day plan made
   before opening (`plan`); the ratios to static, the moves and the reserve hours a day
   (against the scenario's declared hours).
2. Random ward days (wardgen with staffing: 3-12 counters, load 0.7-1.05, a surge in one
   group, 1-2 reserves): the spread (median, worst, share meeting 0.7x mean / 0.8x p95) of the
   ratios. Seeds from --first-seed: days nobody tuned on.
3. The honest order's cost: smart (each number series in order) and sjf (smart before
   issue 19) against fifo, with the citizens sjf overtook inside their series.
4. 20 simulated days of the Cửa Nam Monday with `plan`, wall time (target under 30 s).
Not part of the pytest run; prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
MODES = ("static", "suggest", "plan")


def run(scenario, policy: str, mode: str, days: int | None = None) -> dict:
    from onestop.queue.simulate import simulate

    return simulate(scenario, policy, days=days, predict=False, staffing=mode).to_dict()


def scenario_table(days: int) -> None:
    from onestop.queue.scenario import load_scenario_file

    print(f"{'scenario':<16}{'policy':<7}{'mode':<8}{'mean':>7}{'p95':>7}{'x mean':>8}"
          f"{'x p95':>7}{'moves/d':>8}{'res h/d':>8}{'of':>5}")
    for path in sorted((ROOT / "scenarios").glob("*.json")):
        scenario = load_scenario_file(path)
        declared = sum(r.max_hours for r in scenario.reserve)
        for policy in ("smart", "fifo"):
            base = None
            for mode in MODES:
                r = run(scenario, policy, mode, days)
                w, st = r["wait_min"], r["staffing"]
                base = base or w
                print(f"{scenario.name:<16}{policy:<7}{mode:<8}{w['mean']:>7.1f}{w['p95']:>7.1f}"
                      f"{w['mean'] / base['mean']:>8.2f}{w['p95'] / base['p95']:>7.2f}"
                      f"{st['moves'] / days:>8.1f}{st['reserve_hours'] / days:>8.2f}"
                      f"{declared:>5g}")


def random_table(n: int, first: int) -> None:
    from onestop.queue.wardgen import random_scenario

    found: dict[str, list[tuple[float, float, float, float]]] = {"suggest": [], "plan": []}
    for seed in range(first, first + n):
        rng = random.Random(seed)
        scenario = random_scenario(seed, load=rng.uniform(0.7, 1.05),
                                   counters=rng.randint(3, 12), days=3, staffing=True)
        declared = sum(r.max_hours for r in scenario.reserve)
        base = run(scenario, "smart", "static")["wait_min"]
        for mode in found:
            r = run(scenario, "smart", mode)
            w, st = r["wait_min"], r["staffing"]
            found[mode].append((w["mean"] / base["mean"], w["p95"] / base["p95"],
                                st["moves"] / 3, st["reserve_hours"] / 3 / declared))
    print(f"\n{n} random ward days (seeds {first}-{first + n - 1}), smart, ratio to static")
    print(f"{'mode':<9}{'mean med':>9}{'worst':>7}{'<=0.7':>7}{'p95 med':>9}{'worst':>7}"
          f"{'<=0.8':>7}{'both':>6}{'moves/d':>8}{'res used':>9}")
    for mode, rows in found.items():
        means, p95s = [r[0] for r in rows], [r[1] for r in rows]
        print(f"{mode:<9}{statistics.median(means):>9.2f}{max(means):>7.2f}"
              f"{sum(m <= 0.7 for m in means) / n:>7.0%}{statistics.median(p95s):>9.2f}"
              f"{max(p95s):>7.2f}{sum(p <= 0.8 for p in p95s) / n:>7.0%}"
              f"{sum(r[0] <= 0.7 and r[1] <= 0.8 for r in rows):>6}"
              f"{statistics.median(r[2] for r in rows):>8.1f}"
              f"{max(r[3] for r in rows):>9.0%}")


def fairness_table(days: int) -> None:
    from onestop.queue.scenario import load_scenario_file

    print(f"\n{'scenario':<16}{'policy':<7}{'mean':>7}{'p95':>7}{'x fifo':>8}{'overtaken':>10}"
          f"{'min mean':>9}{'min max':>8}")
    for path in sorted((ROOT / "scenarios").glob("*.json")):
        scenario = load_scenario_file(path)
        fifo = None
        for policy in ("fifo", "smart", "sjf"):
            r = run(scenario, policy, "static", days)
            w, f = r["wait_min"], r["fairness"]
            fifo = fifo or w
            print(f"{scenario.name:<16}{policy:<7}{w['mean']:>7.1f}{w['p95']:>7.1f}"
                  f"{w['mean'] / fifo['mean']:>8.2f}{f['overtaken']:>10}"
                  f"{f['minutes_mean']:>9.1f}{f['minutes_max']:>8.1f}")


def plan_timing() -> None:
    from onestop.queue.scenario import load_scenario_file
    from onestop.queue.simulate import simulate

    scenario = load_scenario_file(ROOT / "scenarios" / "cua-nam-monday.json")
    began = time.perf_counter()
    simulate(scenario, "smart", days=20, staffing="plan")  # with the wait forecast, as the CLI
    print(f"\n20 days of {scenario.name} with --staffing plan (forecast on): "
          f"{time.perf_counter() - began:.1f} s (target < 30 s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--random", type=int, default=50)
    parser.add_argument("--first-seed", type=int, default=5000)
    args = parser.parse_args()
    print(f"{dt.date.today()}  {cpu_model()}  {os.cpu_count()} cores  Python "
          f"{sys.version.split()[0]}\n")
    scenario_table(args.days)
    random_table(args.random, args.first_seed)
    fairness_table(args.days)
    plan_timing()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
