"""Benchmark: a booking rush on central — 2,000 bookings in one minute over 126 wards.

    .venv/bin/python bench/bench_booking_rush.py [--wards 126] [--bookings 2000] [--seconds 60]
        [--workers 48] [--pg postgresql://onestop:onestop@127.0.0.1:5432/postgres]

A real central (uvicorn + FastAPI + SQLAlchemy) runs in a child process on loopback on a fresh
PostgreSQL database (created and dropped here), its clock fixed at Monday 2026-11-23 07:00 in
Hanoi so the next days' slots are all open. Each ward has 3 bookable groups (capacity 20 per
30-minute slot, booked share 0.5: 10 places a slot). Requests are open-loop: the n-th
`POST /api/public/bookings` is due at n × seconds / bookings after the start and sent by a pool
of `--workers` client threads. A third of them aim at the rush slot (Monday 08:00) of 10 popular
wards, so those slots fill up and answer 409 slot_full; one in ten reuses a phone number
(409 limit_reached). Measured on this process's clock: each request's round trip (p50/p95/p99/
max), answers by status, errors (anything but 201 and 409), and afterwards in the database:
double bookings (two bookings of one place, or more booked than a slot's places; must be 0).

Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = os.environ.get("ONESTOP_TEST_PG", "postgresql://onestop:onestop@127.0.0.1:5432/postgres")
START = dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC)  # Monday 07:00 in Hanoi
DAYS = [f"2026-11-{d}" for d in (23, 24, 25, 26, 27)]
SLOTS = [f"{h:02d}:{m:02d}" for h in (8, 9, 10, 11, 13, 14, 15, 16) for m in (0, 30)]


def serve(url: str, wards: int, conn) -> None:
    """Child process: central on `url` with `wards` enrolled hubs and their slots."""
    import logging

    logging.disable(logging.INFO)
    from onestop.queue.booking_slots import SlotSettings
    from onestop.sync.central.server import CentralServer, build_central

    central = build_central(url, clock=lambda: START)
    central.booking_rate = (10**6, 1.0)  # one client address sends the whole city's rush
    groups = [g.id for g in central.bookings.catalog().groups][:3]
    hubs = []
    for i in range(wards):
        code = central.auth.create_enrol_code(f"Phường {i + 1}")
        hub_id = uuid.uuid4().hex
        central.auth.enrol(code, hub_id, "bench")
        with central.db.write() as c:
            for g in groups:
                central.bookings.set_slots(c, hub_id, g, SlotSettings(20, 30, 6, 0.5), "bench")
        hubs.append(hub_id)
    server = CentralServer(central)
    server.start()
    conn.send({"url": server.url, "hubs": hubs, "groups": groups})
    conn.recv()
    server.stop()
    central.close()


def requests_plan(hubs: list[str], groups: list[str], n: int, seed: int = 16) -> list[dict]:
    rng = random.Random(seed)
    plan, phones = [], []
    for i in range(n):
        rush = rng.random() < 1 / 3  # the rush: 10 popular wards' Monday 08:00
        hub, group = rng.choice(hubs[:10] if rush else hubs), rng.choice(groups)
        day, slot = ("2026-11-23", "08:00") if rush else (rng.choice(DAYS), rng.choice(SLOTS))
        phone = rng.choice(phones) if phones and rng.random() < 0.1 else f"09{i:08d}"
        phones.append(phone)
        plan.append({"hub_id": hub, "group": group, "day": day, "slot": slot, "phone": phone})
    return plan


def run(url: str, wards: int, bookings: int, seconds: float, workers: int) -> dict:
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=serve, args=(url, wards, child), daemon=True)
    proc.start()
    info = parent.recv()
    plan = requests_plan(info["hubs"], info["groups"], bookings)
    local = threading.local()
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    t0 = time.perf_counter() + 0.5

    def one(i: int) -> None:
        if not hasattr(local, "http"):
            local.http = httpx.Client(base_url=info["url"], timeout=30)
        due = t0 + i * seconds / bookings
        time.sleep(max(0.0, due - time.perf_counter()))
        start = time.perf_counter()
        try:
            r = local.http.post("/api/public/bookings", json=plan[i])
            status = str(r.status_code) + ("" if r.status_code == 201 else
                                           f" {r.json().get('code', '?')}")
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        took = time.perf_counter() - start
        with lock:
            latencies.append(took)
            statuses[status] += 1

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, range(bookings)))
    wall = time.perf_counter() - t0
    parent.send("stop")
    proc.join(30)
    doubles = double_bookings(url)
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    errors = sum(v for k, v in statuses.items() if not k.startswith(("201", "409")))
    return {"wall": wall, "n": len(ms), "p50": q[49], "p95": q[94], "p99": q[98],
            "max": ms[-1], "statuses": dict(statuses), "errors": errors, "doubles": doubles}


def double_bookings(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as c:
        same_place = c.execute(text(
            "SELECT count(*) FROM (SELECT hub_id, group_id, day, slot, serial FROM bookings "
            "GROUP BY hub_id, group_id, day, slot, serial HAVING count(*) > 1) x")).scalar_one()
        over = c.execute(text(
            "SELECT count(*) FROM (SELECT b.hub_id, b.group_id, b.day, b.slot, count(*) AS n, "
            "max(s.capacity * s.booked_share) AS places FROM bookings b JOIN booking_slots s "
            "ON s.hub_id = b.hub_id AND s.group_id = b.group_id WHERE b.status <> 'cancelled' "
            "GROUP BY b.hub_id, b.group_id, b.day, b.slot) x WHERE n > places")).scalar_one()
        counts = c.execute(text(
            "SELECT count(*) FROM slot_counts k WHERE taken <> (SELECT count(*) FROM bookings b "
            "WHERE b.hub_id = k.hub_id AND b.group_id = k.group_id AND b.day = k.day AND "
            "b.slot = k.slot AND b.status <> 'cancelled')")).scalar_one()
    engine.dispose()
    return int(same_place + over + counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wards", type=int, default=126)
    ap.add_argument("--bookings", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=48)
    ap.add_argument("--pg", default=PG_ADMIN, help="an admin URL to create a scratch database")
    args = ap.parse_args()
    import psycopg

    name = f"onestop_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        r = run(f"{args.pg.rpartition('/')[0]}/{name}", args.wards, args.bookings,
                args.seconds, args.workers)
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"# {dt.date.today()}  {cpu_model()}, {os.cpu_count()} logical cores, "
          f"Python {platform.python_version()}")
    print(f"# {args.bookings} bookings over {args.wards} wards in {args.seconds:g} s "
          f"(open loop, {args.workers} client threads), PostgreSQL\n")
    print(f"{'':12}{'requests':>9}{'wall s':>8}{'p50 ms':>8}{'p95':>7}{'p99':>7}{'max':>7}"
          f"{'errors':>8}{'double':>8}")
    print(f"{'PostgreSQL':12}{r['n']:>9}{r['wall']:>8.1f}{r['p50']:>8.1f}{r['p95']:>7.1f}"
          f"{r['p99']:>7.1f}{r['max']:>7.1f}{r['errors']:>8}{r['doubles']:>8}")
    print("\nanswers: " + ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items())))


if __name__ == "__main__":
    main()
