"""Booking slots of one ward and procedure group (issue 16, docs/booking.md). Pure.

A group's settings: `capacity` is how many citizens the group is expected to serve in one slot
(its counters over the slot's length), `booked_share` caps the part of it that may be booked so
walk-ins are never crowded out: a slot has floor(capacity × booked_share) places. Slots start
at each opening of the ward's hours and follow each other every `slot_minutes` while a whole
slot fits before the closing time. Bookable days: today and the next `days_ahead` days that
are working days of the ward and not public holidays; today only the slots not yet started.

This is the one slot model: central's /book page and the hub's admin window
(`PUT /api/admin/slots/{group}`, event `booking.slots_set`) both use `SlotSettings` and
`check_settings`. The simulator's `booking.booked_share_cap` (onestop/queue/scenario.py) is
the same `booked_share`, with the capacity drawn from its counters.
"""

from __future__ import annotations

import importlib.resources
import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .centre import OpeningHours
from .errors import InvalidRequest

WEEKDAYS = (0, 1, 2, 3, 4)
# A ward that never sent its hours (event ward.updated): Monday–Friday 08:00–12:00, 13:00–17:00.
DEFAULT_HOURS = (OpeningHours(WEEKDAYS, time(8, 0), time(12, 0)),
                 OpeningHours(WEEKDAYS, time(13, 0), time(17, 0)))
MAX_CAPACITY = 500
MAX_DAYS_AHEAD = 30
SLOT_MINUTES = (5, 10, 15, 20, 30, 45, 60, 90, 120)


@dataclass(frozen=True)
class SlotSettings:
    capacity: int          # citizens the group serves in one slot; 0 = no booking
    slot_minutes: int = 30
    days_ahead: int = 6
    booked_share: float = 0.5

    @property
    def enabled(self) -> bool:
        """Whether citizens may book this group at all."""
        return self.places > 0

    @property
    def places(self) -> int:
        """Bookable places in one slot."""
        return math.floor(self.capacity * self.booked_share + 1e-9)

    def to_dict(self) -> dict:
        return {"capacity": self.capacity, "slot_minutes": self.slot_minutes,
                "days_ahead": self.days_ahead, "booked_share": self.booked_share}


def _bad(field: str, en: str, vi: str) -> InvalidRequest:
    return InvalidRequest("invalid_slots", f"{field}: {en}", f"{field}: {vi}", field=field)


def _whole(raw: dict, field: str, low: int, high: int, default: int | None) -> int:
    value = raw.get(field, default)
    if type(value) is not int or not low <= value <= high:
        raise _bad(field, f"must be a whole number {low}-{high}",
                   f"phải là số nguyên từ {low} đến {high}")
    return value


FIELDS = ("capacity", "slot_minutes", "days_ahead", "booked_share")
# Keys of the hub's first slot model (before the one model): `booked_share_cap` was this
# `booked_share`, `enabled: false` is capacity 0. Read from old rows and old hubs' events.
LEGACY = ("booked_share_cap", "enabled")


def upgrade(raw: dict) -> dict:
    """Settings written with the hub's first model, in this model's words."""
    out = {k: v for k, v in raw.items() if k not in LEGACY}
    if "booked_share_cap" in raw and "booked_share" not in raw:
        out["booked_share"] = raw["booked_share_cap"]
    if raw.get("enabled") is False:
        out["capacity"] = 0
    return out


def check_settings(raw: object, *, strict: bool = False) -> SlotSettings:
    """Settings from a form, the CLI or a `booking.slots_set` event; 422 invalid_slots.
    `strict` (the hub's API) also refuses keys that are not settings."""
    if not isinstance(raw, dict):
        raise _bad("slots", "must be an object", "phải là một đối tượng")
    unknown = sorted(set(raw) - set(FIELDS))
    if strict and unknown:
        raise _bad(unknown[0], "is not a slot setting", "không phải là một mục cấu hình")
    capacity = _whole(raw, "capacity", 0, MAX_CAPACITY, None)
    minutes = raw.get("slot_minutes", 30)
    if type(minutes) is not int or minutes not in SLOT_MINUTES:
        raise _bad("slot_minutes", f"must be one of {', '.join(map(str, SLOT_MINUTES))}",
                   f"phải là một trong {', '.join(map(str, SLOT_MINUTES))}")
    days_ahead = _whole(raw, "days_ahead", 0, MAX_DAYS_AHEAD, 6)
    share = raw.get("booked_share", 0.5)
    if (isinstance(share, bool) or not isinstance(share, int | float) or math.isnan(share)
            or not 0 <= share <= 1):
        raise _bad("booked_share", "must be a number from 0 to 1", "phải là số từ 0 đến 1")
    return SlotSettings(capacity, minutes, days_ahead, float(share))


def slot_starts(hours: Sequence[OpeningHours], day: date, slot_minutes: int) -> list[time]:
    """The slots of `day`: from each opening, every `slot_minutes`, whole slots only."""
    starts: list[time] = []
    for h in sorted(hours, key=lambda h: h.open):
        if day.weekday() not in h.days:
            continue
        moment = datetime.combine(day, h.open)
        close = datetime.combine(day, h.close)
        while moment + timedelta(minutes=slot_minutes) <= close:
            starts.append(moment.time())
            moment += timedelta(minutes=slot_minutes)
    return sorted(set(starts))


def bookable_days(today: date, settings: SlotSettings, hours: Sequence[OpeningHours],
                  holidays: Collection[date]) -> list[date]:
    days = [today + timedelta(days=n) for n in range(settings.days_ahead + 1)]
    return [d for d in days if d not in holidays and slot_starts(hours, d, settings.slot_minutes)]


def open_slots(now: datetime, day: date, settings: SlotSettings,
               hours: Sequence[OpeningHours], holidays: Collection[date]) -> list[time]:
    """The slots of `day` one may still book at local time `now` (today: not yet started)."""
    if settings.places <= 0 or day not in bookable_days(now.date(), settings, hours, holidays):
        return []
    starts = slot_starts(hours, day, settings.slot_minutes)
    return [s for s in starts if datetime.combine(day, s) > now.replace(tzinfo=None)]


def bundled_holidays() -> list[dict]:
    """The public holidays shipped with onestop (onestop/assets/holidays-vn.json)."""
    text = (importlib.resources.files("onestop.assets") / "holidays-vn.json").read_text("utf-8")
    return json.loads(text)["holidays"]
