"""The hub's store: every use case is one SQLite transaction that writes the change and its
events, numbered without gaps.

Writers take the database lock up front (`BEGIN IMMEDIATE`), so two counters pressing "next" at
the same moment, even from different processes, are serialised and never get the same ticket.
A refused or failed use case rolls back entirely: no change, no event, no number consumed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from onestop.queue import transitions as tr
from onestop.queue.catalog import Catalog, default_catalog, parse_catalog
from onestop.queue.centre import CentreLayout, default_centre
from onestop.queue.errors import InvalidRequest
from onestop.queue.events import SCHEMA_VERSION, Event
from onestop.queue.model import FINAL_STATUSES, Counter, CounterStatus, Status, Ticket
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest, call_next, close_day, issue
from onestop.queue.routing import Policy, smart
from onestop.queue.rules import Rules
from onestop.queue.wait import WaitEstimate

from . import db as hubdb
from .forecast import Forecaster
from .reads import StoredEvent, StoreReads, locked
from .rows import counter_to_row, ticket_to_row, utc_text

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
_OPEN = tuple(str(s) for s in Status if s not in FINAL_STATUSES)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Issued:
    ticket: Ticket
    estimate: WaitEstimate | None  # None: a replayed ticket no longer waiting
    replayed: bool = False  # True when an Idempotency-Key returned an earlier ticket


class HubStore(StoreReads):
    def __init__(self, path: Path | str, *, rules: Rules | None = None, clock: Clock = utc_now,
                 policy: Policy = smart, centre: CentreLayout | None = None,
                 catalog: Catalog | None = None) -> None:
        self.path = Path(path)
        self.clock = clock
        self.policy = policy
        self.db = hubdb.connect(self.path)
        hubdb.migrate(self.db)
        self._lock = threading.RLock()
        self._pending: list[StoredEvent] = []
        self._actor = threading.local()
        self._listeners: list[Callable[[list[StoredEvent]], None]] = []
        centre = centre or default_centre()
        self.rules = rules or Rules(timezone=centre.timezone)
        self._seed(catalog or default_catalog(), centre)
        self.base_catalog = self.catalog = self._load_catalog()
        self.disabled_services: frozenset[str] = frozenset()
        self.reload_catalog()
        self.hub_id = self._meta("hub_id")
        self.forecaster = Forecaster(self)

    # --- transactions ------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; events appended inside it are published after commit."""
        with self._lock:
            if self.db.conn.in_transaction:  # nested in a write of this thread: a savepoint
                with self.db.atomic():
                    yield self.db
                return
            self.db.execute("BEGIN IMMEDIATE")
            self._pending = []
            try:
                with self.db.atomic():
                    yield self.db
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            try:
                self.db.conn.execute("COMMIT")
            except BaseException:
                # A full disk can fail the COMMIT itself; SQLite only "might" roll back then,
                # so make sure: nothing of the use case stays and nothing is published.
                self._pending = []
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            published, self._pending = self._pending, []
            # Still under the lock: listeners see batches in commit order. They must be quick
            # (hand the events to an event loop); a broken one never undoes a committed change.
            for listener in list(self._listeners) if published else ():
                try:
                    listener(published)
                except Exception:
                    log.exception("event listener failed")

    @contextmanager
    def acting(self, **actor: object) -> Iterator[None]:
        """Record who acts (station, role, officer) in every event written by this thread
        inside the block: the event log is the audit log."""
        previous = getattr(self._actor, "value", None)
        self._actor.value = {k: v for k, v in actor.items() if v is not None}
        try:
            yield
        finally:
            self._actor.value = previous

    @contextmanager
    def reading(self) -> Iterator[sqlite_utils.Database]:
        """Reads share the one connection, so they wait for a write in progress and never see
        half of it."""
        with self._lock:
            yield self.db

    def subscribe(self, listener: Callable[[list[StoredEvent]], None]) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        """Checkpoint the WAL into hub.db and empty it, then close: a stopped hub leaves one
        self-contained file (a copy or a backup tool reading only hub.db misses nothing).
        A reader in another process may hold the WAL: then SQLite checkpoints what it can."""
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                self.db.conn.execute("PRAGMA busy_timeout = 2000")
                self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            self.db.conn.close()

    # --- setup -------------------------------------------------------------------------------
    @locked
    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                        "DO UPDATE SET value = excluded.value", [key, value])

    def _seed(self, catalog: Catalog, centre: CentreLayout) -> None:
        """First start: a hub id, the default catalogue and counters. Later starts: nothing."""
        with self.write():
            if self._meta("hub_id") is None:
                self._set_meta("hub_id", uuid.uuid4().hex)
                self._set_meta("created_at", utc_text(self.clock()))
            if self.db.execute("SELECT count(*) FROM catalog").fetchone()[0] == 0:
                self._store_catalog(catalog)
            if self.db.execute("SELECT count(*) FROM counters").fetchone()[0] == 0:
                for spec in centre.counters:
                    counter = Counter(spec.number, spec.label_vi, spec.label_en,
                                      tuple(spec.skills), spec.fast_lane)
                    self._upsert("counters", counter_to_row(counter), "number")

    def _store_catalog(self, catalog: Catalog) -> None:
        self.db.execute(
            "INSERT INTO catalog (id, version, data, updated_at) VALUES (1, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data, "
            "updated_at = excluded.updated_at",
            [catalog.version, json.dumps(catalog.to_dict(), ensure_ascii=False),
             utc_text(self.clock())])

    def _load_catalog(self) -> Catalog:
        row = self.db.execute("SELECT data FROM catalog WHERE id = 1").fetchone()
        return parse_catalog(json.loads(row[0]), source=f"{self.path.name}:catalog")

    def catalog_edits(self) -> dict[str, dict]:
        with self.reading() as db:
            return {code: json.loads(data) for code, data in db.execute(
                "SELECT code, data FROM catalog_edits ORDER BY code")}

    def reload_catalog(self) -> None:
        """The catalogue in use: the stored base with the ward's local edits laid over it
        (hub/catalog_edits.py). Called after any change to either."""
        from .catalog_edits import disabled, effective

        with self.reading():
            base = self._load_catalog()
            edits = self.catalog_edits()
        self.base_catalog, self.catalog = base, effective(base, edits)
        self.disabled_services = disabled(edits, self.catalog)

    def replace_catalog(self, catalog: Catalog) -> None:
        """Install a validated catalogue in one transaction (the old one stays on failure)."""
        from onestop.queue.events import CATALOG_UPDATED

        with self.write():
            self._store_catalog(catalog)
            self._append([Event(CATALOG_UPDATED, self.clock(), {"version": catalog.version})])
        self.reload_catalog()

    # --- events ------------------------------------------------------------------------------
    def _append(self, events: Sequence[Event]) -> None:
        if not events:
            return
        last = self.db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
        actor = getattr(self._actor, "value", None)
        for offset, event in enumerate(events, start=1):
            data = {**event.data, "by": actor} if actor else event.data
            stored = StoredEvent(last + offset, uuid.uuid4().hex, event.type,
                                 utc_text(event.at), SCHEMA_VERSION, data)
            self.db.execute(
                "INSERT INTO events (seq, id, type, at, schema, data) VALUES (?, ?, ?, ?, ?, ?)",
                [stored.seq, stored.id, stored.type, stored.at, stored.schema,
                 json.dumps(stored.data, ensure_ascii=False)])
            self._pending.append(stored)

    def _save(self, change: tr.Change) -> tr.Change:
        for t in change.tickets:
            self._upsert("tickets", ticket_to_row(t), "id")
            if t.status == Status.DONE and any(e.type == "ticket.done" for e in change.events):
                self._record_service_time(t)
        for c in change.counters:
            self._upsert("counters", counter_to_row(c), "number")
        self._append(change.events)
        return change

    def _upsert(self, table: str, row: dict, pk: str) -> None:
        cols = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != pk)
        self.db.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT({pk}) DO UPDATE SET {updates}", [row[c] for c in cols])

    def _record_service_time(self, t: Ticket) -> None:
        if t.started_at is None or t.finished_at is None:
            return
        minutes = (t.finished_at - t.started_at).total_seconds() / 60
        self.db.execute(
            "INSERT INTO service_stats (service, kind, samples, total_minutes) VALUES (?, ?, 1, ?) "
            "ON CONFLICT(service, kind) DO UPDATE SET samples = samples + 1, "
            "total_minutes = total_minutes + excluded.total_minutes",
            [t.service, str(t.kind), minutes])

    # --- use cases ---------------------------------------------------------------------------
    def _begin_use_case(self) -> datetime:
        """Inside a write: read the clock and close the previous day if midnight has passed."""
        now = self.clock()
        today = service_day(now, self.rules.timezone).isoformat()
        last_day = self._meta("day")
        if last_day != today:
            if last_day is not None and last_day < today:
                stale = self._tickets(f"status IN ({','.join('?' * len(_OPEN))}) AND day < ?",
                                      [*_OPEN, today])
                self._save(close_day(stale, self.counters(), now=now, rules=self.rules))
            self._set_meta("day", max(today, last_day or today))
        from .bookings import release_overdue

        release_overdue(self, now)  # bookings past their late limit: released, no-shows
        return now

    def issue(self, req: IssueRequest, idempotency_key: str | None = None,
              request_hash: str = "") -> Issued:
        with self.write():
            now = self._begin_use_case()
            if idempotency_key:
                row = self.db.execute("SELECT ticket_id, request_hash FROM idempotency_keys "
                                      "WHERE key = ?", [idempotency_key]).fetchone()
                if row is not None:
                    return self._replay(row, request_hash, now)
            issued = self.issue_now(req, now)
            if idempotency_key:
                self.db.execute("INSERT INTO idempotency_keys (key, ticket_id, request_hash, "
                                "created_at) VALUES (?, ?, ?, ?)",
                                [idempotency_key, issued.ticket.id, request_hash, utc_text(now)])
            return issued

    def issue_now(self, req: IssueRequest, now: datetime, *, placed_at: datetime | None = None,
                  **event_extra: object) -> Issued:
        """Inside a write: issue `req` (numbered, forecast, saved with its event). `placed_at`
        and `event_extra` serve a booked check-in (hub/bookings.py)."""
        try:
            group = self.catalog.service(req.service).group
        except KeyError:
            group = ""  # issue() refuses the unknown service with a clear error
        if req.service in self.disabled_services:
            raise InvalidRequest("service_disabled",
                                 f"service {req.service} is disabled at this centre",
                                 f"Thủ tục {req.service} đang tạm ngừng tiếp nhận tại "
                                 "trung tâm này")
        day = service_day(now, self.rules.timezone).isoformat()
        change, estimate = issue(
            req, catalog=self.catalog, rules=self.rules, now=now,
            last_seq=self.last_seq(group, day),
            forecast=lambda ticket: self.forecaster.wait(ticket, now),
            observed=self.observed(req.service, str(req.kind)), placed_at=placed_at,
            **event_extra)
        ticket = change.ticket
        self.db.execute(
            "INSERT INTO day_sequences (day, group_id, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT(day, group_id) DO UPDATE SET last_seq = excluded.last_seq",
            [day, ticket.issued_group, ticket.seq])
        self._save(change)
        return Issued(ticket, estimate)

    def _replay(self, row: tuple, request_hash: str, now: datetime) -> Issued:
        from onestop.queue.errors import DomainError

        if request_hash and row[1] and row[1] != request_hash:
            raise DomainError("idempotency_key_reused",
                              "this Idempotency-Key was used for a different request",
                              "Khóa chống trùng đã dùng cho một yêu cầu khác")
        ticket = self.ticket(row[0])
        return Issued(ticket, self.forecaster.wait(ticket, now), replayed=True)

    def call_next(self, counter_number: int, officer: str | None = None) -> Ticket | None:
        with self.write():
            now = self._begin_use_case()
            counter = self.counter(counter_number)
            change = call_next(counter, self.heads_of_lines(counter), now=now, rules=self.rules,
                               policy=self.policy, officer=officer)
            if change is None:
                return None
            return self._save(change).ticket

    def act(self, ticket_id: str, action: tr.Action | str, *, counter: int | None = None,
            to_group: str | None = None, to_counter: int | None = None,
            reason: str | None = None, officer: str | None = None) -> Ticket:
        """Apply one action to a ticket. `counter` is the acting counter for `return` and
        `call`; the other actions act through the ticket's own counter."""
        action = tr.Action(action)
        with self.write():
            now = self._begin_use_case()
            t = self.ticket(ticket_id)
            holder = self.counter(t.counter) if t.counter is not None else None
            change = tr.apply(
                action, t, now=now, rules=self.rules, holder=holder,
                acting=self.counter(counter) if counter is not None else None,
                to_group=to_group,
                to_counter=self.counter(to_counter) if to_counter is not None else None,
                known_groups=[g.id for g in self.catalog.groups], reason=reason,
                officer=officer)
            ticket = self._save(change).ticket
            if ticket.status == Status.DONE and action == tr.Action.DONE:
                from .dossier_collect import returned_on_done

                returned_on_done(self, ticket)  # a result collected: the dossier is returned
            return ticket

    def rate(self, token: str, rating: int, comment: str | None = None) -> Ticket:
        with self.write():
            now = self._begin_use_case()
            return self._save(tr.rate(self.ticket_by_token(token), now, rating, comment)).ticket

    def set_counter_status(self, number: int, status: CounterStatus | str) -> Counter:
        with self.write():
            now = self._begin_use_case()
            change = tr.set_counter_status(self.counter(number), CounterStatus(status), now)
            return self._save(change).counters[-1]

    def sign_in(self, number: int, officer: str) -> Counter:
        with self.write():
            now = self._begin_use_case()
            self.db.execute("UPDATE officers SET last_sign_in_at = ? WHERE username = ?",
                            [utc_text(now), officer])
            return self._save(tr.sign_in(self.counter(number), officer, now)).counters[-1]

    def sign_out(self, number: int) -> Counter:
        with self.write():
            now = self._begin_use_case()
            return self._save(tr.sign_out(self.counter(number), now)).counters[-1]

    def update_counter(self, number: int, **changes: object) -> Counter:
        with self.write():
            now = self._begin_use_case()
            groups = [g.id for g in self.catalog.groups]
            change = tr.update_counter(self.counter(number), now, groups, **changes)
            return self._save(change).counters[-1]
