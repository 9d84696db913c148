"""Who may talk to central: hub tokens (from enrolment), one-time enrolment codes and admin
tokens. Only SHA-256 hashes are stored; a secret is shown once, when it is made, and is never
logged."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text

from .db import CentralDb

log = logging.getLogger(__name__)

CODE_DAYS = 7
BOOKING_KEY_BYTES = 32
# Enrolment codes are typed by IT staff at the ward: no 0/O, 1/I/L look-alikes.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normal_code(code: str) -> str:
    """Codes compare without case, spaces or dashes: 'abcd-efgh' is 'ABCDEFGH'."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, _CODE_LENGTH, 4))


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


class EnrolRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _other_ward() -> EnrolRefused:
    return EnrolRefused(409, "other_ward", "this hub id is enrolled for another ward; a code "
                        "for this ward cannot take it over (an admin can allow it: onestop "
                        "central enrol --name WARD --move HUB_ID)")


@dataclass(frozen=True)
class HubIdentity:
    hub_id: str
    ward: str


@dataclass(frozen=True)
class Enrolled:
    hub_id: str
    ward: str
    token: str
    acked: int
    booking_key: str  # hex; signs the ward's booking codes (onestop/queue/booking_codes.py)


class CentralAuth:
    def __init__(self, db: CentralDb, clock) -> None:
        self.db, self.clock = db, clock

    # --- made by the CLI ------------------------------------------------------------------
    def create_enrol_code(self, ward: str, days: int = CODE_DAYS,
                          moves_hub: str | None = None) -> str:
        """A one-time code that enrols a new hub, or re-enrols one of `ward`'s hubs, into
        `ward`. Only with `moves_hub` (an admin's explicit decision) may it take that one hub
        over from another ward, with its history."""
        code = new_code()
        now = self.clock()
        with self.db.write() as conn:
            conn.execute(text(
                "INSERT INTO enrol_codes (code_hash, ward, created_at, expires_at, moves_hub) "
                "VALUES (:h, :w, :c, :e, :m)"),
                {"h": secret_hash(normal_code(code)), "w": ward, "c": iso(now),
                 "e": iso(now + timedelta(days=days)), "m": moves_hub})
        log.info("enrolment code created for ward %s (valid %d days)%s", ward, days,
                 f", may move hub {moves_hub}" if moves_hub else "")
        return code

    def create_admin_token(self) -> str:
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            conn.execute(text("INSERT INTO admin_tokens (token_hash, created_at) "
                              "VALUES (:h, :c)"), {"h": secret_hash(token), "c": iso(self.clock())})
        log.info("admin token created")
        return token

    # --- checked by the API ---------------------------------------------------------------
    def enrol(self, code: str, hub_id: str, version: str | None,
              ward_code: str | None = None) -> Enrolled:
        """Spend a one-time code: bind hub_id to the code's ward with a new token. A hub id
        already known keeps its events and gets a new token (the old one stops working), but
        only when it is already the code's ward's hub: hub ids are public (the hub's
        /api/health), so a code made for another ward is refused (409 `other_ward`, the code
        stays unused) unless the code was made to move exactly this hub."""
        now = self.clock()
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            row = conn.execute(text(
                "SELECT ward, expires_at, used_at, moves_hub FROM enrol_codes "
                "WHERE code_hash = :h"),
                {"h": secret_hash(normal_code(code))}).first()
            if row is None:
                raise EnrolRefused(401, "bad_code", "unknown enrolment code")
            if row.used_at is not None:
                raise EnrolRefused(403, "code_used", "this enrolment code was already used; "
                                   "ask for a new one (onestop central enrol)")
            if datetime.fromisoformat(row.expires_at) <= now:
                raise EnrolRefused(403, "code_expired", "this enrolment code has expired; "
                                   "ask for a new one (onestop central enrol)")
            bound = conn.execute(text("SELECT ward FROM hubs WHERE hub_id = :hub"),
                                 {"hub": hub_id}).first()
            moving = row.moves_hub == hub_id
            if bound is not None and bound.ward != row.ward and not moving:
                raise _other_ward()
            if ward_code and conn.execute(text(
                    "SELECT 1 FROM hubs WHERE ward_code = :c AND ward <> :w"),
                    {"c": ward_code, "w": row.ward}).first() is not None:
                raise EnrolRefused(409, "ward_code_taken", f"the ward code {ward_code} is "
                                   "already used by another ward; choose another short code "
                                   "in the ward's settings (dossier codes must be unique in "
                                   "the city)")
            # `used_at IS NULL` again: two hubs racing with one code, only one wins.
            spent = conn.execute(text(
                "UPDATE enrol_codes SET used_at = :now, hub_id = :hub "
                "WHERE code_hash = :h AND used_at IS NULL"),
                {"now": iso(now), "hub": hub_id, "h": secret_hash(normal_code(code))})
            if spent.rowcount != 1:
                raise EnrolRefused(403, "code_used", "this enrolment code was already used")
            # The ward condition again in the upsert: a concurrent first enrolment of the same
            # id for another ward (PostgreSQL) is seen here and refused, never overwritten.
            bound_now = conn.execute(text(
                "INSERT INTO hubs (hub_id, ward, token_hash, enrolled_at, version) "
                "VALUES (:hub, :ward, :t, :now, :v) ON CONFLICT (hub_id) DO UPDATE SET "
                "ward = excluded.ward, token_hash = excluded.token_hash, "
                "enrolled_at = excluded.enrolled_at, version = excluded.version "
                "WHERE hubs.ward = excluded.ward OR :moving"),
                {"hub": hub_id, "ward": row.ward, "t": secret_hash(token), "now": iso(now),
                 "v": version, "moving": moving})
            if bound_now.rowcount != 1:
                raise _other_ward()
            # The booking key is made once per hub and kept across re-enrolments, so codes
            # already given to citizens stay valid on a reinstalled hub PC.
            conn.execute(text("UPDATE hubs SET booking_key = :k WHERE hub_id = :hub "
                              "AND booking_key IS NULL"),
                         {"k": secrets.token_hex(BOOKING_KEY_BYTES), "hub": hub_id})
            if ward_code:  # a hub that sends none keeps the code it sent before
                conn.execute(text("UPDATE hubs SET ward_code = :c WHERE hub_id = :hub"),
                             {"c": ward_code, "hub": hub_id})
            if bound is None:  # a new hub starts with the city's holiday calendar
                from .inbox import add_holidays

                add_holidays(conn, self.db.sqlite, now, row.ward)
            held = conn.execute(text("SELECT acked, booking_key FROM hubs WHERE hub_id = :hub"),
                                {"hub": hub_id}).one()
        log.info("hub %s enrolled for ward %s (acked %d)", hub_id, row.ward, held.acked)
        return Enrolled(hub_id, row.ward, token, int(held.acked), held.booking_key)

    def hub_for(self, token: str | None) -> HubIdentity | None:
        if not token:
            return None
        with self.db.read() as conn:
            row = conn.execute(text("SELECT hub_id, ward FROM hubs WHERE token_hash = :h"),
                               {"h": secret_hash(token)}).first()
        return HubIdentity(row.hub_id, row.ward) if row else None

    def is_admin(self, token: str | None) -> bool:
        if not token:
            return False
        with self.db.read() as conn:
            return conn.execute(text("SELECT 1 FROM admin_tokens WHERE token_hash = :h"),
                                {"h": secret_hash(token)}).first() is not None
