"""Finding tickets by what people say: "số A023, hôm nay". A number repeats every day (numbers
reset at local midnight), so a lookup is always within one service day.

`GET /api/tickets?number=A023&day=today&status=waiting` lists the matching tickets of that day
in issue order. The supervisor's "move a ticket" dialog uses it to turn a number into a ticket
id and to offer the waiting tickets to choose from.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from onestop.queue.errors import InvalidRequest
from onestop.queue.numbering import service_day

from .auth import Role
from .deps import Auth, require
from .ticket_views import ticket_for

router = APIRouter()

Status = Literal["waiting", "called", "serving", "parked", "done", "no_show", "cancelled"]


def parse_day(text: str, store) -> str:
    if text == "today":
        return service_day(store.clock(), store.rules.timezone).isoformat()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InvalidRequest("invalid_day", f"day must be 'today' or YYYY-MM-DD, got {text!r}",
                             "Ngày phải là 'today' hoặc dạng YYYY-MM-DD") from None


@router.get("/api/tickets")
def find_tickets(request: Request, st: Auth,
                 number: Annotated[str | None, Query(max_length=16)] = None,
                 day: Annotated[str, Query(max_length=10)] = "today",
                 status: Status | None = None,
                 limit: Annotated[int, Query(ge=1, le=2000)] = 500) -> dict:
    # The display has no business reading tickets; every desk that handles citizens may.
    require(st, Role.RECEPTION, Role.COUNTER, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    store = hub.store
    wanted_day = parse_day(day, store)
    wanted = "".join(number.split()).upper() if number else None
    found = [t for t in store.tickets_of_day(wanted_day)
             if (wanted is None or t.number.upper() == wanted)
             and (status is None or str(t.status) == status)]
    return {"day": wanted_day, "tickets": [ticket_for(st.role, t, hub) for t in found[:limit]]}
