"""Central's HTTP API (protocol v1, onestop/sync/protocol.py) and the dashboard routes.

Every error is JSON `{code, message}` (ErrorAnswer) with a 4xx status: FastAPI's own 422 and
404 included. The batch body is read and validated here rather than by FastAPI, so a batch
that is too big is 413 and a malformed one 400 `bad_batch`, as the protocol says.
"""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from onestop import __version__
from onestop.ratelimit import RateLimiter
from onestop.sync.protocol import (
    CATALOG_PATH,
    ENROL_PATH,
    EVENTS_PATH,
    HUBS_PATH,
    MAX_BATCH_BYTES,
    MAX_BATCH_EVENTS,
    PROTOCOL_VERSION,
    STATUS_PATH,
    Batch,
    EnrolAnswer,
    EnrolRequest,
    ErrorAnswer,
    SyncStatusAnswer,
)

from .auth import EnrolRefused, HubIdentity
from .ingest import BadBatch

log = logging.getLogger(__name__)
# Enrolment is the one call central answers without a token: 10 refused codes a minute per
# address is plenty for IT staff mistyping one and makes guessing (31^12 codes) hopeless. Only
# refusals are charged, so test rigs and a city enrolling many wards are never slowed.
ENROL_RATE, ENROL_PER_S = 10, 60.0


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(ErrorAnswer(code=code, message=message).model_dump(),
                        status_code=status, headers=headers)


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _unauthorised(message: str) -> ApiError:
    return ApiError(401, "unauthorised", message, {"WWW-Authenticate": "Bearer"})


async def hub_identity(request: Request) -> HubIdentity:
    central = request.app.state.central
    token = bearer(request)
    if token is None:
        raise _unauthorised("missing hub token (Authorization: Bearer)")
    hub = await run_in_threadpool(central.auth.hub_for, token)
    if hub is None:
        raise _unauthorised("unknown or revoked hub token; enrol the hub again")
    return hub


async def require_admin(request: Request, token: str | None) -> None:
    if not token or not await run_in_threadpool(request.app.state.central.auth.is_admin, token):
        raise _unauthorised("admin token needed (onestop central token)")


def _declared_json(request: Request) -> None:
    """A batch is JSON: a body declared as anything else (form, text, XML) is refused before it
    is read. No Content-Type at all is read as JSON (curl without -H)."""
    declared = request.headers.get("content-type")
    if declared is None:
        return
    media = declared.partition(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise ApiError(415, "unsupported_media_type",
                       f"a batch is sent as application/json, not {media or 'an empty type'}")


async def _body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it passes MAX_BATCH_BYTES."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BATCH_BYTES:
        raise ApiError(413, "too_large", f"request body over {MAX_BATCH_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BATCH_BYTES:
            raise ApiError(413, "too_large", f"request body over {MAX_BATCH_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _batch(body: bytes) -> Batch:
    try:
        raw = json.loads(body)
    except UnicodeDecodeError:  # before ValueError, its base class
        raise ApiError(400, "bad_batch", "body is not valid UTF-8") from None
    except ValueError:
        raise ApiError(400, "bad_batch", "body is not JSON") from None
    except RecursionError:  # [[[[... 100k deep: json's C parser gives up, it is not a 500
        raise ApiError(400, "bad_batch", "body is nested too deeply") from None
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_batch", "body must be a JSON object (a Batch)")
    events = raw.get("events")
    if isinstance(events, list) and len(events) > MAX_BATCH_EVENTS:
        raise ApiError(413, "too_large",
                       f"{len(events)} events in one batch; at most {MAX_BATCH_EVENTS}")
    try:
        batch = Batch.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "batch"
        raise ApiError(400, "bad_batch", f"{where}: {first['msg']}") from None
    if batch.protocol != PROTOCOL_VERSION:
        raise ApiError(400, "bad_batch", f"unknown protocol {batch.protocol}; this central "
                       f"speaks {PROTOCOL_VERSION}")
    if not all(isinstance(e, dict) for e in batch.events):
        raise ApiError(400, "bad_batch", "every event must be a JSON object")
    return batch


def create_app(central) -> FastAPI:
    app = FastAPI(title="onestop central", version=__version__,
                  description="Receives hub event batches (sync protocol v1), serves the "
                              "catalogue and the city dashboard.")
    app.state.central = central
    app.state.enrol_limiter = RateLimiter(ENROL_RATE, ENROL_PER_S)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"]) or "request"
        return error(422, "invalid", f"{where}: {first['msg']}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        # A body FastAPI could not parse (POST /api/enrol): say why instead of a bare 400.
        if isinstance(exc.__cause__, UnicodeDecodeError):
            return error(400, "bad_encoding", "the request body is not valid UTF-8")
        if isinstance(exc.__cause__, RecursionError):
            return error(400, "too_deep", "the JSON body is nested too deeply")
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception):
        # Still a 500 (a bug to fix), but JSON with a code like every other answer.
        log.exception("unexpected error")
        return error(500, "internal_error", "unexpected error; see the central log")

    @app.get("/api/health")
    async def health() -> dict:
        return {"status": "ok", "version": __version__, "protocol": PROTOCOL_VERSION}

    @app.post(ENROL_PATH, response_model=EnrolAnswer)
    async def enrol(body: EnrolRequest, request: Request):
        limiter, client = app.state.enrol_limiter, request.client.host if request.client else "?"
        # The attempt takes a token first (parallel guesses never share one free token) and
        # gives it back when the code is accepted: only refusals are charged.
        if not limiter.allow(client):
            wait = limiter.retry_after(client)
            raise ApiError(429, "too_many_attempts", f"too many refused enrolment codes from "
                           f"this address; wait {wait} s", {"Retry-After": str(wait)})
        try:
            done = await run_in_threadpool(central.auth.enrol, body.code, body.hub_id,
                                           body.version, body.ward_code)
        except EnrolRefused as exc:
            raise ApiError(exc.status, exc.code, exc.message) from None
        except BaseException:
            limiter.refund(client)
            raise
        limiter.refund(client)
        return EnrolAnswer(hub_id=done.hub_id, ward=done.ward, token=done.token,
                           acked=done.acked, booking_key=done.booking_key)

    @app.post(EVENTS_PATH)
    async def events(request: Request):
        hub = await hub_identity(request)
        _declared_json(request)
        batch = _batch(await _body(request))
        if batch.hub_id != hub.hub_id:
            raise ApiError(403, "wrong_hub", "the batch's hub_id is not this token's hub")
        try:
            answer = await run_in_threadpool(central.ingest.apply, batch)
        except BadBatch as exc:
            raise ApiError(exc.status, exc.code, exc.message) from None
        return JSONResponse(answer.model_dump())

    @app.get(STATUS_PATH, response_model=SyncStatusAnswer)
    async def status(request: Request):
        hub = await hub_identity(request)
        return await run_in_threadpool(central.views.sync_status, hub.hub_id)

    @app.get(CATALOG_PATH)
    async def catalog(request: Request):
        await hub_identity(request)
        published = await run_in_threadpool(central.catalogs.latest)
        headers = {"ETag": published.etag, "Cache-Control": "no-cache"}
        if etag_matches(request.headers.get("if-none-match"), published.etag):
            return Response(status_code=304, headers=headers)
        return Response(published.body, media_type="application/json", headers=headers)

    @app.get(HUBS_PATH)
    async def hubs(request: Request):
        await require_admin(request, bearer(request))
        return {"hubs": await run_in_threadpool(central.views.hubs)}

    from .booking_api import router as booking_api
    from .booking_page import router as booking_page
    from .dashboard import router
    from .lookup_api import router as lookup_api
    from .lookup_page import router as lookup_page

    app.include_router(router)
    app.include_router(booking_api)
    app.include_router(booking_page)
    app.include_router(lookup_api)
    app.include_router(lookup_page)
    return app


def etag_matches(header: str | None, etag: str) -> bool:
    """If-None-Match: a list of (maybe weak) tags, or *."""
    if not header:
        return False
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or etag in {t.removeprefix("W/") for t in tags}
