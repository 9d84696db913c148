"""Stations retry after a lost answer: with an Idempotency-Key every command applies once."""

from __future__ import annotations


def called_events(live_hub) -> list[str]:
    return [e.data["ticket"]["number"] for e in live_hub.hub.store.events_since(0)
            if e.type == "ticket.called"]


def test_next_and_actions_apply_once_per_key(live_hub):
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    c1 = live_hub.client("counter", 1)
    sup.post("/api/counters/1/open")
    for _ in range(3):
        rec.post("/api/tickets", json={"service": "2.000815"})
    first = c1.post("/api/counters/1/next", headers={"Idempotency-Key": "n-1"})
    again = c1.post("/api/counters/1/next", headers={"Idempotency-Key": "n-1"})
    assert first.status_code == again.status_code == 200
    assert first.json()["number"] == again.json()["number"] == "A001"
    assert again.headers.get("Idempotent-Replay") == "true"
    assert called_events(live_hub) == ["A001"]
    tid = first.json()["id"]
    done1 = c1.post(f"/api/tickets/{tid}/done", headers={"Idempotency-Key": "d-1"})
    done2 = c1.post(f"/api/tickets/{tid}/done", headers={"Idempotency-Key": "d-1"})
    assert done1.status_code == done2.status_code == 200 and done2.json()["status"] == "done"
    # Without the key the repeat is a new command, refused by the state machine.
    assert c1.post(f"/api/tickets/{tid}/done").status_code == 409
    # A new key is a new command: the next citizen.
    assert c1.post("/api/counters/1/next",
                   headers={"Idempotency-Key": "n-2"}).json()["number"] == "A002"


def test_a_refused_command_is_not_remembered(live_hub):
    c1 = live_hub.client("counter", 1)
    refused = c1.post("/api/counters/1/next", headers={"Idempotency-Key": "k"})
    assert refused.status_code == 409 and refused.json()["code"] == "counter_not_open"
    live_hub.client("supervisor").post("/api/counters/1/open")
    empty = c1.post("/api/counters/1/next", headers={"Idempotency-Key": "k"})
    assert empty.status_code == 204  # executed now, nobody waiting
    live_hub.client("reception").post("/api/tickets", json={"service": "2.000815"})
    assert c1.post("/api/counters/1/next", headers={"Idempotency-Key": "k"}).status_code == 204


def test_keys_are_per_station(live_hub):
    sup = live_hub.client("supervisor")
    for n in (1, 2):
        sup.post(f"/api/counters/{n}/open")
    rec = live_hub.client("reception")
    for _ in range(2):
        rec.post("/api/tickets", json={"service": "1.001193"})
    a = live_hub.client("counter", 1).post("/api/counters/1/next", headers={"Idempotency-Key": "x"})
    b = live_hub.client("counter", 2).post("/api/counters/2/next", headers={"Idempotency-Key": "x"})
    assert {a.json()["number"], b.json()["number"]} == {"B001", "B002"}


def test_return_without_a_counter_is_a_clear_4xx(live_hub):
    sup = live_hub.client("supervisor")
    sup.post("/api/counters/1/open")
    live_hub.client("reception").post("/api/tickets", json={"service": "2.000815"})
    c1 = live_hub.client("counter", 1)
    t = c1.post("/api/counters/1/next").json()
    c1.post(f"/api/tickets/{t['id']}/recall")
    assert c1.post(f"/api/tickets/{t['id']}/park").status_code == 200
    refused = sup.post(f"/api/tickets/{t['id']}/return")
    assert refused.status_code == 422 and refused.json()["code"] == "counter_required"
    assert sup.post(f"/api/tickets/{t['id']}/return", json={"counter": 1}).status_code == 200
