"""The day plan: which counter serves which groups in which hour, and when reserves come.

Made before opening from the forecast arrivals (per hour and group: how many, and their mean
counter minutes), never from what happens later. The simulator's `--staffing plan` follows
it; the supervisor's plan for tomorrow (issue 19 part 3) asks the same function with the
ward's own history as the forecast.

The model is a fluid queue with Erlang C on top, hour by hour: each counter spends its open
minutes on its groups in skill order (primary first, what is left on the next), work that no
counter reaches in an hour is a backlog carried into the next, and the people of an hour wait
for the backlog ahead of them plus the M/M/c wait of their group's counters. It is rough by
design: it only has to rank alternatives (this counter on land at 9, or not), and the choices
are checked in the simulator against days it never saw (bench/bench_staffing.py).

Search: greedy. Re-skilling first (a counter's primary group for the hour, among the groups it
may serve), kept only when it cuts the expected mean wait by `MIN_GAIN`; then each reserve in
turn gets the window (start hour, whole hours up to its `max_hours`) and primary group that
cut the day's expected wait most, the shortest window that reaches `target_wait` when one
does; then re-skilling once more around the reserves. Pure: no clock, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .erlang import mean_wait

MIN_GAIN = 0.01  # a move must cut the expected mean wait by 1% (not move people for nothing)
CONGESTED_RHO = 0.95  # past this the backlog term carries the wait, not Erlang C


@dataclass(frozen=True)
class Demand:
    """One group's forecast for one hour."""

    arrivals: float  # expected tickets issued in the hour
    minutes: float  # their mean counter minutes


@dataclass(frozen=True)
class StaffCounter:
    number: int
    groups: tuple[str, ...]  # declared skills, primary first
    can_serve: tuple[str, ...] = ()  # more groups it may be re-skilled to


@dataclass(frozen=True)
class Reserve:
    """A back-office officer who may come to the front (scenario `reserve`)."""

    groups: tuple[str, ...]
    max_hours: float
    notice_min: float = 10.0


@dataclass(frozen=True)
class ReservePeriod:
    reserve: int  # index in the reserves given
    start: int  # first hour at the front
    end: int  # first hour back (exclusive)
    groups: tuple[str, ...]  # skills while at the front, primary first


@dataclass(frozen=True)
class DayPlan:
    hours: tuple[int, ...]  # open hours, in order
    skills: dict[int, dict[int, tuple[str, ...]]]  # hour -> counter number -> skills
    reserves: tuple[ReservePeriod, ...]
    expected_wait: float  # the model's mean wait with the plan, minutes
    static_wait: float  # ... with the declared skills and no reserve
    open_minutes: dict[int, float] = field(default_factory=dict)

    @property
    def reserve_hours(self) -> float:
        return sum(self.open_minutes.get(h, 60.0) for p in self.reserves
                   for h in self.hours if p.start <= h < p.end) / 60

    def moves(self, declared: Mapping[int, tuple[str, ...]]) -> int:
        """Changes a supervisor makes: a counter taking other skills than the hour before
        (the first hour against its declared ones), and each reserve called."""
        count, before = len(self.reserves), dict(declared)
        for h in self.hours:
            for number, skills in self.skills[h].items():
                count += skills != before.get(number, skills)
                before[number] = skills
        return count

    def to_dict(self) -> dict:
        return {"hours": list(self.hours),
                "skills": {str(h): {str(n): list(s) for n, s in self.skills[h].items()}
                           for h in self.hours},
                "reserves": [{"reserve": p.reserve, "from_hour": p.start, "to_hour": p.end,
                              "groups": list(p.groups)} for p in self.reserves],
                "reserve_hours": round(self.reserve_hours, 2),
                "expected_wait_min": round(self.expected_wait, 1),
                "static_wait_min": round(self.static_wait, 1)}


class _Model:
    def __init__(self, hours: Sequence[int], demand: Mapping[int, Mapping[str, Demand]],
                 open_minutes: Mapping[int, float]) -> None:
        self.hours, self.demand, self.open = list(hours), demand, open_minutes
        groups = {g for h in hours for g in demand.get(h, {})}
        self.groups = sorted(groups)
        mins: dict[str, float] = {}
        for g in self.groups:  # the day's mean minutes of a group, for the backlog's people
            num = sum(d.arrivals * d.minutes for h in hours if (d := demand.get(h, {}).get(g)))
            den = sum(d.arrivals for h in hours if (d := demand.get(h, {}).get(g)))
            mins[g] = num / den if den else 10.0
        self.mean_minutes = mins
        self.people = sum(d.arrivals for h in hours for d in demand.get(h, {}).values())

    def cost(self, staff: Mapping[int, Sequence[tuple[str, ...]]]) -> float:
        """Expected mean wait (minutes) of the day's citizens; `staff`: hour -> the skills of
        every counter at the front that hour."""
        backlog = {g: 0.0 for g in self.groups}
        total = 0.0
        for h in self.hours:
            total += self._hour(h, staff[h], backlog)
        left_work = sum(backlog.values())
        if left_work > 0:  # served after closing by the counters of the last hour
            counters = max(1, len(staff[self.hours[-1]]))
            people = sum(b / self.mean_minutes[g] for g, b in backlog.items())
            total += people * left_work / counters / 2
        return total / self.people if self.people else 0.0

    def _hour(self, h: int, skills: Sequence[tuple[str, ...]], backlog: dict[str, float]) -> float:
        cap = self.open.get(h, 60.0)
        demand = self.demand.get(h, {})
        remaining = {g: backlog[g] + (d.arrivals * d.minutes if (d := demand.get(g)) else 0.0)
                     for g in self.groups}
        spare = [cap] * len(skills)
        given = {g: 0.0 for g in self.groups}  # counter minutes the group gets this hour
        servers = {g: 0.0 for g in self.groups}
        for rank in range(max((len(s) for s in skills), default=0)):
            for g in self.groups:
                able = [i for i, s in enumerate(skills) if len(s) > rank and s[rank] == g
                        and spare[i] > 0]
                if not able:
                    continue
                servers[g] += len(able) if rank == 0 else 0.5 * len(able)
                offer = sum(spare[i] for i in able)
                take = min(remaining[g], offer)
                for i in able:
                    spare[i] -= take * spare[i] / offer
                remaining[g] -= take
                given[g] += take
        cost = 0.0
        for g in self.groups:
            d = demand.get(g)
            before, after = backlog[g], remaining[g]
            backlog[g] = after
            if d is None or d.arrivals <= 0:
                continue
            rate = given[g] / cap  # counters' worth of work the group gets
            queue = (before + after) / 2 / rate if rate > 0 else cap * 4
            c = max(1, round(servers[g]))
            lam = d.arrivals / cap
            rho = min(lam * d.minutes / c, CONGESTED_RHO)
            cost += d.arrivals * (queue + mean_wait(rho * c / d.minutes, d.minutes, c))
        return cost


def _options(counter: StaffCounter) -> list[tuple[str, ...]]:
    """The declared skills, or one of the groups it may serve first, the declared after."""
    out = [counter.groups]
    for g in (*counter.groups[1:], *counter.can_serve):
        option = (g, *(x for x in counter.groups if x != g))
        if option not in out:
            out.append(option)
    return out


def plan_day(demand: Mapping[int, Mapping[str, Demand]], counters: Sequence[StaffCounter],
             reserves: Sequence[Reserve] = (), *, open_minutes: Mapping[int, float],
             target_wait: float = 5.0) -> DayPlan:
    """Plan the day: `demand` hour -> group -> Demand; `open_minutes` hour -> minutes the
    centre is open in it (which hours are open); `counters` at the front all day; `reserves`
    who may come for up to `max_hours` each; `target_wait`: the expected mean wait past which
    reserves are called (the fewest reserve hours that reach it, or the most useful)."""
    hours = tuple(sorted(h for h, m in open_minutes.items() if m > 0))
    model = _Model(hours, demand, open_minutes)
    base = {h: {c.number: c.groups for c in counters} for h in hours}
    extra: dict[int, dict[int, tuple[str, ...]]] = {h: {} for h in hours}  # reserves' skills

    def staff(plan) -> dict[int, list[tuple[str, ...]]]:
        return {h: [*plan[h].values(), *extra[h].values()] for h in hours}

    static = model.cost(staff(base))
    plan = _reskill(model, base, counters, staff)
    periods: list[ReservePeriod] = []
    for index, reserve in enumerate(reserves):
        current = model.cost(staff(plan))
        if current <= target_wait:
            break
        best = _best_window(model, plan, staff, extra, index, reserve, hours, target_wait)
        if best is None or best[0] > current * (1 - MIN_GAIN):
            continue
        period = best[1]
        periods.append(period)
        for h in hours:
            if period.start <= h < period.end:
                extra[h][-1 - index] = period.groups
    if periods:
        plan = _reskill(model, plan, counters, staff)
    return DayPlan(hours, {h: {**plan[h], **{-1 - p.reserve: p.groups for p in periods
                                             if p.start <= h < p.end}} for h in hours},
                   tuple(periods), model.cost(staff(plan)), static, dict(open_minutes))


def _reskill(model: _Model, plan, counters: Sequence[StaffCounter], staff):
    plan = {h: dict(v) for h, v in plan.items()}
    cost = model.cost(staff(plan))
    for _ in range(2):  # two sweeps: a later hour's move may make an earlier one worth it
        improved = False
        for h in model.hours:
            for counter in counters:
                options = _options(counter)
                if len(options) < 2:
                    continue
                kept = plan[h][counter.number]
                best = (cost, kept)
                for option in options:
                    if option == kept:
                        continue
                    plan[h][counter.number] = option
                    trial = model.cost(staff(plan))
                    if trial < best[0] * (1 - MIN_GAIN):
                        best = (trial, option)
                plan[h][counter.number] = best[1]
                if best[1] != kept:
                    cost, improved = best[0], True
        if not improved:
            break
    return plan


def _best_window(model: _Model, plan, staff, extra, index: int, reserve: Reserve,
                 hours: Sequence[int], target: float) -> tuple[float, ReservePeriod] | None:
    """The reserve's most useful window: the shortest that reaches `target`, else the one
    that cuts the expected wait most within `max_hours`."""
    longest = int(math.floor(reserve.max_hours + 1e-9))
    best: tuple[float, ReservePeriod] | None = None
    for length in range(1, longest + 1):
        for i in range(len(hours) - length + 1):
            window = hours[i:i + length]
            if window[-1] - window[0] != length - 1:
                continue  # one stretch: an officer is not called back after lunch
            minutes = sum(model.open.get(h, 60.0) for h in window)
            if minutes > reserve.max_hours * 60 + 1e-6:
                continue
            for g in reserve.groups:
                skills = (g, *(x for x in reserve.groups if x != g))
                for h in window:
                    extra[h][-1 - index] = skills
                cost = model.cost(staff(plan))
                for h in window:
                    del extra[h][-1 - index]
                if best is None or cost < best[0]:
                    best = (cost, ReservePeriod(index, window[0], window[-1] + 1, skills))
        if best is not None and best[0] <= target:
            return best  # the fewest hours that reach the target
    return best
