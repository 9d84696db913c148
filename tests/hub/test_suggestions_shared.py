"""The supervisor's suggestions and the simulator's `--staffing suggest` are one function:
for the same room (the live hub's queue, counters and the citizens at them), the simulated
supervisor gets exactly what `GET /api/suggestions` serves."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from onestop.compose import HubServer, build_hub
from onestop.queue.lines import WaitingLines
from onestop.queue.scenario import parse_scenario
from onestop.queue.simulate import Room
from onestop.queue.supervise import SuggestStaffing
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.livehub import LiveHub


@pytest.fixture
def hub_at_nine(tmp_path):
    hub = build_hub(Settings(data_dir=tmp_path / "data"),
                    clock=FakeClock(hanoi(2026, 12, 7, 9, 0)))
    host, port = "127.0.0.1", free_port()
    server = HubServer(hub, host, port)
    server.start()
    live = LiveHub(hub, server, host, port)
    yield live
    live.stop()


def simulated_room(store):
    """A simulator room holding the hub's state: its counters (may serve any group, as the
    hub assumes), its waiting lines and the citizens now at a counter."""
    counters = store.counters()
    groups = [g.id for g in store.catalog.groups]
    scenario = parse_scenario({
        "name": "hub", "open": [["08:00", "17:00"]],
        "arrivals": {"process": "poisson", "rate_per_hour": 1},
        "mix": [{"service": s.code, "share": 1} for s in store.catalog.services[:1]],
        "counters": [{"id": c.number, "groups": list(c.skills), "can_serve": groups}
                     for c in counters]}, catalog=store.catalog)
    room = Room(scenario, store.catalog, store.rules, store.policy,
                ZoneInfo(store.rules.timezone), False)
    room.origin = store.clock()
    waiting, _, current = store.forecast_inputs()
    room.queue = WaitingLines(waiting)
    room.counters = {c.number: c for c in counters}
    room.current = {c.number: current[c.current] for c in counters if c.current}
    return scenario, room


def test_hub_and_simulator_suggest_the_same(hub_at_nine):
    sup, rec = hub_at_nine.client("supervisor"), hub_at_nine.client("reception")
    for n in (1, 2, 3, 4):
        assert sup.post(f"/api/counters/{n}/open").status_code == 200
    for code, n in (("1.013831", 25), ("2.000815", 12), ("local.result", 6)):
        for _ in range(n):
            assert rec.post("/api/tickets", json={"service": code}).status_code == 201
    assert hub_at_nine.client("counter", 3).post("/api/counters/3/next").status_code == 200
    served = sup.get("/api/suggestions").json()["suggestions"]
    assert served, "the state must call for a move, or the comparison proves nothing"
    store = hub_at_nine.hub.store
    scenario, room = simulated_room(store)
    supervisor = SuggestStaffing(scenario, store.catalog, store.rules)
    simulated = [s.to_dict() for s in supervisor.suggestions(room, 0.0)]
    assert simulated == [{k: item[k] for k in ("group", "counter", "action", "before_minutes",
                                                "after_minutes")} for item in served]
