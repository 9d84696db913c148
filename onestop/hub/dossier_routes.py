"""The dossier register over the hub API (issue 17, docs/dossiers.md).

* `POST /api/dossiers {ticket_id, official_code?}` (counter: the citizen it is serving) → 201
  `{code, check, due_date, state, lookup_url, dossier}`; honours Idempotency-Key.
* `GET /api/dossiers?filter=open|due_today|overdue|due_soon|ready|all` (staff) → the list with
  a count per filter; `GET /api/dossiers/{code}` → one dossier with its history.
* `POST /api/dossiers/{code}/{supplement|resume|ready|return|reject|withdraw}` `{reason?}` and
  `POST /api/dossiers/{code}/apology {new_due_date, reason}` (counter, supervisor, admin).
* `POST /api/dossiers/{code}/slip {citizen_name?, phone?}` → the receipt PDF;
  `POST /api/dossiers/{code}/apology-slip {citizen_name?}` → the apology PDF (the name is
  printed, never stored).
* Public: `GET /api/public/dossiers/{code}?check=NNNN` (JSON) and `GET /lookup?code=&check=`
  (a page), rate-limited like the citizen page; a wrong check is the same 404 as an unknown code.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from . import dossiers
from .auth import Role, Station
from .deps import Auth, require
from .dossier_page import lookup_page
from .dossier_paper import apology_pdf, receipt_pdf
from .http_errors import error
from .idempotency import once

router = APIRouter()
STAFF = (Role.RECEPTION, Role.COUNTER, Role.SUPERVISOR, Role.ADMIN)
ACTORS = (Role.COUNTER, Role.SUPERVISOR, Role.ADMIN)
Code = Annotated[str, Path(min_length=1, max_length=40)]
IdemKey = Annotated[str | None, Header(max_length=200)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReceiveBody(_Body):
    ticket_id: str = Field(min_length=1, max_length=64)
    official_code: str | None = Field(None, max_length=64)


class ActionBody(_Body):
    reason: str | None = Field(None, max_length=300)


class ApologyBody(_Body):
    new_due_date: str = Field(min_length=10, max_length=10, examples=["2026-12-10"])
    reason: str = Field(min_length=1, max_length=300)


class SlipBody(_Body):
    citizen_name: str = Field("", max_length=120)
    phone: str = Field("", max_length=20)


def lookup_url(hub, code: str, check: str) -> str:
    """Central's public lookup page when the hub is enrolled, else the hub's own."""
    query = urlencode({"code": code, "check": check})
    central = hub.outbox.link().central_url
    base = central.rstrip("/") if central else hub.public_base
    return f"{base}/lookup?{query}"


def _acting(hub, st: Station):
    officer = hub.store.counter(st.counter).officer if st.role == Role.COUNTER else None
    return hub.store.acting(station=st.name, role=str(st.role), officer=officer)


@router.post("/api/dossiers", status_code=201)
def receive(body: ReceiveBody, request: Request, st: Auth, idempotency_key: IdemKey = None):
    require(st, Role.COUNTER)
    hub = request.app.state.hub

    def command() -> dict:
        with _acting(hub, st):
            row = dossiers.receive(hub.store, body.ticket_id, st.counter, hub.ward()["ward_code"],
                                   body.official_code)
        return {"code": row["code"], "check": row["check_digits"], "due_date": row["due_date"],
                "state": row["state"], "lookup_url": lookup_url(hub, row["code"],
                                                                row["check_digits"]),
                "dossier": dossiers.view(hub.store, row)}

    return once(hub.store, st, idempotency_key, command)


@router.get("/api/dossiers")
def listing(request: Request, st: Auth,
            filter: Annotated[str, Query(max_length=20)] = "open") -> dict:
    require(st, *STAFF)
    return dossiers.listing(request.app.state.hub.store, filter)


@router.get("/api/dossiers/{code}")
def one(code: Code, request: Request, st: Auth) -> dict:
    require(st, *STAFF)
    hub = request.app.state.hub
    row = dossiers.get(hub.store, code)
    return {**dossiers.view(hub.store, row), "history": dossiers.history(hub.store, row["code"]),
            "lookup_url": lookup_url(hub, row["code"], row["check_digits"])}


@router.post("/api/dossiers/{code}/apology")
def apology(code: Code, body: ApologyBody, request: Request, st: Auth,
            idempotency_key: IdemKey = None):
    require(st, *ACTORS)
    hub = request.app.state.hub

    def command() -> dict:
        with _acting(hub, st):
            row = dossiers.apologise(hub.store, code, body.new_due_date, body.reason)
        return dossiers.view(hub.store, row)

    return once(hub.store, st, idempotency_key, command)


@router.post("/api/dossiers/{code}/slip", response_class=Response,
             responses={200: {"content": {"application/pdf": {}}}})
def slip(code: Code, body: SlipBody, request: Request, st: Auth) -> Response:
    require(st, *ACTORS)
    hub = request.app.state.hub
    row = dossiers.get(hub.store, code)
    pdf = receipt_pdf(hub, row, lookup_url(hub, row["code"], row["check_digits"]),
                      body.citizen_name, body.phone, _officer(hub, st))
    return Response(pdf, media_type="application/pdf")


@router.post("/api/dossiers/{code}/apology-slip", response_class=Response,
             responses={200: {"content": {"application/pdf": {}}}})
def apology_slip(code: Code, body: SlipBody, request: Request, st: Auth) -> Response:
    require(st, *ACTORS)
    hub = request.app.state.hub
    row = dossiers.get(hub.store, code)
    pdf = apology_pdf(hub, row, dossiers.history(hub.store, row["code"]), body.citizen_name,
                      _officer(hub, st))
    return Response(pdf, media_type="application/pdf")


def _officer(hub, st: Station) -> str:
    from .admin import officer

    username = hub.store.counter(st.counter).officer if st.role == Role.COUNTER else None
    return officer(hub.store, username)["display_name"] if username else ""


@router.post("/api/dossiers/{code}/{action}")
def act(code: Code, action: Literal["supplement", "resume", "ready", "return", "reject",
                                    "withdraw"],
        request: Request, st: Auth, body: ActionBody | None = None,
        idempotency_key: IdemKey = None):
    require(st, *ACTORS)
    hub = request.app.state.hub
    reason = body.reason if body else None

    def command() -> dict:
        with _acting(hub, st):
            row = dossiers.act(hub.store, code, action, reason)
        return dossiers.view(hub.store, row)

    return once(hub.store, st, idempotency_key, command)


# --- public ------------------------------------------------------------------------------------
def _limited(request: Request) -> Response | None:
    from .pages import citizen_limiter

    limiter = citizen_limiter(request)
    client = request.client.host if request.client else "?"
    if limiter.allow(client):
        return None
    wait = limiter.retry_after(client)
    answer = error(429, "too_many_requests", f"too many requests; wait {wait} s",
                   f"Quá nhiều yêu cầu; vui lòng đợi {wait} giây")
    answer.headers["Retry-After"] = str(wait)
    return answer


@router.get("/api/public/dossiers/{code}")
def public(code: Code, request: Request,
           check: Annotated[str, Query(max_length=8)] = ""):
    if (refused := _limited(request)) is not None:
        return refused
    return dossiers.public_lookup(request.app.state.hub.store, code, check)


@router.get("/lookup", include_in_schema=False)
def page(request: Request, code: Annotated[str, Query(max_length=40)] = "",
         check: Annotated[str, Query(max_length=8)] = "",
         lang: Annotated[Literal["vi", "en"], Query()] = "vi") -> Response:
    if (refused := _limited(request)) is not None:
        return refused
    return lookup_page(request.app.state.hub, code, check, lang)
