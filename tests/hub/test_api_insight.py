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
