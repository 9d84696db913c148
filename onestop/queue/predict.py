"""The wait forecast: play the current queue forward with the real routing policy.

Every open counter frees up when its current citizen is expected to finish; the first free one
asks the policy for its next ticket, exactly as the officer's "next" button would, and is busy
for that ticket's expected minutes. Repeating until the ticket of interest is called gives its
wait, with skills, priority, fast lanes, ageing and the policy's own order all accounted for,
which a "work ahead / counters" formula cannot do. The policy sees only the head of each line
(policies decide from heads, see routing.line_key), so one call costs a few dozen comparisons.

Bounded: the play stops after HORIZON_CALLS calls. By then, on a queue that long, everyone
left has waited past the policies' ageing bound and the counters call oldest first (priority
first), so the rest is a fluid: a ticket not called yet waits the play's minutes plus the
expected minutes of every older ticket its counters compete for (the groups linked to its
own through shared counters) divided by those counters. One algorithm serves a queue of any
length at the same cost (bench/bench_issue_latency.py).

"Open" means Counter.is_open, here and everywhere: with no counter open the forecast says so
(state CLOSED) and still counts the people ahead, played as if every counter were open.

Future arrivals are not played: a quick ticket issued later may still overtake a complex one
under `smart`, so the range above the point estimate is wider for long jobs (`spread`).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from .lines import WaitingLines
from .model import Counter, CounterStatus, Ticket
from .routing import Policy, line_key, line_order
from .rules import Rules
from .wait import CLOSED, OPEN, UNSERVED, WaitEstimate

HORIZON_CALLS = 100  # calls played before the tail takes over; under 1 ms on a 2-core VM


def remaining_minutes(current: Ticket | None, now: datetime) -> float:
    """Expected minutes until a counter's current citizen leaves. Service times are skewed:
    one that has run past its expectation still has a while to go, so at least a quarter of
    the expectation is assumed to remain."""
    if current is None:
        return 0.0
    began = current.started_at or current.called_at or now
    elapsed = (now - began).total_seconds() / 60
    return max(current.expected_minutes - elapsed, 0.25 * current.expected_minutes)


def serving_counters(counters: Sequence[Counter]) -> list[Counter]:
    """The counters that call citizens now: the open ones (Counter.is_open), nothing else."""
    return [c for c in counters if c.is_open]


@dataclass
class _Play:
    called: dict[str, float] = field(default_factory=dict)  # id -> minutes, in call order
    order: list[Ticket] = field(default_factory=list)
    seqs: dict = field(default_factory=dict)  # line key -> tickets (the newcomer included)
    aseqs: dict = field(default_factory=dict)  # counter -> tickets transferred to it
    pos: dict = field(default_factory=dict)  # line key or ("@", counter) -> next index
    clock: float = 0.0  # minutes into the play when it stopped
    cut: bool = False  # stopped at the horizon with tickets left to call


def _play(lines: WaitingLines, active: Sequence[Counter], now: datetime, rules: Rules,
          policy: Policy, busy: Mapping[int, float] | None, until: str | None,
          extra: Ticket | None, horizon: int | None) -> _Play:
    play = _Play(seqs={k: line.tickets for k, line in lines.lines.items()},
                 aseqs={n: line.tickets for n, line in lines.assigned.items()})
    if extra is not None:  # a newcomer not yet in the lines: a copy of its line holds it
        pool, key = lines._pool(extra)
        line = lines.line_of(extra)
        target = play.aseqs if pool is lines.assigned else play.seqs
        target[key] = line.with_ticket(extra) if line is not None else [extra]
    pos = play.pos = {k: 0 for k in play.seqs}
    apos = {n: 0 for n in play.aseqs}
    counters = {c.number: c for c in active}
    reach = {n: [(k, play.seqs[k]) for k in play.seqs if k[0] in c.skills]
             for n, c in counters.items()}
    busy = busy or {}
    heap = [(max(0.0, busy.get(n, 0.0)), n) for n in sorted(counters)]
    heapq.heapify(heap)
    while heap:
        if horizon is not None and len(play.order) >= horizon:
            play.cut, play.clock = True, heap[0][0]
            break
        at, number = heapq.heappop(heap)
        counter = counters[number]
        heads = [seq[p] for k, seq in reach[number] if (p := pos[k]) < len(seq)]
        mine = play.aseqs.get(number)
        if mine is not None and apos[number] < len(mine):
            heads.append(mine[apos[number]])
        chosen = policy(counter, heads, now + timedelta(minutes=at), rules) if heads else None
        if chosen is None:
            continue  # nothing will arrive in the forecast: this counter is done
        if chosen.assigned_counter is not None:
            apos[number] += 1
        else:
            pos[line_key(chosen)] += 1
        play.called[chosen.id] = at
        play.order.append(chosen)
        play.clock = at
        streak = counter.priority_streak + 1 if chosen.is_priority else 0
        if streak != counter.priority_streak:
            counters[number] = replace(counter, priority_streak=streak)
        if chosen.id == until:
            break
        heapq.heappush(heap, (at + max(chosen.expected_minutes, 0.0), number))
    play.pos.update({("@", n): p for n, p in apos.items()})
    return play


def forward(waiting: Iterable[Ticket] | WaitingLines, counters: Sequence[Counter],
            now: datetime, rules: Rules, policy: Policy,
            busy: Mapping[int, float] | None = None, until: str | None = None,
            horizon: int | None = None) -> dict[str, float]:
    """Minutes from `now` until each waiting ticket is called (all of them, up to `until`, or
    the first `horizon` calls). `busy`: counter number -> minutes until it is free (absent:
    free now). Tickets no open counter can take are absent from the result."""
    lines = waiting if isinstance(waiting, WaitingLines) else WaitingLines(waiting)
    return _play(lines, serving_counters(counters), now, rules, policy, busy, until, None,
                 horizon).called


def spread(minutes: float, people_ahead: int) -> float:
    """Even a perfect model spreads about 1/sqrt(n+1) of the mean with n people ahead."""
    return minutes / math.sqrt(people_ahead + 1)


def _component(group: str, serving: Sequence[Counter]) -> tuple[set[str], int]:
    """The groups whose tickets compete with `group`'s for the same counters (linked through
    shared counters), and how many serving counters that pool has."""
    groups, pool, grew = {group}, set(), True
    while grew:
        grew = False
        for c in serving:
            if c.number not in pool and groups.intersection(c.skills):
                pool.add(c.number)
                grew = grew or not groups.issuperset(c.skills)
                groups.update(c.skills)
    return groups, len(pool)


def _left_ahead(play: _Play, lines: WaitingLines, ticket: Ticket,
                groups: set[str]) -> tuple[int, float]:
    """What the play left uncalled that still goes before the ticket, once everyone has
    waited past the ageing bound and the counters call oldest first (priority first): the
    people of its own group, and the expected minutes of all such tickets of `groups`."""
    key = line_order(ticket)
    people, work = 0, 0.0
    if ticket.assigned_counter is not None:
        seq = play.aseqs.get(ticket.assigned_counter, [])
        start = play.pos.get(("@", ticket.assigned_counter), 0)
        before = [t for t in seq[start:] if line_order(t) < key]
        return len(before), sum(t.expected_minutes for t in before)
    for k in play.seqs:
        if k[0] not in groups or (ticket.is_priority and not k[1]):
            continue
        start, line = play.pos[k], lines.lines.get(k)
        if line is None:  # a line of the newcomer alone
            continue
        # The newcomer's own line is a copy with it inserted: the same tickets before it.
        end = len(line) if k[1] and not ticket.is_priority else \
            bisect_left(line.keys, key, lo=min(start, len(line)))
        if end > start:
            work += line.work(start, end)
            people += end - start if k[0] == ticket.group else 0
    return people, work


def predict_wait(ticket: Ticket, waiting: Sequence[Ticket] | WaitingLines,
                 counters: Sequence[Counter], now: datetime, rules: Rules, policy: Policy,
                 busy: Mapping[int, float] | None = None,
                 horizon: int | None = HORIZON_CALLS) -> WaitEstimate:
    """The wait of `ticket` (already waiting, or a newcomer), as the estimate every surface
    shows: people ahead are those of its group the forecast calls before it."""
    lines = waiting if isinstance(waiting, WaitingLines) else \
        WaitingLines(t for t in waiting if t.id != ticket.id)
    extra = None if ticket.id in lines else ticket
    serving = serving_counters(counters)
    state = OPEN if serving else CLOSED
    if not serving:  # who goes first is still known: play as if every counter opened now
        serving, busy = [replace(c, status=CounterStatus.OPEN, current=None,
                                 priority_streak=0) for c in counters], None
    play = _play(lines, serving, now, rules, policy, busy, ticket.id, extra, horizon)
    ahead = sum(1 for t in play.order if t.group == ticket.group and t.id != ticket.id)
    if ticket.assigned_counter is not None:
        able = [c for c in serving if c.number == ticket.assigned_counter]
        groups, pool = set(), len(able)
    else:
        able = [c for c in serving if ticket.group in c.skills]
        groups, pool = _component(ticket.group, serving)
    if ticket.id in play.called:
        minutes = play.called[ticket.id]
    else:
        left, work = _left_ahead(play, lines, ticket, groups)
        ahead += left
        minutes = play.clock + work / pool if play.cut and able else None
    if state == CLOSED or minutes is None:
        return WaitEstimate(ahead, None, None, None, 0.0 if state == CLOSED else len(able),
                            CLOSED if state == CLOSED else UNSERVED)
    width = spread(minutes, ahead)
    return WaitEstimate(ahead, round(minutes, 1), round(max(0.0, minutes - width), 1),
                        round(minutes + width, 1), float(len(able)))
