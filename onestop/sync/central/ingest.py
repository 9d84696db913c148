"""Applying one batch of a hub's outbox: every event held exactly once, in ONE transaction.

Per event, in batch order:
* (hub_id, seq) already held (earlier batch or earlier in this one): same event id ->
  `duplicate`; another id -> `rejected` with a `conflict:` reason, the original stays.
* otherwise validated on its own; valid -> `stored`, invalid -> `rejected` and parked in
  `events` with its reason, so it never blocks the events after it.

Then the projections of the stored ticket events (`tickets` upserted only by a higher seq:
order comes from the hub's sequence, never from clocks; `days` recomputed for the touched
days) and the hub's `acked` cursor, walked forward from where it was.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic import ValidationError
from sqlalchemy import Connection, text

from onestop.queue.model import COMMENT_MAX, RATING_SCALE, Status
from onestop.sync.protocol import (
    DUPLICATE,
    MAX_EVENT_SCHEMA,
    REJECTED,
    STORED,
    Batch,
    BatchAnswer,
    EventResult,
    WireEvent,
)

from .auth import iso
from .booking_events import PROJECTED, apply_projections, check_projection
from .db import DAY_AGGREGATE, DAY_COLUMNS, CentralDb
from .dossier_events import CITY_PROJECTED, apply_city_projections, check_city_event

log = logging.getLogger(__name__)

MAX_SEQ = 2**63 - 1  # BIGINT
MAX_COUNTER = 999  # as the hub's API takes counter numbers
MAX_TEXT = 200     # ids, numbers and codes of a ticket are short (the hub's own are <= 64)
_STATUSES = frozenset(str(s) for s in Status)
_TIMES = ("issued_at", "queued_at", "called_at", "started_at", "finished_at")
_TEXTS = ("number", "group", "service", "kind", "priority", "complexity")
_TICKET_COLUMNS = ("hub_id", "ticket_id", "day", "number", "group_id", "service", "kind",
                   "priority", "complexity", "status", *_TIMES, "counter", "wait_s",
                   "service_s", "rating", "last_seq")
_UPSERT_TICKET = (
    f"INSERT INTO tickets ({', '.join(_TICKET_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _TICKET_COLUMNS)}) "
    "ON CONFLICT (hub_id, ticket_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _TICKET_COLUMNS[2:])
    + " WHERE tickets.last_seq < excluded.last_seq")
_INSERT_EVENT = (
    "INSERT INTO events (hub_id, seq, event_id, type, at, event_schema, data, received_at, "
    "status, reason) VALUES (:hub_id, :seq, :event_id, :type, :at, :schema, :data, "
    ":received_at, :status, :reason) ON CONFLICT (hub_id, seq) DO NOTHING")


class BadBatch(Exception):
    """The whole request is unusable (400/403/413 with a stable code)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def is_ticket_event(kind: str) -> bool:
    return kind.startswith(("ticket.", "rating."))


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time as aware UTC; naive means UTC. None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    return round((end - start).total_seconds(), 3) if start and end else None


def _has_nul(value: object) -> bool:
    # PostgreSQL text cannot hold NUL; it would abort the whole batch's transaction.
    return isinstance(value, str) and "\x00" in value


def _utf8(value: str) -> bool:
    """False for a lone surrogate ("\\ud800" is valid JSON but not encodable text): the
    database drivers raise on it, which failed the whole batch with a 500."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def ticket_row(hub_id: str, seq: int, ticket: dict) -> dict:
    """The `tickets` row of one ticket event, or ValueError naming what is wrong."""
    for key in ("id", "day", "status"):
        if not isinstance(ticket.get(key), str) or not ticket[key]:
            raise ValueError(f"data.ticket.{key} missing or not a string")
    try:
        day = date.fromisoformat(ticket["day"]).isoformat()
    except ValueError:
        raise ValueError(f"data.ticket.day is not a date: {ticket['day']!r}") from None
    if ticket["status"] not in _STATUSES:
        raise ValueError(f"data.ticket.status unknown: {ticket['status']!r}")
    times = {}
    for key in _TIMES:
        value = ticket.get(key)
        moment = parse_time(value)
        if value is not None and moment is None:
            raise ValueError(f"data.ticket.{key} is not an ISO 8601 time: {value!r}")
        times[key] = moment
    for key in ("id", *_TEXTS):
        if ticket.get(key) is not None and not isinstance(ticket[key], str):
            raise ValueError(f"data.ticket.{key} must be a string")
        if len(ticket.get(key) or "") > MAX_TEXT:
            raise ValueError(f"data.ticket.{key} is longer than {MAX_TEXT} characters")
    # The hub's own rules (its state machine and API): what it would refuse, central refuses.
    for key, low, high in (("counter", 1, MAX_COUNTER), ("rating", 1, RATING_SCALE)):
        value = ticket.get(key)
        if value is not None and (type(value) is not int or not low <= value <= high):
            raise ValueError(f"data.ticket.{key} must be an integer {low}-{high}")
    if ticket.get("rating") is not None and ticket["status"] != Status.DONE:
        raise ValueError("data.ticket.rating on a ticket that was not served")
    comment = ticket.get("rating_comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > COMMENT_MAX):
        raise ValueError(f"data.ticket.rating_comment must be text of at most {COMMENT_MAX} "
                         "characters")
    if any(_has_nul(ticket.get(k)) for k in ("id", "status", *_TEXTS)):
        raise ValueError("data.ticket has a NUL character")
    return {
        "hub_id": hub_id, "ticket_id": ticket["id"], "day": day,
        "number": ticket.get("number"), "group_id": ticket.get("group"),
        "service": ticket.get("service"), "kind": ticket.get("kind"),
        "priority": ticket.get("priority"), "complexity": ticket.get("complexity"),
        "status": ticket["status"],
        **{k: iso(v) if v else None for k, v in times.items()},
        "counter": ticket.get("counter"),
        # The one definition of a wait (docs/glossary.md), as the ward's daily report has it:
        # from taking the number to being called, a transfer's time in line included.
        "wait_s": _seconds(times["issued_at"], times["called_at"]),
        "service_s": _seconds(times["started_at"], times["finished_at"]),
        "rating": ticket.get("rating"), "last_seq": seq,
    }


def check_event(raw: dict, hub_id: str, seq: int,
                ward_code: str | None = None) -> tuple[WireEvent, dict | None]:
    """Validate one event; returns it with its ticket row (ticket events), its booking
    projection (booking_events.PROJECTED) or its dossier/dialogue projection
    (dossier_events.CITY_PROJECTED; `ward_code`: the hub's, from enrolment), or ValueError."""
    try:
        wire = WireEvent.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "event"
        raise ValueError(f"invalid event: {where}: {first['msg']}") from None
    if wire.hub_id != hub_id:
        raise ValueError(f"event hub_id {wire.hub_id!r} is not the batch's hub")
    if wire.schema_ > MAX_EVENT_SCHEMA:
        raise ValueError(f"event schema {wire.schema_} is newer than central understands "
                         f"({MAX_EVENT_SCHEMA})")
    if any(_has_nul(v) for v in (wire.id, wire.type, wire.at)):
        raise ValueError("event has a NUL character")
    if not all(_utf8(v) for v in (wire.id, wire.type, wire.at,
                                  json.dumps(wire.data, ensure_ascii=False))):
        raise ValueError("event has text that is not valid Unicode (a lone surrogate)")
    if wire.type in PROJECTED:
        return wire, check_projection(wire.type, wire.data)
    if wire.type in CITY_PROJECTED:
        return wire, check_city_event(wire.type, wire.data, ward_code)
    if not is_ticket_event(wire.type):
        return wire, None
    ticket = wire.data.get("ticket")
    if not isinstance(ticket, dict):
        raise ValueError("ticket event without data.ticket")
    return wire, ticket_row(hub_id, seq, ticket)


def event_seq(raw: object, index: int) -> int:
    """The (hub_id, seq) key is the envelope: an event without a usable seq fails the batch."""
    seq = raw.get("seq") if isinstance(raw, dict) else None
    if type(seq) is not int or not 1 <= seq <= MAX_SEQ:
        raise BadBatch(400, "bad_batch", f"events[{index}] has no valid seq (integer >= 1)")
    return seq


@dataclass
class _Work:
    results: list[EventResult]
    rows: list[dict]
    tickets: dict[str, dict]
    projections: list[tuple[int, str, dict]] = field(default_factory=list)
    city: list[tuple[int, str, dict]] = field(default_factory=list)
    stored: int = 0
    rejected: int = 0


def _text(value: object) -> str | None:
    if value is None:
        return None
    value = (value if isinstance(value, str) else json.dumps(value)).replace("\x00", "\ufffd")
    return value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"


def _classify(batch: Batch, held: dict[int, str | None], received: str,
              ward_code: str | None = None) -> _Work:
    work = _Work([], [], {})
    for index, raw in enumerate(batch.events):
        seq = event_seq(raw, index)
        event_id = raw.get("id")
        if seq in held:
            if held[seq] == event_id:
                work.results.append(EventResult(seq=seq, status=DUPLICATE))
            else:
                work.results.append(EventResult(
                    seq=seq, status=REJECTED,
                    reason=f"conflict: seq {seq} is held with another event id"))
            continue
        held[seq] = event_id if isinstance(event_id, str) else None
        try:
            wire, ticket = check_event(raw, batch.hub_id, seq, ward_code)
        except ValueError as exc:
            reason = str(exc)[:500]
            work.results.append(EventResult(seq=seq, status=REJECTED, reason=reason))
            work.rejected += 1
            work.rows.append({
                "hub_id": batch.hub_id, "seq": seq, "event_id": _text(event_id),
                "type": _text(raw.get("type")), "at": _text(raw.get("at")), "schema": None,
                # ASCII: a parked event may hold lone surrogates, which only escaped survive.
                "data": json.dumps(raw, ensure_ascii=True, default=str),
                "received_at": received, "status": REJECTED, "reason": reason})
            continue
        work.results.append(EventResult(seq=seq, status=STORED))
        work.stored += 1
        work.rows.append({
            "hub_id": batch.hub_id, "seq": seq, "event_id": wire.id, "type": wire.type,
            "at": wire.at, "schema": wire.schema_,
            "data": json.dumps(wire.data, ensure_ascii=False), "received_at": received,
            "status": STORED, "reason": None})
        if wire.type in PROJECTED:
            work.projections.append((seq, wire.type, ticket))
        elif wire.type in CITY_PROJECTED:
            work.city.append((seq, wire.type, ticket))
        elif ticket is not None:
            known = work.tickets.get(ticket["ticket_id"])
            if known is None or known["last_seq"] < seq:
                work.tickets[ticket["ticket_id"]] = ticket
    return work


def _walk_acked(conn: Connection, hub_id: str, acked: int) -> int:
    """Highest seq held contiguously from 1, walking forward from the previous cursor."""
    while True:
        seqs = conn.execute(text(
            "SELECT seq FROM events WHERE hub_id = :h AND seq > :a ORDER BY seq LIMIT 5000"),
            {"h": hub_id, "a": acked}).scalars().all()
        for seq in seqs:
            if seq != acked + 1:
                return acked
            acked = seq
        if len(seqs) < 5000:
            return acked


class Ingest:
    def __init__(self, db: CentralDb, clock) -> None:
        self.db, self.clock = db, clock
        self.bookings = None  # set by build_central (slot settings from the hub's events)

    def apply(self, batch: Batch) -> BatchAnswer:
        received_at = self.clock()
        received = iso(received_at)
        sent = parse_time(batch.sent_at)
        skew = _seconds(sent, received_at)
        with self.db.write() as conn:
            lock = "" if self.db.sqlite else " FOR UPDATE"  # one batch per hub at a time
            hub = conn.execute(text(f"SELECT acked, ward_code FROM hubs WHERE hub_id = :h"
                                    f"{lock}"),
                               {"h": batch.hub_id}).first()
            if hub is None:  # revoked between authentication and now
                raise BadBatch(401, "unauthorised", "this hub is not enrolled")
            seqs = [event_seq(raw, i) for i, raw in enumerate(batch.events)]
            held: dict[int, str | None] = {}
            if seqs:
                held = dict(conn.execute(text(
                    "SELECT seq, event_id FROM events WHERE hub_id = :h "
                    "AND seq BETWEEN :lo AND :hi"),
                    {"h": batch.hub_id, "lo": min(seqs), "hi": max(seqs)}).all())
            work = _classify(batch, held, received, hub.ward_code)
            if work.rows:
                conn.execute(text(_INSERT_EVENT), work.rows)
            if work.tickets:
                conn.execute(text(_UPSERT_TICKET), list(work.tickets.values()))
                days = sorted({t["day"] for t in work.tickets.values()})
                for day in days:
                    refresh_day(conn, batch.hub_id, day)
            if work.projections:
                apply_projections(conn, batch.hub_id, work.projections, self.bookings,
                                  received_at)
            if work.city:
                apply_city_projections(conn, batch.hub_id, work.city, received)
            acked = _walk_acked(conn, batch.hub_id, int(hub.acked))
            conn.execute(text(
                "UPDATE hubs SET acked = :a, events = events + :s, rejected = rejected + :r, "
                "last_sync_at = :now, last_skew_s = :skew WHERE hub_id = :h"),
                {"a": acked, "s": work.stored, "r": work.rejected, "now": received,
                 "skew": skew, "h": batch.hub_id})
        log.info("hub %s batch: %d events, %d stored, %d rejected, acked %d",
                 batch.hub_id, len(batch.events), work.stored, work.rejected, acked)
        return BatchAnswer(hub_id=batch.hub_id, acked=acked, received_at=received,
                           skew_s=skew, results=work.results)


def refresh_day(conn: Connection, hub_id: str, day: str) -> None:
    params = {"h": hub_id, "d": day}
    conn.execute(text("DELETE FROM days WHERE hub_id = :h AND day = :d"), params)
    conn.execute(text(f"INSERT INTO days ({DAY_COLUMNS}) {DAY_AGGREGATE} "
                      "WHERE hub_id = :h AND day = :d GROUP BY hub_id, day"), params)
