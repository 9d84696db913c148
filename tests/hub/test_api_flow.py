"""A ticket's whole life through the real hub's HTTP API and WebSocket, on loopback.

Proves: reception issues, a supervisor opens a counter, an officer signs in with a PIN (a wrong
PIN is refused), a display connected before the call gets `ticket.called` by push with the right
number and counter, recall/start/done work and record the officer, and the rating sticks;
`Idempotency-Key` replays (and refuses reuse with another body); a restart keeps the queue and
the numbering; and bad input is always a 4xx JSON error with a `code`, never a 5xx.
"""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.sync.client import connect

from onestop.hub.http_errors import MAX_BODY

SERVICE = "2.000815"  # certified copy: group certification, served at counter 1
OFFICER, PIN = "nguyen.lan", "246813"


def _error(r: httpx.Response, status: int | tuple[int, ...], code: str | None = None) -> dict:
    """Assert `r` is a JSON error with the given status (and code); return its body."""
    statuses = status if isinstance(status, tuple) else (status,)
    assert r.status_code in statuses, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body = r.json()
    assert isinstance(body.get("code"), str) and body["code"], body
    assert isinstance(body.get("message"), str) and body["message"], body
    if code is not None:
        assert body["code"] == code, body
    return body


def _next_event(ws, type_: str, timeout: float = 5.0) -> dict:
    while True:
        message = json.loads(ws.recv(timeout=timeout))
        if message["kind"] == "event" and message["event"]["type"] == type_:
            return message["event"]


def test_issue_call_serve_rate_with_push_to_display(live_hub):
    reception = live_hub.client("reception")
    supervisor = live_hub.client("supervisor")
    admin = live_hub.client("admin")
    station = live_hub.client("counter", 1)
    display_token = live_hub.token("display")

    r = reception.post("/api/tickets", json={"service": SERVICE, "kind": "submit", "count": 3})
    assert r.status_code == 201, r.text
    issued = r.json()
    ticket = issued["ticket"]
    assert issued["number"] == ticket["number"] and ticket["status"] == "waiting"
    assert ticket["count"] == 3 and ticket["group"] == "certification"
    assert issued["people_ahead"] == 0
    assert issued["public_url"] == f"{live_hub.url}/t/{ticket['token']}"

    assert supervisor.post("/api/counters/1/open").json()["status"] == "open"
    assert admin.post("/api/officers", json={"username": OFFICER, "pin": PIN,
                                             "display_name": "Nguyễn Thị Lan"}).status_code == 201
    _error(station.post("/api/counters/1/sign-in", json={"username": OFFICER, "pin": "999999"}),
           401, "bad_credentials")
    _error(station.post("/api/counters/1/sign-in", json={"username": "nobody", "pin": PIN}),
           401, "bad_credentials")
    r = station.post("/api/counters/1/sign-in", json={"username": OFFICER, "pin": PIN})
    assert r.status_code == 200 and r.json()["officer"] == OFFICER, r.text

    with connect(f"{live_hub.ws_url}/api/events?token={display_token}") as ws:
        first = json.loads(ws.recv(timeout=5))
        assert first["kind"] == "snapshot"
        assert first["state"]["counters"][0]["officer"] == OFFICER
        r = station.post("/api/counters/1/next")
        assert r.status_code == 200, r.text
        assert r.json()["id"] == ticket["id"] and r.json()["status"] == "called"
        called = _next_event(ws, "ticket.called")
        assert called["data"]["ticket"]["number"] == ticket["number"]
        assert called["data"]["ticket"]["counter"] == 1
        assert called["seq"] > first["state"]["seq"]

        r = station.post(f"/api/tickets/{ticket['id']}/recall")
        assert r.status_code == 200 and r.json()["recalls"] == 1, r.text
        assert _next_event(ws, "ticket.recalled")["data"]["ticket"]["counter"] == 1
    for action, status in (("start", "serving"), ("done", "done")):
        r = station.post(f"/api/tickets/{ticket['id']}/{action}")
        assert r.status_code == 200 and r.json()["status"] == status, r.text
    final = station.get(f"/api/tickets/{ticket['id']}").json()
    assert final["officer"] == OFFICER and final["counter"] == 1
    assert final["finished_at"] and final["outcome"] == "served"
    state = station.get("/api/state").json()
    assert state["counters"][0]["ticket"] is None  # the counter is free again
    # Acting again on a finished ticket is explained by the state machine (409), for the
    # counter that served it and for a supervisor alike; another counter gets 403.
    _error(station.post(f"/api/tickets/{ticket['id']}/done"), 409, "illegal_transition")
    _error(live_hub.client("counter", 2).post(f"/api/tickets/{ticket['id']}/done"), 403,
           "forbidden")
    _error(supervisor.post(f"/api/tickets/{ticket['id']}/done"), 409, "illegal_transition")

    live_hub.hub.store.rate(ticket["token"], 3)
    assert station.get(f"/api/tickets/{ticket['id']}").json()["rating"] == 3


def test_idempotency_key_replays_the_same_ticket(live_hub):
    reception = live_hub.client("reception")
    body = {"service": SERVICE, "kind": "submit", "count": 2}
    key = {"Idempotency-Key": "kiosk-7-0001"}
    first = reception.post("/api/tickets", json=body, headers=key)
    again = reception.post("/api/tickets", json=body, headers=key)
    assert first.status_code == 201 and again.status_code == 200, (first.text, again.text)
    assert again.json()["ticket"]["id"] == first.json()["ticket"]["id"]
    assert again.json()["number"] == first.json()["number"] and again.json()["replayed"]
    _error(reception.post("/api/tickets", json={**body, "count": 5}, headers=key),
           409, "idempotency_key_reused")
    assert len(live_hub.hub.store.waiting()) == 1
    other = reception.post("/api/tickets", json=body, headers={"Idempotency-Key": "kiosk-7-2"})
    assert other.status_code == 201 and other.json()["number"] != first.json()["number"]
    assert len(live_hub.hub.store.waiting()) == 2


def test_restart_keeps_the_queue_and_numbering(live_hub):
    reception_token, counter_token = live_hub.token("reception"), live_hub.token("counter", 1)
    live_hub.hub.store.set_counter_status(1, "open")

    def client(token: str) -> httpx.Client:
        return httpx.Client(base_url=live_hub.url, timeout=30,
                            headers={"Authorization": f"Bearer {token}"})

    with client(reception_token) as reception, client(counter_token) as station:
        numbers = [reception.post("/api/tickets", json={"service": SERVICE}).json()["number"]
                   for _ in range(5)]
        called = station.post("/api/counters/1/next").json()
        before = station.get("/api/state").json()
        backlog = station.get("/api/counters/1/upcoming").json()["upcoming"]
    assert called["number"] == numbers[0]
    assert [t["number"] for t in backlog] == numbers[1:]

    live_hub.restart()
    with client(reception_token) as reception, client(counter_token) as station:
        after = station.get("/api/state").json()  # the stored tokens still work
        assert after["seq"] == before["seq"]
        assert after["counters"] == before["counters"]
        assert after["counters"][0]["ticket"]["number"] == numbers[0]
        assert after["groups"] == before["groups"] and after["waiting_total"] == 4
        again = station.get("/api/counters/1/upcoming").json()["upcoming"]
        assert [t["number"] for t in again] == numbers[1:]
        sixth = reception.post("/api/tickets", json={"service": SERVICE}).json()["number"]
        assert sixth[0] == numbers[0][0] and int(sixth[1:]) == int(numbers[-1][1:]) + 1
        assert station.post(f"/api/tickets/{called['id']}/done").status_code == 200


BAD_ISSUES = [
    ({"service": "9.999999"}, "unknown_service"),
    ({"service": SERVICE, "count": 0}, "invalid_request"),
    ({"service": SERVICE, "count": -1}, "invalid_request"),
    ({"service": SERVICE, "count": 10**9}, "invalid_request"),
    ({"service": SERVICE, "count": "3"}, "invalid_request"),
    ({"service": SERVICE, "count": None}, "invalid_request"),
    ({"service": SERVICE, "count": True}, "invalid_request"),
    ({"service": SERVICE, "count": 2.5}, "invalid_request"),
    ({"service": SERVICE, "kind": "bribe"}, "invalid_request"),
    ({"service": SERVICE, "colour": "red"}, "invalid_request"),
    ({"count": 1}, "invalid_request"),
    ({}, "invalid_request"),
    ([], "invalid_request"),
    ("A001", "invalid_request"),
]


@pytest.mark.parametrize(("body", "code"), BAD_ISSUES, ids=[repr(b)[:40] for b, _ in BAD_ISSUES])
def test_bad_issue_bodies_are_422(live_hub, body, code):
    with live_hub.client("reception") as reception:
        _error(reception.post("/api/tickets", json=body), 422, code)
    assert live_hub.hub.store.waiting() == []  # nothing issued, no number consumed


@pytest.mark.parametrize("raw", [b"{bad json", b'{"service": "\xff\xfe"}', b"\xff" * 20, b"",
                                 b'{"service": "2.000815",}', b"null"])
def test_malformed_bodies_are_4xx_json(live_hub, raw):
    with live_hub.client("reception") as reception:
        r = reception.post("/api/tickets", content=raw,
                           headers={"Content-Type": "application/json"})
        body = _error(r, (400, 422))
        # Not UTF-8 has its own code (was the generic http_error): the client can say why.
        assert body["code"] == ("bad_encoding" if b"\xff" in raw else "invalid_request")


def test_oversized_bodies_are_413(live_hub):
    big = json.dumps({"service": SERVICE, "pad": "x" * (MAX_BODY + 1024)}).encode()
    with live_hub.client("admin") as admin:
        _error(admin.post("/api/tickets", content=big,
                          headers={"Content-Type": "application/json"}), 413, "too_large")

        def chunks():  # no Content-Length: the limit must still hold
            for i in range(0, len(big), 16 * 1024):
                yield big[i:i + 16 * 1024]

        _error(admin.put("/api/catalog", content=chunks(),
                         headers={"Content-Type": "application/json"}), 413, "too_large")
        small = b'{"service": "2.000815"}'  # a small chunked body still gets through
        r = admin.post("/api/tickets", content=iter([small[:9], small[9:]]),
                       headers={"Content-Type": "application/json"})
        assert r.status_code == 201, r.text


def test_unknown_things_are_clean_errors(live_hub):
    with live_hub.client("supervisor") as sup:
        _error(sup.get("/api/tickets/no-such-ticket"), 404, "ticket_not_found")
        _error(sup.post("/api/tickets/no-such-ticket/done"), 404, "ticket_not_found")
        _error(sup.post("/api/tickets/no-such-ticket/frobnicate"), (404, 405, 422))
        _error(sup.post("/api/counters/99/open"), 404, "counter_not_found")
        _error(sup.post("/api/counters/1/explode"), (404, 405, 422))
        _error(sup.post("/api/counters/one/next"), 422, "invalid_request")
        _error(sup.get("/api/no-such-thing"), 404, "not_found")
        _error(sup.delete("/api/tickets"), 405, "method_not_allowed")
        t = live_hub.hub.store  # a waiting ticket cannot be started: a 409 with its code
        tid = sup.post("/api/tickets", json={"service": SERVICE}).json()["ticket"]["id"]
        _error(sup.post(f"/api/tickets/{tid}/start"), 409, "illegal_transition")
        assert t.ticket(tid).status == "waiting"
