"""The supervisor's view of sync: the worker's state, what waits, what central parked, and a
"sync now" button. The worker itself is wired by the composition root (onestop/compose.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from .auth import Role
from .deps import Auth, require

router = APIRouter()

# /api/health answers anyone on the LAN: the sync state without where central is (the full
# state, central's address included, is /api/sync for the supervisor and admin).
_PUBLIC_SYNC = ("configured", "enrolled", "needs_enrolment", "state", "acked", "last_seq",
                "pending", "parked", "last_attempt", "last_success", "last_error",
                "last_error_at", "skew_s")


def public_sync(status: dict) -> dict:
    return {k: status.get(k) for k in _PUBLIC_SYNC}


@router.get("/api/sync")
def sync_status(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    parked = [{"seq": p.seq, "event_id": p.event_id, "reason": p.reason}
              for p in hub.outbox.parked()[-100:]]
    return {**hub.sync_status(), "parked_events": parked}


@router.post("/api/sync/now")
def sync_now(request: Request, st: Auth) -> dict:
    require(st, Role.SUPERVISOR, Role.ADMIN)
    hub = request.app.state.hub
    hub.sync_now()
    return hub.sync_status()
