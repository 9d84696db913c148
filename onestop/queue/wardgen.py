"""Random ward days for checking policies on scenarios nobody tuned them on.

A generated day has a random procedure mix (services, kinds, sizes, true pace differing from the
catalogue by up to +-40%), 3-12 counters whose primary skills follow each group's share of the
work and whose secondary skills chain them together (docs/domain.md), a noisy version of the
default hourly profile, and a ticket volume set so that the day's offered work is `load` times
the staffed counter-minutes.
"""

from __future__ import annotations

import random

from .catalog import Catalog, default_catalog
from .classify import prior_minutes
from .model import Kind
from .rules import Rules
from .scenario import Scenario, parse_scenario

PROFILE = {8: 0.18, 9: 0.20, 10: 0.16, 11: 0.08, 13: 0.10, 14: 0.14, 15: 0.10, 16: 0.04}
OPEN_MINUTES = 480


def random_scenario(seed: int, load: float | None = None, counters: int | None = None,
                    days: int = 5, catalog: Catalog | None = None,
                    staffing: bool = False) -> Scenario:
    """A random ward day. `staffing` adds what issue 19 needs (drawn from a stream of its
    own, so the rest of the day is unchanged): each counter may be re-skilled to one or two
    more groups, one or two reserve officers (1-3 hours, 5-20 minutes' notice), and a surge
    in one group (an extra 15-40% of its work in one or two morning or afternoon hours)."""
    rng = random.Random(seed)
    catalog = catalog or default_catalog()
    rules = Rules()
    load = load if load is not None else rng.uniform(0.6, 0.95)
    n = counters if counters is not None else rng.randint(3, 12)
    services = rng.sample(catalog.services, rng.randint(6, len(catalog.services)))
    mix, work = [], {}
    for s in services:
        kind = rng.choice([Kind.SUBMIT, Kind.SUBMIT, Kind.SUBMIT, Kind.COLLECT, Kind.SUPPLEMENT,
                           Kind.GUIDANCE])
        count = [1, rng.choice([1, 1, 3, 10])]
        share = rng.uniform(0.2, 1.0)
        pace = rng.uniform(0.6, 1.4)
        minutes = round(prior_minutes(s, kind, 1, rules) * pace, 2)
        mean = pace * sum(prior_minutes(s, kind, c, rules)
                          for c in range(count[0], count[1] + 1)) / (count[1] - count[0] + 1)
        mix.append({"service": s.code, "kind": str(kind), "share": share, "count": count,
                    "minutes": minutes})
        work[s.group] = work.get(s.group, 0.0) + share * mean
    total_share = sum(e["share"] for e in mix)
    mean_minutes = sum(work.values()) / total_share
    groups = sorted(work, key=work.get, reverse=True)
    plans = _counters(rng, groups, work, n)
    # No-shows hold a counter ~2 minutes; leave them out: the load is the served work.
    per_day = load * n * OPEN_MINUTES / mean_minutes
    profile = {str(h): round(s * rng.uniform(0.7, 1.3), 3) for h, s in PROFILE.items()}
    doc = {"name": f"random-{seed}", "seed": seed, "days": days,
           "open": [["08:00", "12:00"], ["13:00", "17:00"]],
           "arrivals": {"tickets_per_day": round(per_day, 1), "hourly_share": profile},
           "mix": mix,
           "service_time": {"distribution": "lognormal", "cv": round(rng.uniform(0.4, 1.0), 2)},
           "priority_share": round(rng.uniform(0.03, 0.12), 3),
           "no_show_share": round(rng.uniform(0.0, 0.05), 3),
           "counters": plans}
    if staffing:
        _staffing(random.Random(f"{seed}:staffing"), doc, groups, work, per_day, total_share)
    return parse_scenario(doc, f"random-{seed}", catalog)


def _staffing(rng: random.Random, doc: dict, groups: list[str], work: dict[str, float],
              per_day: float, total_share: float) -> None:
    for plan in doc["counters"]:
        others = [g for g in groups if g not in plan["groups"]]
        if others:
            plan["can_serve"] = rng.sample(others, min(len(others), rng.randint(1, 2)))
    doc["reserve"] = [{"groups": rng.sample(groups, min(len(groups), rng.randint(2, 3))),
                       "max_hours": rng.choice([1, 2, 2, 3]), "notice_min": rng.choice(
                           [5, 10, 15, 20])} for _ in range(rng.randint(1, 2))]
    group = rng.choice(groups[:3])  # one of the big groups floods
    share = sum(e["share"] for e in doc["mix"] if _group_of(e["service"]) == group)
    start = rng.choice([8, 9, 13, 14])
    doc["surges"] = [{"group": group, "from": f"{start:02d}:00",
                      "to": f"{start + rng.randint(1, 2):02d}:00",
                      "tickets": round(per_day * share / total_share * rng.uniform(.15, .4), 1)}]


def _group_of(code: str) -> str:
    return default_catalog().service(code).group


def _counters(rng: random.Random, groups: list[str], work: dict[str, float],
              n: int) -> list[dict]:
    """Primary skills in proportion to work (every group gets at least a secondary), the
    secondary skill the next group in a chain, so that every pair of neighbours shares one."""
    total = sum(work.values())
    primaries: list[str] = []
    quota = {g: work[g] / total * n for g in groups}
    for g in groups:
        primaries += [g] * int(quota[g])
    # A group with under one counter of work is a secondary skill; the biggest get the rest.
    by_rest = sorted(groups, key=lambda g: quota[g] - int(quota[g]), reverse=True)
    primaries += by_rest[:n - len(primaries)]
    primaries = primaries[:n]
    missing = [g for g in groups if g not in primaries]
    plans = []
    for i, primary in enumerate(primaries):
        chain = groups[(groups.index(primary) + 1) % len(groups)]
        skills = [primary] + ([chain] if chain != primary else [])
        if missing:  # groups too small for a counter of their own ride along as a 3rd skill
            extra = missing[i % len(missing)]
            if extra not in skills:
                skills.append(extra)
        plans.append({"id": i + 1, "groups": skills, "fast_lane": i == 0 and rng.random() < .5})
    served = {g for p in plans for g in p["groups"]}
    for j, g in enumerate(g for g in groups if g not in served):  # more groups than counters
        plans[j % len(plans)]["groups"].append(g)
    return plans
