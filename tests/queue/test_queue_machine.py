"""Property test: random days of issue / call / recall / start / done / no-show / park /
return / transfer / cancel / counter changes / clock jumps across midnight, on several counters,
keep the queue's invariants, under the routing policy the hub runs (`smart`) and under
`standard`. Every step runs on the in-memory engine and on the hub's SQLite store (in memory)
with the same clock and inputs: both give the same answer or the same refusal, and after every
step they hold the same tickets, counters and events."""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import fields
from datetime import timedelta

import pytest
from fakes import FakeClock, hanoi, make_centre
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from onestop.hub.store import HubStore
from onestop.queue.catalog import default_catalog
from onestop.queue.errors import DomainError
from onestop.queue.model import (
    AT_COUNTER_STATUSES,
    FINAL_STATUSES,
    Counter,
    CounterStatus,
    Kind,
    Status,
    Ticket,
)
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest
from onestop.queue.routing import (
    AGEING_FACTOR,
    HANDOFF_MINUTES,
    POLICIES,
    eligible,
    is_overdue,
    line_key,
    line_order,
    smart_score,
    waited,
)
from onestop.queue.rules import DEFAULT_PRIORITY_CATEGORIES, Rules

CODES = [s.code for s in default_catalog().services]
RULES = Rules(ageing_minutes=45, priority_streak_limit=2)
TICKET_FIELDS = [f.name for f in fields(Ticket) if f.name not in ("id", "token")]


class QueueMachine(RuleBasedStateMachine):
    POLICY = "standard"

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(hanoi(2026, 11, 23, 8, 0))
        policy = POLICIES[self.POLICY]
        self.centre = make_centre(self.clock, RULES, policy=policy)
        self.store = HubStore(":memory:", rules=RULES, clock=self.clock, policy=policy)
        for counter in self.store.counters():
            self.store.set_counter_status(counter.number, CounterStatus.OPEN)
        self.ids: dict[str, str] = {}  # engine ticket id -> store ticket id
        self.final_seen: dict[str, Status] = {}

    def teardown(self) -> None:
        self.store.close()

    def both(self, engine_call, store_call):
        """One use case on the engine, then on the store: a refusal must be the same refusal
        (re-raised for the caller), a success returns both answers."""
        try:
            expected = engine_call()
        except DomainError as refused:
            with pytest.raises(DomainError) as also:
                store_call()
            assert also.value.code == refused.code
            raise
        return expected, store_call()

    def sid(self, engine_id: str | None) -> str | None:
        return self.ids[engine_id] if engine_id is not None else None

    # --- actions -----------------------------------------------------------------------------
    def _issue(self, req: IssueRequest) -> Ticket:
        # A second apart: two tickets issued at the same instant are ordered by their ids,
        # which the store draws at random (the engine's count up), so the two would differ.
        self.clock.advance(seconds=1)
        (ticket, _estimate), issued = self.both(lambda: self.centre.issue(req),
                                               lambda: self.store.issue(req))
        self.ids[ticket.id] = issued.ticket.id
        assert issued.ticket.number == ticket.number
        return ticket

    @rule(code=st.sampled_from(CODES), kind=st.sampled_from(list(Kind)),
          count=st.integers(1, 40), priority=st.one_of(
              st.none(), st.none(), st.sampled_from(DEFAULT_PRIORITY_CATEGORIES)))
    def issue(self, code, kind, count, priority):
        ticket = self._issue(IssueRequest(code, kind, count, priority))
        assert ticket.status == Status.WAITING

    @rule(batch=st.lists(st.tuples(st.sampled_from(CODES),
                                   st.sampled_from([False, False, False, True])),
                         min_size=2, max_size=12))
    def issue_many(self, batch):
        """A crowd arrives: enough tickets that priority, skills and ageing all matter."""
        for code, priority in batch:
            self._issue(IssueRequest(code, Kind.SUBMIT, 1, "elderly" if priority else None))

    @rule(numbers=st.lists(st.sampled_from([1, 2, 3, 4, 5]), min_size=1, max_size=6))
    def calls_and_done(self, numbers):
        """Counters work through the queue: done with the current citizen, call the next."""
        for number in numbers:
            current = self.centre.counters[number].current
            if current is not None:
                self.both(lambda c=current: self.centre.act(c, "done"),
                          lambda c=current: self.store.act(self.ids[c], "done"))
            self.call_next(number)

    @rule(number=st.sampled_from([1, 2, 3, 4, 5]))
    def call_next(self, number):
        centre, now = self.centre, self.clock.now
        counter = centre.counters[number]
        # Past midnight the call first closes the old day: nobody of the new day waits yet.
        closing = service_day(now, RULES.timezone) > centre.day
        waiting = [] if closing else [t for t in centre.waiting() if eligible(counter, t)]
        before_events = len(centre.events)
        try:
            chosen, from_store = self.both(lambda: centre.call_next(number),
                                           lambda: self.store.call_next(number))
        except DomainError:
            assert not counter.is_open or (counter.current is not None and not closing)
            assert len(centre.events) == before_events  # the day's close is undone too
            return
        # The store shows the policy only the heads of the lines: the same choice.
        assert (from_store.id if from_store else None) == self.sid(chosen and chosen.id)
        if chosen is None:
            assert not waiting
            return
        event("call: assigned" if any(t.assigned_counter == number for t in waiting)
              else "call: from the line")
        assert chosen.id in {t.id for t in waiting}
        assigned = [t for t in waiting if t.assigned_counter == number]
        if assigned:
            assert chosen.id == min(assigned, key=line_order).id
            return
        check = check_smart if self.POLICY == "smart" else check_standard
        aged = check(counter, waiting, chosen, now)
        if chosen.is_priority and not aged and any(not t.is_priority for t in waiting):
            # The bound: a regular ticket moves after at most `limit` priority calls in a row
            # (only the ageing bound, which serves the oldest whoever they are, goes first).
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
            done, _ = self.both(lambda: self.centre.act(ticket.id, action, **kw),
                                lambda: self.store.act(self.ids[ticket.id], action, **kw))
            return done
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
            self.both(lambda: self.centre.set_counter_status(number, status),
                      lambda: self.store.set_counter_status(number, status))
        except DomainError:
            assert self.centre.counters[number].current is not None

    @rule(minutes=st.integers(0, 40))
    def advance(self, minutes):
        self.clock.advance(minutes)

    @rule(number=st.sampled_from([1, 2, 3, 4, 5]))
    def call_after_a_lull(self, number):
        """Nobody called for 100 minutes (a meeting, a power cut): everyone waiting is past
        both ageing bounds (45 and 2 x 45 minutes) at the next call."""
        self.clock.advance(100)
        self.call_next(number)

    @precondition(lambda self: self.centre.tickets)
    @rule()
    def next_morning(self):
        """Jump past local midnight; the next use closes the old day."""
        local = self.clock.now.astimezone(service_day.__globals__["zone"](RULES.timezone))
        self.clock.now = (local + timedelta(days=1)).replace(hour=7, minute=55).astimezone(
            self.clock.now.tzinfo)
        self._issue(IssueRequest("local.guidance", Kind.GUIDANCE))

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


    @invariant()
    def the_store_holds_what_the_engine_holds(self):
        engine = self.centre
        assert len(engine.tickets) == len(self.ids)
        days = {t.day.isoformat() for t in engine.tickets.values()}
        stored = {t.id: t for day in days for t in self.store.tickets_of_day(day)}
        assert len(stored) == len(engine.tickets)
        for t in engine.tickets.values():
            got = stored[self.ids[t.id]]
            for name in TICKET_FIELDS:
                want, have = getattr(t, name), getattr(got, name)
                if isinstance(want, float):
                    # Learned minutes: SQLite's julianday arithmetic against exact timedeltas.
                    assert have == pytest.approx(want, abs=1e-3), (t.number, name)
                else:
                    assert have == want, (t.number, name, want, have)
        for c in self.store.counters():
            want = engine.counters[c.number]
            assert c == Counter(**{**{f.name: getattr(want, f.name) for f in fields(Counter)},
                                   "current": self.sid(want.current)}), c.number
        events = self.store.events_since(0, 10**9)
        assert [e.type for e in events] == [e.type for e in engine.events]
        for stored, kept in zip(events, engine.events, strict=True):
            if "ticket" in kept.data:
                assert stored.data["ticket"]["id"] == self.ids[kept.data["ticket"]["id"]]
                assert stored.data["ticket"]["status"] == kept.data["ticket"]["status"]


def check_standard(counter, waiting, chosen, now) -> bool:
    """Routing v1 (not assigned): ageing first, oldest first; then priority in arrival order
    while the streak is under its bound. True when the ageing bound chose."""
    overdue = [t for t in waiting if is_overdue(t, now, RULES)]
    regular = [t for t in waiting if not t.is_priority]
    priority = [t for t in waiting if t.is_priority]
    event(f"standard: {'overdue' if overdue else 'priority' if chosen.is_priority else 'skills'}")
    if overdue:
        # No starvation: whoever waited past the ageing bound goes first, oldest first.
        assert chosen.id == min(overdue, key=line_order).id
    elif chosen.is_priority:
        # Priority in arrival order, and only while the streak is under the bound.
        assert chosen.id == min(priority, key=line_order).id
        assert counter.priority_streak < RULES.priority_streak_limit or not regular
    elif priority:
        assert counter.priority_streak >= RULES.priority_streak_limit
    return bool(overdue)


def pool_heads(waiting) -> dict[tuple, Ticket]:
    """The oldest ticket of each line (routing.line_key) among the regular tickets, or among
    the priority ones when no regular ticket waits."""
    heads: dict[tuple, Ticket] = {}
    fronts: set[tuple] = set()
    for t in sorted([t for t in waiting if not t.is_priority] or waiting, key=line_order):
        # Registered first, served first (issue 19): only a series' first number is a head.
        if (t.day, t.issued_group) not in fronts:
            fronts.add((t.day, t.issued_group))
            heads.setdefault(line_key(t), t)
    return heads


def check_smart(counter, waiting, chosen, now) -> bool:
    """Routing v2, the hub's (not assigned): priority in arrival order while the streak is under
    its bound; then whoever waited AGEING_FACTOR x the ageing bound, oldest first; otherwise the
    shortest job with its age credit among the line heads, secondary skills only after they
    waited HANDOFF_MINUTES (unless nothing else is there). True when the ageing bound chose."""
    regular = [t for t in waiting if not t.is_priority]
    priority = [t for t in waiting if t.is_priority]
    if priority and (counter.priority_streak < RULES.priority_streak_limit or not regular):
        event("smart: priority")
        assert chosen.id == min(priority, key=line_order).id
        return False
    overdue = [t for t in waiting if waited(t, now) >= RULES.ageing_minutes * AGEING_FACTOR]
    if overdue:
        event("smart: overdue")
        assert chosen.id == min(overdue, key=line_order).id
        return True
    event(f"smart: shortest job among {'several' if len(pool_heads(waiting)) > 1 else 'one'}")
    heads = pool_heads(waiting)
    assert chosen.id in {t.id for t in heads.values()}, "not the head of its line"
    considered = [t for t in heads.values()
                  if t.group == counter.skills[0] or waited(t, now) >= HANDOFF_MINUTES]
    considered = considered or list(heads.values())
    assert chosen.id in {t.id for t in considered}, "a fresh ticket of a secondary skill"
    best = min(smart_score(counter, t, now) for t in considered)
    assert smart_score(counter, chosen, now) == best
    return False


QueueMachine.TestCase.settings = settings(
    max_examples=120, stateful_step_count=50, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])


class SmartQueueMachine(QueueMachine):
    POLICY = "smart"  # what the hub runs (HubStore's default)


TestStandardQueueMachine = QueueMachine.TestCase
TestSmartQueueMachine = SmartQueueMachine.TestCase
TestSmartQueueMachine.settings = QueueMachine.TestCase.settings
