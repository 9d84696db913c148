"""FastAPI dependencies shared by the hub's routers: who is calling, and may they."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request

from .auth import Forbidden, Role, Station


def station(request: Request, authorization: Annotated[str | None, Header()] = None,
            token: Annotated[str | None, Query(max_length=200)] = None) -> Station:
    """The calling station, from `Authorization: Bearer` or `?token=` (browsers' WebSockets
    and the TV's display URL cannot set headers)."""
    bearer = None
    if authorization and authorization.lower().startswith("bearer "):
        bearer = authorization[7:].strip()
    st = request.app.state.hub.auth.authenticate(bearer or token)
    if st.role == Role.KIOSK and (request.method, request.url.path) not in KIOSK_MAY:
        # Allowed by listing, not by exclusion: a route added later stays closed to a
        # screen any passer-by can touch until someone decides it should be open.
        raise Forbidden("forbidden", "a kiosk may only read the catalogue and the guide, "
                        "take a number and check a booking in",
                        "Ki-ốt chỉ được xem danh mục thủ tục, lấy số và nhận lịch hẹn")
    return st


# Everything a kiosk station may call (docs/kiosk.md); every other route answers 403.
KIOSK_MAY = frozenset({("GET", "/api/catalog"), ("GET", "/api/ward"), ("GET", "/api/guide"),
                       ("POST", "/api/tickets"), ("POST", "/api/check-in")})

Auth = Annotated[Station, Depends(station)]


def require(st: Station, *roles: Role) -> None:
    if st.role not in roles:
        raise Forbidden("forbidden", f"a {st.role} station cannot do this",
                        "Trạm này không có quyền thực hiện thao tác này")


def guarded(limiter, key: str, attempt):
    """Run a sign-in style `attempt`, charging only failures: one of `key`'s tokens is taken
    before the attempt runs (atomically, so 40 parallel guesses get at most the limit
    checked), kept when it raises an AuthError and given back otherwise. With no token left
    the attempt is refused with 429 before it runs (slows guessing)."""
    from .auth import AuthError, TooManyAttempts

    if not limiter.allow(key):
        raise TooManyAttempts(
            "too_many_attempts", f"too many failed attempts; wait {limiter.retry_after(key)} s",
            "Sai quá nhiều lần; vui lòng thử lại sau")
    try:
        result = attempt()
    except AuthError:
        raise
    except BaseException:
        limiter.refund(key)
        raise
    limiter.refund(key)
    return result
