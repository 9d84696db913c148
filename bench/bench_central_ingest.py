"""Benchmark: central ingest throughput with many hubs pushing at once, PostgreSQL against SQLite.

    .venv/bin/python bench/bench_central_ingest.py [--hubs 50] [--batches 4] [--batch 500]
        [--pg postgresql://onestop:onestop@127.0.0.1:5432/postgres]

A real central (CentralServer: uvicorn + FastAPI + SQLAlchemy) runs in a child process on
loopback, on a fresh PostgreSQL database (created and dropped here) and then on a temporary
SQLite file (WAL, synchronous=FULL). N hubs are enrolled through POST /api/enrol; each hub is a
thread with its own HTTP client posting `--batches` batches of `--batch` events in sequence
order, all hubs at once (a city reconnecting after an outage). The events are realistic: whole
ward days simulated by the domain engine (issue, call, start, done, no-show, ratings), every
ticket event carrying the whole ticket, so each batch also updates the tickets and days
projections. Measured on this process's clock:

* events/s: all events stored / wall time from the first POST to the last answer;
* batch latency p50/p95/p99/max: one POST's round trip, including waits for a database lock.

Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = os.environ.get("ONESTOP_TEST_PG", "postgresql://onestop:onestop@127.0.0.1:5432/postgres")


def ward_days(events_needed: int) -> list[dict]:
    """Realistic outbox events (type, at, data) from simulated ward days, enough of them."""
    from onestop.queue import transitions as tr
    from onestop.queue.catalog import default_catalog
    from onestop.queue.centre import default_centre
    from onestop.queue.engine import InMemoryCentre
    from onestop.queue.model import Counter
    from onestop.queue.operations import IssueRequest
    from onestop.queue.rules import Rules

    services = [s.code for s in default_catalog().services][:8]
    counters = [Counter(c.number, c.label_vi, c.label_en, tuple(c.skills), c.fast_lane)
                for c in default_centre().counters]
    out: list[dict] = []
    day = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hanoi
    while len(out) < events_needed:
        now = [day]
        centre = InMemoryCentre(default_catalog(), counters, lambda now=now: now[0],
                                Rules())
        centre.open_all()
        for i in range(250):  # a normal day: 250 tickets
            now[0] += dt.timedelta(minutes=1)
            centre.issue(IssueRequest(services[i % len(services)]))
            for n in centre.counters:
                t = centre.call_next(n)
                if t is None:
                    continue
                if i % 17 == 0:
                    centre.act(t.id, "recall")
                    centre.act(t.id, "no-show")
                    continue
                centre.act(t.id, "start")
                done = centre.act(t.id, "done")
                if i % 3 == 0:  # the engine has no rating call; the store's transition
                    centre._apply(tr.rate(done, now[0], 3, None))
        out += [e.to_dict() for e in centre.events]
        day += dt.timedelta(days=1)
    return out[:events_needed]


def serve(url: str, conn) -> None:
    """Child process: central on `url` until told to stop."""
    import logging

    logging.disable(logging.INFO)
    from onestop.sync.central.server import CentralServer, build_central

    central = build_central(url)
    codes = [central.auth.create_enrol_code(f"Phường {i}") for i in range(conn.recv())]
    server = CentralServer(central)
    server.start()
    conn.send({"url": server.url, "codes": codes})
    conn.recv()
    server.stop()
    central.close()


def run(url: str, template: list[dict], hubs: int, batches: int, size: int) -> dict:
    parent, child = mp.Pipe()
    proc = mp.Process(target=serve, args=(url, child))
    proc.start()
    parent.send(hubs)
    info = parent.recv()
    tokens = []
    for code in info["codes"]:
        hub_id = uuid.uuid4().hex
        r = httpx.post(f"{info['url']}/api/enrol", json={"code": code, "hub_id": hub_id})
        r.raise_for_status()
        tokens.append((hub_id, r.json()["token"]))
    latencies: list[float] = []
    lock = threading.Lock()
    gate = threading.Barrier(hubs + 1)

    def hub(hub_id: str, token: str) -> None:
        with httpx.Client(base_url=info["url"], timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            events = [{"hub_id": hub_id, "seq": i + 1, "id": uuid.uuid4().hex, "schema": 1,
                       **e} for i, e in enumerate(template)]
            gate.wait()
            for b in range(batches):
                chunk = events[b * size:(b + 1) * size]
                began = time.perf_counter()
                r = client.post("/api/sync/events", json={
                    "protocol": 1, "hub_id": hub_id, "sent_at": dt.datetime.now(dt.UTC)
                    .isoformat(), "events": chunk})
                took = time.perf_counter() - began
                assert r.status_code == 200 and r.json()["acked"] == chunk[-1]["seq"], r.text
                with lock:
                    latencies.append(took * 1000)

    threads = [threading.Thread(target=hub, args=t) for t in tokens]
    for t in threads:
        t.start()
    gate.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    parent.send("stop")
    proc.join(30)
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"events": hubs * batches * size, "wall": wall,
            "rate": hubs * batches * size / wall,
            "p50": q[49], "p95": q[94], "p99": q[98], "max": max(latencies)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hubs", type=int, default=50)
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--pg", default=PG_ADMIN, help="an admin URL to create a scratch database")
    args = ap.parse_args()
    template = ward_days(args.batches * args.batch)

    import psycopg

    name = f"onestop_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    results = {}
    try:
        results["PostgreSQL"] = run(f"{args.pg.rpartition('/')[0]}/{name}", template,
                                    args.hubs, args.batches, args.batch)
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = run(f"sqlite:///{folder}/central.db", template, args.hubs,
                                args.batches, args.batch)

    print(f"# {dt.date.today()}  {cpu_model()}, {os.cpu_count()} logical cores, "
          f"Python {platform.python_version()}")
    print(f"# {args.hubs} hubs at once x {args.batches} batches x {args.batch} events "
          f"(realistic ticket events; tickets and days projections updated)\n")
    print(f"{'':12}{'events':>8}{'wall s':>9}{'events/s':>10}   batch ms "
          f"{'p50':>7}{'p95':>8}{'p99':>8}{'max':>8}")
    for label, r in results.items():
        print(f"{label:12}{r['events']:>8}{r['wall']:>9.2f}{r['rate']:>10.0f}   {'':8}"
              f"{r['p50']:>7.0f}{r['p95']:>8.0f}{r['p99']:>8.0f}{r['max']:>8.0f}")
    pg, lite = results["PostgreSQL"], results["SQLite"]
    print(f"{'PG / SQLite':12}{'':17}{pg['rate'] / lite['rate']:>9.2f}x   {'':8}"
          f"{pg['p50'] / lite['p50']:>6.2f}x{pg['p95'] / lite['p95']:>7.2f}x"
          f"{pg['p99'] / lite['p99']:>7.2f}x")


if __name__ == "__main__":
    main()
