"""`GET /api/plan?day=D[&format=pdf]` (supervisor, admin): the plan for a day, tomorrow by
default (hub/planning.py); `GET /api/staffing` and `PUT /api/staffing` (admin; the supervisor
may read): the ward's staffing settings the plan uses."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Request, Response

from onestop.printing.dayplan_paper import PlanPaper, render_plan
from onestop.queue.numbering import service_day, zone

from .auth import Role
from .deps import Auth, require
from .planning import plan_for_day, save_staffing, staffing_settings

router = APIRouter()


@router.get("/api/plan", responses={200: {"content": {"application/pdf": {}}}})
def get_plan(request: Request, st: Auth, day: Annotated[date | None, Query()] = None,
             format: Literal["json", "pdf"] = "json"):
    require(st, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    store = hub.store
    day = day or service_day(store.clock(), store.rules.timezone) + timedelta(days=1)
    plan = plan_for_day(store, day, hub.opening_hours)
    if format == "json":
        return plan
    pdf = render_plan(PlanPaper(
        plan, hub.ward_name_vi, {g.id: g.name_vi for g in store.catalog.groups},
        store.clock().astimezone(zone(store.rules.timezone))))
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="ke-hoach-{day.isoformat()}.pdf"'})


@router.get("/api/staffing")
def get_staffing(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    return staffing_settings(request.app.state.hub.store)


@router.put("/api/staffing")
def put_staffing(request: Request, st: Auth, body: Annotated[dict, Body()]) -> dict:
    require(st, Role.ADMIN)
    return save_staffing(request.app.state.hub.store, body)
