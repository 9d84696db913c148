"""Dossier progress and feedback on central (issue 17, docs/central.md):

* public: `GET /api/public/dossiers/{code}?check=NNNN` (an unknown code and a wrong check get
  the same 404 `dossier_not_found`), `POST /api/public/feedback {dossier_code, check, kind,
  text, want_reply, phone}` → 201 `{feedback_id}`; both rate-limited per client address
  (the lookup page shares the lookup limiter), 429 `slow_down` with Retry-After;
* hub token: `GET /api/hub/inbox?after=ID` (onestop/sync/central/inbox.py).

Errors are JSON `{code, message, message_vi}`.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from onestop.ratelimit import RateLimiter
from onestop.sync.protocol import INBOX_PATH

from .booking_api import SlowDown, answer, client
from .bookings import BookingError
from .dossiers import LookupError_

router = APIRouter()
MAX_BODY = 8192  # 2,000 characters of Vietnamese are up to ~6 KB of UTF-8
_FEEDBACK_FIELDS = {"dossier_code", "check", "kind", "text", "want_reply", "phone"}


def _limiters(app) -> tuple[RateLimiter, RateLimiter]:
    if not hasattr(app.state, "lookup_limits"):
        central = app.state.central
        app.state.lookup_limits = (RateLimiter(*central.lookup_rate),
                                   RateLimiter(*central.feedback_rate))
    return app.state.lookup_limits


def check_lookup_rate(request: Request, feedback: bool = False) -> None:
    limiter = _limiters(request.app)[1 if feedback else 0]
    if not limiter.allow(client(request)):
        raise SlowDown(limiter.retry_after(client(request)))


@router.get("/api/public/dossiers/{code}")
async def public_dossier(code: str, request: Request):
    central = request.app.state.central
    try:
        check_lookup_rate(request)
        return await run_in_threadpool(central.dossiers.lookup, code,
                                       request.query_params.get("check"))
    except BookingError as exc:
        return answer(exc)


@router.post("/api/public/feedback")
async def public_feedback(request: Request):
    central = request.app.state.central
    try:
        check_lookup_rate(request, feedback=True)
        raw = await request.body()
        if len(raw) > MAX_BODY:
            raise LookupError_(413, "too_large", "request body too large", "Yêu cầu quá lớn")
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            raise LookupError_(422, "invalid", "the body must be JSON",
                               "Nội dung phải là JSON") from None
        if not isinstance(body, dict):
            raise LookupError_(422, "invalid", "the body must be a JSON object",
                               "Nội dung phải là đối tượng JSON")
        unknown = sorted(set(body) - _FEEDBACK_FIELDS)
        if unknown:
            raise LookupError_(422, "invalid", f"unknown field {unknown[0]!r}",
                               f"Trường lạ {unknown[0]!r}")
        done = await run_in_threadpool(central.dossiers.send_feedback, body)
    except BookingError as exc:
        return answer(exc)
    return JSONResponse(done, status_code=201)


@router.get(INBOX_PATH)
async def hub_inbox(request: Request):
    from .app import ApiError, hub_identity

    hub = await hub_identity(request)
    raw = request.query_params.get("after", "0") or "0"
    if not raw.isdigit() or len(raw) > 18:
        raise ApiError(400, "bad_request", "after must be an item id (integer >= 0)")
    central = request.app.state.central
    return await run_in_threadpool(central.inbox.page, hub.hub_id, int(raw))
