"""Crash harness: the real hub SIGKILLed at random moments under load, restarted, and checked.

    .venv/bin/python bench/crash_harness.py --rounds 200 [--seed N] [--central-db URL]

Each round starts `python -m onestop hub` on a data folder enrolled with a real central (started
in this process, SQLite), drives mixed load from client threads (reception issuing with
Idempotency-Key, three counters calling next/start/done/no-show, a supervisor opening counters
and reading the state), SIGKILLs the hub after a random number of answered requests, and then,
with the hub down, checks the database file:

* `PRAGMA integrity_check` is ok;
* every ticket a client saw acknowledged (201/200 with a body) exists with the same number;
* no ticket number is issued twice on a day;
* the event sequence is gap-free (1..max);
* the sync cursor `sync_state.acked_seq` is at most the last sequence.

A request whose answer was lost to the kill is retried with the same Idempotency-Key in the next
round, so a ticket committed just before the kill must come back as a replay, never twice. At the
end the hub runs until sync has drained and central must hold exactly the hub's events
(tests/sync/syncenv.assert_exactly_once). The moment of each kill is chosen by counting answered
requests, not by the clock, so the run asserts nothing about time. tests/hub/test_crash_harness.py
runs a few rounds of this same code in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: import onestop and tests from this checkout
    sys.path.insert(0, str(ROOT))

SERVICES = ["2.000815", "1.001193", "local.result", "1.001612", "local.guidance"]
COUNTERS = (1, 2, 3)
START_TIMEOUT = 60.0  # seconds a hub may take to answer /api/health (a deadline, not a bar)


@dataclass
class Tally:
    requests: int = 0
    acknowledged: int = 0
    replays: int = 0
    mid_request: int = 0
    failures: list[str] = field(default_factory=list)


class Load:
    """The client threads of one round, sharing the counts the kill moment is chosen from."""

    def __init__(self, url: str, tokens: dict[str, str], state: dict, rng: random.Random,
                 tally: Tally) -> None:
        self.url, self.tokens, self.state, self.tally = url, tokens, state, tally
        self.seeds = [rng.randrange(2**32) for _ in range(8)]
        self.cond = threading.Condition()
        self.answered = 0
        self.in_flight = 0
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    # --- bookkeeping -------------------------------------------------------------------------
    def send(self, client: httpx.Client, method: str, path: str, **kw) -> httpx.Response | None:
        """One request; None when the hub went away (killed) before answering."""
        with self.cond:
            self.in_flight += 1
            self.tally.requests += 1
        try:
            r = client.request(method, path, **kw)
        except httpx.HTTPError:
            self.stop.set()  # the hub is down: this round's load is over
            return None
        finally:
            with self.cond:
                self.in_flight -= 1
        if r.status_code >= 500:
            self.tally.failures.append(f"{method} {path}: {r.status_code} {r.text[:200]}")
        with self.cond:
            self.answered += 1
            self.cond.notify_all()
        return r

    def client(self, role: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30,
                            headers={"Authorization": f"Bearer {self.tokens[role]}"})

    # --- roles -------------------------------------------------------------------------------
    def reception(self, desk: int, seed: int) -> None:
        rng = random.Random(seed)
        # key -> body of an issue whose answer was lost to a kill: retried with the same key.
        pending: dict = self.state.setdefault(f"pending{desk}", {})
        with self.client("reception") as c:
            while not self.stop.is_set():
                if pending:
                    key, body = next(iter(pending.items()))
                else:
                    key = uuid.uuid4().hex
                    body = {"service": rng.choice(SERVICES),
                            "kind": rng.choice(["submit", "collect", "guidance"]),
                            "count": rng.randint(1, 3)}
                    pending[key] = body
                r = self.send(c, "POST", "/api/tickets", json=body,
                              headers={"Idempotency-Key": key})
                if r is None:
                    return
                pending.pop(key, None)
                if r.status_code in (200, 201):
                    with self.cond:  # two reception desks share the tally
                        self.acknowledge(key, r.json())

    def acknowledge(self, key: str, answer: dict) -> None:
        t = answer["ticket"]
        seen = self.state["acked"]
        if answer.get("replayed"):
            self.tally.replays += 1
            first = self.state["keys"].get(key)
            if first is not None and first != t["id"]:
                self.tally.failures.append(f"key {key} replayed ticket {t['id']}, not {first}")
        self.state["keys"][key] = t["id"]
        if t["id"] not in seen:
            seen[t["id"]] = (t["day"], t["number"])
            self.tally.acknowledged += 1

    def counter(self, number: int, seed: int) -> None:
        rng = random.Random(seed)
        with self.client(f"counter{number}") as c:
            while not self.stop.is_set():
                ticket = self.call(c, number)
                if ticket is None:
                    continue
                if rng.random() < 0.15:
                    self.send(c, "POST", f"/api/tickets/{ticket['id']}/no-show")
                    continue
                if ticket["status"] == "called":
                    self.send(c, "POST", f"/api/tickets/{ticket['id']}/start")
                self.send(c, "POST", f"/api/tickets/{ticket['id']}/done")

    def call(self, c: httpx.Client, number: int) -> dict | None:
        """The counter's citizen: the one it already holds (a call answered just before a
        kill), else the next one. None when there is nobody or the hub is gone."""
        r = self.send(c, "POST", f"/api/counters/{number}/next",
                      headers={"Idempotency-Key": uuid.uuid4().hex})
        if r is not None and r.status_code == 200:
            return r.json()
        if r is None or r.status_code != 409:
            if r is not None:
                self.wait_for_more()
            return None
        r = self.send(c, "GET", "/api/counters")
        held = next((x["ticket"] for x in r.json() if x["number"] == number), None) \
            if r is not None and r.status_code == 200 else None
        if held is None:
            self.wait_for_more()  # not open yet: the supervisor opens it
        return held

    def wait_for_more(self) -> None:
        """Nobody waiting: let reception issue a few before asking again (not a busy loop)."""
        with self.cond:
            target = self.answered + 3
            self.cond.wait_for(lambda: self.answered >= target or self.stop.is_set(), 5)

    def supervisor(self, seed: int) -> None:
        rng = random.Random(seed)
        with self.client("supervisor") as c:
            for n in COUNTERS:
                if self.send(c, "POST", f"/api/counters/{n}/open") is None:
                    return
            while not self.stop.is_set():
                if self.send(c, "GET", "/api/state") is None:
                    return
                n = rng.choice(COUNTERS)
                self.send(c, "POST", f"/api/counters/{n}/open")
                self.wait_for_more()

    # --- the round ---------------------------------------------------------------------------
    def start(self) -> None:
        jobs = [(self.reception, (1, self.seeds[0])), (self.reception, (2, self.seeds[1])),
                (self.supervisor, (self.seeds[2],))]
        jobs += [(self.counter, (n, self.seeds[3 + i])) for i, n in enumerate(COUNTERS)]
        for target, args in jobs:
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self.threads.append(thread)

    def wait_answered(self, count: int, deadline: float) -> None:
        with self.cond:
            self.cond.wait_for(lambda: self.answered >= count or self.stop.is_set(),
                               max(0.0, deadline - time.monotonic()))

    def finish(self) -> None:
        self.stop.set()
        with self.cond:
            self.cond.notify_all()
        for thread in self.threads:
            thread.join(60)


# --- the hub process -------------------------------------------------------------------------

def start_hub(folder: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "ONESTOP_DATA": str(folder), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "onestop", "hub", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hub exited {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.05)  # polling for start-up under a deadline
    proc.kill()
    raise RuntimeError("hub did not answer /api/health")


def check_database(db_path: Path, acked: dict[str, tuple[str, str]]) -> list[str]:
    """The invariants of a hub database after a crash (the hub is down)."""
    problems: list[str] = []
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        have = dict((row[0], (row[1], row[2])) for row in
                    conn.execute("SELECT id, day, number FROM tickets"))
        for ticket_id, seen in acked.items():
            if have.get(ticket_id) != seen:
                problems.append(f"acknowledged ticket {ticket_id} {seen} is {have.get(ticket_id)}")
        for day, number, n in conn.execute("SELECT day, number, COUNT(*) FROM tickets "
                                           "GROUP BY day, number HAVING COUNT(*) > 1"):
            problems.append(f"number {number} issued {n} times on {day}")
        count, low, high = conn.execute("SELECT COUNT(*), MIN(seq), MAX(seq) FROM events"
                                        ).fetchone()
        if count and (low != 1 or high != count):
            problems.append(f"event sequence has gaps: {count} events, {low}..{high}")
        cursor = conn.execute("SELECT acked_seq FROM sync_state WHERE id = 1").fetchone()[0]
        if cursor > (high or 0):
            problems.append(f"sync cursor {cursor} is past the last event {high}")
    finally:
        conn.close()
    return problems


def run(rounds: int, folder: Path, *, seed: int = 1, central_url: str | None = None,
        max_requests: int = 120, log=print) -> Tally:
    """Run the harness; returns the tally (failures listed, never raised)."""
    from onestop.compose import build_hub
    from onestop.serving import free_port
    from onestop.settings import Settings
    from onestop.sync.pusher import enrol
    from tests.sync.syncenv import assert_exactly_once, start_central

    rng, tally = random.Random(seed), Tally()
    folder.mkdir(parents=True, exist_ok=True)
    # Small batches: the kills often land while a batch is in flight to central.
    (folder / "settings.json").write_text(json.dumps({"sync_batch_events": 10}), "utf-8")
    central = start_central(central_url or f"sqlite:///{folder.parent / 'central.db'}")
    try:
        hub = build_hub(Settings(data_dir=folder))
        try:
            tokens = {"reception": hub.auth.create_token("reception"),
                      "supervisor": hub.auth.create_token("supervisor")}
            tokens.update({f"counter{n}": hub.auth.create_token("counter", n) for n in COUNTERS})
            enrol(hub.outbox, central.url, central.code("Phường Thử nghiệm"),
                  clock=hub.store.clock)
        finally:
            hub.close()
        state: dict = {"acked": {}, "keys": {}}
        for round_ in range(1, rounds + 1):
            port = free_port()
            proc = start_hub(folder, port)
            load = Load(f"http://127.0.0.1:{port}", tokens, state, rng, tally)
            load.start()
            load.wait_answered(rng.randint(0, max_requests), time.monotonic() + 120)
            with load.cond:
                in_flight = load.in_flight
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            tally.mid_request += in_flight > 0
            load.finish()
            problems = check_database(folder / "hub.db", state["acked"])
            tally.failures += [f"round {round_}: {p}" for p in problems]
            if round_ % 10 == 0 or problems:
                log(f"round {round_}: {tally.requests} requests, {tally.acknowledged} tickets, "
                    f"{len(tally.failures)} failures")
        tally.failures += end_check(folder, central, assert_exactly_once, build_hub, Settings)
    finally:
        central.stop()
    return tally


def end_check(folder: Path, central, assert_exactly_once, build_hub, settings_type) -> list[str]:
    """Heal: run the hub until sync has drained, stop it cleanly, compare with central."""
    from onestop.serving import free_port

    port = free_port()
    proc = start_hub(folder, port)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            sync = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=10).json()["sync"]
            if sync["pending"] == 0 and sync["acked"] == sync["last_seq"]:
                break
            time.sleep(0.05)  # polling the drain under a deadline
        else:
            return [f"sync did not drain: {sync}"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    hub = build_hub(settings_type(data_dir=folder))
    try:
        assert_exactly_once(central, hub)
    except AssertionError as exc:
        return [f"central differs from the hub: {str(exc)[:500]}"]
    finally:
        hub.close()
    return []


def table(rounds: int, tally: Tally) -> str:
    rows = [("rounds (SIGKILL + restart)", rounds), ("requests sent", tally.requests),
            ("tickets acknowledged", tally.acknowledged),
            ("idempotent replays after a kill", tally.replays),
            ("kills with a request in flight", tally.mid_request),
            ("failures", len(tally.failures))]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>8}" for name, value in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--central-db", metavar="URL", help="central's database (default: "
                        "a SQLite file next to the hub's data folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onestop-crash-") as tmp:
        tally = run(args.rounds, Path(tmp) / "hub", seed=args.seed, central_url=args.central_db)
    print(table(args.rounds, tally))
    for failure in tally.failures[:50]:
        print("FAIL", failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
