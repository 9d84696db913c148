"""The stations' hub client against a real hub: snapshot, pushed events, calls with
idempotency keys, and surviving a hub restart without duplicates or gaps."""

from __future__ import annotations

import pytest

from onestop.desktop.client import HubClient


@pytest.fixture
def client(qtbot, live_hub):
    c = HubClient(live_hub.url, live_hub.token("supervisor"))
    with qtbot.waitSignal(c.sig_state, timeout=10_000) as first:
        c.start()
    assert first.args[0]["counters"]
    yield c
    c.stop()


def call(qtbot, client: HubClient, method: str, path: str, body=None):
    box = {}
    with qtbot.waitCallback(timeout=10_000) as done:
        def ok(value):
            box["ok"] = value
            done(value)

        def failed(error):
            box["error"] = error
            done(error)

        client.call(client, method, path, body, done=ok, failed=failed)
    return box


def test_snapshot_events_and_errors(qtbot, client, live_hub):
    assert call(qtbot, client, "POST", "/api/counters/1/open")["ok"]["status"] == "open"
    with qtbot.waitSignal(client.sig_event, timeout=10_000,
                          check_params_cb=lambda e: e["type"] == "ticket.issued") as got:
        issued = call(qtbot, client, "POST", "/api/tickets", {"service": "2.000815"})["ok"]
    assert got.args[0]["data"]["ticket"]["number"] == issued["number"] == "A001"
    bad = call(qtbot, client, "POST", "/api/tickets", {"service": "nope"})["error"]
    assert bad.status == 422 and bad.code == "unknown_service" and "Không có thủ tục" in bad.message


def test_survives_a_hub_restart_and_resumes(qtbot, client, live_hub):
    seen: list[int] = []
    client.sig_event.connect(lambda e: seen.append(e["seq"]))
    call(qtbot, client, "POST", "/api/counters/1/open")
    with qtbot.waitSignal(client.sig_offline, timeout=20_000):
        live_hub.server.stop()
    unreachable = call(qtbot, client, "POST", "/api/counters/1/pause")["error"]
    assert unreachable.status == 0 and unreachable.code == "unreachable"
    with qtbot.waitSignal(client.sig_online, timeout=30_000):
        live_hub.restart()
    rec = live_hub.client("reception")
    with qtbot.waitSignal(client.sig_event, timeout=10_000,
                          check_params_cb=lambda e: e["type"] == "ticket.issued"):
        rec.post("/api/tickets", json={"service": "1.001193"})
    assert seen == sorted(set(seen)) and seen == list(range(seen[0], seen[-1] + 1))
