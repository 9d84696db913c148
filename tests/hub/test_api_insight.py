"""Reception's estimate before issuing and the supervisor's live statistics."""

from __future__ import annotations


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
