"""Booked numbers at the ward (issue 16): slot settings, the check-in window and release.

A citizen books a slot (group, day, "HH:MM") on central and gets a signed code
(queue/booking_codes.py); the hub checks the code in from the code alone, so this works with
no internet. Pure functions, the clock passed in:

* `check_in_place` — whether a booking may be checked in now, and its place in line: the slot's
  start when the citizen comes early, else the check-in time ("registered first, served first":
  a booked number stands in line from its slot, not from when its holder walked in).
* `release_due` — a booking not checked in by its late limit is released (a no-show).
* `on_time` — the daily report's and the simulator's measure of a booked citizen's call.

The slot settings (length, capacity, days ahead, booked share) are `booking_slots.SlotSettings`,
the one model central and the hub share.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import DomainError

# Booking statuses as the hub keeps them (central uses the same words).
BOOKED = "booked"          # expected: not checked in yet
CHECKED_IN = "checked_in"  # a ticket was issued from it
RELEASED = "released"      # not checked in by its late limit (no-show), or cancelled
CANCELLED = "cancelled"    # cancelled by the citizen on central
STATUSES = (BOOKED, CHECKED_IN, RELEASED, CANCELLED)


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
