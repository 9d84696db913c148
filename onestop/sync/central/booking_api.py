"""Booking's JSON API on central (docs/booking.md):

* public: `GET /api/public/slots?hub_id=…&day=YYYY-MM-DD[&group=…]`,
  `POST /api/public/bookings {hub_id, group, day, slot: "HH:MM", phone}` → 201,
  `DELETE /api/public/bookings/{code}?phone=…`;
* hub token: `GET /api/hub/bookings?from=DAY&to=DAY` with a strong ETag (304 on If-None-Match).

Errors are JSON `{code, message, message_vi}`. Every public call is rate-limited per client
address (onestop/ratelimit.py): writes at `central.booking_rate`, reads at 6 times that.
"""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from onestop.ratelimit import RateLimiter

from .bookings import BookingError, parse_day
from .qr_svg import qr_svg

router = APIRouter()
MAX_BODY = 4096


def limiters(app) -> tuple[RateLimiter, RateLimiter]:
    if not hasattr(app.state, "booking_limits"):
        rate, per = app.state.central.booking_rate
        app.state.booking_limits = (RateLimiter(rate, per), RateLimiter(rate * 6, per))
    return app.state.booking_limits


def client(request: Request) -> str:
    return request.client.host if request.client else "?"


def check_rate(request: Request, write: bool) -> None:
    limiter = limiters(request.app)[0 if write else 1]
    if not limiter.allow(client(request)):
        wait = limiter.retry_after(client(request))
        raise SlowDown(wait)


class SlowDown(BookingError):
    def __init__(self, wait: int) -> None:
        super().__init__(429, "slow_down", f"too many requests from this address; wait {wait} s",
                         f"Quá nhiều yêu cầu từ địa chỉ này; vui lòng đợi {wait} giây")
        self.wait = wait


def answer(exc: BookingError) -> JSONResponse:
    headers = {"Retry-After": str(exc.wait)} if isinstance(exc, SlowDown) else None
    return JSONResponse(exc.to_dict(), status_code=exc.status, headers=headers)


def bad_body(en: str, vi: str) -> BookingError:
    return BookingError(422, "invalid", en, vi)


@router.get("/api/public/slots")
async def public_slots(request: Request):
    central = request.app.state.central
    try:
        check_rate(request, write=False)
        q = request.query_params
        day = parse_day(q.get("day"))
        return await run_in_threadpool(central.bookings.slots, q.get("hub_id"), day,
                                       q.get("group"))
    except BookingError as exc:
        return answer(exc)


@router.post("/api/public/bookings")
async def public_book(request: Request):
    central = request.app.state.central
    try:
        check_rate(request, write=True)
        raw = await request.body()
        if len(raw) > MAX_BODY:
            raise BookingError(413, "too_large", "request body too large", "Yêu cầu quá lớn")
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            raise bad_body("the body must be JSON", "Nội dung phải là JSON") from None
        if not isinstance(body, dict):
            raise bad_body("the body must be a JSON object", "Nội dung phải là đối tượng JSON")
        unknown = sorted(set(body) - {"hub_id", "group", "day", "slot", "phone"})
        if unknown:
            raise bad_body(f"unknown field {unknown[0]!r}", f"Trường lạ {unknown[0]!r}")
        done = await run_in_threadpool(central.bookings.book, body.get("hub_id"),
                                       body.get("group"), body.get("day"), body.get("slot"),
                                       body.get("phone"))
    except BookingError as exc:
        return answer(exc)
    done.pop("ward_en", None)
    return JSONResponse({**done, "qr": qr_svg(done["code"])}, status_code=201)


@router.delete("/api/public/bookings/{code}")
async def public_cancel(code: str, request: Request):
    central = request.app.state.central
    try:
        check_rate(request, write=True)
        return await run_in_threadpool(central.bookings.cancel, code,
                                       request.query_params.get("phone"))
    except BookingError as exc:
        return answer(exc)


@router.get("/api/hub/bookings")
async def hub_bookings(request: Request):
    from .app import etag_matches, hub_identity

    hub = await hub_identity(request)
    central = request.app.state.central
    try:
        q = request.query_params
        start = parse_day(q.get("from"))
        end = parse_day(q.get("to") or q.get("from"))
        rows = await run_in_threadpool(central.bookings.for_hub, hub.hub_id, start, end)
    except BookingError as exc:
        return answer(exc)
    body = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
