"""Benchmark: how long a hub takes to drain a backlog to central over loopback.

    .venv/bin/python bench/bench_sync_drain.py [--events 100000] [--baseline 10000]

A real hub store (SQLite, WAL, synchronous=FULL) holds a backlog made of realistic events: one
seeded ward day (arrivals, calls, service, no-shows, ratings) copied over and over, with fresh
event ids and ticket ids so central's per-ticket and per-day tables do real work. Central runs in
a child process (`onestop central` on a temporary SQLite file, uvicorn on loopback), as it would
on its own server. The hub's real SyncWorker drains the outbox with its default batch size (500
events) and with 2,000. The baseline is the same worker with 50-event batches, run on a smaller
backlog in the same process; ratios compare throughput (events/s).

Target (not asserted): 100,000 events drained in under 60 s on loopback with SQLite central.
Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve_central(db_path: str, conn) -> None:
    from onestop.sync.central.server import CentralServer, build_central

    central = build_central(f"sqlite:///{db_path}")
    server = CentralServer(central)
    server.start()
    conn.send((server.url, central.auth.create_enrol_code("Phường Cửa Nam")))
    conn.recv()  # until told to stop
    server.stop()
    central.close()


def make_backlog(hub, events: int) -> None:
    """Copy one seeded day's events until the outbox holds `events`, in one transaction."""
    from datetime import date

    from tests.printing.seed import seed_day

    seed_day(hub.store, date(2026, 11, 23), tickets=200, seed=3)
    template = [e for e in hub.store.events_since(0, 10**9)]
    with hub.store.write() as db:
        seq = hub.store.last_event_seq()
        copy = 0
        while seq < events:
            copy += 1
            for e in template:
                if seq >= events:
                    break
                seq += 1
                data = dict(e.data)
                if isinstance(data.get("ticket"), dict):
                    data["ticket"] = {**data["ticket"], "id": f"{data['ticket']['id']}-{copy}"}
                db.execute("INSERT INTO events (seq, id, type, at, schema, data) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [seq, uuid.uuid4().hex, e.type, e.at, e.schema,
                            json.dumps(data, ensure_ascii=False)])


def drain(events: int, batch: int, url: str, code: str) -> dict:
    from onestop.compose import build_hub
    from onestop.settings import Settings
    from onestop.sync.pusher import SyncWorker, enrol
    from tests.clock import FakeClock, hanoi

    folder = Path(tempfile.mkdtemp(prefix="onestop-drain-"))
    hub = build_hub(Settings(data_dir=folder), clock=FakeClock(hanoi(2026, 11, 23, 7, 30)))
    make_backlog(hub, events)
    enrol(hub.outbox, url, code, clock=hub.store.clock)
    worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=batch, timeout=120)
    latencies: list[float] = []
    inner = worker._push_one

    def timed(client, batch_events, result) -> None:
        start = time.perf_counter()
        inner(client, batch_events, result)
        latencies.append((time.perf_counter() - start) * 1000)
    worker._push_one = timed
    start = time.perf_counter()
    result = worker.push_pending()
    seconds = time.perf_counter() - start
    assert hub.outbox.pending() == 0 and result.sent == hub.store.last_event_seq()
    hub.close()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"batch": batch, "events": result.sent, "seconds": seconds,
            "rate": result.sent / seconds, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    args = parser.parse_args()
    rows = []
    for events, batch in ((args.baseline, 50), (args.events, 500), (args.events, 2000)):
        parent, child = mp.Pipe()
        folder = tempfile.mkdtemp(prefix="onestop-central-")
        proc = mp.get_context("spawn").Process(
            target=serve_central, args=(str(Path(folder) / "central.db"), child))
        proc.start()
        url, code = parent.recv()
        try:
            rows.append(drain(events, batch, url, code))
        finally:
            parent.send("stop")
            proc.join(30)
    base = rows[0]["rate"]
    print(f"# sync backlog drain, hub -> central (SQLite) on loopback — "
          f"{dt.date.today()}, {cpu_model()}, {mp.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print()
    print("| batch | events | drain time | events/s | request p50 | p95 | p99 | vs baseline |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        label = "baseline" if r is rows[0] else f"{r['rate'] / base:.1f}×"
        print(f"| {r['batch']} | {r['events']:,} | {r['seconds']:.1f} s | {r['rate']:,.0f} | "
              f"{r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['p99']:.0f} ms | {label} |")


if __name__ == "__main__":
    main()
