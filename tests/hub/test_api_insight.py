"""Reception's estimate before issuing and the supervisor's live statistics."""

from __future__ import annotations

from datetime import date, time

from onestop.compose import build_hub
from onestop.hub import bookings
from onestop.hub.insight import day_stats
from onestop.hub.outbox import Outbox
from onestop.queue.booking_codes import BookingRef, group_list, make_code
from onestop.queue.operations import IssueRequest
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi


def test_estimate_before_issuing_matches_the_ticket(live_hub):
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    sup.post("/api/counters/1/open")
    for _ in range(3):
        rec.post("/api/tickets", json={"service": "2.000815"})
    preview = rec.get("/api/estimate", params={"service": "2.000815", "count": 60}).json()
    assert preview["complexity"] == "standard" and preview["people_ahead"] == 3
    issued = rec.post("/api/tickets", json={"service": "2.000815", "count": 60}).json()
    assert issued["complexity"] == preview["complexity"]
    assert issued["estimate"] == preview["estimate"]
    bad = rec.get("/api/estimate", params={"service": "0.000000"})
    assert bad.status_code == 422 and bad.json()["code"] == "unknown_service"
    assert live_hub.client("display").get(
        "/api/estimate", params={"service": "2.000815"}).status_code == 403


def test_supervisor_statistics(live_hub):
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    c1 = live_hub.client("counter", 1)
    sup.post("/api/counters/1/open")
    ids = [rec.post("/api/tickets", json={"service": code}).json()["ticket"]["id"]
           for code in ("2.000815", "2.000815", "1.001193")]
    called = c1.post("/api/counters/1/next").json()
    assert called["id"] == ids[0]
    c1.post(f"/api/tickets/{called['id']}/done")
    stats = sup.get("/api/stats").json()
    cert = next(g for g in stats["groups"] if g["id"] == "certification")
    assert (cert["issued"], cert["served"], cert["waiting"]) == (2, 1, 1)
    assert stats["totals"] == {"issued": 3, "served": 1, "waiting": 2, "no_show": 0}
    assert next(c for c in stats["counters"] if c["number"] == 1)["served"] == 1
    assert sum(h["issued"] for h in stats["issued_by_hour"]) == 3
    assert stats["booking"] == {"booked": 0, "walk_in": 3, "booked_share": 0.0,
                                "booked_mean_wait_minutes": None,
                                "walk_in_mean_wait_minutes": 0.0}
    assert c1.get("/api/stats").status_code == 403


def test_suggestions_for_a_long_queue_and_who_may_see_them(live_hub):
    """A bus of 30 land dossiers with only counters 3 and 4 open for land: the supervisor
    is told which counter should help, in Vietnamese and English; stations may not ask."""
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    for n in (1, 2, 3, 4):
        assert sup.post(f"/api/counters/{n}/open").status_code == 200
    for _ in range(30):
        assert rec.post("/api/tickets", json={"service": "1.013831"}).status_code == 201
    answer = sup.get("/api/suggestions").json()
    land = [s for s in answer["suggestions"] if s["group"] == "land"]
    assert len(land) == 1 and land[0]["after_minutes"] < land[0]["before_minutes"]
    assert land[0]["message_vi"].startswith(f"Quầy {land[0]['counter']} ")
    assert "Land" in land[0]["message_en"]
    assert live_hub.client("admin").get("/api/suggestions").status_code == 200
    for role in ("reception", "display"):
        assert live_hub.client(role).get("/api/suggestions").status_code == 403
    assert live_hub.client("counter", 1).get("/api/suggestions").status_code == 403


def test_booked_and_walk_in_waits_of_the_day(tmp_path):
    """The supervisor's booked figures: a citizen checked in 20 minutes before the 09:00 slot
    waits from 09:00; a walk-in of 08:45 called at 09:10 waited 25 minutes."""
    clock = FakeClock(hanoi(2026, 12, 7, 8, 40))
    hub = build_hub(Settings(data_dir=tmp_path / "hub"), clock=clock)
    store = hub.store
    key = bytes(range(32))
    Outbox(store).enrolled("http://central.invalid", "t", "Cửa Nam", None, 0, clock(),
                           booking_key=key.hex())
    groups = group_list([g.id for g in store.base_catalog.groups])
    code = make_code(key, store.hub_id, groups,
                     BookingRef("civil-status", date(2026, 12, 7), time(9, 0), 1))
    booked, _ = bookings.check_in(store, code)
    assert day_stats(store)["booking"] == {
        "booked": 1, "walk_in": 0, "booked_share": 100.0, "booked_mean_wait_minutes": None,
        "walk_in_mean_wait_minutes": None}
    store.update_counter(1, skills=("civil-status",))
    store.set_counter_status(1, "open")
    clock.now = hanoi(2026, 12, 7, 8, 45)
    service = next(s.code for s in store.catalog.services if s.group == "civil-status")
    walk_in = store.issue(IssueRequest(service)).ticket
    clock.now = hanoi(2026, 12, 7, 9, 0)
    assert store.call_next(1).id == booked.ticket.id
    store.act(booked.ticket.id, "done")
    clock.now = hanoi(2026, 12, 7, 9, 10)
    assert store.call_next(1).id == walk_in.id
    assert day_stats(store)["booking"] == {
        "booked": 1, "walk_in": 1, "booked_share": 50.0, "booked_mean_wait_minutes": 0.0,
        "walk_in_mean_wait_minutes": 25.0}
    hub.close()
