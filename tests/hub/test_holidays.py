"""The hub's calendar: seeded with the bundled holidays, a ward's own days survive a city
publication, and the due date follows the calendar in use."""

from __future__ import annotations

from datetime import date

from hubfakes import FakeClock, hanoi, open_store

from onestop.hub import holidays as hol
from onestop.queue.booking_slots import bundled_holidays


def test_city_publication_replaces_only_the_city_part(tmp_path):
    clock = FakeClock(hanoi(2026, 12, 7, 9))
    store = open_store(tmp_path / "hub.db", clock=clock)
    assert len(hol.holidays(store)) == len(bundled_holidays())
    assert not hol.calendar(store).is_working_day(date(2026, 2, 17))
    hol.add_holiday(store, "2026-12-24", "Nghỉ của phường")
    hol.apply_city_holidays(store, [{"day": "2027-01-01", "name_vi": "Tết Dương lịch",
                                     "name_en": "New Year's Day"},
                                    {"day": "2026-12-24", "name_vi": "Trùng ngày phường",
                                     "name_en": ""}], clock())
    days = {h["day"]: h for h in hol.holidays(store)}
    assert set(days) == {"2027-01-01", "2026-12-24"}
    assert days["2026-12-24"]["origin"] == "ward" and days["2026-12-24"]["name_vi"] == \
        "Nghỉ của phường"
    assert hol.calendar(store).is_working_day(date(2026, 2, 17))  # the city dropped it
    kinds = [e.data["action"] for e in store.events_since(0, 1000)
             if e.type == hol.HOLIDAYS_CHANGED]
    assert kinds == ["add", "city"]


def test_ward_code_defaults_and_validation(tmp_path):
    from onestop.hub.ward import set_ward, ward
    from onestop.queue.centre import default_centre
    from onestop.queue.errors import InvalidRequest

    store = open_store(tmp_path / "hub.db")
    fallback = {"name_vi": "Phường Cửa Nam", "name_en": "Cua Nam Ward", "office_name_vi": "",
                "office_name_en": "", "address_vi": "", "address_en": "",
                "hours": [{"days": [0, 1, 2, 3, 4], "open": "08:00", "close": "17:00"}],
                "notice_vi": "", "notice_en": "", "ward_code": ""}
    assert default_centre() and ward(store, fallback)["ward_code"] == "CUANAM"
    # The admin form sends the derived code back with a new name: it follows the new name.
    set_ward(store, {"name_vi": "Phường Hàng Trống", "ward_code": "CUANAM"}, fallback)
    assert ward(store, fallback)["ward_code"] == "HANGTR"
    set_ward(store, {"ward_code": "cn01"}, fallback)
    assert ward(store, fallback)["ward_code"] == "CN01"
    try:
        set_ward(store, {"ward_code": "CỬA-NAM"}, fallback)
    except InvalidRequest as exc:
        assert exc.code == "invalid_ward_code"
    else:
        raise AssertionError("a bad ward code was accepted")
