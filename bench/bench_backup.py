"""Benchmark: what a backup and the start-up check cost on a large hub database, and whether
the backup holds up issuing.

    .venv/bin/python bench/bench_backup.py [--events 100000]

Seeds a real hub database (5,000 tickets issued through HubStore.issue, then the events table
filled up to --events with copies of real events and the tickets table with copies on earlier
days, which is about a busy year of a ward), then prints the size and the time of:

* `PRAGMA quick_check` (run at every hub start) and `PRAGMA integrity_check` (doctor, backup);
* the backup copy (SQLite backup API, one step, read-only source connection) plus its check;
* issuing during the copy: issue latency p50/max on the hub's own store while a backup of the
  same file runs in another thread, against the same issues with no backup running.
Asserts nothing; not part of the test run.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from onestop.compose import build_hub  # noqa: E402
from onestop.hub.backup import copy_database  # noqa: E402
from onestop.queue.operations import IssueRequest  # noqa: E402
from onestop.settings import Settings  # noqa: E402


def seed(data: Path, events: int):
    hub = build_hub(Settings(data_dir=data))
    store = hub.store
    service = store.catalog.services[0].code
    with store.write():
        for _ in range(5000):
            store.issue(IssueRequest(service, "submit"))
    with store.write() as db:
        have = store.last_event_seq()
        base = have
        while have < events:
            n = min(base, events - have)
            db.execute("INSERT INTO events (seq, id, type, at, schema, data) SELECT seq + ?, "
                       "id || ?, type, at, schema, data FROM events WHERE seq <= ?",
                       [have, f"-{have}", n])
            have += n
        for k in range(1, 20):  # earlier days' tickets: same rows on other days
            db.execute("INSERT INTO tickets SELECT id || ?, token || ?, date(day, ?), "
                       "issued_group, seq, number, group_id, service, kind, count, priority, "
                       "complexity, expected_minutes, channel, 'done', issued_at, queued_at, "
                       "called_at, started_at, finished_at, counter, officer, recalls, "
                       "transfers, assigned_counter, outcome, rating, rating_comment "
                       "FROM tickets WHERE day = (SELECT max(day) FROM tickets)",
                       [f"-{k}", f"-{k}", f"-{k} days"])
    return hub, service


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def check(path: Path, pragma: str) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute(f"PRAGMA {pragma}").fetchall()
    conn.close()


def issue_latencies(hub, service: str, n: int, stop: threading.Event | None = None) -> list:
    out = []
    for _ in range(n):
        began = time.perf_counter()
        hub.store.issue(IssueRequest(service, "submit"))
        out.append((time.perf_counter() - began) * 1000)
        if stop is not None and stop.is_set():
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        hub, service = seed(data, args.events)
        db = data / "hub.db"
        hub.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.stat().st_size / 1e6
        print(f"{time.strftime('%Y-%m-%d')}, {cpu_model()}, Python {platform.python_version()}")
        print(f"hub.db: {hub.store.last_event_seq()} events, {size:.1f} MB")
        print(f"quick_check      {timed(lambda: check(db, 'quick_check')):.3f} s")
        print(f"integrity_check  {timed(lambda: check(db, 'integrity_check')):.3f} s")
        quiet = issue_latencies(hub, service, 200)
        done = threading.Event()
        took = {}

        def backup() -> None:
            took["s"] = timed(lambda: copy_database(db, data / "copy.db"))
            done.set()

        t = threading.Thread(target=backup)
        t.start()
        busy = issue_latencies(hub, service, 10_000, done)
        t.join()
        print(f"backup + check   {took['s']:.3f} s while {len(busy)} tickets were issued")
        for name, lat in (("issue, idle", quiet), ("issue, during backup", busy)):
            print(f"{name:22} p50 {statistics.median(lat):6.2f} ms   max {max(lat):6.2f} ms")
        hub.close()


if __name__ == "__main__":
    main()
