"""Shared set-up for the central server tests (no tests here): a central on SQLite or a fresh
PostgreSQL database, served on loopback, and realistic outbox events from a real hub store.

Test modules import the fixtures by their function names (`central_fixture`...); pytest knows
them by `name=` (`central`...), so a test's parameter does not shadow the import."""

from __future__ import annotations

import copy
import functools
import tempfile
from pathlib import Path

import httpx
import pytest

from onestop.sync.central.server import Central, CentralServer, build_central
from onestop.sync.protocol import ENROL_PATH, EVENTS_PATH, PROTOCOL_VERSION
from tests.clock import FakeClock, hanoi

CENTRAL_START = hanoi(2026, 11, 25, 16)  # central's clock: late afternoon of the hub's day


@pytest.fixture(name="db_url", params=["sqlite", "postgresql"])
def db_url_fixture(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(name="clock")
def clock_fixture() -> FakeClock:
    return FakeClock(CENTRAL_START)


@pytest.fixture(name="central")
def central_fixture(db_url, clock):
    c = build_central(db_url, clock=clock)
    yield c
    c.close()


@pytest.fixture(name="server")
def server_fixture(central):
    s = CentralServer(central)
    s.start()
    yield s
    s.stop()


class HubClient:
    """A hub as central sees it: its id, its token and an HTTP client."""

    def __init__(self, server: CentralServer, hub_id: str, token: str) -> None:
        self.hub_id, self.token = hub_id, token
        self.http = httpx.Client(base_url=server.url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})

    def post(self, events: list[dict], hub_id: str | None = None,
             sent_at: str = "2026-11-25T09:00:00+00:00") -> httpx.Response:
        return self.http.post(EVENTS_PATH, json=batch(hub_id or self.hub_id, events, sent_at))

    def close(self) -> None:
        self.http.close()


def batch(hub_id: str, events: list[dict], sent_at: str = "2026-11-25T09:00:00+00:00") -> dict:
    return {"protocol": PROTOCOL_VERSION, "hub_id": hub_id, "sent_at": sent_at,
            "events": events}


def enrol(central: Central, server: CentralServer, ward: str, hub_id: str) -> HubClient:
    code = central.auth.create_enrol_code(ward)
    r = httpx.post(f"{server.url}{ENROL_PATH}", json={"code": code, "hub_id": hub_id})
    assert r.status_code == 200, r.text
    return HubClient(server, hub_id, r.json()["token"])


@functools.lru_cache(maxsize=1)
def _hub_day() -> tuple[dict, ...]:
    """One real hub's outbox for a morning: 14 tickets (10 done, 1 no-show, 1 cancelled,
    2 waiting), 7 ratings, counter events. Made once per test run (a real SQLite hub)."""
    from onestop.compose import build_hub
    from onestop.queue.operations import IssueRequest

    hub_clock = FakeClock(hanoi(2026, 11, 25, 8))
    with tempfile.TemporaryDirectory() as folder:
        hub = build_hub(data_dir=Path(folder), clock=hub_clock)
        store = hub.store
        for n in (1, 2, 3, 4, 5):
            store.set_counter_status(n, "open")
        issued = []
        for i in range(12):
            hub_clock.advance(minutes=2)
            service = ("2.000815", "1.001193", "local.guidance")[i % 3]
            issued.append(store.issue(IssueRequest(service)).ticket)
        store.act(issued[-1].id, "cancel", reason="left")
        calls = 0
        for k in range(15):
            hub_clock.advance(minutes=3)
            t = store.call_next(1 + k % 5)
            if t is None:
                continue
            calls += 1
            if calls == 4:
                store.act(t.id, "recall")
                store.act(t.id, "no-show")
                continue
            store.act(t.id, "start")
            hub_clock.advance(minutes=5)
            done = store.act(t.id, "done")
            if calls % 3:
                store.rate(done.token, 3 if calls % 2 else 2)
        for service in ("2.000815", "1.001193"):  # two still waiting when the batch leaves
            hub_clock.advance(minutes=1)
            store.issue(IssueRequest(service))
        events = tuple({"hub_id": "", **e.to_dict()} for e in store.events_since(0, 10_000))
        hub.close()
    return events


def hub_events(hub_id: str) -> list[dict]:
    """The real hub day as wire events of `hub_id` (fresh copies: tests may mutate them)."""
    events = copy.deepcopy(list(_hub_day()))
    for e in events:
        e["hub_id"] = hub_id
    return events


def ticket_events(events: list[dict]) -> list[dict]:
    return [e for e in events if e["type"].startswith(("ticket.", "rating."))]
