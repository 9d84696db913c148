"""Collecting a result (trả kết quả) at the ward, docs/dossiers.md "Collecting a result".

The citizen shows the receipt; reception scans its QR or types the dossier code and the hub
issues a "Nhận kết quả" ticket (service `local.result`, kind collect) linked to that dossier in
`dossier_collect`. The counter that calls the ticket sees the linked code, and Done on it marks
the dossier returned in the same transaction as the ticket's Done (HubStore.act calls
`returned_on_done`), so the dossier's event to central and the ticket's go out together.

* `POST /api/dossiers/{code}/collect {priority?}` (reception, supervisor, admin) → 201 the
  ticket as `POST /api/tickets` answers it, plus `dossier`; a dossier that already has an open
  collect ticket gets that ticket back (200, `replayed`); a dossier not ready yet is 409
  `dossier_not_ready` "Hồ sơ chưa có kết quả, hẹn ngày …" and no ticket is issued.
* `GET /api/tickets/{ticket_id}/dossier` (staff) → the dossier a collect ticket is linked to
  (404 `dossier_not_found` for any other ticket).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from onestop.queue import dossier as ds
from onestop.queue.errors import TransitionError
from onestop.queue.model import Kind, Status, Ticket
from onestop.queue.operations import IssueRequest

from . import dossiers
from .auth import Role
from .deps import Auth, require
from .rows import utc_text
from .store import HubStore
from .ticket_views import ticket_for

RESULT_SERVICE = "local.result"  # "Nhận kết quả": the catalogue's results procedure
_OPEN_TICKET = (str(Status.WAITING), str(Status.CALLED), str(Status.SERVING),
                str(Status.PARKED))
router = APIRouter()
Code = Annotated[str, Path(min_length=1, max_length=40)]


def promised_day(row: dict) -> date:
    """The day the citizen was told: the apology's new date when there is one, else the due
    date (the one fact the receipt and the apology slip printed)."""
    return date.fromisoformat(row["apology_due_date"] or row["due_date"])


def not_ready(row: dict) -> TransitionError:
    state = row["state"]
    if state in (ds.RECEIVED, ds.PROCESSING, ds.SUPPLEMENT_REQUESTED):
        day = promised_day(row)
        return TransitionError(
            "dossier_not_ready", f"dossier {row['code']} has no result yet; due {day}",
            f"Hồ sơ chưa có kết quả, hẹn ngày {day:%d/%m/%Y}", dossier=row["code"],
            due_date=day.isoformat(), service=row["service"], state=state)
    return TransitionError(
        "dossier_closed", f"dossier {row['code']} is {state}: nothing to collect",
        f"Hồ sơ {row['code']} ở trạng thái “{ds.STATE_VI[state]}”, không có kết quả chờ trả",
        dossier=row["code"], state=state)


def issue_collect(store: HubStore, code: str, priority: str | None = None):
    """Issue (or find) the collect ticket of a ready dossier: (Issued, dossier row)."""
    from .store import Issued

    code = ds.normal_code(code)
    with store.write() as db:
        now = store.clock()
        row = dossiers.get(store, code)
        if row["state"] != ds.RESULT_READY:
            raise not_ready(row)
        marks = ", ".join("?" * len(_OPEN_TICKET))
        held = db.execute(f"SELECT c.ticket_id FROM dossier_collect c JOIN tickets t ON "
                          f"t.id = c.ticket_id WHERE c.code = ? AND t.status IN ({marks})",
                          [code, *_OPEN_TICKET]).fetchone()
        if held is not None:  # a second scan reprints the same number, never a second one
            ticket = store.ticket(held[0])
            return Issued(ticket, store.forecaster.wait(ticket, now), replayed=True), row
        issued = store.issue(IssueRequest(RESULT_SERVICE, Kind.COLLECT, 1, priority))
        db.execute("INSERT INTO dossier_collect (ticket_id, code, issued_at) VALUES (?, ?, ?)",
                   [issued.ticket.id, code, utc_text(now)])
        return issued, row


def linked_code(store: HubStore, ticket_id: str) -> str | None:
    with store.reading() as db:
        found = db.execute("SELECT code FROM dossier_collect WHERE ticket_id = ?",
                           [ticket_id]).fetchone()
    return found[0] if found else None


def returned_on_done(store: HubStore, ticket: Ticket) -> None:
    """Inside the ticket's Done transaction: its linked dossier, if ready, is returned."""
    code = linked_code(store, ticket.id)
    if code is not None and dossiers.get(store, code)["state"] == ds.RESULT_READY:
        dossiers.act(store, code, "return")


STRIP_LIMIT = 40  # the lobby strip's codes: the oldest results waiting first, then the rest


def short_code(code: str) -> str:
    """The lobby's short form of a dossier code: the day and sequence without the ward
    ("CUANAM-261207-0001" → "261207-0001"); the lobby is the ward's own."""
    return code.split("-", 1)[-1]


def ready_codes(store: HubStore) -> list[str]:
    """The results waiting to be collected, for the lobby display's "Đã có kết quả" strip:
    short codes only (no procedure, no name), the longest-waiting first."""
    with store.reading() as db:
        rows = db.execute("SELECT code FROM dossiers WHERE state = ? ORDER BY ready_at, code "
                          "LIMIT ?", [ds.RESULT_READY, STRIP_LIMIT]).fetchall()
    return [short_code(r[0]) for r in rows]


class CollectBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    priority: str | None = Field(None, max_length=40)


@router.post("/api/dossiers/{code}/collect", status_code=201)
def collect(code: Code, request: Request, st: Auth, response: Response,
            body: CollectBody | None = None) -> dict:
    require(st, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    with hub.store.acting(station=st.name, role=str(st.role)):
        result, row = issue_collect(hub.store, code, (body or CollectBody()).priority)
    if result.replayed:
        response.status_code = 200
    t = result.ticket
    return {"ticket": ticket_for(st.role, t, hub), "number": t.number,
            "complexity": str(t.complexity), "expected_minutes": t.expected_minutes,
            "people_ahead": result.estimate.people_ahead if result.estimate else 0,
            "estimate": result.estimate.to_dict() if result.estimate else None,
            "public_url": hub.public_url(t.token), "replayed": result.replayed,
            "dossier": dossiers.view(hub.store, row)}


@router.get("/api/tickets/{ticket_id}/dossier")
def ticket_dossier(ticket_id: Annotated[str, Path(max_length=64)], request: Request,
                   st: Auth) -> dict:
    require(st, Role.RECEPTION, Role.COUNTER, Role.SUPERVISOR, Role.ADMIN)
    store = request.app.state.hub.store
    code = linked_code(store, ticket_id)
    if code is None:
        raise ds.not_found(ticket_id)
    return dossiers.view(store, dossiers.get(store, code))
