"""A real central on loopback and real hubs for the sync tests: start central (SQLite or
PostgreSQL), enrol a hub, generate realistic events, drive the hub's worker, and compare what
central holds with the hub's outbox."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from onestop.compose import Hub, build_hub
from onestop.queue.errors import DomainError
from onestop.settings import Settings
from onestop.sync.central.server import Central, CentralServer, build_central
from onestop.sync.pusher import SyncWorker, enrol
from tests.clock import FakeClock, hanoi
from tests.printing.seed import seed_day

MONDAY = date(2026, 11, 23)


@dataclass
class CentralEnv:
    central: Central
    server: CentralServer

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, ward: str) -> str:
        return self.central.auth.create_enrol_code(ward)

    def held(self, hub_id: str) -> list[tuple[int, str, str]]:
        """(seq, event id, status) of every event central holds for a hub, in seq order."""
        with self.central.db.read() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT seq, event_id, status FROM events WHERE hub_id = :h ORDER BY seq"),
                {"h": hub_id})]

    def hub_row(self, hub_id: str) -> dict:
        with self.central.db.read() as conn:
            row = conn.execute(text("SELECT * FROM hubs WHERE hub_id = :h"),
                               {"h": hub_id}).mappings().one()
        return dict(row)

    def tickets(self, hub_id: str) -> dict[str, str]:
        with self.central.db.read() as conn:
            return {r[0]: r[1] for r in conn.execute(text(
                "SELECT ticket_id, status FROM tickets WHERE hub_id = :h"), {"h": hub_id})}

    def stop(self) -> None:
        self.server.stop()
        self.central.close()


def start_central(db_url: str) -> CentralEnv:
    central = build_central(db_url)
    server = CentralServer(central)
    server.start()
    return CentralEnv(central, server)


def new_hub(folder: Path, clock: FakeClock | None = None) -> Hub:
    clock = clock or FakeClock(hanoi(MONDAY.year, MONDAY.month, MONDAY.day, 7, 30))
    return build_hub(Settings(data_dir=folder), clock=clock)


def enrol_hub(hub: Hub, env: CentralEnv, ward: str, url: str | None = None) -> None:
    enrol(hub.outbox, url or env.url, env.code(ward), clock=hub.store.clock)


def seed_days(hub: Hub, days: int, tickets: int = 120, first: date = MONDAY,
              seed: int = 1) -> None:
    """Realistic ward days (docs/domain.md arrivals, serving, no-shows, ratings), weekdays only."""
    day, done = first, 0
    while done < days:
        if day.weekday() < 5:
            seed_day(hub.store, day, tickets, seed=seed + done)
            done += 1
        day += timedelta(days=1)


def some_events(hub: Hub, rng: random.Random, n: int) -> None:
    """A few more changes at the hub's current time: issue, call, serve."""
    from onestop.queue.operations import IssueRequest

    for _ in range(n):
        action = rng.random()
        try:
            if action < 0.5:
                hub.store.issue(IssueRequest(rng.choice(["2.000815", "1.001193", "local.result"]),
                                             "submit", 1, None))
            else:
                number = rng.randint(1, 5)
                hub.store.set_counter_status(number, "open")
                hub.store.call_next(number)
        except DomainError:
            pass


def hub_events(hub: Hub) -> list[tuple[int, str]]:
    return [(e.seq, e.id) for e in hub.store.events_since(0, 10**9)]


def drain(worker: SyncWorker, rounds: int = 200) -> None:
    """Run cycles (without honouring the backoff delays) until nothing waits."""
    for _ in range(rounds):
        worker.run_cycle()
        if worker.outbox.pending() == 0 and worker.state == "idle":
            return
    raise AssertionError(f"outbox not drained: {worker.status()}")


def assert_exactly_once(env: CentralEnv, hub: Hub) -> None:
    """Central holds every event of the hub once, in order, stored; counters agree."""
    held = env.held(hub.store.hub_id)
    assert [(s, i) for s, i, _ in held] == hub_events(hub)
    assert {status for *_, status in held} <= {"stored"}
    row = env.hub_row(hub.store.hub_id)
    assert row["acked"] == hub.store.last_event_seq() == hub.outbox.acked()
    assert row["events"] == len(held)
    with hub.store.reading() as db:
        hub_tickets = dict(db.execute("SELECT id, status FROM tickets").fetchall())
    assert env.tickets(hub.store.hub_id) == hub_tickets
