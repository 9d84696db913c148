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
    return request.app.state.hub.auth.authenticate(bearer or token)


Auth = Annotated[Station, Depends(station)]


def require(st: Station, *roles: Role) -> None:
    if st.role not in roles:
        raise Forbidden("forbidden", f"a {st.role} station cannot do this",
                        "Trạm này không có quyền thực hiện thao tác này")
