"""Booked numbers at the ward (issue 16): slot settings, the check-in window and release.

A citizen books a slot (group, day, "HH:MM") on central and gets a signed code
(queue/booking_codes.py); the hub checks the code in from the code alone, so this works with
no internet. Pure functions, the clock passed in:

* `check_in_place` — whether a booking may be checked in now, and its place in line: the slot's
  start when the citizen comes early, else the check-in time ("registered first, served first":
  a booked number stands in line from its slot, not from when its holder walked in).
* `release_due` — a booking not checked in by its late limit is released (a no-show).
* `SlotSettings` — per group: slot length, places per slot, days ahead, and the cap on the booked
  share of a slot's expected capacity, so walk-ins are never crowded out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import DomainError, InvalidRequest

# Booking statuses as the hub keeps them (central uses the same words).
BOOKED = "booked"          # expected: not checked in yet
CHECKED_IN = "checked_in"  # a ticket was issued from it
RELEASED = "released"      # not checked in by its late limit (no-show), or cancelled
CANCELLED = "cancelled"    # cancelled by the citizen on central
STATUSES = (BOOKED, CHECKED_IN, RELEASED, CANCELLED)


@dataclass(frozen=True)
class SlotSettings:
    """One group's booking slots at one ward."""

    slot_minutes: int = 30        # length of a slot
    capacity: int = 2             # bookings one slot takes
    days_ahead: int = 6           # today .. today + days_ahead (working days)
    booked_share_cap: float = 0.25  # of a slot's expected capacity at most this share booked
    enabled: bool = True

    LIMITS = {"slot_minutes": (5, 240), "capacity": (0, 500), "days_ahead": (0, 30)}

    def __post_init__(self) -> None:
        for name, (low, high) in self.LIMITS.items():
            value = getattr(self, name)
            if type(value) is not int or not low <= value <= high:
                raise InvalidRequest("invalid_slots", f"{name} must be a whole number from "
                                     f"{low} to {high}, got {value!r}",
                                     f"{_VI[name]} phải là số nguyên từ {low} đến {high}",
                                     field=name)
        share = self.booked_share_cap
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise InvalidRequest("invalid_slots", "booked_share_cap must be from 0 to 1",
                                 "Tỷ lệ đặt trước tối đa phải từ 0 đến 1",
                                 field="booked_share_cap")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SlotSettings:
        if not isinstance(data, dict):
            raise InvalidRequest("invalid_slots", "slot settings must be an object",
                                 "Cấu hình lịch hẹn không hợp lệ")
        unknown = set(data) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise InvalidRequest("invalid_slots", f"unknown slot settings: {sorted(unknown)}",
                                 "Cấu hình lịch hẹn có mục không biết")
        values = dict(data)
        if isinstance(values.get("booked_share_cap"), int) and not isinstance(
                values.get("booked_share_cap"), bool):
            values["booked_share_cap"] = float(values["booked_share_cap"])
        return cls(**values)


_VI = {"slot_minutes": "Độ dài khung giờ (phút)", "capacity": "Số chỗ mỗi khung giờ",
       "days_ahead": "Số ngày đặt trước"}


def slot_start(day: date | str, slot: time | str, timezone: str) -> datetime:
    """The slot's start as an aware datetime: `slot` is a local time or "HH:MM"."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    if isinstance(slot, time):
        at = slot
    else:
        hours, minutes = slot.split(":")
        at = time(int(hours), int(minutes))
    return datetime.combine(day, at, tzinfo=ZoneInfo(timezone))


def late_limit(start: datetime, late_minutes: float) -> datetime:
    return start + timedelta(minutes=late_minutes)


def check_in_place(start: datetime, now: datetime, *, early_minutes: float,
                   late_minutes: float, timezone: str = "Asia/Ho_Chi_Minh") -> datetime:
    """The booked citizen's place in line when checking in at `now` for a slot starting at
    `start`: the slot's start when early, else `now`. Accepted from `early_minutes` before
    to `late_minutes` after the start (both ends included); otherwise refused with
    `booking_too_early` (and the time to come back) or `booking_late`."""
    opens = start - timedelta(minutes=early_minutes)
    if now < opens:
        local = opens.astimezone(ZoneInfo(timezone))
        raise DomainError("booking_too_early",
                          f"too early for this booking: check in from {local:%H:%M} "
                          f"({local:%d/%m/%Y})",
                          f"Ông/Bà đến sớm: mời quay lại từ {local:%H:%M} ngày "
                          f"{local:%d/%m/%Y}", come_back_at=opens.isoformat(),
                          come_back_local=f"{local:%H:%M}")
    if now > late_limit(start, late_minutes):
        local = start.astimezone(ZoneInfo(timezone))
        raise DomainError("booking_late",
                          f"the booking for {local:%H:%M} has lapsed (more than "
                          f"{late_minutes:g} minutes late); take a walk-in number",
                          f"Lịch hẹn lúc {local:%H:%M} đã quá {late_minutes:g} phút; "
                          "mời Ông/Bà lấy số thường", slot_start=start.isoformat())
    return max(start, now)


def release_due(start: datetime, now: datetime, late_minutes: float) -> bool:
    """A booking still expected past its late limit is released and counted as a no-show."""
    return now > late_limit(start, late_minutes)


def on_time(place: datetime, called_at: datetime | None, within_minutes: float = 15) -> bool:
    """A booked citizen called within `within_minutes` of their place in line (the later of
    the slot's start and the check-in): the daily report's and the simulator's measure."""
    return called_at is not None and called_at - place <= timedelta(minutes=within_minutes)
