"""Central's public dossier lookup (issue 17): latency of GET /api/public/dossiers/{code} for a
right check, a wrong check and an unknown code, interleaved, on a central holding N dossiers.

The 404s must not tell a wrong check from an unknown code: same body, and timings that differ
by no more than the noise. Baseline: the right-check 200 (a few more bytes to send).

    .venv/bin/python bench/bench_lookup.py [--dossiers 20000] [--rounds 600] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from onestop.sync.central.server import CentralServer, build_central
from onestop.sync.protocol import ENROL_PATH, EVENTS_PATH, PROTOCOL_VERSION


def _snapshot(n: int) -> dict:
    code = f"CUANAM-261125-{n % 10000:04d}" if n < 10000 else f"CUANAM-261126-{n % 10000:04d}"
    at = "2026-11-25T02:00:00+00:00"
    return {"code": code, "check": f"{(n * 7919) % 10000:04d}", "ward_code": "CUANAM",
            "service": "2.000815", "group": "A", "state": "received", "received_at": at,
            "due_date": "2026-11-27", "original_due_date": "2026-11-27",
            "result_working_days": 2, "paused_working_days": 0, "official_code": None,
            "ready_at": None, "returned_at": None, "apology_due_date": None, "changed_at": at,
            "action": "received", "reason": None}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=600)
    parser.add_argument("--db")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    central = build_central(args.db or f"sqlite:///{folder / 'central.db'}")
    central.lookup_rate = (10**9, 1.0)
    server = CentralServer(central)
    server.start()
    code = central.auth.create_enrol_code("Phường Cửa Nam")
    token = httpx.post(f"{server.url}{ENROL_PATH}", json={
        "code": code, "hub_id": "a" * 32, "ward_code": "CUANAM"}).json()["token"]
    http = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"},
                        timeout=60)
    started = time.perf_counter()
    for first in range(0, args.dossiers, 1000):
        events = [{"hub_id": "a" * 32, "seq": n + 1, "id": uuid.uuid4().hex,
                   "type": "dossier.received", "at": "2026-11-25T02:00:00+00:00", "schema": 1,
                   "data": _snapshot(n)} for n in range(first, min(first + 1000, args.dossiers))]
        r = http.post(EVENTS_PATH, json={"protocol": PROTOCOL_VERSION, "hub_id": "a" * 32,
                                         "sent_at": "2026-11-25T02:00:00+00:00",
                                         "events": events})
        assert r.status_code == 200, r.text
    print(f"# {args.dossiers} dossiers ingested in {time.perf_counter() - started:.1f} s "
          f"({central.db.shown_url.split(':')[0]})")
    public = httpx.Client(base_url=server.url, timeout=30)
    times: dict[str, list[float]] = {"right check (200)": [], "wrong check (404)": [],
                                     "unknown code (404)": []}
    bodies = set()
    for i in range(args.rounds):
        snap = _snapshot((i * 37) % args.dossiers)
        wrong = f"{(int(snap['check']) + 1) % 10000:04d}"
        cases = (("right check (200)", snap["code"], snap["check"]),
                 ("wrong check (404)", snap["code"], wrong),
                 ("unknown code (404)", f"CUANAM-261201-{i % 10000:04d}", snap["check"]))
        for label, code, check in cases[i % 3:] + cases[:i % 3]:  # rotate the order
            t0 = time.perf_counter()
            r = public.get(f"/api/public/dossiers/{code}", params={"check": check})
            times[label].append((time.perf_counter() - t0) * 1000)
            if r.status_code == 404:
                bodies.add(r.content)
    print(f"{'ms':22} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7}")
    for label, values in times.items():
        q = statistics.quantiles(values, n=100)
        print(f"{label:22} {q[49]:7.2f} {q[94]:7.2f} {q[98]:7.2f} {statistics.mean(values):7.2f}")
    print(f"distinct 404 bodies: {len(bodies)}")
    server.stop()
    central.close()


if __name__ == "__main__":
    main()
