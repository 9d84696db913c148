"""POST /api/check-in and GET /api/bookings on the real hub over loopback (issue 16)."""

from __future__ import annotations

from datetime import time

from onestop.hub.outbox import Outbox
from onestop.queue.booking_codes import BookingRef, group_list, make_code
from onestop.queue.numbering import service_day

KEY = bytes(range(32))


def _code(store, serial=1, key=KEY) -> str:
    now = store.clock().astimezone(__import__("zoneinfo").ZoneInfo(store.rules.timezone))
    slot = time(now.hour, now.minute - now.minute % 5)  # the slot running now: accepted
    groups = group_list([g.id for g in store.base_catalog.groups])
    return make_code(key, store.hub_id, groups,
                     BookingRef("certification", service_day(now, store.rules.timezone), slot,
                                serial))


def test_check_in_over_http(live_hub):
    store = live_hub.hub.store
    Outbox(store).enrolled("http://central.invalid", "t", "Cửa Nam", None, 0, store.clock(),
                           booking_key=KEY.hex())
    reception = live_hub.client("reception")
    r = reception.post("/api/check-in", json={"code": _code(store)})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ticket"]["channel"] == "booked" and body["number"].startswith("A")
    assert body["booking"]["status"] == "checked_in"
    again = reception.post("/api/check-in", json={"code": _code(store)})
    assert again.status_code == 409 and again.json()["code"] == "booking_used"
    assert again.json()["message_vi"]
    bad = reception.post("/api/check-in", json={"code": _code(store, key=bytes(32))})
    assert bad.status_code == 422 and bad.json()["code"] == "booking_invalid"
    listed = reception.get("/api/bookings").json()
    assert [b["state"] for b in listed["bookings"]] == ["checked_in"]
    assert listed["bookings"][0]["number"] == body["number"]
    display = live_hub.client("display")
    assert display.post("/api/check-in", json={"code": _code(store, 2)}).status_code == 403
    admin = live_hub.client("admin")
    r = admin.put("/api/admin/slots/land", json={"slot_minutes": 20, "capacity": 4,
                                                  "days_ahead": 5, "booked_share": 0.5})
    assert r.status_code == 200, r.text
    assert r.json()["places"] == 2  # floor(4 × 0.5), central's model
    land = [g for g in admin.get("/api/admin/slots").json()["groups"] if g["group"] == "land"]
    assert land[0]["capacity"] == 4 and land[0]["places"] == 2 and land[0]["name_vi"]
    for bad, field in [({"capacity": -1}, "capacity"), ({"capacity": 4, "slot_minutes": 25},
                       "slot_minutes"), ({"capacity": 4, "booked_share_cap": 0.3},
                       "booked_share_cap"), ({"capacity": 4, "booked_share": 2}, "booked_share")]:
        refused = admin.put("/api/admin/slots/land", json=bad)
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_slots"
        assert refused.json()["details"]["field"] == field and refused.json()["message_vi"]
    assert reception.put("/api/admin/slots/land", json={}).status_code == 403


def test_a_retried_check_in_gets_its_ticket_back(live_hub):
    """Reception's answer was lost and it sends the check-in again with the same
    Idempotency-Key (HubClient.call does): the first ticket comes back, not booking_used, and
    no second number is issued. Another key is a new request: booking_used."""
    store = live_hub.hub.store
    Outbox(store).enrolled("http://central.invalid", "t", "Cửa Nam", None, 0, store.clock(),
                           booking_key=KEY.hex())
    reception = live_hub.client("reception")
    code = _code(store, serial=7)
    first = reception.post("/api/check-in", json={"code": code},
                           headers={"Idempotency-Key": "scan-1"})
    assert first.status_code == 201, first.text
    issued = store.last_event_seq()
    again = reception.post("/api/check-in", json={"code": code},
                           headers={"Idempotency-Key": "scan-1"})
    assert again.status_code == 200 and again.headers["Idempotent-Replay"] == "true"
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["ticket"]["id"] == first.json()["ticket"]["id"]
    assert store.last_event_seq() == issued  # nothing written the second time
    other = reception.post("/api/check-in", json={"code": code},
                           headers={"Idempotency-Key": "scan-2"})
    assert other.status_code == 409 and other.json()["code"] == "booking_used"
