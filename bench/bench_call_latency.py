"""Benchmark: how fast a lobby display learns of a call, push (ours) against 2-second polling.

    .venv/bin/python bench/bench_call_latency.py [--calls N] [--counters 30] [--tickets 5000]

A real hub (HubServer: uvicorn + SQLite in a temporary folder, WAL, synchronous=FULL) runs in a
child process, as on the hub PC; it is seeded with 5,000 waiting tickets and 30 open counters
sharing skills. This process plays the stations and a display: a WebSocket client on
`/api/events` in its own thread, and for each of N calls one counter (round robin) does
`POST /api/counters/{n}/next` over HTTP, then `done` to free itself (not timed). Measured, both
on this process's clock:

* call -> event: from just before the POST to the arrival of the matching `ticket.called` at
  the WebSocket client (the wait a lobby screen has before it can show the number);
* POST round trip of `next`.

Baseline, computed from the same real arrival times: a display polling every 2 s (the polling
interval the design brief attributes to FQM's default display) sees a call at its first poll
after the event arrived; 200 simulated displays with uniformly spread poll phases give the
distribution. Target (not asserted): push p99 < 20 ms. Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

POLL_SECONDS = 2.0
DISPLAYS = 200  # simulated polling displays, poll phases spread uniformly
WARMUP = 10  # calls made before measuring (connection set-up, first queries)
SKILLS = ("certification", "civil-status")
SERVICE = "2.000815"  # certification


def serve(data_dir: str, counters: int, tickets: int, conn) -> None:
    """Child process: build, seed and run the hub until told to stop."""
    from onestop.compose import HubServer, build_hub
    from onestop.queue.centre import CounterSpec, default_centre
    from onestop.queue.operations import IssueRequest
    from onestop.serving import free_port
    from onestop.settings import Settings

    centre = replace(default_centre(), counters=tuple(
        CounterSpec(n, f"Quầy {n}", f"Counter {n}", SKILLS) for n in range(1, counters + 1)))
    hub = build_hub(Settings(data_dir=Path(data_dir)), centre=centre)
    store = hub.store
    for n in range(1, counters + 1):
        store.set_counter_status(n, "open")
    began = time.perf_counter()
    for start in range(0, tickets, 500):  # 500 issues per transaction (nested = savepoints)
        with store.write():
            for _ in range(min(500, tickets - start)):
                store.issue(IssueRequest(SERVICE))
    seed_seconds = time.perf_counter() - began
    tokens = {"display": hub.auth.create_token("display")}
    tokens.update({str(n): hub.auth.create_token("counter", n) for n in range(1, counters + 1)})
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    conn.send({"url": server.url, "tokens": tokens, "seed_seconds": seed_seconds,
               "waiting": len(store.waiting())})
    conn.recv()  # "stop"
    server.stop()
    hub.close()


class Listener(threading.Thread):
    """The lobby display: records when each ticket.called event arrives (perf_counter)."""

    def __init__(self, ws_url: str) -> None:
        super().__init__(daemon=True)
        self.ws_url = ws_url
        self.arrived: dict[str, float] = {}
        self.cond = threading.Condition()
        self.ready = threading.Event()
        self.ws = None

    def run(self) -> None:
        from websockets.exceptions import ConnectionClosed
        from websockets.sync.client import connect

        with connect(self.ws_url, max_size=None) as self.ws, \
                contextlib.suppress(ConnectionClosed):
            self.ws.recv()  # the snapshot
            self.ready.set()
            for raw in self.ws:
                now = time.perf_counter()
                message = json.loads(raw)
                if message["kind"] == "event" and message["event"]["type"] == "ticket.called":
                    with self.cond:
                        self.arrived[message["event"]["data"]["ticket"]["id"]] = now
                        self.cond.notify_all()

    def stop(self) -> None:
        if self.ws is not None:
            self.ws.close()
        self.join(10)

    def wait_for(self, ticket_id: str, timeout: float = 10.0) -> float:
        with self.cond:
            if not self.cond.wait_for(lambda: ticket_id in self.arrived, timeout):
                raise TimeoutError(f"no ticket.called for {ticket_id} within {timeout} s")
            return self.arrived[ticket_id]


def percentiles(values: list[float]) -> tuple[float, float, float, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98], max(values)


def run(calls: int, counters: int, tickets: int) -> int:
    import httpx

    if calls + WARMUP > tickets:
        sys.exit(f"--calls {calls} needs at least {calls + WARMUP} tickets")
    with tempfile.TemporaryDirectory(prefix="onestop-bench-") as tmp:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=serve, args=(tmp, counters, tickets, child), daemon=True)
        proc.start()
        if not parent.poll(300):
            sys.exit("the hub did not start within 300 s")
        info = parent.recv()
        print(f"seeded {info['waiting']} waiting tickets in {info['seed_seconds']:.2f} s "
              f"({counters} open counters, hub in a child process at {info['url']})")
        tokens = info["tokens"]
        ws_url = info["url"].replace("http://", "ws://") + \
            f"/api/events?token={tokens['display']}"
        listener = Listener(ws_url)
        listener.start()
        if not listener.ready.wait(30):
            sys.exit("the WebSocket client did not connect")
        push, rtt, t_post = [], [], []
        try:
            with httpx.Client(base_url=info["url"], timeout=30) as http:
                for i in range(WARMUP + calls):
                    n = i % counters + 1
                    auth = {"Authorization": f"Bearer {tokens[str(n)]}"}
                    t0 = time.perf_counter()
                    r = http.post(f"/api/counters/{n}/next", headers=auth)
                    t1 = time.perf_counter()
                    if r.status_code != 200:
                        sys.exit(f"next at counter {n}: {r.status_code} {r.text}")
                    ticket = r.json()["id"]
                    arrived = listener.wait_for(ticket)
                    if i >= WARMUP:
                        t_post.append(t0)
                        push.append(arrived - t0)
                        rtt.append(t1 - t0)
                    r = http.post(f"/api/tickets/{ticket}/done", headers=auth)
                    if r.status_code != 200:
                        sys.exit(f"done at counter {n}: {r.status_code} {r.text}")
        finally:
            listener.stop()
            parent.send("stop")
            proc.join(30)
    report(push, rtt, t_post, calls, counters, tickets, info["seed_seconds"])
    return 0


def report(push, rtt, t_post, calls, counters, tickets, seed_seconds) -> None:
    rng = random.Random(20261125)
    phases = [rng.uniform(0, POLL_SECONDS) for _ in range(DISPLAYS)]
    polled = []  # a display polling at phase + k*2 s sees the call at its next poll
    for t0, delay in zip(t_post, push, strict=True):
        arrival = t0 + delay
        polled.extend((arrival - t0) + (phase - arrival) % POLL_SECONDS for phase in phases)
    rows = [("call -> ticket.called at WS", percentiles(push)),
            ("POST /next round trip", percentiles(rtt)),
            (f"{POLL_SECONDS:g} s polling display", percentiles(polled))]
    print()
    print(f"date:    {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {cpu_model()}, {os.cpu_count()} logical cores, "
          f"{platform.system()} {platform.release()}")
    print(f"python:  {platform.python_version()} ({platform.python_implementation()})")
    print(f"load:    {calls} calls (+{WARMUP} warm-up) by {counters} counters, "
          f"{tickets} tickets seeded in {seed_seconds:.2f} s")
    print()
    print(f"{'ms':<30}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for name, values in rows:
        print(f"{name:<30}" + "".join(f"{v * 1000:>9.2f}" for v in values))
    ratio = [p / q for p, q in zip(rows[2][1], rows[0][1], strict=True)]
    print(f"{'polling / push':<30}" + "".join(f"{r:>8.0f}x" for r in ratio))
    p99 = rows[0][1][2] * 1000
    print(f"\ntarget push p99 < 20 ms: {'met' if p99 < 20 else 'NOT met'} ({p99:.2f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=600, help="measured calls (default 600)")
    parser.add_argument("--counters", type=int, default=30, help="open counters (default 30)")
    parser.add_argument("--tickets", type=int, default=5000, help="waiting tickets (5000)")
    args = parser.parse_args()
    if args.calls < 2 or args.counters < 1:
        parser.error("--calls must be at least 2 and --counters at least 1")
    return run(args.calls, args.counters, args.tickets)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
