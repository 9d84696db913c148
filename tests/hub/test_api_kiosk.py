"""The kiosk role (issue 18, docs/kiosk.md): a screen anyone in the hall can touch may read
the catalogue, the ward's name and the guide, take a walk-in number and check a booking in,
and nothing else. Checked against every route the hub serves, so a route added later is
closed to a kiosk until someone opens it on purpose (hub/deps.py KIOSK_MAY)."""

from __future__ import annotations

import re

import httpx
import pytest

from onestop.hub.deps import KIOSK_MAY
from tests.livehub import live_hub  # noqa: F401


def test_every_route_but_the_kiosks_own_is_refused(live_hub):  # noqa: F811
    kiosk = live_hub.client("kiosk")
    refused, checked = [], 0
    schema = httpx.get(f"{live_hub.url}/openapi.json").json()  # every route the hub serves
    for route, methods in schema["paths"].items():
        if not route.startswith("/api/") or route in ("/api/health", "/api/pair"):
            continue
        if route.startswith("/api/public/"):  # open to anyone without a token, by design
            continue
        for method in (m.upper() for m in methods):
            if (method, route) in KIOSK_MAY:
                continue
            answer = kiosk.request(method, re.sub(r"\{[^}]+\}", "1", route), json={})
            checked += 1
            if answer.status_code != 403:
                refused.append(f"{method} {route}: {answer.status_code}")
    assert checked > 30 and refused == []


def test_the_kiosk_takes_walk_in_numbers_and_reads_the_catalogue(live_hub):  # noqa: F811
    kiosk = live_hub.client("kiosk")
    assert kiosk.get("/api/catalog").json()["services"]
    assert kiosk.get("/api/ward").json()["name_vi"]
    issued = kiosk.post("/api/tickets", json={"service": "1.001193"})
    assert issued.status_code == 201 and issued.json()["number"] == "B001"
    assert issued.json()["estimate"]["text_vi"] and "/t/" in issued.json()["public_url"]
    for body in ({"service": "1.001193", "priority": "elderly"},
                 {"service": "1.001193", "channel": "booked"}):
        refused = kiosk.post("/api/tickets", json=body)
        assert refused.status_code == 403 and refused.json()["code"] == "kiosk_walk_in_only"
        assert "quầy tiếp nhận" in refused.json()["message_vi"]
    assert len(live_hub.hub.store.waiting()) == 1


def test_a_kiosk_cannot_call_a_counter_nor_follow_the_queue(live_hub):  # noqa: F811
    from websockets.sync.client import connect

    live_hub.client("supervisor").post("/api/counters/1/open")
    kiosk = live_hub.client("kiosk")
    kiosk.post("/api/tickets", json={"service": "2.000815"})
    for method, path in (("POST", "/api/counters/1/next"), ("GET", "/api/state"),
                         ("GET", "/api/tickets?number=A001"), ("POST", "/api/pairing-codes")):
        answer = kiosk.request(method, path, json={"role": "kiosk"})
        assert answer.status_code == 403 and answer.json()["code"] == "forbidden", path
    assert live_hub.hub.store.waiting()[0].status == "waiting"
    token = kiosk.headers["Authorization"][7:]
    with connect(f"{live_hub.ws_url}/api/events?token={token}") as ws, \
            pytest.raises(Exception) as closed:
        ws.recv(timeout=10)
    assert getattr(closed.value, "rcvd", None) is None or closed.value.rcvd.code == 4401


def test_a_kiosk_is_paired_like_any_station(live_hub):  # noqa: F811
    supervisor = live_hub.client("supervisor")
    made = supervisor.post("/api/pairing-codes", json={"role": "kiosk"})
    assert made.status_code == 201
    paired = httpx.post(f"{live_hub.url}/api/pair", json={"code": made.json()["code"],
                                                           "name": "Ki-ốt cửa chính"})
    assert paired.json()["role"] == "kiosk"
    kiosk = httpx.Client(base_url=live_hub.url,
                         headers={"Authorization": f"Bearer {paired.json()['token']}"})
    assert kiosk.post("/api/tickets", json={"service": "2.000815"}).status_code == 201
    assert kiosk.get("/api/state").status_code == 403
