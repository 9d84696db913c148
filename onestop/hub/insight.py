"""Numbers for people deciding: the estimate shown at reception before issuing, and the
supervisor's live load per group and counter with the day's counts by hour."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from onestop.queue.daystats import Spread, wait_minutes
from onestop.queue.daystats import day_stats as compute_day
from onestop.queue.model import Channel, Kind, Ticket
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest, check_issue_request, draft_ticket
from onestop.queue.staffing import THRESHOLD_MINUTES, room_suggestions

from .auth import Role
from .deps import Auth, require
from .store import HubStore

router = APIRouter()


def preview(store: HubStore, req: IssueRequest) -> dict:
    """What a ticket for this request would get now: the very ticket issuing would draft
    (classification, number, place in line) and its forecast, so the receptionist reads
    the wait the paper will print."""
    service = check_issue_request(req, store.catalog, store.rules)
    with store.reading():
        now = store.clock()
        day = service_day(now, store.rules.timezone).isoformat()
        ticket = draft_ticket(req, catalog=store.catalog, rules=store.rules, now=now,
                              last_seq=store.last_seq(service.group, day),
                              observed=store.observed(service.code, str(req.kind)),
                              ticket_id="preview")
        estimate = store.forecaster.wait(ticket, now)
    return {"service": service.code, "group": service.group,
            "complexity": str(ticket.complexity), "expected_minutes": ticket.expected_minutes,
            "people_ahead": estimate.people_ahead, "estimate": estimate.to_dict()}


def day_stats(store: HubStore) -> dict:
    """The supervisor's view of today; the figures come from the same DayStats as the daily
    report, so screen and paper always agree."""
    now = store.clock()
    today = service_day(now, store.rules.timezone)
    tickets = store.tickets_of_day(today.isoformat())
    stats = compute_day(today, tickets, store.rules.timezone)
    counters = store.counters()
    groups = []
    for g in store.catalog.groups:
        mine = [t for t in tickets if t.group == g.id]
        waiting = [t for t in mine if t.status == "waiting"]
        groups.append({
            "id": g.id, "name_vi": g.name_vi, "name_en": g.name_en, "waiting": len(waiting),
            "longest_wait_minutes": round(max((t.waited_minutes(now) for t in waiting),
                                              default=0.0), 1),
            "expected_wait": store.forecaster.group(g.id, now).to_dict(),
            "served": sum(t.status == "done" for t in mine), "issued": len(mine),
            "no_show": stats.no_show_by_group.get(g.id, 0),
            "mean_wait_minutes": stats.wait_by_group.get(g.id, Spread()).mean,
            "mean_service_minutes": stats.service_by_group.get(g.id, Spread()).mean,
        })
    per_counter = []
    for c in counters:
        service = stats.service_by_counter.get(c.number, Spread())
        per_counter.append({
            "number": c.number, "label_vi": c.label_vi, "status": str(c.status),
            "officer": c.officer, "skills": list(c.skills), "fast_lane": c.fast_lane,
            "current": c.current, "served": service.n,
            "mean_service_minutes": service.mean,
        })
    by_hour = {h: 0 for h in range(7, 18)}
    for hour, per_group in stats.by_hour_group.items():
        by_hour[hour] = sum(per_group.values())
    return {"day": today.isoformat(), "now": now.isoformat(), "groups": groups,
            "counters": per_counter, "issued_by_hour": [{"hour": h, "issued": n}
                                                        for h, n in sorted(by_hour.items())],
            "totals": {"issued": stats.issued, "served": stats.served,
                       "waiting": stats.waiting_left, "no_show": stats.no_show},
            "booking": booked_and_walk_in(tickets)}


def booked_and_walk_in(tickets: list[Ticket]) -> dict:
    """Today's booked numbers against walk-ins (issue 16): how many, the booked share of the
    numbers issued (percent), and each side's mean wait of those called so far. A booked
    citizen's wait counts from their place in line (the slot's start when they came early),
    as the routing and the daily report count it."""
    booked = [t for t in tickets if t.channel == Channel.BOOKED]
    walk_in = [t for t in tickets if t.channel != Channel.BOOKED]

    def mean_wait(group: list[Ticket]) -> float | None:
        return Spread.of(m for t in group if (m := wait_minutes(t)) is not None).mean

    return {"booked": len(booked), "walk_in": len(walk_in),
            "booked_share": round(100 * len(booked) / len(tickets), 1) if tickets else None,
            "booked_mean_wait_minutes": mean_wait(booked),
            "walk_in_mean_wait_minutes": mean_wait(walk_in)}


@router.get("/api/estimate")
def estimate(request: Request, st: Auth,
             service: Annotated[str, Query(min_length=1, max_length=64)],
             kind: Kind = Kind.SUBMIT,
             count: Annotated[int, Query(ge=1, le=500)] = 1,
             priority: Annotated[str | None, Query(max_length=32)] = None) -> dict:
    require(st, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN)
    return preview(request.app.state.hub.store,
                   IssueRequest(service, kind, count, priority or None))


@router.get("/api/stats")
def stats(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    return day_stats(request.app.state.hub.store)


def suggestions(store: HubStore) -> dict:
    """Staffing suggestions for the supervisor: staffing.room_suggestions over the live
    queue, the very function the simulator's `--staffing suggest` follows."""
    now = store.clock()
    waiting, counters, current = store.forecast_inputs()
    found = room_suggestions(waiting, counters, current, now, store.rules, store.policy)
    names = {g.id: g for g in store.catalog.groups}
    items = []
    for s in found:
        item = s.to_dict()
        group = names.get(s.group)
        vi, en = (group.name_vi, group.name_en) if group else (s.group, s.group)
        before, after = item["before_minutes"], item["after_minutes"]
        if before is None:  # no open counter serves the group yet
            item["message_vi"] = f"Mở quầy {s.counter} phục vụ {vi} (chưa quầy nào phục vụ): " \
                                 f"chờ dự kiến {after} phút"
            item["message_en"] = f"Open counter {s.counter} for {en} (no counter serves it): " \
                                 f"expected wait {after} min"
        elif s.action == "open":
            item["message_vi"] = f"Mở quầy {s.counter} phục vụ {vi}: chờ dự kiến {before} → " \
                                 f"{after} phút"
            item["message_en"] = f"Open counter {s.counter} for {en}: expected wait {before} → " \
                                 f"{after} min"
        else:
            item["message_vi"] = f"Quầy {s.counter} hỗ trợ {vi}: chờ dự kiến {before} → " \
                                 f"{after} phút"
            item["message_en"] = f"Counter {s.counter} helps with {en}: expected wait " \
                                 f"{before} → {after} min"
        items.append(item)
    return {"now": now.isoformat(), "threshold_minutes": THRESHOLD_MINUTES, "suggestions": items}


@router.get("/api/suggestions")
def staffing_suggestions(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    return suggestions(request.app.state.hub.store)
