"""Booked numbers at the hub (issue 16, docs/booking.md): check-in from the code alone, release
of no-shows, the bookings pulled from central, and the ward's slot settings.

The hub is the only writer of its ward's check-ins: central learns of them from the events
`booking.checked_in` and `booking.released` through the ordinary outbox. A code is verified with
the ward's booking key (stored at enrolment), so a booking central made while the hub was cut
off is checked in all the same; each booking is used at most once (unique rows in `bookings`).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from onestop.queue import booking as bk
from onestop.queue import events as ev
from onestop.queue.booking_codes import (
    BookingCodeError,
    BookingRef,
    group_list,
    normalise,
    read_code,
)
from onestop.queue.booking_slots import SlotSettings, check_settings, upgrade
from onestop.queue.errors import DomainError, InvalidRequest, NotFound
from onestop.queue.model import Channel, Kind
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest

from .rows import utc_text
from .store import HubStore, Issued

BOOKING_CHECKED_IN = "booking.checked_in"
BOOKING_RELEASED = "booking.released"
BOOKING_SLOTS_SET = "booking.slots_set"


# --- the key -----------------------------------------------------------------------------------
def booking_key(store: HubStore) -> bytes | None:
    with store.reading() as db:
        row = db.execute("SELECT booking_key FROM sync_state WHERE id = 1").fetchone()
    if not row or not row[0]:
        return None
    try:
        return bytes.fromhex(row[0])
    except ValueError:
        return None


def groups_for_codes(store: HubStore) -> list[str]:
    """The group list codes index into: the ward's base catalogue (as central publishes it)."""
    return group_list([g.id for g in store.base_catalog.groups])


# --- rows ----------------------------------------------------------------------------------------
def _row_values(store: HubStore, code: str, ref: BookingRef, status: str, source: str,
                now: datetime) -> dict:
    start = bk.slot_start(ref.day, ref.slot, store.rules.timezone)
    return {"code": code, "group_id": ref.group, "day": ref.day.isoformat(),
            "slot": f"{ref.slot:%H:%M}", "serial": ref.serial, "status": status,
            "source": source, "slot_at": utc_text(start),
            "late_at": utc_text(bk.late_limit(start, store.rules.booking_late_minutes)),
            "updated_at": utc_text(now)}


def _insert(store: HubStore, values: dict) -> None:
    cols = list(values)
    store.db.execute(f"INSERT INTO bookings ({', '.join(cols)}) VALUES "
                     f"({', '.join('?' * len(cols))})", [values[c] for c in cols])


def _find(store: HubStore, code: str, ref: BookingRef | None = None) -> dict | None:
    rows = list(store.db.query("SELECT * FROM bookings WHERE code = ?", [code]))
    if not rows and ref is not None:
        rows = list(store.db.query(
            "SELECT * FROM bookings WHERE day = ? AND group_id = ? AND slot = ? AND serial = ?",
            [ref.day.isoformat(), ref.group, f"{ref.slot:%H:%M}", ref.serial]))
    return rows[0] if rows else None


def _ref_of(row: dict) -> BookingRef:
    hours, minutes = row["slot"].split(":")
    return BookingRef(row["group_id"], date.fromisoformat(row["day"]),
                      time(int(hours), int(minutes)), row["serial"])


def _wire(row: dict, **extra: object) -> dict:
    return {"code": row["code"], "group": row["group_id"], "day": row["day"],
            "slot": row["slot"], "serial": row["serial"], **extra}


# --- release -----------------------------------------------------------------------------------
def release_overdue(store: HubStore, now: datetime) -> int:
    """Inside a write (every use case calls it as the day's clock advances): each booking
    still expected past its late limit is released, with a `booking.released` event, and
    counts as a no-show. One indexed query when nothing is due."""
    due = list(store.db.query("SELECT * FROM bookings WHERE status = ? AND late_at < ? "
                              "ORDER BY late_at, code", [bk.BOOKED, utc_text(now)]))
    for row in due:
        store.db.execute("UPDATE bookings SET status = ?, released_at = ?, updated_at = ? "
                         "WHERE code = ?", [bk.RELEASED, utc_text(now), utc_text(now),
                                            row["code"]])
        store._append([ev.Event(BOOKING_RELEASED, now, _wire(row, reason="no_show"))])
    return len(due)


# --- check-in ------------------------------------------------------------------------------------
def _service_for(store: HubStore, group: str, service: str | None) -> str:
    if service:
        return service
    for s in store.catalog.services:
        if s.group == group and s.code not in store.disabled_services:
            return s.code
    raise InvalidRequest("unknown_group", f"no procedure of group {group!r} is open here",
                         "Lĩnh vực của lịch hẹn không có thủ tục nào đang tiếp nhận",
                         group=group)


def check_in(store: HubStore, text: str, *, service: str | None = None,
             kind: Kind | str = Kind.SUBMIT) -> tuple[Issued, dict]:
    """Check a booking in from its code: a ticket of the group's sequence with channel
    `booked`, standing in line from the slot's start when the citizen comes early. Refused
    with `booking_invalid` (422: not this ward's code, or altered), `booking_used`,
    `booking_too_early` (with the time to come back), `booking_late` or `booking_cancelled`
    (409). Works with no link to central: the code alone is enough."""
    key = booking_key(store)
    if key is None:
        raise DomainError("booking_not_set_up",
                          "this hub has no booking key yet: enrol it with central first",
                          "Trung tâm chưa được cấu hình nhận lịch hẹn (chưa kết nối máy chủ "
                          "thành phố lần nào)")
    code = normalise(text)
    with store.write():
        now = store._begin_use_case()
        try:
            ref = read_code(key, store.hub_id, groups_for_codes(store), code)
        except BookingCodeError:
            # A booking pulled from central stands on its own (the catalogue's groups may
            # have changed since the code was made); anything else is refused.
            row = _find(store, code)
            if row is None or row["source"] != "central":
                raise
            ref = _ref_of(row)
        row = _find(store, code, ref)
        if row is None:  # made after the last pull, or the hub was offline: the code suffices
            values = _row_values(store, code, ref, bk.BOOKED, "code", now)
            _insert(store, values)
            row = values
        start = bk.slot_start(ref.day, ref.slot, store.rules.timezone)
        try:
            _refuse_unusable(store, row)
            place = bk.check_in_place(start, now,
                                      early_minutes=store.rules.booking_early_minutes,
                                      late_minutes=store.rules.booking_late_minutes,
                                      timezone=store.rules.timezone)
        except DomainError as exc:  # reception offers a walk-in number of the same group
            exc.details.update(group=ref.group, slot=f"{ref.slot:%H:%M}", day=row["day"])
            raise
        req = IssueRequest(_service_for(store, ref.group, service), Kind(kind), 1, None,
                           Channel.BOOKED)
        booking = _wire(row)
        issued = store.issue_now(req, now, placed_at=place, booking=booking)
        t = issued.ticket
        store.db.execute("UPDATE bookings SET status = ?, ticket_id = ?, checked_in_at = ?, "
                         "updated_at = ? WHERE code = ?",
                         [bk.CHECKED_IN, t.id, utc_text(now), utc_text(now), row["code"]])
        store._append([ev.Event(BOOKING_CHECKED_IN, now, _wire(
            row, ticket_id=t.id, number=t.number, checked_in_at=now.isoformat(),
            placed_at=place.isoformat()))])
    return issued, {**booking, "status": bk.CHECKED_IN, "placed_at": place.isoformat()}


def _refuse_unusable(store: HubStore, row: dict) -> None:
    status = row["status"]
    if status == bk.CHECKED_IN:
        number = None
        if row.get("ticket_id"):
            number = store.ticket(row["ticket_id"]).number
        raise DomainError("booking_used",
                          f"this booking was already checked in (number {number})",
                          f"Mã đặt lịch này đã được dùng (số {number})", number=number)
    if status == bk.RELEASED:
        raise DomainError("booking_late",
                          f"the booking for {row['slot']} was released: more than "
                          f"{store.rules.booking_late_minutes:g} minutes late; take a walk-in "
                          "number", f"Lịch hẹn lúc {row['slot']} đã bị hủy do đến trễ; mời "
                          "Ông/Bà lấy số thường")
    if status == bk.CANCELLED:
        raise DomainError("booking_cancelled", "this booking was cancelled",
                          "Lịch hẹn này đã được hủy; mời Ông/Bà lấy số thường")


# --- pulled from central -----------------------------------------------------------------------
def merge_pulled(store: HubStore, items: list[dict]) -> int:
    """Bookings from central (`GET /api/hub/bookings`), in one transaction. A booking the hub
    has checked in or released keeps the hub's word (the hub is the only writer of those);
    central's cancellation of one still expected is taken. Returns how many rows changed."""
    changed = 0
    with store.write():
        now = store.clock()
        for item in items:
            ref, code, status = _parse_item(item)
            row = _find(store, code, ref)
            if row is None:
                _insert(store, _row_values(store, code, ref, status, "central", now))
                changed += 1
            elif row["status"] == bk.BOOKED and status == bk.CANCELLED:
                store.db.execute("UPDATE bookings SET status = ?, updated_at = ? WHERE code = ?",
                                 [bk.CANCELLED, utc_text(now), row["code"]])
                changed += 1
        store._begin_use_case()  # releases pulled bookings already past their late limit
    return changed


def _parse_item(item: dict) -> tuple[BookingRef, str, str]:
    try:
        hours, minutes = str(item["slot"]).split(":")[:2]
        ref = BookingRef(str(item["group"]), date.fromisoformat(str(item["day"])),
                         time(int(hours), int(minutes)), int(item["serial"]))
        code = normalise(str(item["code"]))
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"booking from central not understood: {item!r:.200}") from exc
    status = str(item.get("status") or bk.BOOKED)
    if status not in bk.STATUSES:
        status = bk.CANCELLED if "cancel" in status else bk.BOOKED
    return ref, code, status if status in (bk.BOOKED, bk.CANCELLED) else bk.BOOKED


# --- reads ---------------------------------------------------------------------------------------
def day_bookings(store: HubStore, day: str) -> list[dict]:
    """A day's bookings in slot order, for reception: expected, late (past the slot's start,
    not yet released), checked in (with the ticket's number), released, cancelled."""
    now = store.clock()
    with store.reading() as db:
        rows = list(db.query("SELECT b.*, t.number AS number, t.status AS ticket_status "
                             "FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id "
                             "WHERE b.day = ? ORDER BY b.slot, b.group_id, b.serial", [day]))
    out = []
    for r in rows:
        state = r["status"]
        if state == bk.BOOKED and datetime.fromisoformat(r["slot_at"]) < now:
            state = "late"
        out.append({"code": r["code"], "group": r["group_id"], "day": r["day"],
                    "slot": r["slot"], "serial": r["serial"], "status": r["status"],
                    "state": state, "source": r["source"], "number": r["number"],
                    "ticket_status": r["ticket_status"], "checked_in_at": r["checked_in_at"],
                    "released_at": r["released_at"]})
    return out


def today(store: HubStore) -> str:
    return service_day(store.clock(), store.rules.timezone).isoformat()


def pull_window(store: HubStore) -> tuple[str, str]:
    """The days the hub pulls: today to the longest `days_ahead` of its groups."""
    first = service_day(store.clock(), store.rules.timezone)
    ahead = max((s.days_ahead for s in slot_settings(store).values()), default=6)
    return first.isoformat(), (first + timedelta(days=ahead)).isoformat()


# --- slot settings -----------------------------------------------------------------------------
OFF = SlotSettings(0)  # a group the ward has not set: no booking, as on central


def _stored(data: str) -> SlotSettings:
    """A stored row, also one written with the hub's first model (booking_slots.upgrade);
    a row that model allowed but this one refuses (a 240-minute slot) is read as off, as
    central refused its event."""
    try:
        return check_settings(upgrade(json.loads(data)))
    except (InvalidRequest, ValueError, AttributeError):
        return OFF


def slot_settings(store: HubStore) -> dict[str, SlotSettings]:
    """Every group's settings (`OFF` for a group the ward has not set)."""
    with store.reading() as db:
        stored = {g: _stored(d) for g, d in db.execute(
            "SELECT group_id, data FROM booking_slots")}
    return {g.id: stored.get(g.id, OFF) for g in store.catalog.groups}


def set_slots(store: HubStore, group: str, settings: SlotSettings) -> SlotSettings:
    """The ward sets one group's slots; `booking.slots_set` carries them to central, which
    reads them with the same `check_settings`."""
    if group not in {g.id for g in store.catalog.groups}:
        raise NotFound("unknown_group", f"no group {group!r}", f"Không có lĩnh vực {group!r}")
    with store.write():
        now = store._begin_use_case()
        store.db.execute("INSERT INTO booking_slots (group_id, data, updated_at) VALUES (?, ?, ?) "
                         "ON CONFLICT(group_id) DO UPDATE SET data = excluded.data, "
                         "updated_at = excluded.updated_at",
                         [group, json.dumps(settings.to_dict()), utc_text(now)])
        store._append([ev.Event(BOOKING_SLOTS_SET, now,
                                {"group": group, **settings.to_dict()})])
    return settings

