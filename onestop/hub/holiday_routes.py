"""The ward's working-day calendar over the hub API (docs/dossiers.md, "Holidays").

* `GET /api/holidays` (staff) → `{holidays: [{day, name_vi, name_en, origin}]}`.
* `POST /api/holidays {day, name_vi, name_en?}` (admin) → 201, a ward's own day off.
* `DELETE /api/holidays/{day}` (admin) → the removed day; 404 `unknown_holiday`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from . import holidays
from .auth import Role
from .deps import Auth, require

router = APIRouter()


class HolidayBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    day: str = Field(min_length=1, max_length=10, examples=["2026-12-24"])
    name_vi: str = Field(min_length=1, max_length=80)
    name_en: str = Field("", max_length=80)


@router.get("/api/holidays")
def listing(request: Request, st: Auth) -> dict:
    require(st, Role.RECEPTION, Role.COUNTER, Role.SUPERVISOR, Role.ADMIN)
    return {"holidays": holidays.holidays(request.app.state.hub.store)}


@router.post("/api/holidays", status_code=201)
def add(body: HolidayBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    store = request.app.state.hub.store
    with store.acting(station=st.name, role=str(st.role)):
        return holidays.add_holiday(store, body.day, body.name_vi, body.name_en)


@router.delete("/api/holidays/{day}")
def remove(day: Annotated[str, Path(max_length=10)], request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    store = request.app.state.hub.store
    with store.acting(station=st.name, role=str(st.role)):
        return holidays.remove_holiday(store, day)
