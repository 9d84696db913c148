"""An in-memory centre: the domain's use cases over plain dicts.

Used by the property tests and benchmarks. The hub's store does the same with SQLite; both call
`operations` and `transitions`, learn service times the same way and undo a refused use case
entirely, so a rule behaves the same in both (tests/queue/test_queue_machine.py runs them side
by side).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from . import transitions as tr
from .catalog import Catalog
from .classify import Observed
from .errors import DomainError, NotFound
from .events import Event
from .learn import WINDOW, learned
from .model import Counter, CounterStatus, Status, Ticket
from .numbering import service_day
from .operations import (
    IssueRequest,
    call_next,
    close_day,
    issue,
    new_public_token,
    new_ticket_id,
)
from .predict import predict_wait, remaining_minutes
from .routing import Policy, standard
from .rules import Rules
from .wait import WaitEstimate

Clock = Callable[[], datetime]


class InMemoryCentre:
    def __init__(self, catalog: Catalog, counters: Iterable[Counter], clock: Clock,
                 rules: Rules | None = None, policy: Policy = standard,
                 new_id: Callable[[], str] = new_ticket_id,
                 new_token: Callable[[], str] = new_public_token) -> None:
        """`new_id`/`new_token` can be made deterministic for tests and simulations."""
        self.new_id, self.new_token = new_id, new_token
        self.catalog = catalog
        self.rules = rules or Rules()
        self.policy = policy
        self.clock = clock
        self.counters: dict[int, Counter] = {c.number: c for c in counters}
        self.tickets: dict[str, Ticket] = {}
        self.last_seq: dict[tuple[date, str], int] = defaultdict(int)
        self.events: list[Event] = []
        self.day: date | None = None

    # --- plumbing ---------------------------------------------------------------------------
    def _apply(self, change: tr.Change) -> tr.Change:
        for t in change.tickets:
            self.tickets[t.id] = t
        for c in change.counters:
            self.counters[c.number] = c
        self.events.extend(change.events)
        return change

    @contextmanager
    def _use_case(self) -> Iterator[datetime]:
        """One use case, all or nothing like the store's transaction: read the clock, close the
        previous day if midnight has passed, and undo it all if the rules refuse the action."""
        saved = (dict(self.tickets), dict(self.counters), len(self.events), self.day,
                 dict(self.last_seq))
        try:
            now = self.clock()
            today = service_day(now, self.rules.timezone)
            if self.day is not None and today > self.day:
                self._apply(close_day(self.open_tickets(), list(self.counters.values()),
                                      now=now, rules=self.rules))
            self.day = today
            yield now
        except DomainError:
            self.tickets, self.counters, self.day = saved[0], saved[1], saved[3]
            del self.events[saved[2]:]
            self.last_seq = defaultdict(int, saved[4])
            raise

    def open_tickets(self) -> list[Ticket]:
        return [t for t in self.tickets.values() if not t.is_final]

    def waiting(self) -> list[Ticket]:
        return [t for t in self.tickets.values() if t.status == Status.WAITING]

    def ticket(self, ticket_id: str) -> Ticket:
        try:
            return self.tickets[ticket_id]
        except KeyError:
            raise NotFound("ticket_not_found", f"no ticket {ticket_id}",
                           "Không tìm thấy số thứ tự") from None

    def counter(self, number: int) -> Counter:
        try:
            return self.counters[number]
        except KeyError:
            raise NotFound("counter_not_found", f"no counter {number}",
                           f"Không có quầy {number}") from None

    def observed(self, service: str, kind: str) -> Observed | None:
        """Learned minutes of (service, kind), as the hub's store learns them (hub/reads.py):
        the robust mean of the last WINDOW tickets done in the service's group, by issue time,
        each from its start (or its call, when done without a start) to done."""
        try:
            group = self.catalog.service(service).group
        except KeyError:
            return None
        done = sorted((t for t in self.tickets.values()
                       if t.status == Status.DONE and t.group == group and t.service == service
                       and str(t.kind) == str(kind) and t.finished_at is not None
                       and (t.started_at or t.called_at) is not None),
                      key=lambda t: (t.issued_at, t.seq))[-WINDOW:]
        return learned([(t.finished_at - (t.started_at or t.called_at)).total_seconds() / 60
                        for t in done])

    # --- use cases --------------------------------------------------------------------------
    def issue(self, req: IssueRequest) -> tuple[Ticket, WaitEstimate]:
        with self._use_case() as now:
            try:
                group = self.catalog.service(req.service).group
            except KeyError:
                group = ""  # issue() below refuses the unknown service with a clear error
            day = service_day(now, self.rules.timezone)
            change, estimate = issue(
                req, catalog=self.catalog, rules=self.rules, now=now,
                last_seq=self.last_seq[(day, group)], forecast=lambda t: self.forecast(t, now),
                observed=self.observed(req.service, req.kind),
                new_id=self.new_id, new_token=self.new_token)
            ticket = self._apply(change).ticket
            self.last_seq[(day, ticket.issued_group)] = ticket.seq
            return ticket, estimate

    def forecast(self, ticket: Ticket, now: datetime) -> WaitEstimate:
        """The hub's forecast (predict.predict_wait) over this centre's queue."""
        counters = list(self.counters.values())
        busy = {c.number: remaining_minutes(self.tickets.get(c.current), now)
                for c in counters if c.current}
        return predict_wait(ticket, self.waiting(), counters, now, self.rules, self.policy, busy)

    def call_next(self, counter_number: int, officer: str | None = None) -> Ticket | None:
        with self._use_case() as now:
            change = call_next(self.counter(counter_number), self.waiting(), now=now,
                               rules=self.rules, policy=self.policy, officer=officer)
            return self._apply(change).ticket if change else None

    def act(self, ticket_id: str, action: tr.Action | str, *, counter: int | None = None,
            to_group: str | None = None, to_counter: int | None = None,
            reason: str | None = None) -> Ticket:
        """Apply one action. `counter` is the acting counter for return; for the others the
        ticket's own counter acts."""
        action = tr.Action(action)
        with self._use_case() as now:
            t = self.ticket(ticket_id)
            holder = self.counters.get(t.counter) if t.counter is not None else None
            change = tr.apply(
                action, t, now=now, rules=self.rules, holder=holder,
                acting=self.counter(counter) if counter is not None else None,
                to_group=to_group,
                to_counter=self.counter(to_counter) if to_counter is not None else None,
                known_groups=[g.id for g in self.catalog.groups], reason=reason)
            return self._apply(change).ticket

    def set_counter_status(self, number: int, status: CounterStatus) -> Counter:
        with self._use_case() as now:
            change = tr.set_counter_status(self.counter(number), status, now)
            return self._apply(change).counters[-1]

    def open_all(self) -> None:
        for number in self.counters:
            self.set_counter_status(number, CounterStatus.OPEN)
