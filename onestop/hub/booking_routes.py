"""Booked numbers over the hub API (issue 16, docs/booking.md).

* `POST /api/check-in {code}` (reception, kiosk, supervisor, admin) → 201 with a normal
  ticket of the group's sequence, `channel: "booked"`; 409 `booking_too_early` (details:
  `come_back_at`), `booking_late` (reception offers a walk-in number), `booking_used`,
  `booking_cancelled`; 422 `booking_invalid` (another ward's code, altered or mistyped).
  Works with no internet.
* `GET /api/bookings?day=today` — the day's bookings for reception and the supervisor.
* `GET /api/admin/slots`, `PUT /api/admin/slots/{group}` `{capacity, slot_minutes?,
  days_ahead?, booked_share?}` — the ward's slot settings (admin), central's model
  (queue/booking_slots.py: floor(capacity × booked_share) places a slot, capacity 0 = no
  booking), checked by the same `check_settings` (422 `invalid_slots` with `field`); a change
  goes to central as a `booking.slots_set` event.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from onestop.queue.booking_slots import check_settings
from onestop.queue.model import Kind

from . import bookings
from .auth import Role
from .deps import Auth, require
from .idempotency import once
from .ticket_lookup import parse_day
from .ticket_views import ticket_for

router = APIRouter()


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckInBody(_Body):
    code: str = Field(min_length=1, max_length=64, examples=["7K2M-9QX4-TPAB-XY3Z"])
    service: str | None = Field(None, min_length=1, max_length=64)
    kind: Kind = Kind.SUBMIT


@router.post("/api/check-in", status_code=201)
def check_in(body: CheckInBody, request: Request, st: Auth,
             idempotency_key: Annotated[str | None, Header(max_length=200)] = None):
    require(st, Role.RECEPTION, Role.KIOSK, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    # A reception PC retrying after a lost answer gets its ticket back, not `booking_used`.
    return once(hub.store, st, idempotency_key, lambda: _check_in(hub, st, body))


def _check_in(hub, st, body: CheckInBody) -> dict:
    store = hub.store
    with store.acting(station=st.name, role=str(st.role)):
        issued, booking = bookings.check_in(store, body.code, service=body.service,
                                            kind=body.kind)
    t = issued.ticket
    return {"ticket": ticket_for(st.role, t, hub), "number": t.number,
            "complexity": str(t.complexity), "expected_minutes": t.expected_minutes,
            "people_ahead": issued.estimate.people_ahead if issued.estimate else 0,
            "estimate": issued.estimate.to_dict() if issued.estimate else None,
            "public_url": hub.public_url(t.token), "booking": booking, "replayed": False}


@router.get("/api/bookings")
def day_bookings(request: Request, st: Auth,
                 day: Annotated[str, Query(max_length=10)] = "today") -> dict:
    require(st, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN)
    store = request.app.state.hub.store
    wanted = parse_day(day, store)
    with store.write():
        store._begin_use_case()  # bookings past their late limit are released first
    items = bookings.day_bookings(store, wanted)
    counts: dict[str, int] = {}
    for item in items:
        counts[item["state"]] = counts.get(item["state"], 0) + 1
    return {"day": wanted, "bookings": items, "counts": counts,
            "early_minutes": store.rules.booking_early_minutes,
            "late_minutes": store.rules.booking_late_minutes}


@router.get("/api/admin/slots")
def get_slots(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    store = request.app.state.hub.store
    settings = bookings.slot_settings(store)
    return {"groups": [{"group": g.id, "name_vi": g.name_vi, "name_en": g.name_en,
                        **settings[g.id].to_dict(), "places": settings[g.id].places}
                       for g in store.catalog.groups]}


@router.put("/api/admin/slots/{group}")
def put_slots(group: Annotated[str, Path(min_length=1, max_length=64)],
              body: Annotated[dict, Body(examples=[{"capacity": 8, "slot_minutes": 30,
                                                    "days_ahead": 6, "booked_share": 0.5}])],
              request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    store = request.app.state.hub.store
    with store.acting(station=st.name, role=str(st.role)):
        saved = bookings.set_slots(store, group, check_settings(body, strict=True))
    return {"group": group, **saved.to_dict(), "places": saved.places}
