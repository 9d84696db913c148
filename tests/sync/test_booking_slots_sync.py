"""The one slot model (issue 16): slot settings the ward makes on its hub reach a real central
(SQLite and PostgreSQL, on loopback) through the ordinary outbox, and central's /book offers
the same places per slot as the hub's admin window shows."""

from __future__ import annotations

import httpx

from onestop.hub import bookings
from onestop.queue.booking_slots import check_settings
from onestop.sync.pusher import SyncWorker
from tests.sync.syncenv import drain, enrol_hub, new_hub

WARD = "Phường Cửa Nam"


def test_slots_set_on_the_hub_reach_central_with_the_same_places(central, tmp_path):
    hub = new_hub(tmp_path / "hub")
    try:
        enrol_hub(hub, central, WARD)
        store = hub.store
        first, second = (g.id for g in store.catalog.groups[:2])
        bookings.set_slots(store, first, check_settings(
            {"capacity": 9, "slot_minutes": 60, "days_ahead": 3, "booked_share": 0.25},
            strict=True))
        bookings.set_slots(store, second, check_settings({"capacity": 4}, strict=True))
        drain(SyncWorker(hub.outbox, clock=store.clock))
        on_hub = bookings.slot_settings(store)
        with central.central.db.read() as conn:
            ward = central.central.bookings.ward(conn, store.hub_id)
        assert ward.settings[first] == on_hub[first]  # capacity, length, days, share
        assert ward.settings[first].places == on_hub[first].places == 2  # floor(9 × 0.25)
        assert ward.settings[second].places == on_hub[second].places == 2  # defaults: 0.5

        bookings.set_slots(store, first, check_settings({"capacity": 0}, strict=True))
        drain(SyncWorker(hub.outbox, clock=store.clock))
        with central.central.db.read() as conn:
            ward = central.central.bookings.ward(conn, store.hub_id)
        assert first not in ward.settings and second in ward.settings  # capacity 0: off
        day = central.central.bookings.days(store.hub_id, second)[-1]
        slots = httpx.get(f"{central.url}/api/public/slots", params={
            "hub_id": store.hub_id, "day": day.isoformat()}).json()
        assert [g["group"] for g in slots["groups"]] == [second]
        assert {s["places"] for s in slots["groups"][0]["slots"]} == {on_hub[second].places}
    finally:
        hub.close()
