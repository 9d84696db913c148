"""Booked numbers in the simulator (issue 16): the shipped Cửa Nam Monday scaled to a load,
with and without 30% booked, same citizens (common random numbers). Prints the table of
docs/simulate.md.

    .venv/bin/python bench/bench_booking.py [--load 0.85] [--share 0.3] [--days 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

from onestop.queue.scenario import load_scenario_file
from onestop.queue.simulate import simulate

ROOT = Path(__file__).resolve().parents[1]


def run(scenario, share, policy, days):
    started = time.perf_counter()
    r = simulate(replace(scenario, booked_share=share), policy, days=days).to_dict()
    r["run_s"] = time.perf_counter() - started
    return r


def utilisation(r) -> float:
    return statistics.fmean(r["utilisation"].values())


def scaled(scenario, load: float, policy: str, days: int):
    """tickets_per_day scaled so the counters' mean utilisation is `load` (no bookings)."""
    base = utilisation(run(scenario, 0.0, policy, days))
    return replace(scenario, tickets_per_day=scenario.tickets_per_day * load / base)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "cua-nam-monday.json"))
    ap.add_argument("--load", type=float, default=0.85)
    ap.add_argument("--share", type=float, default=0.3)
    ap.add_argument("--days", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    for policy in ("smart", "fifo"):
        sc = scaled(load_scenario_file(args.scenario), args.load, policy, args.days)
        none, booked = run(sc, 0.0, policy, args.days), run(sc, args.share, policy, args.days)
        rows.append((policy, sc.tickets_per_day, none, booked))
    if args.json:
        print(json.dumps([{"policy": p, "tickets_per_day": t, "none": a, "booked": b}
                          for p, t, a, b in rows], indent=1))
        return
    print(f"{'policy':8} {'tickets/d':>9} {'busy':>5} {'booked':>7} {'on time':>8} "
          f"{'booked wait':>11} {'no-show':>7} {'walk-in mean':>12} {'p90':>6} "
          f"{'vs none':>8}")
    for policy, per_day, none, booked in rows:
        for label, r in (("none", none), (f"{args.share:.0%}", booked)):
            b = r.get("booked", {})
            walk = r.get("walk_in_wait_min", {"mean": r["wait_min"]["mean"],
                                              "p90": r["wait_min"]["p90"]})
            versus = walk["mean"] / none["wait_min"]["mean"] - 1
            print(f"{policy:8} {per_day:9.0f} {utilisation(r):5.0%} {label:>7} "
                  f"{b.get('on_time_share', 0):8.1%} {b.get('wait_mean', 0):11.1f} "
                  f"{b.get('no_show', 0):7d} {walk['mean']:12.1f} {walk['p90']:6.1f} "
                  f"{versus:+8.1%}")


if __name__ == "__main__":
    main()
