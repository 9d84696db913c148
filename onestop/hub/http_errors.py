"""How the hub's API answers when something is wrong: every error is JSON `{code, message,
message_vi}`; bad input is 4xx (an oversized, undecodable or too deeply nested body included),
a full disk is 507 `disk_full`, and an unexpected error is a logged 500 without a traceback."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from onestop.queue.errors import DomainError

log = logging.getLogger("onestop.hub.api")
MAX_BODY = 1024 * 1024  # bytes; the bundled catalogue (100+ procedures) is ~270 KB


def error(status: int, code: str, message: str, message_vi: str = "", **extra: Any) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "message_vi": message_vi or message,
                         **extra}, status_code=status)


class BodyLimit:
    """ASGI middleware: a body over MAX_BODY gets 413, also when it is sent chunked with no
    Content-Length (such a body is read here, never more than MAX_BODY, and replayed)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_large = error(413, "too_large", f"request body over {MAX_BODY} bytes",
                          "Dữ liệu gửi lên quá lớn")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > MAX_BODY:
                return await too_large(scope, receive, send)
            return await self.app(scope, receive, send)
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # the client went away: let the app see it
            size += len(message.get("body", b""))
            if size > MAX_BODY:
                return await too_large(scope, receive, send)
            if not message.get("more_body"):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


def install_error_handling(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return error(422, "invalid_request", "the request is not valid: " + "; ".join(
            f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in details[:5]),
            "Yêu cầu không hợp lệ", details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI turns any body it cannot parse into a bare 400 "error parsing the body";
        # the cause tells a client what to fix (and a RecursionError must never be a 500).
        if isinstance(exc.__cause__, UnicodeDecodeError):
            return error(400, "bad_encoding", "the request body is not valid UTF-8",
                         "Dữ liệu gửi lên không đúng mã UTF-8")
        if isinstance(exc.__cause__, RecursionError):
            return error(400, "too_deep", "the JSON body is nested too deeply",
                         "Dữ liệu JSON lồng nhau quá sâu")
        codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        return error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error(500, "internal_error", "unexpected error; see the hub log",
                     "Lỗi không mong đợi; xem nhật ký của máy chủ")

    @app.exception_handler(sqlite3.DatabaseError)
    async def _storage(request: Request, exc: sqlite3.DatabaseError) -> JSONResponse:
        # SQLITE_FULL (13), or SQLITE_IOERR (10) that some file systems give for a full disk:
        # the use case's transaction rolled back whole (no number used, no event), so the
        # station can say exactly that instead of a bare 500.
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (13, 10):
            log.error("database write failed (disk full?): %s", exc)
            return error(507, "disk_full",
                         "the hub's disk is full: no ticket was issued; tell the IT staff",
                         "Ổ đĩa máy chủ đã đầy: không cấp được số. Báo cán bộ kỹ thuật.")
        return await _unexpected(request, exc)

    app.add_middleware(BodyLimit)
