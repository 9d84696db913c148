"""`GET /api/tickets`: finding today's tickets by the number people say."""

from __future__ import annotations


def issue(live_hub, service: str = "2.000815") -> dict:
    with live_hub.client("reception") as rec:
        reply = rec.post("/api/tickets", json={"service": service})
    assert reply.status_code == 201, reply.text
    return reply.json()["ticket"]


def test_find_by_number_status_and_day(live_hub):
    first, second = issue(live_hub), issue(live_hub, "1.001193")
    with live_hub.client("counter", 2) as counter:
        found = counter.get("/api/tickets", params={"number": " a001 ", "day": "today"}).json()
        assert [t["id"] for t in found["tickets"]] == [first["id"]]
        assert found["tickets"][0]["public_url"].endswith(first["token"])
        waiting = counter.get("/api/tickets", params={"status": "waiting"}).json()["tickets"]
        assert [t["number"] for t in waiting] == ["A001", "B001"]
        assert second["number"] == "B001"
        assert counter.get("/api/tickets", params={"status": "done"}).json()["tickets"] == []
        other_day = counter.get("/api/tickets", params={"day": "2020-01-01"}).json()
        assert other_day == {"day": "2020-01-01", "tickets": []}
        bad = counter.get("/api/tickets", params={"day": "yesterday"})
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_day"
        assert counter.get("/api/tickets", params={"limit": 0}).status_code == 422


def test_roles(live_hub):
    for role, counter in (("reception", None), ("supervisor", None), ("admin", None),
                          ("counter", 1)):
        with live_hub.client(role, counter) as c:
            assert c.get("/api/tickets").status_code == 200
    with live_hub.client("display") as display:
        assert display.get("/api/tickets").status_code == 403
    with live_hub.client("display") as anyone:
        anyone.headers.pop("Authorization")
        assert anyone.get("/api/tickets").status_code == 401
