"""The daily report from the hub's database: `GET /api/report?date=D[&format=pdf|csv|xlsx]`
for the supervisor window's button, and the inputs `onestop report` (commands/report.py) renders
too. (The receipt of a dossier is printed from the dossier register: hub/dossier_routes.py.)"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from onestop.printing.exports import rows_for_export, to_csv, to_xlsx
from onestop.printing.report import ReportInput, render_report
from onestop.queue import booking as bk
from onestop.queue.centre import OpeningHours
from onestop.queue.daystats import day_stats
from onestop.queue.model import ticket_to_dict
from onestop.queue.numbering import service_day, zone
from onestop.queue.routing import POLICY_WORDS, policy_name

from .auth import Role
from .deps import Auth, require
from .dossiers import day_counts as dossier_day_counts
from .feedback import day_counts as case_day_counts
from .planning import plan_vs_actual, stored_plan
from .store import HubStore

router = APIRouter()
WEEKS_BACK = 4


def report_input(store: HubStore, day: date, ward_name: str, office_name: str = "",
                 hours: tuple[OpeningHours, ...] | None = None) -> ReportInput:
    """`hours`: the ward's opening hours, to make the day's plan when none was stored (without
    them only a stored plan is compared, issue 19)."""
    tz = store.rules.timezone
    with store.reading() as db:
        released = db.execute("SELECT count(*) FROM bookings WHERE day = ? AND status = ?",
                              [day.isoformat(), bk.RELEASED]).fetchone()[0]
    stats = day_stats(day, store.tickets_of_day(day.isoformat()), tz, booking_no_shows=released)
    previous = [day_stats(d, store.tickets_of_day(d.isoformat()), tz)
                for d in (day - timedelta(weeks=k) for k in range(1, WEEKS_BACK + 1)
                          if day.toordinal() > 7 * k)]  # year 1 has no weeks before it
    officers = {}
    with store.reading() as db:
        for username, name in db.execute("SELECT username, display_name FROM officers"):
            officers[username] = name
    return ReportInput(
        ward_name=ward_name, office_name=office_name, stats=stats,
        previous=[p for p in previous if p.issued],
        group_names={g.id: g.name_vi for g in store.catalog.groups},
        counter_names={c.number: c.label_vi for c in store.counters()},
        officer_names=officers, generated_at=store.clock().astimezone(zone(tz)),
        cases=case_day_counts(store, day.isoformat()), dossiers=dossier_day_counts(store, day),
        policy_vi=POLICY_WORDS.get(policy_name(store), ("", ""))[0],
        plan=_plan(store, day, hours, stats.wait_all.mean))


def _plan(store: HubStore, day: date, hours, mean_wait) -> dict | None:
    """The morning's plan against the day; none for a day the calendar cannot plan (weeks of
    history before year 1, or a day after 9999-12-31: a report asked for a far day)."""
    if hours is None and stored_plan(store, day) is None:
        return None
    try:
        return plan_vs_actual(store, day, hours, mean_wait)
    except OverflowError:
        return None


def export_rows(store: HubStore, day: date) -> list[dict]:
    return rows_for_export([ticket_to_dict(t) for t in store.tickets_of_day(day.isoformat())],
                           {s.code: s.name_vi for s in store.catalog.services},
                           {g.id: g.name_vi for g in store.catalog.groups},
                           store.rules.timezone)


@router.get("/api/report", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def report(request: Request, st: Auth,
           day: Annotated[date | None, Query(alias="date")] = None,
           format: Literal["pdf", "csv", "xlsx"] = "pdf") -> Response:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    store = hub.store
    day = day or service_day(store.clock(), store.rules.timezone)
    name = f"bao-cao-{day.isoformat()}"
    if format == "pdf":
        data = report_input(store, day, hub.ward_name_vi, hub.office_name_vi, hub.opening_hours)
        body, media = render_report(data), "application/pdf"
    elif format == "csv":
        body, media = to_csv(export_rows(store, day)), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(export_rows(store, day))
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{format}"'})
