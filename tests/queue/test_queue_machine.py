"""Property test: random days of issue / call / recall / start / done / no-show / park /
return / transfer / cancel / counter changes / clock jumps across midnight, on several counters,
keep the queue's invariants."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import timedelta

from fakes import FakeClock, hanoi, make_centre
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from onestop.queue.catalog import default_catalog
from onestop.queue.errors import DomainError
from onestop.queue.model import AT_COUNTER_STATUSES, FINAL_STATUSES, CounterStatus, Kind, Status
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest
from onestop.queue.routing import eligible, is_overdue, line_order
from onestop.queue.rules import DEFAULT_PRIORITY_CATEGORIES, Rules

CODES = [s.code for s in default_catalog().services]
RULES = Rules(ageing_minutes=45, priority_streak_limit=2)


class QueueMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(hanoi(2026, 11, 23, 8, 0))
        self.centre = make_centre(self.clock, RULES)
        self.final_seen: dict[str, Status] = {}

    # --- actions -----------------------------------------------------------------------------
    @rule(code=st.sampled_from(CODES), kind=st.sampled_from(list(Kind)),
          count=st.integers(1, 40), priority=st.one_of(
              st.none(), st.none(), st.sampled_from(DEFAULT_PRIORITY_CATEGORIES)))
    def issue(self, code, kind, count, priority):
        ticket, estimate = self.centre.issue(IssueRequest(code, kind, count, priority))
        assert ticket.status == Status.WAITING and estimate.people_ahead >= 0

    @rule(batch=st.lists(st.tuples(st.sampled_from(CODES), st.booleans()), min_size=2,
                         max_size=12))
    def issue_many(self, batch):
        """A crowd arrives: enough tickets that priority, skills and ageing all matter."""
        for code, priority in batch:
            self.centre.issue(IssueRequest(code, Kind.SUBMIT, 1, "elderly" if priority else None))

    @rule(numbers=st.lists(st.sampled_from([1, 2, 3, 4, 5]), min_size=1, max_size=6))
    def calls_and_done(self, numbers):
        """Counters work through the queue: done with the current citizen, call the next."""
        for number in numbers:
            current = self.centre.counters[number].current
            if current is not None:
                self.centre.act(current, "done")
            self.call_next(number)

    @rule(number=st.sampled_from([1, 2, 3, 4, 5]))
    def call_next(self, number):
        centre, now = self.centre, self.clock.now
        counter = centre.counters[number]
        waiting = [t for t in centre.waiting() if eligible(counter, t)]
        before_events = len(centre.events)
        try:
            chosen = centre.call_next(number)
        except DomainError:
            assert counter.current is not None or not counter.is_open
            assert len(centre.events) == before_events
            return
        if chosen is None:
            assert not waiting
            return
        assert chosen.id in {t.id for t in waiting}
        assigned = [t for t in waiting if t.assigned_counter == number]
        overdue = [t for t in waiting if is_overdue(t, now, RULES)]
        regular = [t for t in waiting if not t.is_priority]
        priority = [t for t in waiting if t.is_priority]
        if assigned:
            assert chosen.id == min(assigned, key=line_order).id
        elif overdue:
            # No starvation: whoever waited past the ageing bound goes first, oldest first.
            assert chosen.id == min(overdue, key=line_order).id
        elif chosen.is_priority:
            # Priority in arrival order, and only while the streak is under the bound.
            assert chosen.id == min(priority, key=line_order).id
            assert counter.priority_streak < RULES.priority_streak_limit or not regular
        elif priority:
            assert counter.priority_streak >= RULES.priority_streak_limit
        if chosen.is_priority and regular and not (assigned or overdue):
            # The bound: a regular ticket moves after at most `limit` priority calls in a row.
            assert centre.counters[number].priority_streak <= RULES.priority_streak_limit

    def _act(self, data, statuses, action, **kw):
        candidates = sorted((t for t in self.centre.tickets.values() if t.status in statuses),
                            key=lambda t: t.id)
        if not candidates:
            return None
        ticket = data.draw(st.sampled_from(candidates))
        snapshot = (dict(self.centre.tickets), dict(self.centre.counters),
                    len(self.centre.events))
        try:
            return self.centre.act(ticket.id, action, **kw)
        except DomainError:
            # A refusal changes nothing and records nothing.
            assert snapshot == (dict(self.centre.tickets), dict(self.centre.counters),
                                len(self.centre.events))
            return None

    @rule(data=st.data())
    def recall(self, data):
        self._act(data, {Status.CALLED}, "recall")

    @rule(data=st.data())
    def start(self, data):
        self._act(data, {Status.CALLED}, "start")

    @rule(data=st.data())
    def done(self, data):
        t = self._act(data, {Status.CALLED, Status.SERVING}, "done")
        assert t is None or t.status == Status.DONE

    @rule(data=st.data())
    def no_show(self, data):
        self._act(data, {Status.CALLED}, "no-show")

    @rule(data=st.data())
    def park(self, data):
        self._act(data, {Status.CALLED, Status.SERVING}, "park")

    @rule(data=st.data(), number=st.sampled_from([1, 2, 3, 4, 5]))
    def return_parked(self, data, number):
        self._act(data, {Status.PARKED}, "return", counter=number)

    @rule(data=st.data(), group=st.sampled_from([g.id for g in default_catalog().groups]),
          to_counter=st.one_of(st.none(), st.sampled_from([1, 2, 3, 4, 5])))
    def transfer(self, data, group, to_counter):
        self._act(data, {Status.WAITING, Status.CALLED, Status.SERVING, Status.PARKED},
                  "transfer", to_group=group, to_counter=to_counter)

    @rule(data=st.data())
    def cancel(self, data):
        self._act(data, {Status.WAITING, Status.CALLED, Status.PARKED}, "cancel")

    @rule(data=st.data())
    def anything_on_anything(self, data):
        """Any action on any ticket, legal or not: refusals must change nothing."""
        action = data.draw(st.sampled_from(["recall", "start", "done", "no-show", "park",
                                            "cancel", "return", "transfer"]))
        self._act(data, set(Status), action, counter=data.draw(st.sampled_from([1, 2, 3, 4, 5])),
                  to_group="general")

    @rule(number=st.sampled_from([1, 2, 3, 4, 5]),
          status=st.sampled_from(list(CounterStatus)))
    def counter_status(self, number, status):
        try:
            self.centre.set_counter_status(number, status)
        except DomainError:
            assert self.centre.counters[number].current is not None

    @rule(minutes=st.integers(0, 40))
    def advance(self, minutes):
        self.clock.advance(minutes)

    @precondition(lambda self: self.centre.tickets)
    @rule()
    def next_morning(self):
        """Jump past local midnight; the next use closes the old day."""
        local = self.clock.now.astimezone(service_day.__globals__["zone"](RULES.timezone))
        self.clock.now = (local + timedelta(days=1)).replace(hour=7, minute=55).astimezone(
            self.clock.now.tzinfo)
        self.centre.issue(IssueRequest("local.guidance", Kind.GUIDANCE))

    # --- invariants --------------------------------------------------------------------------
    @invariant()
    def one_counter_per_ticket(self):
        holders = Tally(c.current for c in self.centre.counters.values() if c.current)
        assert all(n == 1 for n in holders.values())
        for c in self.centre.counters.values():
            if c.current:
                t = self.centre.tickets[c.current]
                assert t.status in AT_COUNTER_STATUSES and t.counter == c.number
        at_counter = [t for t in self.centre.tickets.values() if t.status in AT_COUNTER_STATUSES]
        assert {t.id for t in at_counter} == set(holders)

    @invariant()
    def numbers_unique_per_group_per_day(self):
        keys = [(t.day, t.issued_group, t.seq) for t in self.centre.tickets.values()]
        shown = [(t.day, t.number) for t in self.centre.tickets.values()]
        assert len(keys) == len(set(keys)) and len(shown) == len(set(shown))
        for day, group in {(d, g) for d, g, _ in keys}:
            seqs = sorted(s for d, g, s in keys if (d, g) == (day, group))
            assert seqs == list(range(1, len(seqs) + 1))  # never skipped, never reused

    @invariant()
    def final_states_are_final(self):
        for t in self.centre.tickets.values():
            if t.id in self.final_seen:
                assert t.status == self.final_seen[t.id]
            if t.status in FINAL_STATUSES:
                self.final_seen[t.id] = t.status
                assert t.finished_at is not None

    @invariant()
    def earlier_days_are_closed(self):
        if self.centre.day is None:
            return
        for t in self.centre.tickets.values():
            if t.day < self.centre.day:
                assert t.status in FINAL_STATUSES

    @invariant()
    def events_mirror_tickets(self):
        last = {}
        for e in self.centre.events:
            if "ticket" in e.data:
                last[e.data["ticket"]["id"]] = e.data["ticket"]["status"]
        assert last == {t.id: str(t.status) for t in self.centre.tickets.values()}


QueueMachine.TestCase.settings = settings(
    max_examples=120, stateful_step_count=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestQueueMachine = QueueMachine.TestCase
