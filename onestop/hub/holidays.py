"""The ward's working-day calendar on the hub (docs/dossiers.md, "Holidays").

Two parts in one table: the city's public holidays (`origin = 'city'`, seeded from
onestop/assets/holidays-vn.json and replaced whole when central publishes the city's calendar
through the inbox) and the ward's own days off (`origin = 'ward'`, added in the admin window or
with `onestop holidays add`), which a city publication leaves alone. Removing a city day is
allowed (the ward knows better, e.g. a corrected date) and holds until the city publishes its
calendar again. Every change is one transaction with its `holidays.changed` event.
"""

from __future__ import annotations

from datetime import date, datetime

from onestop.queue.errors import InvalidRequest, NotFound
from onestop.queue.events import Event
from onestop.queue.workdays import WorkCalendar

from .rows import utc_text
from .store import HubStore

HOLIDAYS_CHANGED = "holidays.changed"


def holidays(store: HubStore) -> list[dict]:
    with store.reading() as db:
        return list(db.query("SELECT day, name_vi, name_en, origin FROM holidays ORDER BY day"))


def calendar(store: HubStore) -> WorkCalendar:
    """The calendar due dates are counted with (read inside the use case's transaction)."""
    with store.reading() as db:
        return WorkCalendar.of([r[0] for r in db.execute("SELECT day FROM holidays")])


def check_day(text: object) -> str:
    try:
        return date.fromisoformat(str(text)).isoformat()
    except ValueError:
        raise InvalidRequest("invalid_day", f"not a date YYYY-MM-DD: {str(text)[:20]!r}",
                             f"Ngày không hợp lệ (cần dạng YYYY-MM-DD): {str(text)[:20]!r}",
                             field="day") from None


def _name(text: object, field: str, required: bool) -> str:
    name = " ".join(str(text or "").split())
    if (required and not name) or len(name) > 80:
        raise InvalidRequest("invalid_holiday_name", f"{field}: 1 to 80 characters",
                             f"Tên ngày nghỉ ({field}): từ 1 đến 80 ký tự", field=field)
    return name


def _changed(store: HubStore, action: str, days: list[str]) -> None:
    store._append([Event(HOLIDAYS_CHANGED, store.clock(), {"action": action, "days": days})])


def add_holiday(store: HubStore, day: str, name_vi: str, name_en: str = "") -> dict:
    """A ward's own day off; a day already listed gets the new name and becomes the ward's."""
    day = check_day(day)
    vi = _name(name_vi, "name_vi", True)
    en = _name(name_en, "name_en", False) or vi
    with store.write() as db:
        db.execute("INSERT INTO holidays (day, name_vi, name_en, origin, updated_at) VALUES "
                   "(?, ?, ?, 'ward', ?) ON CONFLICT(day) DO UPDATE SET name_vi = "
                   "excluded.name_vi, name_en = excluded.name_en, origin = 'ward', "
                   "updated_at = excluded.updated_at", [day, vi, en, utc_text(store.clock())])
        _changed(store, "add", [day])
    return {"day": day, "name_vi": vi, "name_en": en, "origin": "ward"}


def remove_holiday(store: HubStore, day: str) -> dict:
    day = check_day(day)
    with store.write() as db:
        row = db.execute("SELECT day, name_vi, name_en, origin FROM holidays WHERE day = ?",
                         [day]).fetchone()
        if row is None:
            raise NotFound("unknown_holiday", f"{day} is not a holiday in the calendar",
                           f"Ngày {day} không có trong lịch nghỉ", day=day)
        db.execute("DELETE FROM holidays WHERE day = ?", [day])
        _changed(store, "remove", [day])
    return dict(zip(("day", "name_vi", "name_en", "origin"), row, strict=True))


def apply_city_holidays(store: HubStore, days: list[dict], at: datetime) -> None:
    """Replace the city's part of the calendar with `days` (central's whole calendar, from an
    inbox `holidays` item); the ward's own days stay. Runs inside the caller's transaction
    when there is one (the inbox puller records the item id in the same one)."""
    clean = []
    for item in days:
        if not isinstance(item, dict):
            raise InvalidRequest("invalid_holiday", "a holiday must be an object",
                                 "Ngày nghỉ phải là một đối tượng")
        vi = _name(item.get("name_vi"), "name_vi", True)
        clean.append((check_day(item.get("day")), vi,
                      _name(item.get("name_en"), "name_en", False) or vi))
    with store.write() as db:
        db.execute("DELETE FROM holidays WHERE origin = 'city'")
        ward_days = {r[0] for r in db.execute("SELECT day FROM holidays")}
        for day, vi, en in clean:
            if day not in ward_days:
                db.execute("INSERT INTO holidays (day, name_vi, name_en, origin, updated_at) "
                           "VALUES (?, ?, ?, 'city', ?)", [day, vi, en, utc_text(at)])
        _changed(store, "city", sorted({d for d, _, _ in clean}))
