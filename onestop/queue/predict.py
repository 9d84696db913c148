"""Wait prediction v2: play the current queue forward with the real routing policy.

Every open counter frees up when its current citizen is expected to finish; the first free one
asks the policy for its next ticket, exactly as the officer's "next" button would, and is busy
for that ticket's expected minutes. Repeating until the ticket of interest is called gives its
wait, with skills, priority, fast lanes, ageing and the policy's own order all accounted for,
which a "work ahead / counters" formula cannot do. Deterministic and cheap: the policy sees
only the head of each line (policies decide from heads, see routing.line_key), so one step
costs a few dozen comparisons and a few hundred waiting tickets take about a millisecond.

Future arrivals are not played: a quick ticket issued later may still overtake a complex one
under `smart`, so the range above the point estimate is wider for long jobs (`spread`).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from .estimate import WaitEstimate
from .model import Counter, CounterStatus, Status, Ticket
from .routing import Policy, line_key, line_order
from .rules import Rules


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
    """Open counters; before opening hours (none open) every counter, as estimate v1 does,
    so the morning's first tickets still get a prediction."""
    open_now = [c for c in counters if c.status == CounterStatus.OPEN]
    return open_now or [replace(c, status=CounterStatus.OPEN, current=None) for c in counters]


def forward(waiting: Iterable[Ticket], counters: Sequence[Counter], now: datetime,
            rules: Rules, policy: Policy, busy: Mapping[int, float] | None = None,
            until: str | None = None) -> dict[str, float]:
    """Minutes from `now` until each waiting ticket is called (all of them, or up to `until`).

    `busy`: counter number -> minutes until it is free (absent: free now). Tickets no serving
    counter can take are absent from the result."""
    lines: dict[tuple, deque[Ticket]] = {}
    assigned: dict[int, deque[Ticket]] = {}
    for t in sorted((t for t in waiting if t.status == Status.WAITING), key=line_order):
        if t.assigned_counter is not None:
            assigned.setdefault(t.assigned_counter, deque()).append(t)
        else:
            lines.setdefault(line_key(t), deque()).append(t)
    active = {c.number: c for c in serving_counters(counters)}
    reach = {n: [k for k in lines if k[0] in c.skills] for n, c in active.items()}
    busy = busy or {}
    heap = [(max(0.0, busy.get(n, 0.0)), n) for n in sorted(active)]
    heapq.heapify(heap)
    called: dict[str, float] = {}
    while heap:
        at, number = heapq.heappop(heap)
        counter = active[number]
        heads = [line[0] for k in reach[number] if (line := lines[k])]
        if number in assigned and assigned[number]:
            heads.append(assigned[number][0])
        chosen = policy(counter, heads, now + timedelta(minutes=at), rules) if heads else None
        if chosen is None:
            continue  # nothing will arrive in the forecast: this counter is done
        source = assigned[number] if chosen.assigned_counter is not None else \
            lines[line_key(chosen)]
        source.popleft()
        called[chosen.id] = at
        streak = counter.priority_streak + 1 if chosen.is_priority else 0
        if streak != counter.priority_streak:
            active[number] = replace(counter, priority_streak=streak)
        if chosen.id == until:
            break
        heapq.heappush(heap, (at + max(chosen.expected_minutes, 0.0), number))
    return called


def spread(minutes: float, people_ahead: int) -> float:
    """Even a perfect model spreads about 1/sqrt(n+1) of the mean with n people ahead."""
    return minutes / math.sqrt(people_ahead + 1)


def predict_wait(ticket: Ticket, waiting: Sequence[Ticket], counters: Sequence[Counter],
                 now: datetime, rules: Rules, policy: Policy,
                 busy: Mapping[int, float] | None = None) -> WaitEstimate:
    """The wait of `ticket` (already in `waiting` or not), as the estimate the API returns:
    people ahead are those the forecast calls before it."""
    others = [t for t in waiting if t.id != ticket.id]
    called = forward([*others, ticket], counters, now, rules, policy, busy, until=ticket.id)
    capacity = float(sum(1 for c in serving_counters(counters)
                         if ticket.group in c.skills or ticket.assigned_counter == c.number))
    if ticket.id not in called:
        return WaitEstimate(0, None, None, None, capacity)
    minutes = called[ticket.id]
    group = {t.id for t in others if t.group == ticket.group}
    ahead = sum(1 for tid in called if tid in group)  # called before it: dicts keep order
    width = spread(minutes, ahead)
    return WaitEstimate(ahead, round(minutes, 1), round(max(0.0, minutes - width), 1),
                        round(minutes + width, 1), capacity)
