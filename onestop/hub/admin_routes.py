"""The administration API (docs/administration.md): set-up, officers, counters, ward,
catalogue and stations. Each write is one use case of hub/admin.py, ward.py or
catalog_admin.py, run inside `store.acting(...)` so its event records who did it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from . import admin, catalog_admin, ward
from .auth import Role, Station
from .deps import Auth, require

router = APIRouter()

Username = Annotated[str, Path(min_length=1, max_length=64)]
CounterNumber = Annotated[int, Path(ge=1, le=999)]
Pin = Field(min_length=1, max_length=64)  # the rule itself (digits, length) is the use case's


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OfficerBody(_Body):
    username: str = Field(min_length=1, max_length=64)
    pin: str = Pin
    display_name: str = Field("", max_length=200)


class RenameBody(_Body):
    display_name: str = Field(min_length=1, max_length=200)


class PinBody(_Body):
    pin: str = Pin


class NewCounter(_Body):
    number: int | None = Field(None, ge=1, le=999)
    label_vi: str = Field(min_length=1, max_length=200)
    label_en: str = Field(min_length=1, max_length=200)
    skills: list[str] = Field(min_length=1, max_length=20)
    fast_lane: bool = False


class HoursBody(_Body):
    days: list[int] = Field(max_length=7)
    open: str = Field(max_length=5)
    close: str = Field(max_length=5)


class WardBody(_Body):
    name_vi: str | None = Field(None, max_length=400)
    name_en: str | None = Field(None, max_length=400)
    office_name_vi: str | None = Field(None, max_length=400)
    office_name_en: str | None = Field(None, max_length=400)
    address_vi: str | None = Field(None, max_length=400)
    address_en: str | None = Field(None, max_length=400)
    notice_vi: str | None = Field(None, max_length=600)
    notice_en: str | None = Field(None, max_length=600)
    hours: list[HoursBody] | None = Field(None, max_length=14)
    policy: str | None = Field(None, max_length=16)  # the calling order: smart or fifo


class SetupBody(_Body):
    ward: WardBody
    counters: list[NewCounter] = Field([], max_length=99)
    officer: OfficerBody | None = None


class ServicePatch(_Body):
    enabled: bool | None = None
    minutes: float | None = Field(None, gt=0, le=480)
    checklist_vi: list[str] | None = Field(None, max_length=50)
    checklist_en: list[str] | None = Field(None, max_length=50)
    fee_vi: str | None = Field(None, max_length=300)
    fee_en: str | None = Field(None, max_length=300)
    result_vi: str | None = Field(None, max_length=300)
    result_en: str | None = Field(None, max_length=300)


def _hub(request: Request):
    return request.app.state.hub


def _acting(request: Request, st: Station):
    return _hub(request).store.acting(station=st.name, role=str(st.role))


def _pin_rule(request: Request) -> int:
    return _hub(request).settings.pin_min_length


def _ward_body(body: WardBody) -> dict:
    return body.model_dump(exclude_none=True)


# --- first-run set-up ---------------------------------------------------------------------------
@router.get("/api/setup")
def get_setup(request: Request, st: Auth) -> dict:
    return ward.setup_status(_hub(request).store)


@router.post("/api/setup")
def post_setup(body: SetupBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    hub = _hub(request)
    data = {"ward": _ward_body(body.ward),
            "counters": [c.model_dump() for c in body.counters],
            "officer": body.officer.model_dump() if body.officer else None}
    with _acting(request, st):
        return ward.run_setup(hub.store, data, hub.ward_defaults, _pin_rule(request))


# --- officers -----------------------------------------------------------------------------------
@router.get("/api/officers")
def list_officers(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    low, high = admin.pin_rule(_pin_rule(request))
    return {"officers": admin.officers(_hub(request).store),
            "pin": {"min_length": low, "max_length": high}}


@router.post("/api/officers", status_code=201)
def add_officer(body: OfficerBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.add_officer(_hub(request).store, body.username, body.display_name,
                                 body.pin, _pin_rule(request))


@router.patch("/api/officers/{username}")
def rename_officer(username: Username, body: RenameBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.rename_officer(_hub(request).store, username, body.display_name)


@router.post("/api/officers/{username}/pin")
def reset_pin(username: Username, body: PinBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.reset_pin(_hub(request).store, username, body.pin, _pin_rule(request))


@router.post("/api/officers/{username}/{change}")
def officer_active(username: Username, change: Annotated[str, Path(pattern="^(disable|enable)$")],
                   request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.set_officer_active(_hub(request).store, username, change == "enable")


# --- counters -----------------------------------------------------------------------------------
@router.post("/api/counters", status_code=201)
def add_counter(body: NewCounter, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        c = admin.add_counter(_hub(request).store, **body.model_dump())
    return {"number": c.number, "label_vi": c.label_vi, "label_en": c.label_en,
            "skills": list(c.skills), "fast_lane": c.fast_lane, "status": str(c.status)}


@router.delete("/api/counters/{number}")
def remove_counter(number: CounterNumber, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.remove_counter(_hub(request).store, number)


# --- ward ---------------------------------------------------------------------------------------
@router.get("/api/ward")
def get_ward(request: Request, st: Auth) -> dict:
    return _hub(request).ward()


@router.put("/api/ward")
def put_ward(body: WardBody, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    hub = _hub(request)
    with _acting(request, st):
        ward.set_ward(hub.store, _ward_body(body), hub.ward_defaults)
    return hub.ward()


# --- catalogue ----------------------------------------------------------------------------------
@router.put("/api/catalog")
def put_catalog(body: dict, request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        new = catalog_admin.import_catalog(_hub(request).store, body)
    return {"version": new.version, "services": len(new.services)}


@router.get("/api/catalog/export")
def export_catalog(request: Request, st: Auth) -> Response:
    require(st, Role.ADMIN)
    import json

    doc = catalog_admin.export(_hub(request).store)
    return Response(json.dumps(doc, ensure_ascii=False, indent=1), media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="catalog.json"'})


@router.patch("/api/catalog/services/{code}")
def patch_service(code: Annotated[str, Path(min_length=1, max_length=64)], body: ServicePatch,
                  request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    changes = body.model_dump(exclude_none=True)
    with _acting(request, st):
        return catalog_admin.edit_service(_hub(request).store, code, changes)


# --- stations -----------------------------------------------------------------------------------
@router.get("/api/stations")
def list_stations(request: Request, st: Auth) -> list[dict]:
    require(st, Role.ADMIN)
    return admin.stations(_hub(request).store)


@router.post("/api/stations/{station_id}/revoke")
def revoke_station(station_id: Annotated[str, Path(min_length=1, max_length=64)],
                   request: Request, st: Auth) -> dict:
    require(st, Role.ADMIN)
    with _acting(request, st):
        return admin.revoke_station(_hub(request).store, station_id, st.id)
