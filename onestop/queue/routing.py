"""Call-next routing: which waiting ticket a counter gets when the officer presses "next".

A policy is a plain function `(counter, waiting, now, rules) -> Ticket | None`; the hub, the
in-memory engine and the simulator all call the same function, so policies can be compared on
simulated days before a centre switches. `waiting` may hold tickets the counter cannot serve;
every policy filters with `eligible`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime

from .errors import InvalidRequest
from .model import Channel, Complexity, Counter, Status, Ticket
from .rules import Rules

Policy = Callable[[Counter, Sequence[Ticket], datetime, Rules], Ticket | None]


def eligible(counter: Counter, ticket: Ticket) -> bool:
    """Waiting, in one of the counter's groups, and not reserved for another counter.

    A ticket transferred to this counter in particular is eligible whatever its group."""
    if ticket.status != Status.WAITING:
        return False
    if ticket.assigned_counter is not None:
        return ticket.assigned_counter == counter.number
    return ticket.group in counter.skills


def line_order(ticket: Ticket) -> tuple:
    """First come, first served across channels: the place in line decides. That is the
    issue time, kept across transfers; for a booked number checked in before its slot, the
    slot's start (queue/booking.py): registered first, served first, whatever the channel."""
    return (ticket.issued_at, ticket.seq, ticket.id)


def in_line(candidates: Sequence[Ticket], now: datetime) -> Sequence[Ticket]:
    """The tickets whose place in line has come: a booked citizen who checked in before the
    slot stands in line from the slot's start, so before it they are called only when the
    counter has nobody else (an idle counter may as well serve them early)."""
    present = [t for t in candidates if t.issued_at <= now]
    return present or candidates


def is_overdue(ticket: Ticket, now: datetime, rules: Rules) -> bool:
    return (now - ticket.issued_at).total_seconds() >= rules.ageing_minutes * 60


# Size bands of expected minutes (about 25% apart). Within one (group, complexity) the jobs
# still differ 2-3x (a 3-minute pick-up and a 10-minute birth registration are both "quick"
# civil status); banding the lines lets shortest-job-first see that from line heads alone.
# Measured: random ward days' mean ratio to fifo 0.88 -> 0.82 (bench/bench_policies.py).
EXPECTED_EDGES = (2.5, 3.5, 4.5, 5.5, 7.0, 9.0, 11.0, 13.5, 17.0, 21.0, 26.0, 32.0, 40.0, 50.0,
                  65.0)


def size_band(minutes: float) -> int:
    """How many EXPECTED_EDGES are <= minutes; the hub computes the same in SQL (reads.py)."""
    return bisect_right(EXPECTED_EDGES, minutes)


def line_key(ticket: Ticket) -> tuple[str, bool, str, int, bool]:
    """The line a waiting ticket stands in: (group, priority, complexity, size band, booked).

    Every policy here decides from the head (oldest ticket) of each line alone, so a caller may
    show it only the first `LINE_HEADS` tickets of each line (the hub does, with one indexed
    query) and get the same choice as over the whole queue; tests hold every policy to that."""
    return (ticket.group, ticket.is_priority, str(ticket.complexity),
            size_band(ticket.expected_minutes), ticket.channel == Channel.BOOKED)


LINE_HEADS = 20  # tickets per line the hub shows a policy; 1 would do for the policies here


def oldest(counter: Counter, waiting: Sequence[Ticket], now: datetime,
           rules: Rules) -> Ticket | None:
    """Strict first come, first served: the oldest ticket the counter can serve, priority
    ignored (the textbook FCFS queue that Erlang C describes)."""
    candidates = in_line([t for t in waiting if eligible(counter, t)], now)
    return min(candidates, key=line_order, default=None)


def fifo(counter: Counter, waiting: Sequence[Ticket], now: datetime, rules: Rules) -> Ticket | None:
    """Baseline, what common queue systems do: priority tickets first, then the oldest ticket
    among the counter's groups, nothing else considered."""
    candidates = in_line([t for t in waiting if eligible(counter, t)], now)
    priority = [t for t in candidates if t.is_priority]
    return min(priority or candidates, key=line_order, default=None)


def standard(counter: Counter, waiting: Sequence[Ticket], now: datetime,
             rules: Rules) -> Ticket | None:
    """Routing v1, in order of precedence:

    1. tickets transferred to this very counter, oldest first;
    2. ageing: any ticket waiting `ageing_minutes` or more, oldest first;
    3. priority categories, in arrival order, unless this counter has just called
       `priority_streak_limit` priority tickets in a row and a regular ticket is waiting;
    4. the counter's skills in order: primary group first, secondary only when it is empty;
    5. within a group, a fast-lane counter takes quick tickets first; otherwise arrival order.
    """
    candidates = in_line([t for t in waiting if eligible(counter, t)], now)
    if not candidates:
        return None
    assigned = [t for t in candidates if t.assigned_counter == counter.number]
    if assigned:
        return min(assigned, key=line_order)
    overdue = [t for t in candidates if is_overdue(t, now, rules)]
    if overdue:
        return min(overdue, key=line_order)
    priority = [t for t in candidates if t.is_priority]
    regular = [t for t in candidates if not t.is_priority]
    if priority and (counter.priority_streak < rules.priority_streak_limit or not regular):
        return min(priority, key=line_order)
    pool = regular or priority
    for group in counter.skills:
        in_group = [t for t in pool if t.group == group]
        if in_group:
            if counter.fast_lane:
                quick = [t for t in in_group if t.complexity == Complexity.QUICK]
                if quick:
                    return min(quick, key=line_order)
            return min(in_group, key=line_order)
    return min(pool, key=line_order)


# Tunables of `smart` (measured in bench/bench_policies.py; docs/simulate.md).
# Penalising secondary skills looked right (leave work to its primary counters) but measured
# worse on random ward days: the policy cannot see whether those counters are free.
SKILL_PENALTY = 0.0
# Waiting cost w + w^2 / (2 x AGE_CREDIT): each AGE_CREDIT minutes waited add one more unit of
# urgency, so a long job that has waited catches up with short fresh ones. (20 measured a
# little better on random days' p95, worse on quiet-wednesday's mean; 30 kept.)
AGE_CREDIT_MINUTES = 30.0
# A ticket of a secondary skill that has waited less than this is left to the counters whose
# primary skill it is (they are likely free: it was issued just now), unless this counter has
# nothing of its own. Cuts the worst random-day mean and p95 ratios (1.06 -> 0.97, 1.62 -> 1.43);
# a fixed penalty on secondary skills (SKILL_PENALTY) measured worse: it never lets go.
HANDOFF_MINUTES = 3.0
# Hard bound: past AGEING_FACTOR x rules.ageing_minutes (90 by default) oldest first, always.
AGEING_FACTOR = 2.0
# A booked citizen whose place in line (the later of slot start and check-in) came this many
# minutes ago is called next, oldest first: an appointment is kept around its time (the
# report's "on time" is within 15 minutes), not after every shorter job of the morning.
# Measured on the shipped Monday at 85% load with 30% booked (bench/bench_booking.py): 0, 2,
# 5 and 8 minutes gave 90%, 90%, 88% and 86% on time; the walk-ins' wait hardly moves, as the
# slots' booked share cap keeps the booked work to a quarter of what the counters get through.
BOOKED_GRACE_MINUTES = 0.0


def series(ticket: Ticket) -> tuple:
    """The number series a ticket was issued in: its prefix's sequence of the day."""
    return (ticket.day, ticket.issued_group)


def series_fronts(tickets: Sequence[Ticket]) -> list[Ticket]:
    """Registered first, served first: of each number series only its first waiting number
    (in line order) may be called, so a later number never goes before an earlier one of the
    same prefix. Shortest-job-first then chooses between series (B031 before A012 is a
    different line, as the display shows), never inside one."""
    front: dict[tuple, Ticket] = {}
    for t in tickets:
        key = series(t)
        if key not in front or line_order(t) < line_order(front[key]):
            front[key] = t
    return list(front.values())


def waited(ticket: Ticket, now: datetime) -> float:
    """Minutes since the ticket's place in line; 0 before it (a booked number checked in
    before its slot)."""
    return max(0.0, (now - ticket.issued_at).total_seconds() / 60)


def smart_score(counter: Counter, ticket: Ticket, now: datetime) -> float:
    """Lower is called first."""
    rank = counter.skills.index(ticket.group) if ticket.group in counter.skills else 0
    return (ticket.expected_minutes * (1 + SKILL_PENALTY * rank)
            / (1 + waited(ticket, now) / AGE_CREDIT_MINUTES))


def smart(counter: Counter, waiting: Sequence[Ticket], now: datetime,
          rules: Rules) -> Ticket | None:
    """Routing v2, the hub's default: `sjf` within the rule "registered first, served
    first" — of each number series only its first waiting number is a candidate
    (series_fronts), so short jobs go first between series, never inside one (issue 19)."""
    return _shortest_first(counter, waiting, now, rules, honest=True)


def sjf(counter: Counter, waiting: Sequence[Ticket], now: datetime,
        rules: Rules) -> Ticket | None:
    """Routing v2 as it was before issue 19 (kept for the simulator, to measure what the
    honest order costs): shortest expected job first, with ageing and bounds.

    1. tickets transferred to this very counter, oldest first;
    2. priority categories in arrival order, bounded by `priority_streak_limit` as in v1;
    3. any ticket waiting AGEING_FACTOR x `ageing_minutes` or more, oldest first: nobody
       waits forever behind short jobs;
    4. otherwise the line head with the lowest expected minutes / (1 + waited / AGE_CREDIT),
       among the counter's primary group and the secondary-skill heads that have waited
       HANDOFF_MINUTES (all heads if that leaves none):
       the generalised c-mu rule for a waiting cost that grows faster the longer one waits.
       Short jobs first cuts the room's mean wait (each minute served early frees many
       people), while the age term lets long jobs through before the hard bound.
    Decides from line heads only (see line_key), like the other policies.
    """
    return _shortest_first(counter, waiting, now, rules, honest=False)


def _shortest_first(counter: Counter, waiting: Sequence[Ticket], now: datetime, rules: Rules,
                    honest: bool) -> Ticket | None:
    candidates = in_line([t for t in waiting if eligible(counter, t)], now)
    if not candidates:
        return None
    assigned = [t for t in candidates if t.assigned_counter == counter.number]
    if assigned:
        return min(assigned, key=line_order)
    priority = [t for t in candidates if t.is_priority]
    regular = [t for t in candidates if not t.is_priority]
    if priority and (counter.priority_streak < rules.priority_streak_limit or not regular):
        return min(priority, key=line_order)
    overdue = [t for t in candidates if waited(t, now) >= rules.ageing_minutes * AGEING_FACTOR]
    if overdue:
        return min(overdue, key=line_order)
    due = [t for t in regular if t.channel == Channel.BOOKED
           and waited(t, now) >= BOOKED_GRACE_MINUTES]
    if due:
        return min(due, key=line_order)
    heads: dict[tuple, Ticket] = {}
    for t in series_fronts(regular or priority) if honest else regular or priority:
        key = line_key(t)
        if key not in heads or line_order(t) < line_order(heads[key]):
            heads[key] = t
    pool = [t for t in heads.values()
            if t.group == counter.skills[0] or waited(t, now) >= HANDOFF_MINUTES]
    return min(pool or heads.values(), key=lambda t: (smart_score(counter, t, now), line_order(t)))


POLICIES: dict[str, Policy] = {"smart": smart, "standard": standard, "fifo": fifo,
                               "oldest": oldest, "sjf": sjf}
WARD_POLICIES = ("smart", "fifo")  # what a ward chooses between (the others: simulator)
# What the lobby display, the admin window and the daily report say about the order in force.
POLICY_WORDS = {
    "smart": ("Gọi theo thứ tự số trong từng dãy số; việc nhanh trước giữa các dãy",
              "Numbers called in order within each series; quick matters first between series"),
    "fifo": ("Người đăng ký trước được phục vụ trước",
             "First registered, first served"),
}
DEFAULT_POLICY = "smart"


def policy_name(holder) -> str:
    """The name of the policy a store (or anything with `.policy`) calls with."""
    return next((n for n, p in POLICIES.items() if p is holder.policy), "smart")


def get_policy(name: str) -> Policy:
    try:
        return POLICIES[name]
    except KeyError:
        raise InvalidRequest("unknown_policy", f"no routing policy {name!r}; known: "
                             f"{', '.join(sorted(POLICIES))}",
                             f"Không có chính sách điều phối {name!r}") from None
