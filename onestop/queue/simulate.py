"""Discrete-event simulation of ward days, driving the real domain code.

Tickets are issued with `operations.issue` (classification, numbering, the hub's wait forecast),
counters call with `operations.call_next` and the routing policy the hub uses, and citizens are
served through the `transitions` state machine; only the clock is simulated. What the citizens
do (when they come, what for, how long their case really takes, whether they answer the call)
is drawn from the scenario before the run, so every policy faces exactly the same people
(common random numbers: policy differences are not sampling noise).

Counters open at the first session of each day and keep serving after closing time until
everyone who took a number has been called, as ward centres do; arrivals follow the sessions.
"""

from __future__ import annotations

import gc
import heapq
import itertools
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import transitions as tr
from .catalog import Catalog, default_catalog
from .classify import Observed
from .errors import InvalidRequest
from .learn import WINDOW, learned
from .lines import WaitingLines
from .model import Channel, Counter, CounterStatus, Ticket
from .operations import IssueRequest, call_next, issue
from .predict import predict_wait, remaining_minutes
from .routing import Policy, get_policy, line_order, series
from .rules import Rules
from .scenario import Scenario
from .simdraw import Citizen, draw_citizens
from .simstats import Outcome, SimReport, summarise
from .supervise import MODES, StaticStaffing, staffing_for
from .wait import WaitEstimate

FIRST_DAY = date(2025, 7, 7)  # a Monday, after the July 2025 reform
NO_SHOW_MINUTES = 2.0  # call, one recall, then no-show: the counter is held this long
# A reserve calls a citizen only when twice the expected minutes, and RESERVE_BUFFER more, fit
# in its hours: service times are skewed (a lognormal with cv 0.6 passes twice its mean 5% of
# the time), and the officer's hours are a promise to the back office.
RESERVE_MARGIN = 2.0
RESERVE_BUFFER = 20.0


@contextmanager
def _no_gc() -> Iterator[None]:
    """The run allocates millions of short-lived, acyclic values; the cyclic collector's
    generation scans made it 4x slower. Reference counting frees them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Room:
    """The centre's live state, kept as the hub keeps it: lines of waiting tickets."""

    def __init__(self, scenario: Scenario, catalog: Catalog, rules: Rules, policy: Policy,
                 tz: ZoneInfo, predict: bool) -> None:
        self.catalog, self.rules, self.policy, self.predict = catalog, rules, policy, predict
        self.origin = datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, tzinfo=tz)
        self.counters = {p.id: Counter(p.id, f"Quầy {p.id}", f"Counter {p.id}", p.groups,
                                       p.fast_lane) for p in scenario.counters}
        self.deadline: dict[int, float] = {}  # reserve counter -> minute it stops calling
        self.queue = WaitingLines()
        self.current: dict[int, Ticket] = {}
        self.absent_calls: set[str] = set()  # tickets called whose citizen will not answer
        # A ticket transferred from a reserve whose hours ended -> minutes served there.
        self.served_before: dict[str, float] = {}
        self.samples: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.observed: dict[tuple[str, str], Observed | None] = {}
        self.last_seq: dict[tuple[date, str], int] = defaultdict(int)
        self.total_minutes, self.total_samples = 0.0, 0
        ids = itertools.count(1)
        self.new_id = lambda: f"s{next(ids):07d}"

    def at(self, minutes: float) -> datetime:
        return self.origin + timedelta(minutes=minutes)

    def heads(self, counter: Counter) -> list[Ticket]:
        # One ticket per line is all a policy needs (routing.line_key); the hub shows 20.
        return [line.tickets[0] for key, line in self.queue.lines.items()
                if key[0] in counter.skills]

    def busy(self, now: datetime) -> dict[int, float]:
        return {n: remaining_minutes(t, now) for n, t in self.current.items()}

    def baseline(self, ticket: Ticket, waiting: list[Ticket]) -> float | None:
        """"People ahead x mean service minutes / open counters", what simple systems show."""
        ahead = sum(1 for t in waiting if t.group == ticket.group
                    and (t.is_priority or not ticket.is_priority))
        serving = sum(1 for c in self.counters.values() if c.is_open and ticket.group in c.skills)
        mean = (self.total_minutes / self.total_samples if self.total_samples
                else ticket.expected_minutes)
        return ahead * mean / serving if serving else None

    def issue(self, who: Citizen) -> tuple[Ticket, dict]:
        now = self.at(who.at)
        group = self.catalog.service(who.service).group
        day = now.date()
        key = (who.service, str(who.kind))
        counters = list(self.counters.values())

        def forecast(t: Ticket) -> WaitEstimate:
            if not self.predict:
                return WaitEstimate(0, None, None, None, 0.0)
            return predict_wait(t, self.queue, counters, now, self.rules, self.policy,
                                self.busy(now))
        booked = who.slot is not None and not who.late
        change, estimate = issue(
            IssueRequest(who.service, who.kind, who.count, who.priority,
                         Channel.BOOKED if booked else Channel.WALK_IN), catalog=self.catalog,
            rules=self.rules, now=now, last_seq=self.last_seq[(day, group)],
            forecast=forecast, observed=self.observed.get(key),
            new_id=self.new_id, new_token=self.new_id,
            placed_at=self.at(who.place) if booked else None)
        ticket = change.ticket
        self.last_seq[(day, group)] = ticket.seq
        baseline = self.baseline(ticket, list(self.queue))
        self.queue.put(ticket)
        return ticket, {"predicted": estimate.minutes if self.predict else None,
                        "baseline": baseline}

    def call(self, number: int, now_min: float) -> Ticket | None:
        counter = self.counters[number]
        now = self.at(now_min)
        heads = self.heads(counter)
        if number in self.deadline:  # a reserve calls only whom it can serve in its hours
            heads = self._fitting(heads, self.deadline[number] - now_min)
        change = call_next(counter, heads, now=now, rules=self.rules, policy=self.policy)
        if change is None:
            return None
        ticket = change.ticket
        self.queue.discard(ticket.id)
        self.counters[number] = change.counters[-1]
        self.current[number] = ticket
        return ticket

    @staticmethod
    def _fitting(heads: list[Ticket], left: float) -> list[Ticket]:
        """The heads a reserve with `left` minutes may call: in each number series (and
        priority class) the numbers before the first that does not fit, so leaving a long
        job to the others never lets a later number of its series go first."""
        by_series: dict[tuple, list[Ticket]] = defaultdict(list)
        for t in heads:
            by_series[(*series(t), t.is_priority)].append(t)
        out = []
        for members in by_series.values():
            for t in sorted(members, key=line_order):
                if RESERVE_MARGIN * t.expected_minutes + RESERVE_BUFFER > left:
                    break
                out.append(t)
        return out

    def transfer_to_regular(self, number: int, now_min: float, regulars: list[int]) -> None:
        """A reserve's window ends with a citizen at its desk: an explicit transfer to the
        regular counter of the citizen's group that frees first, at the head of its line
        (routing serves tickets transferred to a counter first); the rest of the service
        continues there. A called citizen who never answered is simply marked no-show."""
        ticket, now = self.current[number], self.at(now_min)
        if ticket.id in self.absent_calls:
            self.finish(number, now_min, no_show=True)
            return
        busy = self.busy(now)
        serving = [n for n in regulars if self.counters[n].is_open
                   and ticket.group in self.counters[n].skills]
        target = min(serving, key=lambda n: (busy.get(n, 0.0), n), default=None)
        change = tr.transfer(ticket, self.counters[number], now, ticket.group, (ticket.group,),
                             self.counters[target] if target is not None else None)
        del self.current[number]
        self.counters[number] = change.counters[-1]
        self.served_before[ticket.id] = self.served_before.get(ticket.id, 0.0) \
            + (now - ticket.called_at).total_seconds() / 60
        self.queue.put(change.ticket)

    def finish(self, number: int, now_min: float, no_show: bool) -> Ticket:
        counter, ticket, now = self.counters[number], self.current.pop(number), self.at(now_min)
        self.absent_calls.discard(ticket.id)
        if no_show:
            ticket = tr.recall(ticket, counter, now, self.rules).ticket
            change = tr.no_show(ticket, counter, now, self.rules)
        else:
            started = tr.start(ticket, counter, ticket.called_at).ticket
            change = tr.done(started, counter, now)
            minutes = (now - ticket.called_at).total_seconds() / 60 \
                + self.served_before.pop(ticket.id, 0.0)
            key = (ticket.service, str(ticket.kind))
            samples = self.samples[key]
            samples.append(minutes)
            self.total_minutes += minutes
            self.total_samples += 1
            if len(samples) > 2 * WINDOW:
                del samples[:-WINDOW]
            # As a hub would re-read it now and then: every sample early on, then every tenth.
            if len(samples) < 30 or len(samples) % 10 == 0:
                self.observed[key] = learned(samples)
        self.counters[number] = change.counters[-1]
        return change.ticket


def simulate(scenario: Scenario, policy: str | Policy, *, days: int | None = None,
             seed: int | None = None, catalog: Catalog | None = None,
             rules: Rules | None = None, predict: bool = True,
             timezone: str = "Asia/Ho_Chi_Minh", staffing: str = "static") -> SimReport:
    """Run `days` ward days (default: the scenario's) and summarise them.

    One event loop runs across all days: a queue left at night (a 24-hour scenario) is still
    there in the morning, as in the queueing models the simulator is checked against.
    Utilisation is serving minutes over scheduled open minutes (over 1 with overtime).
    `staffing`: static, suggest or plan (queue/supervise.py)."""
    catalog = catalog or default_catalog()
    rules = rules or Rules(timezone=timezone)
    chosen = get_policy(policy) if isinstance(policy, str) else policy
    days = days or scenario.days
    seed = scenario.seed if seed is None else seed
    with _no_gc():
        room = Room(scenario, catalog, rules, chosen, ZoneInfo(timezone), predict)
        if staffing not in MODES:
            raise InvalidRequest("unknown_staffing", f"no staffing mode {staffing!r}; known: "
                                 f"{', '.join(MODES)}", f"Không có chế độ điều phối cán bộ "
                                 f"{staffing!r}")
        supervisor = staffing_for(staffing, scenario, catalog, rules)
        room.counters.update({c.number: c for c in supervisor.counters()})
        outcomes, busy, absent = _run(room, scenario, catalog, rules, days, seed, supervisor)
    scheduled = days * scenario.open_minutes
    return summarise(scenario.name, getattr(chosen, "__name__", str(policy)), days, outcomes,
                     {p.id: busy[p.id] / scheduled for p in scenario.counters},
                     booked_absent=absent, staffing=supervisor.report(days))


def _run(room: Room, scenario: Scenario, catalog: Catalog, rules: Rules, days: int,
         seed: int, supervisor: StaticStaffing
         ) -> tuple[list[Outcome], dict[int, float], int]:
    outcomes: list[Outcome] = []
    busy: dict[int, float] = defaultdict(float)
    first = scenario.open[0][0].hour * 60 + scenario.open[0][0].minute
    seq = itertools.count()
    # A day's citizens are drawn when it starts, so memory holds one day of arrivals.
    events: list[tuple[float, int, str, object]] = [(d * 1440.0 + first, next(seq), "day", d)
                                                    for d in range(days)]
    heapq.heapify(events)
    idle: deque[int] = deque(sorted(n for n in room.counters  # longest idle asks first
                                    if n not in supervisor.reserve_of))
    pending: dict[str, tuple[Citizen, dict]] = {}
    absent = 0

    def dispatch(now: float) -> None:
        for _ in range(len(idle)):
            number = idle.popleft()
            ticket = room.call(number, now)
            if ticket is None:
                idle.append(number)
                continue
            who, forecast = pending[ticket.id]
            if ticket.id in room.served_before:  # transferred from a reserve: the rest of it
                hold = max(who.true_minutes - room.served_before[ticket.id], 0.0)
            else:
                hold = NO_SHOW_MINUTES if who.no_show else who.true_minutes
                outcomes.append(Outcome(ticket, (now - who.place), who.no_show, forecast))
                if who.no_show:
                    room.absent_calls.add(ticket.id)
            busy[number] += hold
            heapq.heappush(events, (now + hold, next(seq), "free",
                                    (number, who.no_show, ticket.id)))

    while events:
        now, _, kind, payload = heapq.heappop(events)
        if kind == "day":
            for number in sorted(room.counters):  # counters open with the first session
                if not room.counters[number].is_open and number not in supervisor.reserve_of:
                    room.counters[number] = tr.set_counter_status(
                        room.counters[number], CounterStatus.OPEN, room.at(now)).counters[-1]
            for who in draw_citizens(scenario, catalog, rules, payload, seed):
                heapq.heappush(events, (who.at, next(seq), "arrive", who))
            for at, move in supervisor.start_day(room, payload):
                heapq.heappush(events, (at, next(seq), "staff", move))
            continue
        if kind == "staff":
            supervisor.act(room, now, payload, lambda at, move: heapq.heappush(
                events, (at, next(seq), "staff", move)))
            for number, counter in room.counters.items():  # who calls now
                if counter.is_open and number not in room.current and number not in idle:
                    idle.append(number)
                elif not counter.is_open and number in idle:
                    idle.remove(number)
            dispatch(now)
            continue
        if kind == "arrive":
            if payload.absent:  # a booking nobody came for: released as a no-show
                absent += 1
                continue
            ticket, forecast = room.issue(payload)
            pending[ticket.id] = (payload, forecast)
        else:
            number, no_show, ticket_id = payload
            held = room.current.get(number)
            if held is None or held.id != ticket_id:  # transferred when the reserve left
                if ticket_id not in room.served_before:  # ... or marked no-show then
                    pending.pop(ticket_id, None)
                continue
            room.finish(number, now, no_show)
            del pending[ticket_id]
            if supervisor.freed(room, number, now):
                idle.append(number)
        dispatch(now)
    return outcomes, busy, absent
