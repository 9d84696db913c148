"""Who comes to the ward on a simulated day: drawn from the scenario before any policy acts.

When citizens come, what for, how long their case really takes and whether they answer the
call are drawn here with seeded streams (one per day, one for bookings, one per surge), so
every policy and staffing mode faces exactly the same people (common random numbers).
"""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace

from .catalog import Catalog
from .classify import prior_minutes
from .model import Kind
from .rules import Rules
from .scenario import Scenario


@dataclass(frozen=True)
class Citizen:
    """One arrival as drawn from the scenario, before any policy acts."""

    at: float  # minutes since FIRST_DAY 00:00 local
    service: str
    kind: Kind
    count: int
    priority: str | None
    true_minutes: float  # what the service will really take
    no_show: bool
    slot: float | None = None  # booked: the slot's start (minutes, as `at`); None: walk-in
    late: bool = False  # booked but came past the late limit: a walk-in number instead
    absent: bool = False  # booked and never came (released as a no-show)

    @property
    def place(self) -> float:
        """Where the citizen stands in line: a checked-in booking from its slot's start."""
        return max(self.at, self.slot) if self.slot is not None and not self.late else self.at


def _draw_minutes(rng: random.Random, mean: float, scenario: Scenario) -> float:
    if scenario.distribution == "fixed" or scenario.cv == 0:
        return mean
    if scenario.distribution == "exponential":
        return rng.expovariate(1 / mean)
    sigma2 = math.log(1 + scenario.cv ** 2)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def _arrival_times(rng: random.Random, scenario: Scenario, day: int) -> list[float]:
    base = day * 1440.0
    spans = [(o.hour * 60 + o.minute, c.hour * 60 + c.minute) for o, c in scenario.open]
    times: list[float] = []
    if scenario.rate_per_hour is not None:
        for start, end in spans:
            t = start + rng.expovariate(scenario.rate_per_hour / 60)
            while t < end:
                times.append(base + t)
                t += rng.expovariate(scenario.rate_per_hour / 60)
        return times
    for hour, share in scenario.hourly_share.items():
        # The hour's share arrives over the part of that hour the centre is open.
        parts = [(max(s, hour * 60), min(e, hour * 60 + 60)) for s, e in spans]
        parts = [(a, b) for a, b in parts if b > a]
        length = sum(b - a for a, b in parts)
        n = _poisson(rng, scenario.tickets_per_day * share)
        for _ in range(n):
            x = rng.uniform(0, length)
            for a, b in parts:
                if x < b - a:
                    times.append(base + a + x)
                    break
                x -= b - a
    return sorted(times)


def _poisson(rng: random.Random, mean: float) -> int:
    if mean > 50:  # normal approximation; exact enough for a day's count
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def draw_citizens(scenario: Scenario, catalog: Catalog, rules: Rules, day: int,
                  seed: int) -> list[Citizen]:
    """Everyone who comes on `day`; the same for every policy (seeded by scenario and day)."""
    rng = random.Random(f"{seed}:{day}")
    weights = [e.share for e in scenario.mix]
    citizens = [_citizen(rng, at, rng.choices(scenario.mix, weights)[0], scenario, catalog,
                         rules) for at in _arrival_times(rng, scenario, day)]
    for i, surge in enumerate(scenario.surges):  # a stream of its own: the rest is unchanged
        srng = random.Random(f"{seed}:{day}:surge:{i}")
        entries = [e for e in scenario.mix if catalog.service(e.service).group == surge.group]
        start = day * 1440.0 + surge.start.hour * 60 + surge.start.minute
        end = day * 1440.0 + surge.end.hour * 60 + surge.end.minute
        for _ in range(_poisson(srng, surge.tickets)):
            citizens.append(_citizen(srng, srng.uniform(start, end), srng.choices(
                entries, [e.share for e in entries])[0], scenario, catalog, rules))
        citizens.sort(key=lambda who: who.at)
    if scenario.booked_share > 0:
        citizens = _book(citizens, scenario, catalog, rules, day, seed)
    return citizens


def _citizen(rng: random.Random, at: float, entry, scenario: Scenario, catalog: Catalog,
             rules: Rules) -> Citizen:
    count = rng.randint(*entry.count)
    service = catalog.service(entry.service)
    prior = prior_minutes(service, entry.kind, count, rules)
    mean = prior
    if entry.minutes is not None:  # the scenario's true pace differs from the catalogue
        mean = entry.minutes * prior / max(prior_minutes(service, entry.kind, 1, rules), 1e-9)
    return Citizen(at, entry.service, entry.kind, count,
                   "elderly" if rng.random() < scenario.priority_share else None,
                   max(0.1, _draw_minutes(rng, mean, scenario)),
                   rng.random() < scenario.no_show_share)


def _book(citizens: list[Citizen], scenario: Scenario, catalog: Catalog, rules: Rules,
          day: int, seed: int) -> list[Citizen]:
    """Some citizens book the slot holding the time they would have come (the next one with
    a place left when it is full), then come around its start (early or late,
    `punctuality_*`), or never. A slot of a group takes `booked_share_cap` of what the
    counters serving the group get through in it (`booking.capacity`). Drawn from a stream
    of their own, so the people are the same as on the day without bookings."""
    rng = random.Random(f"{seed}:{day}:booking")
    length = scenario.slot_minutes
    opens = day * 1440.0 + scenario.open[0][0].hour * 60 + scenario.open[0][0].minute
    closes = day * 1440.0 + scenario.open[-1][1].hour * 60 + scenario.open[-1][1].minute
    group_of = {who.service: catalog.service(who.service).group for who in citizens}
    minutes: dict[str, list[float]] = defaultdict(list)
    for who in citizens:
        minutes[group_of[who.service]].append(who.true_minutes)
    serving = {g: sum(g in c.groups for c in scenario.counters) for g in minutes}
    capacity = {g: max(1, math.floor(scenario.booked_share_cap * length * serving[g]
                                     / statistics.fmean(xs))) for g, xs in minutes.items()}
    taken: dict[tuple[str, float], int] = defaultdict(int)
    out = []
    for who in citizens:
        if rng.random() >= scenario.booked_share:
            out.append(who)
            continue
        group = group_of[who.service]
        slot = day * 1440.0 + math.floor((who.at - day * 1440.0) / length) * length
        while taken[(group, slot)] >= capacity[group] and slot + length < closes:
            slot += length
        if taken[(group, slot)] >= capacity[group]:  # the day is fully booked: walks in
            out.append(who)
            continue
        taken[(group, slot)] += 1
        absent = rng.random() < scenario.booked_no_show_share
        arrive = slot + rng.gauss(scenario.punctuality_mean, scenario.punctuality_sd)
        # Too early is told to come back at the check-in window's opening.
        arrive = max(arrive, slot - rules.booking_early_minutes, opens)
        late = arrive > slot + rules.booking_late_minutes
        out.append(replace(who, at=arrive, slot=slot, late=late, absent=absent))
    return out
