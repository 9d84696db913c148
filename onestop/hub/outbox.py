"""The hub's side of sync bookkeeping: what has central acknowledged, what was parked, how is
the link configured. The outbox itself is the events table (gap-free `seq`).

Every change here is one transaction of the hub store, so a hub killed mid-sync restarts with a
cursor that matches what it recorded: at worst it resends a batch central already holds, which
central answers as duplicates (exactly once in effect).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .reads import StoredEvent
from .rows import utc_text
from .store import HubStore

# Fields of a ticket that central never needs: the citizen page's secret link.
_PRIVATE_TICKET_FIELDS = ("token",)


@dataclass(frozen=True)
class SyncLink:
    """How this hub reaches central (None until enrolled)."""

    central_url: str | None
    token: str | None
    ca_file: str | None
    ward: str | None
    needs_enrolment: bool

    @property
    def ready(self) -> bool:
        return bool(self.central_url and self.token and not self.needs_enrolment)

    def __repr__(self) -> str:  # never print the token, even in a traceback
        return (f"SyncLink(central_url={self.central_url!r}, ward={self.ward!r}, "
                f"token={'set' if self.token else None}, needs_enrolment={self.needs_enrolment})")


@dataclass(frozen=True)
class Parked:
    seq: int
    event_id: str
    reason: str


class Outbox:
    def __init__(self, store: HubStore) -> None:
        self.store = store

    @property
    def hub_id(self) -> str:
        return self.store.hub_id

    # --- reads -------------------------------------------------------------------------------
    def _state(self) -> dict:
        with self.store.reading() as db:
            return dict(next(db.query("SELECT * FROM sync_state WHERE id = 1")))

    def link(self) -> SyncLink:
        s = self._state()
        return SyncLink(s["central_url"], s["central_token"], s["ca_file"], s["ward"],
                        bool(s["needs_enrolment"]))

    def acked(self) -> int:
        return self._state()["acked_seq"]

    def pending(self) -> int:
        return max(0, self.store.last_event_seq() - self.acked())

    def batch(self, limit: int) -> list[dict]:
        """The next events after the acknowledged cursor, in sequence order, as sent."""
        return [self.wire(e) for e in self.store.events_since(self.acked(), limit)]

    def wire(self, event: StoredEvent) -> dict:
        data = event.data
        ticket = data.get("ticket")
        if isinstance(ticket, dict) and any(k in ticket for k in _PRIVATE_TICKET_FIELDS):
            data = {**data, "ticket": {k: v for k, v in ticket.items()
                                       if k not in _PRIVATE_TICKET_FIELDS}}
        return {"hub_id": self.hub_id, "seq": event.seq, "id": event.id, "type": event.type,
                "at": event.at, "schema": event.schema, "data": data}

    def parked(self) -> list[Parked]:
        with self.store.reading() as db:
            return [Parked(r["seq"], r["event_id"], r["reason"]) for r in db.query(
                "SELECT seq, event_id, reason FROM sync_rejected ORDER BY seq")]

    def catalog_etag(self) -> str | None:
        return self._state()["catalog_etag"]

    def status(self) -> dict:
        """For /api/health, the launcher and the supervisor window. Never holds the token."""
        s = self._state()
        last = self.store.last_event_seq()
        with self.store.reading() as db:
            parked = db.execute("SELECT count(*) FROM sync_rejected").fetchone()[0]
        return {
            "configured": bool(s["central_url"]), "enrolled": bool(s["central_token"]),
            "needs_enrolment": bool(s["needs_enrolment"]), "central_url": s["central_url"],
            "ward": s["ward"], "acked": s["acked_seq"], "last_seq": last,
            "pending": max(0, last - s["acked_seq"]), "parked": parked,
            "last_attempt": s["last_attempt"], "last_success": s["last_success"],
            "last_error": s["last_error"], "last_error_at": s["last_error_at"],
            "skew_s": s["skew_s"], "catalog_etag": s["catalog_etag"],
            "catalog_checked_at": s["catalog_checked_at"],
        }

    # --- changes (each one transaction) ----------------------------------------------------
    def _update(self, **values: object) -> None:
        cols = ", ".join(f"{k} = ?" for k in values)
        with self.store.write() as db:
            db.execute(f"UPDATE sync_state SET {cols} WHERE id = 1", list(values.values()))

    def enrolled(self, central_url: str, token: str, ward: str, ca_file: str | None,
                 acked: int, now: datetime, booking_key: str | None = None) -> None:
        """A new link to central. The cursor may move back to what central says it holds
        (a new or restored central gets the rest again) but never forward: events central
        holds past this hub's own cursor were not confirmed to this hub (another install, or
        someone else, may have pushed them under its id), so they are sent again and central
        answers each as a duplicate, or parks it as a conflict that shows here as parked."""
        with self.store.write() as db:
            own = db.execute("SELECT acked_seq FROM sync_state WHERE id = 1").fetchone()[0]
            db.execute("UPDATE sync_state SET central_url = ?, central_token = ?, ward = ?, "
                       "ca_file = ?, enrolled_at = ?, needs_enrolment = 0, acked_seq = ?, "
                       "last_error = NULL, last_error_at = NULL WHERE id = 1",
                       [central_url, token, ward, ca_file, utc_text(now),
                        max(0, min(acked, own))])
            if booking_key:  # the ward's key for booking codes (hub/bookings.py)
                db.execute("UPDATE sync_state SET booking_key = ? WHERE id = 1", [booking_key])

    def attempted(self, now: datetime) -> None:
        self._update(last_attempt=utc_text(now))

    def acknowledged(self, acked: int, rejected: Sequence[Parked], skew_s: float | None,
                     now: datetime, sent_up_to: int | None = None) -> int:
        """Record central's answer in one transaction: parked events and the new cursor.

        The cursor follows central's `acked` even backwards (central restored from a backup
        asks for events again); it never passes the last event this hub has, nor the last
        one of the batch answered (`sent_up_to`): only what this hub sent and central
        answered for counts as delivered."""
        with self.store.write() as db:
            last = db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
            if sent_up_to is not None:
                last = min(last, sent_up_to)
            cursor = max(0, min(acked, last))
            for p in rejected:
                db.execute("INSERT INTO sync_rejected (seq, event_id, reason, parked_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT(seq) DO UPDATE SET "
                           "reason = excluded.reason", [p.seq, p.event_id, p.reason,
                                                        utc_text(now)])
            db.execute("UPDATE sync_state SET acked_seq = ?, last_success = ?, skew_s = ?, "
                       "last_error = NULL, last_error_at = NULL WHERE id = 1",
                       [cursor, utc_text(now), skew_s])
        return cursor

    def failed(self, message: str, now: datetime, *, needs_enrolment: bool = False) -> None:
        values: dict[str, object] = {"last_error": message[:500], "last_error_at": utc_text(now)}
        if needs_enrolment:
            values["needs_enrolment"] = 1
        self._update(**values)

    def catalog_checked(self, etag: str | None, now: datetime) -> None:
        self._update(catalog_etag=etag, catalog_checked_at=utc_text(now))

    def bookings_etag(self) -> str | None:
        return self._state()["bookings_etag"]

    def bookings_checked(self, etag: str | None, now: datetime) -> None:
        self._update(bookings_etag=etag, bookings_pulled_at=utc_text(now))


def dumps(batch: dict) -> bytes:
    return json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode()
