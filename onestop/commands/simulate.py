"""`onestop simulate`: run a scenario file through the simulator and print what happened."""

from __future__ import annotations

import argparse
import json
import time

from onestop.errors import CliError
from onestop.queue.catalog import CatalogError
from onestop.queue.errors import DomainError
from onestop.queue.scenario import load_scenario_file
from onestop.queue.simulate import simulate
from onestop.settings import Settings


def simulate_command(args: argparse.Namespace, settings: Settings) -> int:
    try:
        scenario = load_scenario_file(args.scenario)
    except CatalogError as bad:
        raise CliError(str(bad)) from None
    if args.days is not None and args.days < 1:
        raise CliError(f"--days must be at least 1, not {args.days}")
    began = time.perf_counter()
    try:
        report = simulate(scenario, args.policy, days=args.days, seed=args.seed,
                          staffing=getattr(args, "staffing", "static"))
    except DomainError as bad:  # unknown policy
        raise CliError(bad.message) from None
    result = {**report.to_dict(), "run_seconds": round(time.perf_counter() - began, 2)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_table(result))
    return 0


def format_table(r: dict) -> str:
    w, p = r["wait_min"], r["prediction"]
    lines = [f"scenario {r['scenario']}  policy {r['policy']}  {r['days']} day(s)  "
             f"{r['tickets']} tickets ({r['served']} served, {r['no_show']} no-show)  "
             f"simulated in {r['run_seconds']} s", "",
             f"{'wait, minutes':<22}{'mean':>8}{'p50':>8}{'p90':>8}{'p95':>8}{'max':>8}",
             f"{'all tickets':<22}" + "".join(f"{w[k]:>8.1f}" for k in
                                               ("mean", "p50", "p90", "p95", "max"))]
    for level, s in r["by_complexity"].items():
        if s["n"]:
            lines.append(f"{level + ' (' + str(s['n']) + ')':<22}{s['mean']:>8.1f}{'':>8}"
                         f"{s['p90']:>8.1f}{'':>8}{s['max']:>8.1f}")
    pr = r["priority_wait_min"]
    lines.append(f"{'priority (' + str(pr['n']) + ')':<22}{pr['mean']:>8.1f}{'':>24}"
                 f"{pr['max']:>8.1f}")
    lines += ["", f"prediction MAE {p['mae_min']} min; baseline (people ahead x mean service "
              f"/ counters) {p['baseline_mae_min']} min",
              "utilisation " + "  ".join(f"#{n} {u:.0%}" for n, u in r["utilisation"].items())]
    if "booked" in r:  # issue 16: booked numbers
        b, wi = r["booked"], r["walk_in_wait_min"]
        lines.append(f"booked {b['n']} ({b['share']:.0%} of tickets), called on time "
                     f"{b['on_time_share']:.0%}, mean wait {b['wait_mean']} min, "
                     f"{b['no_show']} never came; walk-ins mean {wi['mean']} p90 {wi['p90']} min")
    if "staffing" in r:  # issue 19: who sat where
        st = r["staffing"]
        lines.append(f"staffing {st['mode']}: {st['moves']} move(s), reserve officers "
                     f"{st['reserve_hours']} h; counter hours " + "  ".join(
                         f"#{n} {h:g}" for n, h in st["counter_hours"].items()))
    if "fairness" in r:
        f = r["fairness"]
        lines.append(f"overtaken by a later number of their series: {f['overtaken']} "
                     f"({f['by_priority']} by priority, {f['by_transfer']} by transfer), "
                     f"minutes mean {f['minutes_mean']} max {f['minutes_max']}")
    return "\n".join(lines)
