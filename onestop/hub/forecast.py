"""The hub's one wait forecast: "how long for this ticket / this group now".

`Forecaster.wait(ticket, now)` is predict.predict_wait over the live queue, and every surface
asks it: issuing and its idempotent replay (store.py), `GET /api/tickets/{id}` (api.py), the
citizen page (pages.py), the display snapshot's groups (snapshot.py), the supervisor's
"Dự kiến chờ" and reception's preview (insight.py). Each answer carries the words of
wait.wait_words, so a paper ticket, a page and a window print the same sentence.

The same cost at any queue length: the waiting lines live in memory (lines.WaitingLines),
brought up to date before each forecast from the events committed since (every ticket event
carries the whole ticket), and the play forward is bounded (predict.HORIZON_CALLS). The event
log is the source, so a write from another process is picked up as well; a gap, a rolled-back
sequence number or a long absence reloads the lines from the tickets table.

The same forecaster answers for a day ahead (`day_demand`, issue 19's plan for tomorrow):
the expected arrivals per hour and group from the ward's own history (queue/arrivals.py picks
the days: same weekday, payout days apart) and each group's mean counter minutes there.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from datetime import date, datetime

from onestop.queue.arrivals import history_days, is_payout, mean_arrivals
from onestop.queue.dayplan import Demand
from onestop.queue.lines import WaitingLines
from onestop.queue.model import Status, Ticket, ticket_from_dict
from onestop.queue.numbering import zone
from onestop.queue.predict import predict_wait
from onestop.queue.staffing import busy_minutes, probe
from onestop.queue.wait import WaitEstimate

from .rows import ticket_from_row

MAX_CATCH_UP = 2000  # events read to catch up; more than that and the lines are reloaded
EMPTY_GROUP_MINUTES = 10.0  # the newcomer whose wait an empty group's estimate means


class Forecaster:
    """One per store (store.forecaster); safe under the store's lock."""

    def __init__(self, store) -> None:
        self.store = store
        self._lines: WaitingLines | None = None
        self._seq = 0
        self._event_id: str | None = None
        self._guard = threading.RLock()

    # --- the waiting lines -------------------------------------------------------------------
    def lines(self) -> WaitingLines:
        """The waiting tickets as of the last committed event (or this transaction's)."""
        with self.store._lock, self._guard:
            db = self.store.db
            last = db.execute("SELECT seq, id FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            seq, event_id = (last[0], last[1]) if last else (0, None)
            if self._lines is not None and (seq, event_id) == (self._seq, self._event_id):
                return self._lines
            if self._lines is None or not self._catch_up(seq):
                self._reload()
            self._seq, self._event_id = seq, event_id
            return self._lines

    def _catch_up(self, seq: int) -> bool:
        db = self.store.db
        if seq < self._seq or seq - self._seq > MAX_CATCH_UP:
            return False
        mine = db.execute("SELECT id FROM events WHERE seq = ?", [self._seq]).fetchone()
        if self._seq and (mine is None or mine[0] != self._event_id):
            return False  # the events we had read were rolled back and their numbers reused
        for (data,) in db.execute("SELECT data FROM events WHERE seq > ? AND seq <= ? "
                                  "ORDER BY seq", [self._seq, seq]):
            ticket = json.loads(data).get("ticket")
            if isinstance(ticket, dict) and "status" in ticket:
                self._lines.put(ticket_from_dict(ticket))
        return True

    def _reload(self) -> None:
        self._lines = WaitingLines(ticket_from_row(r) for r in self.store.db.query(
            "SELECT * FROM tickets WHERE status = 'waiting'"))

    # --- forecasts ---------------------------------------------------------------------------
    def wait(self, ticket: Ticket, now: datetime | None = None) -> WaitEstimate | None:
        """The forecast for `ticket`: one waiting now, or one being issued. None for a ticket
        no longer waiting (called, served, parked, closed)."""
        if ticket.status != Status.WAITING:
            return None
        store = self.store
        with store._lock:
            now = now or store.clock()
            lines = self.lines()
            counters = store.counters()
            busy_ids = [c.current for c in counters if c.current]
            current = {t.id: t for t in store._tickets(
                f"id IN ({','.join('?' * len(busy_ids))})", busy_ids)} if busy_ids else {}
            busy = busy_minutes(counters, current, now)
            return predict_wait(lines.tickets.get(ticket.id, ticket), lines, counters, now,
                                store.rules, store.policy, busy)

    def group(self, group: str, now: datetime | None = None) -> WaitEstimate:
        """"The group's wait": the forecast of its last arrival still waiting, so the lobby
        and the supervisor show what that citizen's ticket and page show; for an empty group,
        a newcomer's."""
        with self.store._lock:
            now = now or self.store.clock()
            newest = self.lines().newest(group)
            return self.wait(newest or probe(group, now, EMPTY_GROUP_MINUTES), now)

    # --- a day ahead (issue 19) -----------------------------------------------------------------
    def day_demand(self, day: date, weeks: int, payout_days: list[int]) -> dict:
        """{payout_day, days (used), demand: hour -> group -> Demand} for `day`."""
        tz = zone(self.store.rules.timezone)
        counts: dict[date, dict[tuple[int, str], int]] = {}
        served: dict[str, list[float]] = defaultdict(list)
        expected: dict[str, list[float]] = defaultdict(list)
        candidates = history_days(day, weeks, payout_days)
        for d in candidates:
            per = counts.setdefault(d, defaultdict(int))
            for t in self.store.tickets_of_day(d.isoformat()):
                # The group the number was issued in: where the citizen first queued.
                per[(t.issued_at.astimezone(tz).hour, t.issued_group)] += 1
                expected[t.issued_group].append(t.expected_minutes)
                if t.started_at and t.finished_at and t.group_id == t.issued_group:
                    served[t.group_id].append(
                        (t.finished_at - t.started_at).total_seconds() / 60)
        arrivals, used = mean_arrivals(counts, candidates)

        def minutes(group: str) -> float:
            seen = served.get(group) or expected.get(group)
            return max(1.0, sum(seen) / len(seen)) if seen else EMPTY_GROUP_MINUTES

        demand = {h: {g: Demand(n, minutes(g)) for g, n in gs.items()}
                  for h, gs in arrivals.items()}
        return {"payout_day": is_payout(day, payout_days), "days": used, "demand": demand}
