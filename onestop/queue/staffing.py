"""Staffing suggestions: which counter to re-skill or open when a group's wait runs long.

Each alternative (an open counter also serving the group, or a closed counter opening with
the group among its skills) is played forward with the wait forecast (predict.forward) and
the routing policy in use; the one that cuts the group's expected wait most, without making
the room as a whole wait longer, is suggested: "Quầy 5 hỗ trợ Hộ tịch: chờ dự kiến 45 → 15
phút". Pure: the hub and the simulator give it the queue; nothing is changed.
"""

from __future__ import annotations

from collections import Counter as Counter_
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from .model import Channel, Complexity, Counter, CounterStatus, Kind, Status, Ticket
from .predict import forward, remaining_minutes, serving_counters
from .routing import Policy
from .rules import Rules

THRESHOLD_MINUTES = 15.0
MIN_GAIN = 0.2  # suggest only what cuts the group's wait by a fifth and 5 minutes or more
_PROBE = "probe:"


@dataclass(frozen=True)
class Suggestion:
    group: str
    counter: int
    action: str  # "add_skill": an open counter also serves the group; "open": open it
    before: float  # expected wait of a new ticket of the group now, minutes
    after: float  # ... with the change

    def to_dict(self) -> dict:
        def shown(minutes: float) -> int | None:  # inf: no open counter serves the group
            return round(minutes) if minutes != float("inf") else None

        return {"group": self.group, "counter": self.counter, "action": self.action,
                "before_minutes": shown(self.before), "after_minutes": shown(self.after)}


def probe(group: str, now: datetime, minutes: float,
          complexity: Complexity = Complexity.STANDARD) -> Ticket:
    """A regular ticket of `group` issued now: whose wait "the group's wait" means. It
    stands in the line most of the group's waiting tickets stand in, and behind every ticket
    issued at the same instant (a huge seq), as a newcomer would."""
    return Ticket(id=_PROBE + group, token="", day=date(now.year, now.month, now.day),
                  issued_group=group, seq=10**9, number="", group=group, service="",
                  kind=Kind.SUBMIT, count=1, priority=None, complexity=complexity,
                  expected_minutes=minutes, channel=Channel.WALK_IN, status=Status.WAITING,
                  issued_at=now, queued_at=now)


def _typical(waiting: Sequence[Ticket], group: str) -> float:
    mine = [t.expected_minutes for t in waiting if t.group == group]
    return sum(mine) / len(mine) if mine else 10.0


def _usual_complexity(waiting: Sequence[Ticket], group: str) -> Complexity:
    counts = Counter_(t.complexity for t in waiting if t.group == group)
    return counts.most_common(1)[0][0] if counts else Complexity.STANDARD


def _play(waiting: Sequence[Ticket], counters: Sequence[Counter], now: datetime, rules: Rules,
          policy: Policy, busy: Mapping[int, float],
          groups: Sequence[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Each group's probe wait and the total forecast wait of everyone waiting, in one play."""
    probes = [probe(g, now, _typical(waiting, g), _usual_complexity(waiting, g))
              for g in groups]
    called = forward([*waiting, *probes], counters, now, rules, policy, busy)
    waits = {g: called.get(_PROBE + g, float("inf")) for g in groups}
    # The probes stand in line too; the room's total counts only real tickets.
    return waits, {tid: at for tid, at in called.items() if not tid.startswith(_PROBE)}


def group_waits(waiting: Sequence[Ticket], counters: Sequence[Counter], now: datetime,
                rules: Rules, policy: Policy, busy: Mapping[int, float],
                groups: Sequence[str]) -> dict[str, float]:
    """Minutes until a newcomer of each group would be called (inf: no open counter)."""
    return _play([t for t in waiting if t.status == Status.WAITING], counters, now, rules,
                 policy, busy, groups)[0]


def _cost(called: Mapping[str, float], among: Mapping[str, float]) -> float:
    """The room's total wait over the tickets that `among` could call: tickets no counter
    served before and a change now serves are a gain, not extra waiting."""
    return sum(at for tid, at in called.items() if tid in among)


def busy_minutes(counters: Sequence[Counter], current: Mapping[str, Ticket],
                 now: datetime) -> dict[int, float]:
    """Counter number -> minutes until its current citizen (`current`: id -> ticket) is
    expected to leave."""
    return {c.number: remaining_minutes(current.get(c.current), now)
            for c in counters if c.current}


def room_suggestions(waiting: Sequence[Ticket], counters: Sequence[Counter],
                     current: Mapping[str, Ticket], now: datetime, rules: Rules,
                     policy: Policy,
                     can_serve: Mapping[int, Collection[str]] | None = None) -> list[Suggestion]:
    """What the supervisor is told now: the one function behind `GET /api/suggestions` and
    the simulator's `--staffing suggest` (docs/simulate.md). `current`: the tickets at the
    counters by id; `can_serve`: the groups each counter may take (None: any)."""
    return suggest(waiting, counters, now, rules, policy,
                   busy_minutes(counters, current, now), can_serve=can_serve)


def suggest(waiting: Sequence[Ticket], counters: Sequence[Counter], now: datetime,
            rules: Rules, policy: Policy, busy: Mapping[int, float] | None = None,
            groups: Sequence[str] | None = None,
            threshold: float = THRESHOLD_MINUTES,
            can_serve: Mapping[int, Collection[str]] | None = None) -> list[Suggestion]:
    """At most one suggestion per group whose expected wait exceeds `threshold`, longest
    wait first. With `can_serve`, a counter is moved only to groups it lists (a counter
    absent from it: only its own skills)."""
    busy = busy or {}
    waiting = [t for t in waiting if t.status == Status.WAITING]
    groups = list(groups) if groups is not None else sorted({t.group for t in waiting})
    if not groups:
        return []
    waits, base = _play(waiting, counters, now, rules, policy, busy, groups)
    total = _cost(base, base)
    serving = {c.number for c in serving_counters(counters)}
    result = []
    for group in sorted(groups, key=lambda g: -waits[g]):
        if waits[group] <= threshold:
            continue
        best: tuple[tuple, Suggestion] | None = None
        for c in counters:
            if c.number in serving and group in c.skills:
                continue
            if can_serve is not None and group not in can_serve.get(c.number, c.skills):
                continue  # nobody at that counter is trained for the group
            action = "add_skill" if c.number in serving else "open"
            skills = c.skills if group in c.skills else (*c.skills, group)
            changed = replace(c, skills=skills, status=CounterStatus.OPEN,
                              current=c.current if action == "add_skill" else None)
            trial = [changed if x.number == c.number else x for x in counters]
            after, called = _play(waiting, trial, now, rules, policy, busy, groups)
            trial_total = _cost(called, base)
            if after[group] > min(waits[group] * (1 - MIN_GAIN), waits[group] - 5) \
                    or trial_total > total * 1.05:
                continue  # not worth moving someone, or the rest of the room pays for it
            # Equal waits (to the minute): a counter already trained for the group first,
            # then the change the rest of the room feels least.
            key = (round(after[group]), group not in c.skills, trial_total)
            if best is None or key < best[0]:
                best = (key, Suggestion(group, c.number, action, waits[group], after[group]))
        if best is not None:
            result.append(best[1])
    return result
