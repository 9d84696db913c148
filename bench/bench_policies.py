"""Benchmark: routing policies on simulated ward days, wait prediction, and lobby latency.

    .venv/bin/python bench/bench_policies.py [--days 20] [--random 12] [--no-latency]

1. Each shipped scenario (scenarios/*.json) under fifo, standard and smart with the same
   citizens (common random numbers): mean, p90, p95 and longest wait, longest priority wait,
   prediction MAE (the hub's forecast) against the baseline "people ahead x mean service /
   counters", and the simulator's own run time.
2. Random ward days nobody tuned on (onestop.queue.wardgen: mixes, loads 0.6-0.95, 3-12
   counters): the spread of smart / fifo.
3. The forecast's cost per issued ticket over queues of 50-800 waiting tickets.
4. bench_call_latency: how fast the lobby learns of a call, push against 2 s polling (a real
   hub in a child process; smaller load than its own default so the whole run stays short).
Not part of the pytest run; prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ("fifo", "standard", "smart")


def policy_table(days: int) -> None:
    from onestop.queue.scenario import load_scenario_file
    from onestop.queue.simulate import simulate

    print(f"{'scenario':<16}{'policy':<10}{'tickets':>8}{'mean':>7}{'p90':>7}{'p95':>7}"
          f"{'max':>7}{'prio max':>9}{'MAE':>6}{'base':>6}{'run s':>7}")
    for path in sorted((ROOT / "scenarios").glob("*.json")):
        scenario = load_scenario_file(path)
        rows = {}
        for name in POLICIES:
            began = time.perf_counter()
            r = simulate(scenario, name, days=days).to_dict()
            took = time.perf_counter() - began
            rows[name] = r
            w, p = r["wait_min"], r["prediction"]
            print(f"{scenario.name:<16}{name:<10}{r['tickets']:>8}{w['mean']:>7.1f}"
                  f"{w['p90']:>7.1f}{w['p95']:>7.1f}{w['max']:>7.0f}"
                  f"{r['priority_wait_min']['max']:>9.0f}{p['mae_min']:>6.1f}"
                  f"{p['baseline_mae_min']:>6.1f}{took:>7.2f}")
        f, s = rows["fifo"]["wait_min"], rows["smart"]["wait_min"]
        p = rows["smart"]["prediction"]
        print(f"{'':<16}smart vs fifo: mean {s['mean'] / f['mean'] - 1:+.0%}, "
              f"p95 {s['p95'] / f['p95'] - 1:+.0%}, max {s['max']:.0f} vs {f['max']:.0f} min; "
              f"forecast MAE {p['mae_min'] / p['baseline_mae_min'] - 1:+.0%} vs baseline")


def random_spread(count: int) -> None:
    from onestop.queue.simulate import simulate
    from onestop.queue.wardgen import random_scenario

    means, p95s, maes, maxes = [], [], [], []
    for seed in range(1000, 1000 + count):
        scenario = random_scenario(seed, days=5)
        f = simulate(scenario, "fifo", predict=False).to_dict()["wait_min"]
        r = simulate(scenario, "smart").to_dict()
        s, p = r["wait_min"], r["prediction"]
        means.append(s["mean"] / f["mean"])
        p95s.append(s["p95"] / max(f["p95"], 0.1))
        maes.append(p["mae_min"] / p["baseline_mae_min"])
        maxes.append(s["max"] - f["max"])
        print(f"  random-{seed}: {len(scenario.counters):>2} counters, "
              f"{sum(r['utilisation'].values()) / len(r['utilisation']):.0%} busy, "
              f"fifo mean {f['mean']:5.1f} -> smart {s['mean']:5.1f} min ({means[-1] - 1:+.0%}),"
              f" p95 {p95s[-1] - 1:+.0%}, max {s['max']:.0f} vs {f['max']:.0f}, "
              f"MAE {maes[-1] - 1:+.0%} vs baseline")

    def spread(xs):
        q = statistics.quantiles(xs, n=4) if len(xs) > 1 else xs * 3
        return f"min {min(xs):.2f}  q1 {q[0]:.2f}  median {q[1]:.2f}  q3 {q[2]:.2f}  " \
               f"max {max(xs):.2f}"
    print(f"smart/fifo mean wait  {spread(means)}")
    print(f"smart/fifo p95 wait   {spread(p95s)}")
    print(f"MAE/baseline MAE      {spread(maes)}")
    print(f"longest wait, smart - fifo (min): {spread(maxes)}")


def forecast_cost() -> None:
    import random
    from datetime import UTC, datetime, timedelta

    from onestop.queue.model import Counter, CounterStatus
    from onestop.queue.predict import predict_wait
    from onestop.queue.routing import smart
    from onestop.queue.rules import Rules
    from onestop.queue.staffing import probe

    rng = random.Random(5)
    now = datetime(2026, 11, 23, 3, tzinfo=UTC)
    groups = ("certification", "civil-status", "land", "social", "general")
    counters = [Counter(i, "Q", "C", (groups[i % 5], groups[(i + 1) % 5]),
                        status=CounterStatus.OPEN) for i in range(8)]
    print(f"{'waiting':>8}{'ms per forecast (p50)':>24}{'max':>8}")
    for n in (50, 200, 400, 800):
        waiting = [probe(rng.choice(groups), now - timedelta(minutes=rng.uniform(0, 90)),
                         rng.choice([3, 5, 10, 25])) for _ in range(n)]
        waiting = [t.__class__(**{**t.__dict__, "id": f"w{i}"}) for i, t in enumerate(waiting)]
        new = probe("land", now, 25)
        times = []
        for _ in range(30):
            began = time.perf_counter()
            predict_wait(new, waiting, counters, now, Rules(), smart)
            times.append((time.perf_counter() - began) * 1000)
        print(f"{n:>8}{statistics.median(times):>24.2f}{max(times):>8.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=20, help="days per scenario (20)")
    parser.add_argument("--random", type=int, default=12, help="random ward days (12)")
    parser.add_argument("--no-latency", action="store_true", help="skip the hub latency part")
    args = parser.parse_args()
    print(f"date:    {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {cpu_model()}, {os.cpu_count()} logical cores, "
          f"{platform.system()} {platform.release()}")
    print(f"python:  {platform.python_version()} ({platform.python_implementation()})\n")
    policy_table(args.days)
    print("\nrandom ward days (5 days each), smart against fifo:")
    random_spread(args.random)
    print("\nwait forecast per issued ticket (8 counters, smart):")
    forecast_cost()
    if not args.no_latency:
        import bench_call_latency

        print("\nlobby latency, push against a 2 s polling display (bench_call_latency):")
        bench_call_latency.run(calls=200, counters=5, tickets=1000)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
