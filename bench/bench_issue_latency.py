"""Benchmark: how long issuing a ticket takes as the queue grows (issue 14).

    .venv/bin/python bench/bench_issue_latency.py [--n 60] [--baseline REF]

`HubStore.issue` in-process (one SQLite transaction with `synchronous=FULL`, the wait forecast,
the event), with counters 1, 2 and 4 of the shipped Cửa Nam centre open and 0, 100, 300, 600
and 1,000 citizens waiting across all groups. Each measured ticket is cancelled afterwards (not
timed), so the queue keeps its length. The same run is repeated in a child process on the code
of git REF (default: the commit before the one forecast, 140a5a2) as the baseline: its forecast
played the whole queue forward up to 300 waiting, then switched to estimate v1.
Not part of the pytest run; prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
LENGTHS = (0, 100, 300, 600, 1000)
SERVICES = ("2.000815", "1.001193", "1.013831", "1.000894", "2.000884", "local.guidance",
            "1.001612", "1.004873")


def measure(n: int) -> dict[int, dict[str, list[float]]]:
    from onestop.hub.store import HubStore
    from onestop.queue.operations import IssueRequest

    with tempfile.TemporaryDirectory() as folder:
        store = HubStore(Path(folder) / "hub.db")
        for number in (1, 2, 4):
            store.set_counter_status(number, "open")
        services = [s for s in SERVICES if s in {x.code for x in store.catalog.services}]
        waiting, results = 0, {}
        for length in LENGTHS:
            while waiting < length:
                store.issue(IssueRequest(services[waiting % len(services)]))
                waiting += 1
            times, cpu = [], []
            for i in range(n + 5):  # five warm-up issues at each length, not counted
                began, began_cpu = time.perf_counter(), time.process_time()
                issued = store.issue(IssueRequest(services[i % len(services)]))
                took = (time.perf_counter() - began) * 1000
                took_cpu = (time.process_time() - began_cpu) * 1000
                store.act(issued.ticket.id, "cancel")
                if i >= 5:
                    times.append(took)
                    cpu.append(took_cpu)
            results[length] = {"wall": times, "cpu": cpu}
        store.close()
    return results


def baseline_tree(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "onestop"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="issues measured per length (60)")
    parser.add_argument("--baseline", default="140a5a2", help="git ref of the baseline code")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(measure(args.n)))
        return 0
    print(f"date:    {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {cpu_model()}, {os.cpu_count()} logical cores, "
          f"{platform.system()} {platform.release()}")
    print(f"python:  {platform.python_version()} ({platform.python_implementation()})\n")
    runs = {}
    with tempfile.TemporaryDirectory() as folder:
        trees = {"one forecast": ROOT, f"baseline {args.baseline}":
                 baseline_tree(args.baseline, Path(folder))}
        for name, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run([sys.executable, __file__, "--inner", "--n", str(args.n)],
                                 env=env, capture_output=True, text=True, check=True).stdout
            runs[name] = {int(k): v for k, v in json.loads(out).items()}
    print(f"issue latency, ms ({args.n} issues per length; counters 1, 2, 4 open): wall "
          f"p50/p95/p99, and CPU p50 (the process's own time: no fsync wait, no neighbours)")
    print(f"{'waiting':>8}" + "".join(f"{name:>34}" for name in runs))
    for length in LENGTHS:
        row = ""
        for r in runs.values():
            wall, cpu = r[length]["wall"], r[length]["cpu"]
            row += (f"{pct(wall, .5):>10.2f}{pct(wall, .95):>7.2f}{pct(wall, .99):>7.2f}"
                    f"{statistics.median(cpu):>10.2f}")
        print(f"{length:>8}{row}")
    for name, r in runs.items():
        wall = [statistics.median(r[length]["wall"]) for length in LENGTHS]
        cpu = [statistics.median(r[length]["cpu"]) for length in LENGTHS]
        print(f"{name}: p50 spread over the lengths: wall {max(wall) - min(wall):.2f} ms, "
              f"CPU {max(cpu) - min(cpu):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
