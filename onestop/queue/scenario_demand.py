"""What a ward expects of a scenario day before it opens: the arrivals per hour and group.

The day plan of `--staffing plan` (queue/supervise.py) is made from these rates — hourly share
x mix, plus the scenario's surges — never from the day's realised arrivals.
"""

from __future__ import annotations

from collections import defaultdict

from .catalog import Catalog
from .classify import prior_minutes
from .dayplan import Demand
from .rules import Rules
from .scenario import Scenario


def forecast_demand(scenario: Scenario, catalog: Catalog, rules: Rules
                    ) -> tuple[dict[int, dict[str, Demand]], dict[int, float]]:
    """The scenario's expected arrivals per hour and group (the rates, not a drawn day) and
    the open minutes of each hour: what a ward knows the evening before."""
    open_minutes: dict[int, float] = defaultdict(float)
    for o, c in scenario.open:
        start, end = o.hour * 60 + o.minute, c.hour * 60 + c.minute
        for h in range(o.hour, c.hour + 1):
            part = min(end, h * 60 + 60) - max(start, h * 60)
            if part > 0:
                open_minutes[h] += part
    if scenario.rate_per_hour is not None:
        per_hour = {h: scenario.rate_per_hour * m / 60 for h, m in open_minutes.items()}
    else:
        per_hour = {h: scenario.tickets_per_day * s for h, s in scenario.hourly_share.items()}
    work: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # group -> share, minutes
    for e in scenario.mix:
        service = catalog.service(e.service)
        sizes = range(e.count[0], e.count[1] + 1)
        mean = sum(prior_minutes(service, e.kind, n, rules) for n in sizes) / len(sizes)
        if e.minutes is not None:
            mean *= e.minutes / max(prior_minutes(service, e.kind, 1, rules), 1e-9)
        work[service.group][0] += e.share
        work[service.group][1] += e.share * mean
    demand: dict[int, dict[str, list[float]]] = defaultdict(dict)
    for h, n in per_hour.items():
        for g, (share, minutes) in work.items():
            demand[h][g] = [n * share, minutes / share]
    for surge in scenario.surges:
        start = surge.start.hour * 60 + surge.start.minute
        end = surge.end.hour * 60 + surge.end.minute
        share, minutes = work[surge.group]
        for h in range(surge.start.hour, surge.end.hour + 1):
            part = (min(end, h * 60 + 60) - max(start, h * 60)) / (end - start)
            if part > 0:
                entry = demand[h].setdefault(surge.group, [0.0, minutes / share])
                entry[0] += surge.tickets * part
    return ({h: {g: Demand(a, m) for g, (a, m) in gs.items()} for h, gs in demand.items()},
            dict(open_minutes))
