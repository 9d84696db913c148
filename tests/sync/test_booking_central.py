"""Booking on central (issue 16) against a real server on loopback, on SQLite and PostgreSQL:
slots, booking with the limits, cancelling, the hub's pull with ETag, the hub's events, the
last place under 50 concurrent requests, the phone forgotten after the day, the CLI."""

from __future__ import annotations

import threading
from datetime import date, time

import httpx
import pytest
from sqlalchemy import text

from onestop.cli import main
from onestop.queue.booking_codes import BookingRef, read_code
from onestop.queue.booking_slots import SlotSettings
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    HubClient,
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

WARD = "Phường Cửa Nam"
HUB = "b" * 32
DAY = "2026-11-26"  # central's clock is Wednesday 2026-11-25 16:00 in Hanoi: tomorrow


def _enrol(central, server) -> tuple[HubClient, bytes]:
    code = central.auth.create_enrol_code(WARD)
    r = httpx.post(f"{server.url}/api/enrol", json={"code": code, "hub_id": HUB})
    assert r.status_code == 200, r.text
    return HubClient(server, HUB, r.json()["token"]), bytes.fromhex(r.json()["booking_key"])


def _slots(central, group: str, capacity: int, share: float = 0.5) -> None:
    with central.db.write() as conn:
        central.bookings.set_slots(conn, HUB, group, SlotSettings(capacity, 30, 6, share),
                                   "test")


def _groups(central) -> list[str]:
    return [g.id for g in central.bookings.catalog().groups]


def _book(url: str, group: str, phone: str, slot: str = "09:00", day: str = DAY,
          **extra) -> httpx.Response:
    return httpx.post(f"{url}/api/public/bookings", json={
        "hub_id": HUB, "group": group, "day": day, "slot": slot, "phone": phone, **extra})


def _refused(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["message"] and body["message_vi"]


def test_book_pull_limit_and_cancel(central, server):
    hub, key = _enrol(central, server)
    g1, g2, g3 = _groups(central)[:3]
    for g in (g1, g2, g3):
        _slots(central, g, 4)  # 2 places a slot
    slots = httpx.get(f"{server.url}/api/public/slots", params={"hub_id": HUB, "day": DAY})
    assert slots.status_code == 200, slots.text
    first = slots.json()["groups"][0]
    assert [s["slot"] for s in first["slots"]][:3] == ["08:00", "08:30", "09:00"]
    assert first["slots"][-1]["slot"] == "16:30" and len(first["slots"]) == 16
    assert {s["left"] for s in first["slots"]} == {2}

    r = _book(server.url, g1, "090 123 4567")
    assert r.status_code == 201, r.text
    done = r.json()
    assert {k: done[k] for k in ("hub_id", "group", "day", "slot", "ward_vi")} == {
        "hub_id": HUB, "group": g1, "day": DAY, "slot": "09:00", "ward_vi": WARD}
    assert done["qr"].startswith("<svg") and "phone" not in done
    # The hub reads the code offline with its key alone.
    assert read_code(key, HUB, _groups(central), done["code"]) == BookingRef(
        g1, date(2026, 11, 26), time(9, 0), 0)

    _refused(_book(server.url, g1, "+84901234567", slot="10:00"), 409, "limit_reached")
    assert _book(server.url, g2, "0901234567").status_code == 201
    _refused(_book(server.url, g3, "0901234567"), 409, "limit_reached")  # 2 a day
    assert _book(server.url, g1, "0912000001").status_code == 201
    _refused(_book(server.url, g1, "0912000002"), 409, "slot_full")
    for bad, code in (({"phone": "12345"}, "invalid_phone"), ({"slot": "09:10"}, "slot_closed"),
                      ({"slot": "9h"}, "invalid"), ({"day": "2026-11-25", "slot": "09:00"},
                                                    "slot_closed"),
                      ({"group": "nope"}, "unknown_group"), ({"hub_id": "x"}, "unknown_ward")):
        args = {"group": g1, "phone": "0933000000", "slot": "11:00", **bad}
        hub_id = args.pop("hub_id", HUB)
        r = httpx.post(f"{server.url}/api/public/bookings",
                       json={"hub_id": hub_id, "day": DAY, **args})
        _refused(r, 404 if code.startswith("unknown") else 422, code)
    _refused(_book(server.url, g1, "0933000000", extra="x"), 422, "invalid")
    _refused(httpx.post(f"{server.url}/api/public/bookings", content=b"[[["), 422, "invalid")

    pulled = hub.http.get("/api/hub/bookings", params={"from": "2026-11-25", "to": "2026-12-01"})
    assert pulled.status_code == 200, pulled.text
    rows = pulled.json()
    assert len(rows) == 3 and set(rows[0]) == {"code", "group", "day", "slot", "serial",
                                               "status"}
    assert [r["serial"] for r in rows if r["group"] == g1] == [0, 1]
    etag = pulled.headers["etag"]
    same = hub.http.get("/api/hub/bookings", params={"from": "2026-11-25", "to": "2026-12-01"},
                        headers={"If-None-Match": etag})
    assert same.status_code == 304
    assert httpx.get(f"{server.url}/api/hub/bookings?from={DAY}").status_code == 401

    cancel = f"{server.url}/api/public/bookings/{done['code'].lower().replace('-', '')}"
    _refused(httpx.delete(cancel, params={"phone": "0999999999"}), 404, "not_found")
    ok = httpx.delete(cancel, params={"phone": "0901234567"})
    assert ok.status_code == 200 and ok.json() == {"code": done["code"], "status": "cancelled"}
    _refused(httpx.delete(cancel, params={"phone": "0901234567"}), 409, "not_cancellable")
    changed = hub.http.get("/api/hub/bookings", params={"from": DAY, "to": DAY},
                           headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert {r["code"]: r["status"] for r in changed.json()}[done["code"]] == "cancelled"
    # The place is free again, and the phone may book that group again.
    assert _book(server.url, g1, "0901234567").status_code == 201
    hub.close()


def test_hub_events_set_hours_slots_and_booking_status(central, server):
    hub, _key = _enrol(central, server)
    group = _groups(central)[0]
    hours = [{"days": [0, 1, 2, 3, 4, 5], "open": "07:30", "close": "11:30"}]
    events = [
        {"hub_id": HUB, "seq": 1, "id": "e1", "type": "ward.updated", "at": "x", "schema": 1,
         "data": {"ward": {"name_vi": "Phường Cửa Nam (mới)", "name_en": "Cua Nam Ward",
                           "hours": hours}}},
        {"hub_id": HUB, "seq": 2, "id": "e2", "type": "booking.slots_set", "at": "x",
         "schema": 1, "data": {"group": group, "capacity": 2, "slot_minutes": 60,
                               "booked_share": 0.5}},
        {"hub_id": HUB, "seq": 3, "id": "e3", "type": "booking.slots_set", "at": "x",
         "schema": 1, "data": {"group": group, "capacity": -1}},
    ]
    answer = hub.post(events).json()
    assert [r["status"] for r in answer["results"]] == ["stored", "stored", "rejected"]
    slots = httpx.get(f"{server.url}/api/public/slots",
                      params={"hub_id": HUB, "day": "2026-11-28"}).json()  # a Saturday
    assert slots["ward_vi"] == "Phường Cửa Nam (mới)"
    assert [s["slot"] for s in slots["groups"][0]["slots"]] == [
        "07:30", "08:30", "09:30", "10:30"]
    code = _book(server.url, group, "0987654321", slot="08:30", day="2026-11-28").json()["code"]

    checked = {"hub_id": HUB, "seq": 4, "id": "e4", "type": "booking.checked_in", "at": "x",
               "schema": 1, "data": {"code": code.lower(), "ticket": "A001"}}
    assert hub.post([checked]).json()["results"][0]["status"] == "stored"
    assert hub.post([checked]).json()["results"][0]["status"] == "duplicate"  # resent: once
    rows = hub.http.get("/api/hub/bookings", params={"from": "2026-11-28"}).json()
    assert [(r["code"], r["status"]) for r in rows] == [(code, "checked_in")]
    with central.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM events WHERE type = "
                                 "'booking.checked_in'")).scalar_one() == 1
    assert central.views.wards("2026-11-28")[0].booked == 1
    hub.close()


def test_fifty_concurrent_requests_for_the_last_place_one_wins(central, server):
    central.booking_rate = (1000, 60.0)
    server.app.state.__dict__.pop("booking_limits", None)
    hub, _key = _enrol(central, server)
    group = _groups(central)[0]
    _slots(central, group, 2)  # one place
    barrier = threading.Barrier(50)
    results: list[int] = []

    def attempt(i: int) -> None:
        with httpx.Client(timeout=60) as http:
            barrier.wait()
            r = http.post(f"{server.url}/api/public/bookings", json={
                "hub_id": HUB, "group": group, "day": DAY, "slot": "14:00",
                "phone": f"09{i:08d}"})
            results.append(r.status_code)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 49
    with central.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM bookings")).scalar_one() == 1
        assert conn.execute(text("SELECT taken FROM slot_counts")).scalar_one() == 1
    hub.close()


def test_the_phone_is_forgotten_after_the_day(central, server, clock):
    hub, _key = _enrol(central, server)
    group = _groups(central)[0]
    _slots(central, group, 4)
    assert _book(server.url, group, "0901234567", slot="16:30", day="2026-11-25"
                 ).status_code == 201
    with central.db.read() as conn:
        (phash,) = conn.execute(text("SELECT phone_hash FROM bookings")).scalars().all()
    assert phash and "0901234567" not in phash and len(phash) == 64
    clock.advance(minutes=24 * 60)
    assert _book(server.url, group, "0901234567", slot="16:30").status_code == 201  # Thursday
    with central.db.read() as conn:
        rows = conn.execute(text("SELECT day, phone_hash FROM bookings ORDER BY day")).all()
        holders = conn.execute(text("SELECT day FROM booking_holders")).scalars().all()
    assert rows[0].phone_hash is None and rows[1].phone_hash is not None
    assert holders == [DAY]
    hub.close()


def test_rate_limited_by_address(central, server):
    _enrol(central, server)
    central.booking_rate = (3, 60.0)
    server.app.state.__dict__.pop("booking_limits", None)
    answers = [_book(server.url, "x", "0901234567").status_code for _ in range(4)]
    assert answers[:3] == [404] * 3
    assert answers[3] == 429


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_cli_sets_slots(central, server, db_url, capsys):
    _enrol(central, server)
    group = _groups(central)[0]
    assert main(["central", "slots", "--db", db_url, "--hub", HUB, "--group", group,
                 "--capacity", "6", "--slot-minutes", "60", "--booked-share", "0.5"]) == 0
    assert "3 bookable places per 60-minute slot" in capsys.readouterr().out
    slots = httpx.get(f"{server.url}/api/public/slots", params={"hub_id": HUB, "day": DAY})
    assert [s["left"] for s in slots.json()["groups"][0]["slots"]] == [3] * 8
    for bad in (["--capacity", "-1"], ["--capacity", "2", "--slot-minutes", "7"],
                ["--capacity", "2", "--group", "nope"], ["--capacity", "2", "--hub", "nope"]):
        args = ["central", "slots", "--db", db_url, "--hub", HUB, "--group", group, *bad]
        assert main(args) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and err.startswith("onestop:"), err
