"""Booked numbers at the hub (issue 16): check-in from the code alone, the window, used once,
release of no-shows, pulled bookings, slot settings; every change with its event."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from hubfakes import FakeClock, hanoi, open_all, open_store

from onestop.hub import bookings
from onestop.hub.outbox import Outbox
from onestop.queue.booking_codes import BookingRef, group_list, make_code
from onestop.queue.booking_slots import SlotSettings
from onestop.queue.errors import DomainError
from onestop.queue.model import Channel

KEY = bytes(range(32))
DAY = date(2026, 12, 7)


@pytest.fixture
def clock():
    return FakeClock(hanoi(2026, 12, 7, 8, 0))


@pytest.fixture
def store(tmp_path, clock):
    s = open_store(tmp_path / "hub.db", clock=clock)
    open_all(s)
    Outbox(s).enrolled("http://central.invalid", "tok", "Phường Cửa Nam", None, 0, clock(),
                       booking_key=KEY.hex())
    yield s
    s.close()


def code_for(store, group="civil-status", slot=time(9, 0), serial=1, key=KEY, hub_id=None,
             day=DAY) -> str:
    groups = group_list([g.id for g in store.base_catalog.groups])
    return make_code(key, hub_id or store.hub_id, groups, BookingRef(group, day, slot, serial))


def events(store, type_):
    return [e for e in store.events_since(0, 100_000) if e.type == type_]


def test_early_check_in_stands_in_line_from_the_slot(store, clock):
    clock.now = hanoi(2026, 12, 7, 8, 10)  # 50 minutes early for 09:00
    issued, booking = bookings.check_in(store, code_for(store).lower().replace("-", " "))
    t = issued.ticket
    assert t.channel == Channel.BOOKED and t.group == "civil-status" and t.number == "B001"
    assert t.issued_at == t.queued_at == hanoi(2026, 12, 7, 9, 0)
    assert booking["status"] == "checked_in"
    [checked] = events(store, "booking.checked_in")
    assert checked.data["number"] == "B001" and checked.data["slot"] == "09:00"
    [issued_event] = events(store, "ticket.issued")
    assert issued_event.data["booking"]["code"] == code_for(store)
    # the next walk-in still gets the next number of the group
    from onestop.queue.operations import IssueRequest
    assert store.issue(IssueRequest("1.001193")).ticket.number == "B002"


def test_late_arrival_within_the_limit_stands_in_line_from_now(store, clock):
    clock.now = hanoi(2026, 12, 7, 9, 10)
    t = bookings.check_in(store, code_for(store))[0].ticket
    assert t.issued_at == t.queued_at == clock.now


@pytest.mark.parametrize(("at", "code"), [((7, 59), "booking_too_early"),
                                           ((9, 15, 1), "booking_late")])
def test_outside_the_window_is_refused_and_nothing_is_written(store, clock, at, code):
    clock.now = hanoi(2026, 12, 7, *at)
    last = store.last_event_seq()
    with pytest.raises(DomainError) as err:
        bookings.check_in(store, code_for(store))
    assert err.value.code == code and err.value.status == 409
    if code == "booking_too_early":
        assert err.value.details["come_back_local"] == "08:00"
    assert store.last_event_seq() == last and store.tickets_of_day(DAY.isoformat()) == []


def test_each_code_is_used_once(store, clock):
    clock.now = hanoi(2026, 12, 7, 8, 30)
    bookings.check_in(store, code_for(store))
    with pytest.raises(DomainError) as err:
        bookings.check_in(store, code_for(store).replace("-", ""))
    assert err.value.code == "booking_used" and err.value.details["number"] == "B001"
    assert len(events(store, "booking.checked_in")) == 1


def test_altered_forged_or_other_ward_code_is_invalid(store, clock):
    good = code_for(store)
    altered = good[:-1] + ("0" if good[-1] != "0" else "1")
    for bad in (altered, code_for(store, key=bytes(32)), code_for(store, hub_id="f" * 32),
                "HELLO", ""):
        with pytest.raises(DomainError) as err:
            bookings.check_in(store, bad)
        assert err.value.code == "booking_invalid" and err.value.status == 422
    assert events(store, "booking.checked_in") == []


def test_no_key_yet_is_a_readable_refusal(tmp_path, clock):
    bare = open_store(tmp_path / "bare.db", clock=clock)
    with pytest.raises(DomainError) as err:
        bookings.check_in(bare, "0000-0000-0000-0000")
    assert err.value.code == "booking_not_set_up" and "Trung tâm" in err.value.message_vi
    bare.close()


def pulled(store, serial, slot="09:00", status="booked"):
    ref_slot = time(*map(int, slot.split(":")))
    return {"code": code_for(store, slot=ref_slot, serial=serial), "group": "civil-status",
            "day": DAY.isoformat(), "slot": slot, "serial": serial, "status": status}


def test_pulled_bookings_not_checked_in_are_released_as_no_shows(store, clock):
    assert bookings.merge_pulled(store, [pulled(store, 1), pulled(store, 2),
                                         pulled(store, 3, status="cancelled")]) == 3
    assert bookings.merge_pulled(store, [pulled(store, 1)]) == 0  # known: unchanged
    clock.now = hanoi(2026, 12, 7, 8, 50)
    bookings.check_in(store, pulled(store, 1)["code"])
    states = {b["serial"]: b["state"] for b in bookings.day_bookings(store, DAY.isoformat())}
    assert states == {1: "checked_in", 2: "booked", 3: "cancelled"}
    clock.now = hanoi(2026, 12, 7, 9, 5)
    assert bookings.day_bookings(store, DAY.isoformat())[1]["state"] == "late"
    clock.now = hanoi(2026, 12, 7, 9, 16)
    from onestop.queue.operations import IssueRequest
    store.issue(IssueRequest("1.001193"))  # any use case: the clock has moved past 09:15
    [released] = events(store, "booking.released")
    assert released.data["serial"] == 2 and released.data["reason"] == "no_show"
    with pytest.raises(DomainError) as err:
        bookings.check_in(store, pulled(store, 2)["code"])
    assert err.value.code == "booking_late"
    with pytest.raises(DomainError) as err:
        clock.now = hanoi(2026, 12, 7, 8, 50)
        bookings.check_in(store, pulled(store, 3)["code"])
    assert err.value.code == "booking_cancelled"
    # central's later word never undoes the hub's check-in or release
    bookings.merge_pulled(store, [pulled(store, 1, status="cancelled"),
                                  pulled(store, 2, status="booked")])
    states = {b["serial"]: b["status"] for b in bookings.day_bookings(store, DAY.isoformat())}
    assert states == {1: "checked_in", 2: "released", 3: "cancelled"}


def test_pulled_garbage_is_refused_whole(store):
    with pytest.raises(ValueError):
        bookings.merge_pulled(store, [pulled(store, 1), {"code": "x"}])
    assert bookings.day_bookings(store, DAY.isoformat()) == []


def test_slot_settings_are_stored_and_sent_as_an_event(store):
    assert bookings.slot_settings(store)["land"] == SlotSettings(0)  # not set: no booking
    assert not bookings.slot_settings(store)["land"].enabled
    bookings.set_slots(store, "land", SlotSettings(capacity=3, slot_minutes=20, days_ahead=4,
                                                   booked_share=0.5))
    assert bookings.slot_settings(store)["land"].places == 1
    [event] = events(store, "booking.slots_set")
    assert event.data == {"group": "land", "capacity": 3, "slot_minutes": 20, "days_ahead": 4,
                          "booked_share": 0.5}
    assert bookings.pull_window(store) == ("2026-12-07", "2026-12-13")  # longest: 6 days
    with pytest.raises(DomainError) as err:
        bookings.set_slots(store, "nope", SlotSettings(1))
    assert err.value.code == "unknown_group"


def test_slots_stored_by_the_first_hub_model_are_read_in_this_one(store):
    with store.write():
        for group, data in [("land", {"slot_minutes": 20, "capacity": 6, "days_ahead": 4,
                                      "booked_share_cap": 0.5, "enabled": True}),
                            ("civil-status", {"slot_minutes": 30, "capacity": 6, "days_ahead": 4,
                                              "booked_share_cap": 0.5, "enabled": False}),
                            ("business", {"slot_minutes": 240, "capacity": 6})]:
            store.db.execute("INSERT INTO booking_slots (group_id, data, updated_at) "
                             "VALUES (?, ?, 'x')", [group, json.dumps(data)])
    settings = bookings.slot_settings(store)
    assert settings["land"] == SlotSettings(6, 20, 4, 0.5)
    assert settings["civil-status"].capacity == 0
    assert not settings.get("business", SlotSettings(0)).enabled  # 240 min: central refused it
