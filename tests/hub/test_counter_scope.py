"""Issue 13, finding 6: a counter acts only on its own counter's citizens (docs/security.md §1).
Counter 1 could `return` a ticket counter 4 parked (it was then called at counter 1), and after
counter 1 transferred its citizen it could transfer and cancel the waiting ticket again. Real
hub on loopback."""

from __future__ import annotations

import pytest

SERVICE = "2.000815"  # certification: counters 1 and 4 serve it


def _code(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    if code:
        assert r.json()["code"] == code
    return r.json()


@pytest.fixture
def desks(live_hub):
    clients = {name: live_hub.client(*spec) for name, spec in {
        "c1": ("counter", 1), "c4": ("counter", 4), "reception": ("reception",),
        "supervisor": ("supervisor",)}.items()}
    for n in (1, 4):
        _code(clients[f"c{n}"].post(f"/api/counters/{n}/open"), 200)
    for _ in range(4):
        _code(clients["reception"].post("/api/tickets", json={"service": SERVICE}), 201)
    yield clients
    for client in clients.values():
        client.close()


def test_a_counter_cannot_return_another_counters_parked_citizen(desks):
    c1, c4, sup = desks["c1"], desks["c4"], desks["supervisor"]
    parked = _code(c4.post("/api/counters/4/next"), 200)
    _code(c4.post(f"/api/tickets/{parked['id']}/park", json={"reason": "thiếu giấy"}), 200)
    _code(c1.post(f"/api/tickets/{parked['id']}/return", json={"counter": 1}), 403, "forbidden")
    _code(c1.post(f"/api/tickets/{parked['id']}/return"), 403, "forbidden")
    assert _code(sup.get(f"/api/tickets/{parked['id']}"), 200)["status"] == "parked"
    back = _code(c4.post(f"/api/tickets/{parked['id']}/return", json={"counter": 4}), 200)
    assert (back["status"], back["counter"]) == ("called", 4)
    # A supervisor may hand a parked citizen to another counter.
    _code(c4.post(f"/api/tickets/{parked['id']}/park"), 200)
    moved = _code(sup.post(f"/api/tickets/{parked['id']}/return", json={"counter": 1}), 200)
    assert (moved["status"], moved["counter"]) == ("called", 1)


def test_a_transferred_ticket_no_longer_belongs_to_the_counter(desks):
    c1, rec, sup = desks["c1"], desks["reception"], desks["supervisor"]
    called = _code(c1.post("/api/counters/1/next"), 200)
    moved = _code(c1.post(f"/api/tickets/{called['id']}/transfer",
                          json={"to_group": "civil-status"}), 200)
    assert moved["status"] == "waiting"
    for action, body in (("transfer", {"to_group": "certification"}),
                         ("cancel", {"reason": "x"}), ("start", None), ("no-show", None)):
        _code(c1.post(f"/api/tickets/{called['id']}/{action}", json=body), 403, "forbidden")
    assert _code(sup.get(f"/api/tickets/{called['id']}"), 200)["group"] == "civil-status"
    _code(sup.post(f"/api/tickets/{called['id']}/transfer", json={"to_group": "certification"}),
          200)
    _code(rec.post(f"/api/tickets/{called['id']}/cancel", json={"reason": "bỏ về"}), 200)


def test_a_late_action_on_the_counters_own_finished_ticket_is_still_409(desks):
    c1 = desks["c1"]
    called = _code(c1.post("/api/counters/1/next"), 200)
    _code(c1.post(f"/api/tickets/{called['id']}/done"), 200)
    _code(c1.post(f"/api/tickets/{called['id']}/done"), 409, "illegal_transition")
    _code(desks["c4"].post(f"/api/tickets/{called['id']}/done"), 403, "forbidden")
