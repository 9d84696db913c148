"""Numbers for people deciding: the estimate shown at reception before issuing, and the
supervisor's live load per group and counter with the day's counts by hour."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from onestop.queue.classify import classify
from onestop.queue.estimate import capacity_for, estimate_from_work
from onestop.queue.model import Kind
from onestop.queue.numbering import service_day, zone
from onestop.queue.operations import IssueRequest, check_issue_request

from .auth import Role
from .deps import Auth, require
from .store import HubStore

router = APIRouter()


def preview(store: HubStore, req: IssueRequest) -> dict:
    """What a ticket for this request would get now: complexity, minutes, people ahead, wait."""
    service = check_issue_request(req, store.catalog, store.rules)
    kind = Kind(req.kind)
    c = classify(service, kind, req.count, store.rules, store.observed(service.code, kind))
    people, work = store._work_ahead(service.group, req.priority is not None)
    estimate = estimate_from_work(people, work, capacity_for(service.group, store.counters()))
    return {"service": service.code, "group": service.group, "complexity": str(c.complexity),
            "expected_minutes": c.expected_minutes, "people_ahead": people,
            "estimate": estimate.to_dict()}


def _minutes(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    return (datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds() / 60


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def day_stats(store: HubStore) -> dict:
    now = store.clock()
    tz = zone(store.rules.timezone)
    today = service_day(now, store.rules.timezone)
    tickets = store.tickets_of_day(today.isoformat())
    counters = store.counters()
    groups = []
    for g in store.catalog.groups:
        mine = [t for t in tickets if t.group == g.id]
        waiting = [t for t in mine if t.status == "waiting"]
        done = [t for t in mine if t.status == "done"]
        people, work = len(waiting), sum(t.expected_minutes for t in waiting)
        groups.append({
            "id": g.id, "name_vi": g.name_vi, "name_en": g.name_en, "waiting": people,
            "longest_wait_minutes": round(max((t.waited_minutes(now) for t in waiting),
                                              default=0.0), 1),
            "expected_wait": estimate_from_work(people, work,
                                                capacity_for(g.id, counters)).to_dict(),
            "served": len(done), "issued": len(mine),
            "no_show": sum(t.status == "no_show" for t in mine),
            "mean_wait_minutes": _mean([m for t in mine if t.called_at
                                        for m in [t.waited_minutes(now)]]),
            "mean_service_minutes": _mean([m for t in done for m in [_minutes(
                t.started_at and t.started_at.isoformat(),
                t.finished_at and t.finished_at.isoformat())] if m is not None]),
        })
    per_counter = []
    for c in counters:
        done = [t for t in tickets if t.counter == c.number and t.status == "done"]
        per_counter.append({
            "number": c.number, "label_vi": c.label_vi, "status": str(c.status),
            "officer": c.officer, "skills": list(c.skills), "fast_lane": c.fast_lane,
            "current": c.current, "served": len(done),
            "mean_service_minutes": _mean([(t.finished_at - t.started_at).total_seconds() / 60
                                           for t in done if t.started_at and t.finished_at]),
        })
    start = datetime.combine(today, datetime.min.time(), tz)
    by_hour = {h: 0 for h in range(7, 18)}
    for t in tickets:
        hour = int((t.issued_at - start) / timedelta(hours=1))
        by_hour[hour] = by_hour.get(hour, 0) + 1
    return {"day": today.isoformat(), "now": now.isoformat(), "groups": groups,
            "counters": per_counter, "issued_by_hour": [{"hour": h, "issued": n}
                                                        for h, n in sorted(by_hour.items())],
            "totals": {"issued": len(tickets),
                       "served": sum(t.status == "done" for t in tickets),
                       "waiting": sum(t.status == "waiting" for t in tickets),
                       "no_show": sum(t.status == "no_show" for t in tickets)}}


@router.get("/api/estimate")
def estimate(request: Request, st: Auth,
             service: Annotated[str, Query(min_length=1, max_length=64)],
             kind: Literal["guidance", "submit", "supplement", "collect"] = "submit",
             count: Annotated[int, Query(ge=1, le=500)] = 1,
             priority: Annotated[str | None, Query(max_length=32)] = None) -> dict:
    require(st, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN)
    return preview(request.app.state.hub.store,
                   IssueRequest(service, kind, count, priority or None))


@router.get("/api/stats")
def stats(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    return day_stats(request.app.state.hub.store)
