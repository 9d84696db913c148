"""Feedback cases, the city's notices and the ward's recommendations over the hub API (issue 17
parts 6-7, docs/feedback.md). The supervisor window is the client; supervisor and admin only.

* `GET /api/feedback/cases?state=active|closed|all` → `{today, cases, counts, overdue}`;
  `GET /api/feedback/cases/{id}` → the case with its history.
* `POST /api/feedback/cases/{id}/take {owner, note?}` (owner: an active officer's username),
  `/note {note}`, `/close {resolution}` (the phone is erased) → the case's state, owner and
  dates (no text, no phone: the answer is kept for a retry); 409 `case_closed`
  on a closed case, 404 `unknown_case` / `unknown_officer`, 422 on a bad text.
* `GET /api/notices` → the city's notices; `GET /api/recommendations`,
  `POST /api/recommendations {subject, text}` → 201 (delivered to central by the outbox).
* The city's inbox is pulled by the sync worker every 5 minutes, at once on "Đồng bộ ngay"
  (`POST /api/sync/now`), or by `onestop sync inbox`.

The citizen's own form is on the ticket page (`POST /t/{token}/feedback`, hub/feedback_page.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from . import dialogue, feedback
from .auth import Role
from .deps import Auth, require
from .idempotency import once

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**53)]
# A window retrying after a lost answer gets the first answer back, not a second note or a
# second recommendation (hub/idempotency.py).
Key = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TakeBody(_Body):
    owner: str = Field(min_length=1, max_length=64, examples=["lan.nguyen"])
    note: str | None = Field(None, max_length=1000)


class NoteBody(_Body):
    note: str = Field(min_length=1, max_length=1000)


class CloseBody(_Body):
    resolution: str = Field(min_length=1, max_length=1000)


class RecommendationBody(_Body):
    subject: str = Field(min_length=1, max_length=dialogue.MAX_SUBJECT)
    text: str = Field(min_length=1, max_length=dialogue.MAX_BODY)


def _store(request: Request):
    return request.app.state.hub.store


def _supervise(st) -> None:
    require(st, Role.SUPERVISOR, Role.ADMIN)


@router.get("/api/feedback/cases")
def list_cases(request: Request, st: Auth,
               state: Annotated[Literal["active", "closed", "all"], Query()] = "active") -> dict:
    _supervise(st)
    return feedback.cases(_store(request), state)


@router.get("/api/feedback/cases/{case_id}")
def get_case(case_id: CaseId, request: Request, st: Auth) -> dict:
    _supervise(st)
    return feedback.case(_store(request), case_id)


def _act(request: Request, st, key: str | None, case_id: int, action: str, **kw) -> dict:
    _supervise(st)
    store = _store(request)

    def command() -> dict:
        with store.acting(station=st.name, role=str(st.role)):
            feedback.act(store, case_id, action, **kw)
        # The answer is remembered for a retry (command_log): never the citizen's text or
        # phone there, which must go when the case closes. The window reads the case again.
        case = feedback.case(store, case_id)
        return {k: case[k] for k in ("id", "source", "kind", "state", "owner", "owner_name",
                                     "due_date", "overdue", "opened_at", "closed_at")}

    return once(store, st, key, command)


@router.post("/api/feedback/cases/{case_id}/take")
def take_case(case_id: CaseId, body: TakeBody, request: Request, st: Auth,
              idempotency_key: Key = None) -> dict:
    return _act(request, st, idempotency_key, case_id, "take", owner=body.owner,
                note=body.note)


@router.post("/api/feedback/cases/{case_id}/note")
def note_case(case_id: CaseId, body: NoteBody, request: Request, st: Auth,
              idempotency_key: Key = None) -> dict:
    return _act(request, st, idempotency_key, case_id, "note", note=body.note)


@router.post("/api/feedback/cases/{case_id}/close")
def close_case(case_id: CaseId, body: CloseBody, request: Request, st: Auth,
               idempotency_key: Key = None) -> dict:
    return _act(request, st, idempotency_key, case_id, "close", note=body.resolution)


@router.get("/api/notices")
def list_notices(request: Request, st: Auth) -> dict:
    _supervise(st)
    return {"notices": dialogue.notices(_store(request))}


@router.get("/api/recommendations")
def list_recommendations(request: Request, st: Auth) -> dict:
    _supervise(st)
    return {"recommendations": dialogue.recommendations(_store(request))}


@router.post("/api/recommendations", status_code=201)
def send_recommendation(body: RecommendationBody, request: Request, st: Auth,
                        idempotency_key: Key = None) -> dict:
    _supervise(st)
    store = _store(request)

    def command() -> dict:
        with store.acting(station=st.name, role=str(st.role)):
            return dialogue.send_recommendation(store, body.subject, body.text)

    return once(store, st, idempotency_key, command)
