"""Stations, roles, pairing codes and officers.

* A station (a PC's window) holds a bearer token with one role. Tokens are 256-bit random and
  stored only as SHA-256 hashes: a stolen database does not give working tokens.
* Pairing: a supervisor asks for a short one-time code (10 minutes) and types it on the new PC,
  which exchanges it for its own token. Codes are stored hashed too.
* Officers sign in at a counter with a username and PIN; PINs are hashed with scrypt (slow on
  purpose: a 6-digit PIN is guessable from a fast hash).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from onestop.queue.errors import DomainError, InvalidRequest

from .rows import utc_text
from .store import HubStore

log = logging.getLogger(__name__)


class Role(StrEnum):
    DISPLAY = "display"
    RECEPTION = "reception"
    COUNTER = "counter"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    KIOSK = "kiosk"  # the self-service kiosk by the door (docs/kiosk.md): see deps.KIOSK_MAY


class AuthError(DomainError):
    status = 401


class Forbidden(DomainError):
    status = 403


class TooManyAttempts(DomainError):
    status = 429


@dataclass(frozen=True)
class Station:
    id: str
    name: str
    role: Role
    counter: int | None = None

    def may_act_for_counter(self, number: int | None) -> bool:
        if self.role in (Role.SUPERVISOR, Role.ADMIN):
            return True
        return self.role == Role.COUNTER and number is not None and self.counter == number


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
PAIRING_MINUTES = 10
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        _, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def _check_role(role: str, counter: int | None) -> Role:
    try:
        r = Role(role)
    except ValueError:
        raise InvalidRequest("invalid_role", f"role must be one of {[x.value for x in Role]}",
                             "Vai trò không hợp lệ") from None
    if (r == Role.COUNTER) != (counter is not None):
        raise InvalidRequest("invalid_role", "a counter station needs a counter number "
                             "(and only a counter station has one)",
                             "Trạm quầy cần số quầy (và chỉ trạm quầy có số quầy)")
    return r


SEEN_EVERY_S = 60  # a station's last_seen_at is written at most once a minute


class Auth:
    def __init__(self, store: HubStore, pin_min_length: int = 6) -> None:
        self.store = store
        self.pin_min_length = pin_min_length
        self._seen: dict[str, datetime] = {}

    def create_token(self, role: str, counter: int | None = None, name: str = "") -> str:
        r = _check_role(role, counter)
        if counter is not None:
            self.store.counter(counter)  # refuses an unknown counter
        token = secrets.token_urlsafe(32)
        with self.store.write() as db:
            db.execute("INSERT INTO stations (id, name, role, counter, token_hash, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [uuid.uuid4().hex, name or f"{r}{counter or ''}", str(r), counter,
                        _sha(token), utc_text(self.store.clock())])
        return token

    def authenticate(self, token: str | None) -> Station:
        if not token:
            raise AuthError("unauthorized", "a station token is required",
                            "Cần mã trạm (token) để dùng chức năng này")
        with self.store.reading() as db:
            row = db.execute("SELECT id, name, role, counter FROM stations WHERE token_hash = ? "
                             "AND revoked_at IS NULL", [_sha(token)]).fetchone()
        if row is None:
            raise AuthError("unauthorized", "unknown or revoked station token",
                            "Mã trạm không đúng hoặc đã bị thu hồi")
        self._seen_now(row[0])
        return Station(row[0], row[1], Role(row[2]), row[3])

    def _seen_now(self, station_id: str) -> None:
        """Record when a station was last seen, for the admin's list; a write per request
        would cost more than the answer, so at most once a minute per station. Best effort:
        a busy or full disk must not refuse the request itself."""
        now = self.store.clock()
        last = self._seen.get(station_id)
        if last is not None and abs((now - last).total_seconds()) < SEEN_EVERY_S:
            return
        self._seen[station_id] = now
        try:
            with self.store.write() as db:
                db.execute("UPDATE stations SET last_seen_at = ? WHERE id = ?",
                           [utc_text(now), station_id])
        except sqlite3.Error as exc:
            log.warning("could not record when station %s was seen: %s", station_id, exc)

    def revoke(self, station_id: str) -> None:
        with self.store.write() as db:
            db.execute("UPDATE stations SET revoked_at = ? WHERE id = ?",
                       [utc_text(self.store.clock()), station_id])

    def stations(self) -> list[dict]:
        with self.store.reading() as db:
            return list(db.query("SELECT id, name, role, counter, created_at, last_seen_at, "
                                 "revoked_at FROM stations ORDER BY created_at"))

    # --- pairing -----------------------------------------------------------------------------
    def create_pairing_code(self, role: str, counter: int | None = None) -> tuple[str, datetime]:
        r = _check_role(role, counter)
        if counter is not None:
            self.store.counter(counter)
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        now = self.store.clock()
        expires = now + timedelta(minutes=PAIRING_MINUTES)
        with self.store.write() as db:
            db.execute("INSERT INTO pairing_codes (code_hash, role, counter, created_at, "
                       "expires_at) VALUES (?, ?, ?, ?, ?)",
                       [_sha(raw), str(r), counter, utc_text(now), utc_text(expires)])
        return f"{raw[:4]}-{raw[4:]}", expires

    def redeem(self, code: str, name: str = "") -> tuple[str, Station]:
        """Exchange a one-time pairing code for a station token."""
        raw = "".join(ch for ch in code.upper() if ch.isalnum())
        now = utc_text(self.store.clock())
        with self.store.write() as db:
            row = db.execute("SELECT role, counter FROM pairing_codes WHERE code_hash = ? AND "
                             "used_at IS NULL AND expires_at > ?", [_sha(raw), now]).fetchone()
            if row is None:
                raise AuthError("invalid_pairing_code", "unknown, used or expired pairing code",
                                "Mã ghép nối không đúng, đã dùng hoặc đã hết hạn")
            db.execute("UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?", [now, _sha(raw)])
            token = self.create_token(row[0], row[1], name)
        return token, self.authenticate(token)

    # --- officers ----------------------------------------------------------------------------
    def add_officer(self, username: str, pin: str, display_name: str = "") -> dict:
        """The admin use case (hub/admin.py) with this hub's PIN rule."""
        from .admin import add_officer

        return add_officer(self.store, username, display_name, pin, self.pin_min_length)

    def check_officer(self, username: str, pin: str) -> str:
        username = (username or "").strip().lower()
        with self.store.reading() as db:
            row = db.execute("SELECT pin_hash FROM officers WHERE username = ? AND active = 1",
                             [username]).fetchone()
        # Hash even for an unknown user so timing does not reveal which usernames exist.
        ok = verify_pin(pin or "", row[0] if row else hash_pin("0000"))
        if row is None or not ok:
            raise AuthError("bad_credentials", "wrong username or PIN",
                            "Sai tên đăng nhập hoặc mã PIN")
        return username
