"""Reads of the hub store: queries that never change anything.

Every read takes the store's lock: the one SQLite connection is shared by the API's threads, and
a read must not see half of a write in progress.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from onestop.queue.classify import Observed
from onestop.queue.errors import NotFound
from onestop.queue.learn import WINDOW, learned
from onestop.queue.model import Counter, Ticket
from onestop.queue.routing import EXPECTED_EDGES, LINE_HEADS

from .rows import counter_from_row, ticket_from_row

HEAD_SIZE = LINE_HEADS  # tickets per line shown to the routing policy


@dataclass(frozen=True)
class StoredEvent:
    """An event as committed: its place in the hub's gap-free sequence."""

    seq: int
    id: str
    type: str
    at: str
    schema: int
    data: dict

    def to_dict(self) -> dict:
        return {"seq": self.seq, "id": self.id, "type": self.type, "at": self.at,
                "schema": self.schema, "data": self.data}


def locked(method):
    """Run a read under the store's lock (the connection is shared between threads)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper



class StoreReads:
    """Mixed into HubStore, which provides `db` and `_lock`."""

    @locked
    def events_since(self, seq: int, limit: int = 1000) -> list[StoredEvent]:
        rows = self.db.execute(
            "SELECT seq, id, type, at, schema, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
            [seq, limit]).fetchall()
        return [StoredEvent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    @locked
    def last_event_seq(self) -> int:
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]

    # --- reads -------------------------------------------------------------------------------
    @locked
    def _tickets(self, where: str, params: Sequence = ()) -> list[Ticket]:
        return [ticket_from_row(r) for r in self.db.query(
            f"SELECT * FROM tickets WHERE {where}", list(params))]

    def ticket(self, ticket_id: str) -> Ticket:
        found = self._tickets("id = ?", [ticket_id])
        if not found:
            raise NotFound("ticket_not_found", f"no ticket {ticket_id}",
                           "Không tìm thấy số thứ tự", ticket=ticket_id)
        return found[0]

    def ticket_by_token(self, token: str) -> Ticket:
        found = self._tickets("token = ?", [token])
        if not found:
            raise NotFound("ticket_not_found", "no ticket for this link",
                           "Không tìm thấy số thứ tự cho đường dẫn này")
        return found[0]

    def waiting(self, groups: Sequence[str] | None = None) -> list[Ticket]:
        if groups is None:
            return self._tickets("status = 'waiting' ORDER BY issued_at")
        marks = ",".join("?" * len(groups))
        return self._tickets(f"status = 'waiting' AND group_id IN ({marks}) ORDER BY issued_at",
                             list(groups))

    @locked
    def last_seq(self, group: str, day: str) -> int:
        """The group's last sequence number issued on `day` (0 if none)."""
        row = self.db.execute("SELECT last_seq FROM day_sequences WHERE day = ? AND "
                              "group_id = ?", [day, group]).fetchone()
        return row[0] if row else 0

    def heads_of_lines(self, counter: Counter, per_line: int = HEAD_SIZE) -> list[Ticket]:
        """What a routing policy needs to see: the oldest `per_line` waiting tickets of every
        line the counter can draw from, plus those transferred to this counter. Lines are
        routing.line_key: (group, priority or not, complexity, size band, booked); every policy
        decides from line heads, so the heads are enough, and a queue of thousands costs one
        indexed query instead of loading every ticket."""
        marks = ",".join("?" * len(counter.skills))
        # routing.size_band in SQL: the number of band edges at or below expected_minutes.
        band = "+".join(f"(expected_minutes >= {edge!r})" for edge in EXPECTED_EDGES)
        heads = self._tickets(
            f"id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY group_id, "
            f"priority IS NULL, complexity, {band}, channel = 'booked' ORDER BY issued_at, seq) "
            f"AS rn FROM tickets "
            f"WHERE status = 'waiting' AND assigned_counter IS NULL AND group_id IN ({marks})) "
            f"WHERE rn <= ?)", [*counter.skills, per_line])
        heads += self._tickets("assigned_counter = ? AND status = 'waiting'", [counter.number])
        return heads

    def tickets_of_day(self, day: str) -> list[Ticket]:
        return self._tickets("day = ? ORDER BY issued_at", [day])

    @locked
    def counters(self) -> list[Counter]:
        return [counter_from_row(r) for r in self.db.query(
            "SELECT * FROM counters ORDER BY number")]

    @locked
    def counter(self, number: int) -> Counter:
        rows = list(self.db.query("SELECT * FROM counters WHERE number = ?", [number]))
        if not rows:
            raise NotFound("counter_not_found", f"no counter {number}", f"Không có quầy {number}",
                           counter=number)
        return counter_from_row(rows[0])

    @locked
    def observed(self, service: str, kind: str) -> Observed | None:
        """Learned counter minutes of (service, kind): the robust mean (learn.learned) of the
        last WINDOW services finished, so a forgotten Done button weighs like a long service,
        not like a lunch break. The status index walks the service's group newest first and
        stops at WINDOW matches (about a millisecond on a year of tickets)."""
        try:
            group = self.catalog.service(service).group
        except KeyError:
            return None
        minutes = [r[0] for r in self.db.execute(
            "SELECT (julianday(finished_at) - julianday(coalesce(started_at, called_at))) * 1440 "
            "FROM tickets WHERE status = 'done' AND group_id = ? AND service = ? AND kind = ? "
            "AND finished_at IS NOT NULL ORDER BY issued_at DESC LIMIT ?",
            [group, service, str(kind), WINDOW]).fetchall() if r[0] is not None]
        return learned(minutes[::-1])

    def forecast_inputs(self) -> tuple[list[Ticket], list[Counter], dict[str, Ticket]]:
        """What a wait forecast plays forward: every waiting ticket, the counters, and the
        tickets now at a counter (to know when each counter frees up)."""
        counters = self.counters()
        busy_ids = [c.current for c in counters if c.current]
        current = {t.id: t for t in self._tickets(
            f"id IN ({','.join('?' * len(busy_ids))})", busy_ids)} if busy_ids else {}
        return self.waiting(), counters, current

