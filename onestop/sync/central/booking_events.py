"""The events a hub pushes that central projects for booking (docs/booking.md, docs/sync.md):

* `ward.updated` `{"ward": {name_vi, name_en, address_vi, ..., hours}}`: the ward's identity and
  opening hours, which its booking slots follow;
* `booking.slots_set` `{"group", "capacity", "slot_minutes"?, "days_ahead"?, "booked_share"?}`:
  the ward's slot settings for one group (capacity 0 ends booking for it); an older hub's
  `booked_share_cap`/`enabled` are read as `booked_share`/capacity 0 (booking_slots.upgrade);
* `booking.checked_in` `{"code", ...}` and `booking.released` `{"code", "reason"?}`: what became
  of a booking at the hub (the hub is the only writer of its ward's check-ins).

Each is validated with the batch (an invalid one is rejected and parked like any event) and
applied in the batch's transaction, only from a higher seq than the one last applied.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from onestop.queue.booking_codes import BookingCodeError, normalise
from onestop.queue.booking_slots import check_settings, upgrade
from onestop.queue.catalog import CatalogError
from onestop.queue.centre import parse_hours
from onestop.queue.errors import InvalidRequest

from .auth import iso

WARD_UPDATED = "ward.updated"
SLOTS_SET = "booking.slots_set"
STATUS_OF = {"booking.checked_in": "checked_in", "booking.released": "released"}
PROJECTED = frozenset({WARD_UPDATED, SLOTS_SET, *STATUS_OF})


def check_projection(kind: str, data: dict) -> dict:
    """The clean projection of one event, or ValueError naming what is wrong."""
    if kind == WARD_UPDATED:
        ward = data.get("ward")
        if not isinstance(ward, dict):
            raise ValueError("ward.updated without data.ward")
        if ward.get("hours"):
            try:
                parse_hours(ward["hours"], "data.ward.hours")
            except CatalogError as exc:
                raise ValueError(f"data.ward.hours: {exc}") from None
        return {"ward": ward}
    if kind == SLOTS_SET:
        group = data.get("group")
        if not isinstance(group, str) or not 1 <= len(group) <= 64:
            raise ValueError("booking.slots_set: data.group must be a group id")
        try:
            settings = check_settings(upgrade({k: v for k, v in data.items() if k != "group"}))
        except InvalidRequest as exc:
            raise ValueError(f"booking.slots_set: {exc.message}") from None
        return {"group": group, "settings": settings}
    try:
        code = normalise(data.get("code"))
    except BookingCodeError:
        raise ValueError(f"{kind}: data.code is not a booking code") from None
    return {"code": code, "status": STATUS_OF[kind]}


def apply_projections(conn: Connection, hub_id: str, items: list[tuple[int, str, dict]],
                      bookings, now) -> None:
    """Apply the batch's projected events in seq order."""
    for seq, kind, clean in sorted(items, key=lambda item: item[0]):
        if kind == WARD_UPDATED:
            conn.execute(text(
                "INSERT INTO wards (hub_id, data, last_seq) VALUES (:h, :d, :s) ON CONFLICT "
                "(hub_id) DO UPDATE SET data = excluded.data, last_seq = excluded.last_seq "
                "WHERE wards.last_seq < excluded.last_seq"),
                {"h": hub_id, "d": json.dumps(clean["ward"], ensure_ascii=False), "s": seq})
        elif kind == SLOTS_SET:
            bookings.set_slots(conn, hub_id, clean["group"], clean["settings"], "hub")
        else:
            conn.execute(text("UPDATE bookings SET status = :st, updated_at = :t "
                              "WHERE code = :c AND hub_id = :h"),
                         {"st": clean["status"], "t": iso(now), "c": clean["code"],
                          "h": hub_id})
