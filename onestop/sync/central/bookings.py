"""Booking on central (issue 16, docs/booking.md): slots with places left, booking with the
per-phone limits, cancelling, and the list a hub pulls.

The last place of a slot is decided by ONE conditional update of its `slot_counts` row
(`taken < places`): PostgreSQL re-checks the condition on the newest row version after waiting
for the row lock, SQLite has one writer at a time, so 50 requests for the last place give
exactly one booking. The per-phone limits take the phone's `booking_holders` row first (same
order in every transaction: no deadlock). The phone is kept only as HMAC(salt, day, phone) and
forgotten after the day.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property

from sqlalchemy import Connection, text

from onestop.queue.booking_codes import BookingRef, make_code, normalise
from onestop.queue.booking_slots import (
    DEFAULT_HOURS,
    SlotSettings,
    bookable_days,
    open_slots,
)
from onestop.queue.catalog import Catalog, CatalogError, load_catalog_text
from onestop.queue.centre import OpeningHours, parse_hours

from .auth import iso

log = logging.getLogger(__name__)

PER_DAY, PER_GROUP = 2, 1
ACTIVE = ("booked", "checked_in", "released")  # what counts towards a phone's limits
STATUSES = ("booked", "cancelled", "checked_in", "released")
MAX_PULL_DAYS = 31


class BookingError(Exception):
    def __init__(self, status: int, code: str, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.message_vi = status, code, message, message_vi

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_vi": self.message_vi}


def invalid(field: str, en: str, vi: str) -> BookingError:
    return BookingError(422, "invalid", f"{field}: {en}", f"{field}: {vi}")


def normal_phone(raw: object) -> str:
    """A Vietnamese mobile number as 10 digits from 0 (+84/84 accepted, separators ignored)."""
    digits = re.sub(r"[\s.\-()]", "", raw) if isinstance(raw, str) else ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[35789]\d{8}", digits):
        raise BookingError(422, "invalid_phone", "phone: a Vietnamese mobile number (10 digits)",
                           "Số điện thoại: số di động Việt Nam gồm 10 chữ số")
    return digits


def parse_day(raw: object) -> date:
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise invalid("day", "a date YYYY-MM-DD", "ngày dạng YYYY-MM-DD")


def parse_slot(raw: object) -> time:
    if isinstance(raw, str) and re.fullmatch(r"\d\d:\d\d", raw):
        try:
            return time.fromisoformat(raw)
        except ValueError:
            pass
    raise invalid("slot", "a time HH:MM", "giờ dạng HH:MM")


@dataclass(frozen=True)
class Ward:
    hub_id: str
    name_vi: str
    name_en: str
    address_vi: str
    key: bytes
    hours: tuple[OpeningHours, ...]
    settings: dict[str, SlotSettings]


class Bookings:
    def __init__(self, central) -> None:
        self.central = central
        self.db = central.db
        self._catalog: tuple[str, Catalog] | None = None
        self._purged: date | None = None

    # --- reference data ------------------------------------------------------------------
    def catalog(self) -> Catalog:
        published = self.central.catalogs.latest()
        if self._catalog is None or self._catalog[0] != published.etag:
            try:
                self._catalog = (published.etag, load_catalog_text(published.body))
            except CatalogError:  # published ones were validated; keep the previous
                log.exception("published catalogue unreadable")
        return self._catalog[1]

    @cached_property
    def salt(self) -> bytes:
        with self.db.read() as conn:
            return bytes.fromhex(conn.execute(text(
                "SELECT value FROM central_secrets WHERE name = 'phone_salt'")).scalar_one())

    def phone_hash(self, phone: str, day: date) -> str:
        """Another salt-keyed hash each day: two days' bookings cannot be linked."""
        return hmac.new(self.salt, f"{day.isoformat()}|{phone}".encode(),
                        hashlib.sha256).hexdigest()

    def now_local(self) -> datetime:
        return self.central.clock().astimezone(self.central.timezone)

    def holidays(self, conn: Connection) -> set[date]:
        return {date.fromisoformat(d) for d in conn.execute(text("SELECT day FROM holidays"))
                .scalars()}

    def ward(self, conn: Connection, hub_id: str) -> Ward | None:
        hub = conn.execute(text("SELECT h.ward, h.booking_key, w.data FROM hubs h LEFT JOIN "
                                "wards w ON w.hub_id = h.hub_id WHERE h.hub_id = :h"),
                           {"h": hub_id}).first()
        if hub is None or not hub.booking_key:
            return None
        data = json.loads(hub.data) if hub.data else {}
        try:
            hours = parse_hours(data["hours"]) if data.get("hours") else DEFAULT_HOURS
        except CatalogError:
            hours = DEFAULT_HOURS
        settings = {r.group_id: SlotSettings(r.capacity, r.slot_minutes, r.days_ahead,
                                             r.booked_share)
                    for r in conn.execute(text(
                        "SELECT group_id, capacity, slot_minutes, days_ahead, booked_share "
                        "FROM booking_slots WHERE hub_id = :h"), {"h": hub_id})}
        groups = {g.id for g in self.catalog().groups}
        settings = {g: s for g, s in settings.items() if g in groups and s.places > 0}
        return Ward(hub_id, data.get("name_vi") or hub.ward, data.get("name_en") or hub.ward,
                    data.get("address_vi") or "", bytes.fromhex(hub.booking_key), hours,
                    settings)

    def require_ward(self, conn: Connection, hub_id: object) -> Ward:
        ward = self.ward(conn, hub_id) if isinstance(hub_id, str) else None
        if ward is None or not ward.settings:
            raise BookingError(404, "unknown_ward", "no ward with online booking has this id",
                               "Không có phường nhận đặt lịch trực tuyến với mã này")
        return ward

    # --- reading -------------------------------------------------------------------------
    def wards(self) -> list[Ward]:
        with self.db.read() as conn:
            ids = conn.execute(text("SELECT DISTINCT hub_id FROM booking_slots "
                                    "WHERE capacity > 0")).scalars().all()
            wards = [self.ward(conn, h) for h in ids]
        return sorted((w for w in wards if w and w.settings), key=lambda w: w.name_vi)

    def days(self, hub_id: str, group: str) -> list[date]:
        with self.db.read() as conn:
            ward = self.require_ward(conn, hub_id)
            settings = self._settings(ward, group)
            return bookable_days(self.now_local().date(), settings, ward.hours,
                                 self.holidays(conn))

    def _settings(self, ward: Ward, group: object) -> SlotSettings:
        if not isinstance(group, str) or group not in ward.settings:
            raise BookingError(404, "unknown_group", "this ward takes no booking for this group",
                               "Phường không nhận đặt lịch cho lĩnh vực này")
        return ward.settings[group]

    def slots(self, hub_id: object, day: date, group: str | None = None) -> dict:
        """Every bookable group's slots on `day` with the places left (JSON shape)."""
        now = self.now_local()
        with self.db.read() as conn:
            ward = self.require_ward(conn, hub_id)
            holidays = self.holidays(conn)
            taken = {(r.group_id, r.slot): r.taken for r in conn.execute(text(
                "SELECT group_id, slot, taken FROM slot_counts WHERE hub_id = :h AND day = :d"),
                {"h": ward.hub_id, "d": day.isoformat()})}
        names = {g.id: g for g in self.catalog().groups}
        chosen = [group] if group else sorted(ward.settings)
        out = []
        for g in chosen:
            s = self._settings(ward, g)
            slots = [{"slot": t.strftime("%H:%M"), "places": s.places,
                      "left": max(0, s.places - taken.get((g, t.strftime("%H:%M")), 0))}
                     for t in open_slots(now, day, s, ward.hours, holidays)]
            out.append({"group": g, "name_vi": names[g].name_vi, "name_en": names[g].name_en,
                        "slot_minutes": s.slot_minutes, "slots": slots})
        return {"hub_id": ward.hub_id, "ward_vi": ward.name_vi, "ward_en": ward.name_en,
                "day": day.isoformat(), "closed": day in holidays, "groups": out}

    def for_hub(self, hub_id: str, start: date, end: date) -> list[dict]:
        if end < start or (end - start).days > MAX_PULL_DAYS:
            raise invalid("to", f"from <= to, at most {MAX_PULL_DAYS} days apart",
                          f"from <= to, cách nhau tối đa {MAX_PULL_DAYS} ngày")
        with self.db.read() as conn:
            rows = conn.execute(text(
                "SELECT code, group_id, day, slot, serial, status FROM bookings WHERE hub_id = :h "
                "AND day BETWEEN :a AND :b ORDER BY day, slot, group_id, serial"),
                {"h": hub_id, "a": start.isoformat(), "b": end.isoformat()}).all()
        return [{"code": r.code, "group": r.group_id, "day": r.day, "slot": r.slot,
                 "serial": r.serial, "status": r.status} for r in rows]

    def find(self, code_raw: object) -> dict:
        """A booking by its code, for its calendar file (no phone, nothing personal)."""
        try:
            code = normalise(code_raw)
        except Exception:
            code = None
        with self.db.read() as conn:
            row = conn.execute(text("SELECT code, hub_id, group_id, day, slot, status FROM "
                                    "bookings WHERE code = :c"), {"c": code}).first() if code \
                else None
            ward = self.ward(conn, row.hub_id) if row else None
        if row is None or ward is None:
            raise BookingError(404, "not_found", "no booking with this code",
                               "Không có lịch hẹn với mã này")
        group = next((g for g in self.catalog().groups if g.id == row.group_id), None)
        settings = ward.settings.get(row.group_id)
        return {"code": row.code, "day": row.day, "slot": row.slot, "status": row.status,
                "slot_minutes": settings.slot_minutes if settings else 30,
                "ward_vi": ward.name_vi, "ward_en": ward.name_en,
                "group_vi": group.name_vi if group else row.group_id,
                "group_en": group.name_en if group else row.group_id}

    # --- writing -------------------------------------------------------------------------
    def book(self, hub_id: object, group: object, day_raw: object, slot_raw: object,
             phone_raw: object) -> dict:
        day, slot = parse_day(day_raw), parse_slot(slot_raw)
        phone = normal_phone(phone_raw)
        now = self.now_local()
        with self.db.read() as conn:
            ward = self.require_ward(conn, hub_id)
            holidays = self.holidays(conn)
        settings = self._settings(ward, group)
        if slot not in open_slots(now, day, settings, ward.hours, holidays):
            raise BookingError(422, "slot_closed", "this slot cannot be booked (past, closed day "
                               "or not a slot of the ward)", "Khung giờ này không thể đặt (đã "
                               "qua, ngày nghỉ hoặc không phải khung giờ của phường)")
        phash, d, s = self.phone_hash(phone, day), day.isoformat(), slot.strftime("%H:%M")
        if self._purged != now.date():
            self.purge()
        with self.db.write() as conn:
            conn.execute(text("INSERT INTO booking_holders (phone_hash, day, held) VALUES "
                              "(:p, :d, 0) ON CONFLICT (phone_hash, day) DO NOTHING"),
                         {"p": phash, "d": d})
            if conn.execute(text("UPDATE booking_holders SET held = held + 1 WHERE phone_hash "
                                 "= :p AND day = :d AND held < :n"),
                            {"p": phash, "d": d, "n": PER_DAY}).rowcount != 1:
                raise _limit(f"at most {PER_DAY} bookings a day for one phone number",
                             f"mỗi số điện thoại đặt tối đa {PER_DAY} lịch một ngày")
            same = conn.execute(text(
                "SELECT count(*) FROM bookings WHERE phone_hash = :p AND day = :d AND group_id "
                f"= :g AND status IN {ACTIVE}"), {"p": phash, "d": d, "g": group}).scalar_one()
            if same >= PER_GROUP:
                raise _limit("this phone number already holds a booking for this group that day",
                             "số điện thoại này đã đặt lịch cho lĩnh vực này trong ngày")
            key = {"h": ward.hub_id, "g": group, "d": d, "s": s}
            conn.execute(text("INSERT INTO slot_counts (hub_id, group_id, day, slot, taken, "
                              "next_serial) VALUES (:h, :g, :d, :s, 0, 0) ON CONFLICT "
                              "(hub_id, group_id, day, slot) DO NOTHING"), key)
            serial = conn.execute(text(
                "UPDATE slot_counts SET taken = taken + 1, next_serial = next_serial + 1 "
                "WHERE hub_id = :h AND group_id = :g AND day = :d AND slot = :s "
                "AND taken < :places AND next_serial < 2048 RETURNING next_serial"),
                {**key, "places": settings.places}).scalar()
            if serial is None:
                raise BookingError(409, "slot_full", "no place left in this slot",
                                   "Khung giờ này đã hết chỗ")
            ref = BookingRef(group, day, slot, serial - 1)
            code = make_code(ward.key, ward.hub_id, list(ward.settings), ref)
            stamp = iso(self.central.clock())
            conn.execute(text(
                "INSERT INTO bookings (code, hub_id, group_id, day, slot, serial, phone_hash, "
                "status, created_at, updated_at) VALUES (:c, :h, :g, :d, :s, :n, :p, 'booked', "
                ":t, :t)"), {**key, "c": code, "n": ref.serial, "p": phash, "t": stamp})
        log.info("booking %s… for hub %s group %s %s %s", code[:4], ward.hub_id, group, d, s)
        return {"code": code, "hub_id": ward.hub_id, "group": group, "day": d, "slot": s,
                "ward_vi": ward.name_vi, "ward_en": ward.name_en}

    def cancel(self, code_raw: object, phone_raw: object) -> dict:
        phone = normal_phone(phone_raw)
        not_found = BookingError(404, "not_found", "no booking with this code and phone number",
                                 "Không có lịch hẹn với mã và số điện thoại này")
        try:
            code = normalise(code_raw)
        except Exception:
            raise not_found from None
        now = self.now_local()
        with self.db.write() as conn:
            lock = "" if self.db.sqlite else " FOR UPDATE"
            row = conn.execute(text("SELECT hub_id, group_id, day, slot, phone_hash, status "
                                    f"FROM bookings WHERE code = :c{lock}"), {"c": code}).first()
            if row is None or not row.phone_hash or not hmac.compare_digest(
                    row.phone_hash, self.phone_hash(phone, date.fromisoformat(row.day))):
                raise not_found
            if row.status != "booked" or datetime.combine(
                    date.fromisoformat(row.day), time.fromisoformat(row.slot)) <= now.replace(
                    tzinfo=None):
                raise BookingError(409, "not_cancellable", "this booking can no longer be "
                                   "cancelled (used, released or its time has passed)",
                                   "Lịch hẹn này không thể hủy nữa (đã dùng, đã hủy hoặc đã "
                                   "qua giờ)")
            conn.execute(text("UPDATE bookings SET status = 'cancelled', updated_at = :t "
                              "WHERE code = :c"), {"c": code, "t": iso(self.central.clock())})
            conn.execute(text("UPDATE slot_counts SET taken = taken - 1 WHERE hub_id = :h AND "
                              "group_id = :g AND day = :d AND slot = :s"),
                         {"h": row.hub_id, "g": row.group_id, "d": row.day, "s": row.slot})
            conn.execute(text("UPDATE booking_holders SET held = held - 1 WHERE phone_hash = :p "
                              "AND day = :d"), {"p": row.phone_hash, "d": row.day})
        return {"code": code, "status": "cancelled"}

    def set_slots(self, conn: Connection, hub_id: str, group: str, settings: SlotSettings,
                  source: str) -> None:
        conn.execute(text(
            "INSERT INTO booking_slots (hub_id, group_id, capacity, slot_minutes, days_ahead, "
            "booked_share, updated_at, source) VALUES (:h, :g, :c, :m, :a, :b, :t, :src) "
            "ON CONFLICT (hub_id, group_id) DO UPDATE SET capacity = excluded.capacity, "
            "slot_minutes = excluded.slot_minutes, days_ahead = excluded.days_ahead, "
            "booked_share = excluded.booked_share, updated_at = excluded.updated_at, "
            "source = excluded.source"),
            {"h": hub_id, "g": group, "c": settings.capacity, "m": settings.slot_minutes,
             "a": settings.days_ahead, "b": settings.booked_share,
             "t": iso(self.central.clock()), "src": source})

    def purge(self) -> None:
        """Forget the phone hashes of past days (at start, then before a day's first booking
        in this process)."""
        today = self.now_local().date()
        with self.db.write() as conn:
            conn.execute(text("UPDATE bookings SET phone_hash = NULL WHERE day < :d AND "
                              "phone_hash IS NOT NULL"), {"d": today.isoformat()})
            conn.execute(text("DELETE FROM booking_holders WHERE day < :d"),
                         {"d": today.isoformat()})
        self._purged = today


def _limit(en: str, vi: str) -> BookingError:
    return BookingError(409, "limit_reached", en, vi)
