"""The hub's HTTP and WebSocket API (docs/architecture.md).

Handlers are plain `def` (FastAPI runs them in its thread pool) because the store is
synchronous; the WebSocket feed is async. Every error is JSON `{code, message, message_vi}`:
domain refusals keep their own status (404/409/422), bad input is 422, never a 5xx.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from typing import Annotated, Literal

from fastapi import FastAPI, Header, Path, Request, Response, WebSocket
from pydantic import BaseModel, ConfigDict, Field
from starlette.websockets import WebSocketDisconnect

from onestop import __version__
from onestop.queue.model import Kind
from onestop.queue.operations import IssueRequest
from onestop.queue.transitions import Action
from onestop.ratelimit import RateLimiter

from .admin import officer as officer_view
from .admin_routes import router as admin_router
from .auth import AuthError, Forbidden, Role, Station
from .booking_routes import router as booking_router
from .catalog_admin import view as catalog_view
from .counter_views import router as counter_views_router
from .deps import Auth, guarded, require
from .dossier_collect import router as collect_router
from .dossier_routes import router as dossier_router
from .feedback_routes import router as feedback_router
from .guide_routes import router as guide_router
from .holiday_routes import router as holiday_router
from .http_errors import install_error_handling
from .idempotency import once as run_once
from .insight import router as insight_router
from .live import REPLAY_LIMIT
from .pages import router as pages_router
from .planning_routes import router as planning_router
from .reporting import router as reporting_router
from .sync_routes import public_sync
from .sync_routes import router as sync_router
from .ticket_lookup import router as ticket_lookup_router
from .ticket_views import message_for, ticket_for

log = logging.getLogger(__name__)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssueBody(_Body):
    service: str = Field(min_length=1, max_length=64, examples=["2.000815"])
    kind: Kind = Kind.SUBMIT
    count: int = Field(1, ge=1, le=500, strict=True)  # "3" or true is not a count
    priority: str | None = Field(None, max_length=32)
    channel: Literal["walk_in", "booked"] = "walk_in"


class ActionBody(_Body):
    to_group: str | None = Field(None, max_length=64)
    to_counter: int | None = Field(None, ge=1, le=999)
    counter: int | None = Field(None, ge=1, le=999)
    reason: str | None = Field(None, max_length=200)


class SignInBody(_Body):
    username: str = Field(min_length=1, max_length=64)
    pin: str = Field(min_length=1, max_length=12)


class CounterPatch(_Body):
    skills: list[str] | None = Field(None, max_length=20)
    fast_lane: bool | None = None
    label_vi: str | None = Field(None, min_length=1, max_length=80)
    label_en: str | None = Field(None, min_length=1, max_length=80)


class PairingBody(_Body):
    role: Literal["reception", "counter", "display", "supervisor", "admin", "kiosk"]
    counter: int | None = Field(None, ge=1, le=999)


class PairBody(_Body):
    code: str = Field(min_length=4, max_length=16)
    name: str = Field("", max_length=80)


# Bounded like the counter numbers of centre.json: an unbounded int reached SQLite and
# overflowed its INTEGER (a 500) for /api/counters/<40 digits>/...
CounterNumber = Annotated[int, Path(ge=1, le=999)]
IdemKey = Annotated[str | None, Header(max_length=200)]


def create_app(hub) -> FastAPI:
    """The FastAPI app for a composed hub (see onestop.compose.build_hub)."""
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        hub.broker.attach(asyncio.get_running_loop())  # commits are pushed on this loop
        yield

    app = FastAPI(title="onestop hub", version=__version__, lifespan=lifespan,
                  description="Counter-queue hub of a ward one-stop centre")
    app.state.hub = hub
    store, auth = hub.store, hub.auth

    install_error_handling(app)

    def require_counter(st: Station, number: int | None) -> None:
        if not st.may_act_for_counter(number):
            raise Forbidden("forbidden", f"this station cannot act for counter {number}",
                            f"Trạm này không được thao tác cho quầy {number}")

    def acting(st: Station, counter: int | None = None):
        officer = store.counter(counter).officer if counter else None
        return store.acting(station=st.name, role=str(st.role), officer=officer)

    def once(st: Station, key: str | None, command):
        return run_once(store, st, key, command)  # hub/idempotency.py

    # --- public ------------------------------------------------------------------------------
    @app.get("/api/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__, "hub_id": store.hub_id,
                "last_seq": store.last_event_seq(), "time": store.clock().isoformat(),
                "sync": public_sync(hub.sync_status())}

    # Guessing limits: wrong pairing codes per address, wrong PINs per counter station. Only
    # failures are charged, so a busy reception pairing ten PCs is never slowed down.
    pair_limiter = RateLimiter(10, 60.0)
    pin_limiter = RateLimiter(5, 300.0)

    @app.post("/api/pair")
    def pair(body: PairBody, request: Request) -> dict:
        address = request.client.host if request.client else "?"
        token, st = guarded(pair_limiter, address, lambda: auth.redeem(body.code, body.name))
        return {"token": token, "role": str(st.role), "counter": st.counter, "name": st.name}

    # --- reads -------------------------------------------------------------------------------
    @app.get("/api/catalog")
    def catalog(st: Auth) -> dict:
        return catalog_view(store)  # each service flagged enabled (hub/catalog_admin.py)

    @app.get("/api/state")
    def state(st: Auth) -> dict:
        return hub.snapshot()

    @app.get("/api/tickets/{ticket_id}")
    def get_ticket(ticket_id: str, st: Auth) -> dict:
        with store.reading():  # the ticket and its forecast from one state
            ticket = store.ticket(ticket_id)
            estimate = store.forecaster.wait(ticket)  # the one forecast (hub/forecast.py)
        return {**ticket_for(st.role, ticket, hub),
                "estimate": estimate.to_dict() if estimate else None}

    @app.get("/api/counters")
    def counters(st: Auth) -> list[dict]:
        return hub.snapshot()["counters"]

    # --- issuing -----------------------------------------------------------------------------
    @app.post("/api/tickets", status_code=201)
    def issue(body: IssueBody, st: Auth, response: Response,
              idempotency_key: Annotated[str | None, Header(max_length=200)] = None) -> dict:
        require(st, Role.RECEPTION, Role.KIOSK, Role.SUPERVISOR, Role.ADMIN)
        if st.role == Role.KIOSK and (body.priority or body.channel != "walk_in"):
            # Priority is checked by a person (an ID card, a pregnancy); bookings come in
            # through /api/check-in, where the code is verified.
            raise Forbidden("kiosk_walk_in_only", "a kiosk issues walk-in numbers without "
                            "priority; priority is given at reception",
                            "Ki-ốt chỉ cấp số thường; số ưu tiên xin nhận tại quầy tiếp nhận")
        digest = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
        with acting(st):
            result = store.issue(IssueRequest(body.service, body.kind, body.count, body.priority,
                                              body.channel),
                                 idempotency_key=idempotency_key, request_hash=digest)
        if result.replayed:
            response.status_code = 200
        t = result.ticket
        return {"ticket": ticket_for(st.role, t, hub), "number": t.number,
                "complexity": str(t.complexity),
                "expected_minutes": t.expected_minutes,
                "people_ahead": result.estimate.people_ahead if result.estimate else 0,
                "estimate": result.estimate.to_dict() if result.estimate else None,
                "public_url": hub.public_url(t.token),
                "replayed": result.replayed}

    # --- counters ----------------------------------------------------------------------------
    @app.post("/api/counters/{number}/next", responses={204: {"description": "nobody waiting"}})
    def call_next(number: CounterNumber, st: Auth, idempotency_key: IdemKey = None):
        require_counter(st, number)

        def command():
            with acting(st, number):
                t = store.call_next(number)
            return Response(status_code=204) if t is None else ticket_for(st.role, t, hub)

        return once(st, idempotency_key, command)

    # Declared before /{change}: Starlette takes the first route whose path matches, so
    # after it, sign-in would land there and be refused as an unknown change (422).
    @app.post("/api/counters/{number}/sign-in")
    def sign_in(number: CounterNumber, body: SignInBody, st: Auth) -> dict:
        require_counter(st, number)
        username = guarded(pin_limiter, st.id,
                           lambda: auth.check_officer(body.username, body.pin))
        with acting(st):
            c = store.sign_in(number, username)
        return {"number": c.number, "status": str(c.status), "officer": c.officer,
                "officer_name": officer_view(store, c.officer)["display_name"]}

    @app.post("/api/counters/{number}/{change}")
    def counter_status(number: CounterNumber, change: Literal["open", "pause", "close", "sign-out"],
                       st: Auth, idempotency_key: IdemKey = None) -> dict:
        require_counter(st, number)

        def command():
            with acting(st, number):
                if change == "sign-out":
                    c = store.sign_out(number)
                else:
                    c = store.set_counter_status(number, {"open": "open", "pause": "paused",
                                                          "close": "closed"}[change])
            return {"number": c.number, "status": str(c.status), "officer": c.officer}

        return once(st, idempotency_key, command)

    @app.patch("/api/counters/{number}")
    def patch_counter(number: CounterNumber, body: CounterPatch, st: Auth) -> dict:
        require(st, Role.SUPERVISOR, Role.ADMIN)
        changes = body.model_dump(exclude_none=True)
        if "skills" in changes:
            changes["skills"] = tuple(changes["skills"])
        with acting(st):
            c = store.update_counter(number, **changes)
        return {"number": c.number, "skills": list(c.skills), "fast_lane": c.fast_lane}

    # --- ticket actions ----------------------------------------------------------------------
    @app.post("/api/tickets/{ticket_id}/{action}")
    def act(ticket_id: str, action: Literal["recall", "start", "done", "no-show", "park",
                                            "return", "transfer", "cancel"],
            st: Auth, body: ActionBody | None = None, idempotency_key: IdemKey = None) -> dict:
        body = body or ActionBody()

        def command():  # checked inside: a replay is answered before the state has moved on
            t = store.ticket(ticket_id)
            if action == "return":  # the returning counter calls the parked citizen
                acting = body.counter or (st.counter if st.role == Role.COUNTER else None)
                require_counter(st, acting)
                if st.role == Role.COUNTER:  # only a citizen it parked itself
                    require_counter(st, t.counter)
            elif t.counter is not None and (t.status in ("called", "serving", "parked") or (
                    t.status in ("done", "no_show", "cancelled")
                    and st.may_act_for_counter(t.counter))):
                # The counter that holds (or parked, or finished) the ticket acts on it; the
                # state machine then explains a late action (409) instead of a bare 403. A
                # waiting ticket belongs to no counter, even one that transferred it.
                acting = t.counter
                require_counter(st, acting)
            elif action == "cancel" and st.role == Role.RECEPTION:
                acting = None  # reception may cancel a waiting ticket (left, wrong print)
            else:
                acting = None  # moving or cancelling a waiting ticket is the supervisor's
                require(st, Role.SUPERVISOR, Role.ADMIN)
            officer = store.counter(acting).officer if acting else None
            with store.acting(station=st.name, role=str(st.role), officer=officer):
                done = store.act(ticket_id, Action(action), counter=acting,
                                 to_group=body.to_group, to_counter=body.to_counter,
                                 reason=body.reason, officer=officer)
            return ticket_for(st.role, done, hub)

        return once(st, idempotency_key, command)

    # --- administration ----------------------------------------------------------------------
    @app.post("/api/pairing-codes", status_code=201)
    def pairing_code(body: PairingBody, st: Auth) -> dict:
        require(st, Role.SUPERVISOR, Role.ADMIN)
        if body.role in ("supervisor", "admin"):
            require(st, Role.ADMIN)
        code, expires = auth.create_pairing_code(body.role, body.counter)
        # hub_url: the address other PCs use, for the pairing QR (a supervisor on this PC
        # may itself be connected through 127.0.0.1).
        return {"code": code, "expires_at": expires.isoformat(), "role": body.role,
                "counter": body.counter, "hub_url": hub.public_base}

    # --- live events -------------------------------------------------------------------------
    @app.websocket("/api/events")
    async def events(ws: WebSocket, since: int | None = None, view: str | None = None,
                     token: str | None = None) -> None:
        bearer = ws.headers.get("authorization", "")
        try:
            st = auth.authenticate(bearer[7:].strip() if bearer.lower().startswith("bearer ")
                                   else token)
            if st.role == Role.KIOSK:
                raise Forbidden("forbidden", "a kiosk does not follow the queue's events",
                                "Ki-ốt không nhận luồng sự kiện")
        except (AuthError, Forbidden) as exc:
            # Accept first: a close before the handshake becomes a bare HTTP 403, and a
            # browser's WebSocket cannot tell that from a network failure; 4401 it can.
            await ws.accept()
            await ws.close(code=4401, reason=exc.code)
            return
        await ws.accept()
        sub = hub.broker.add(want_state=view == "state")
        # Two tasks: one pushes, one notices the client leaving (a push-only loop would wait
        # on its queue forever after a disconnect, leak the subscriber and hold up shutdown).
        # Each message as this station's role may see it (ticket_views: the display gets no
        # citizen page links and no comments).
        send = _sender(ws, st.role)
        pump = asyncio.ensure_future(_pump(send, sub, since))
        watch = asyncio.ensure_future(_until_disconnect(ws))
        try:
            await asyncio.wait({pump, watch}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            pump.cancel()
            watch.cancel()
            await asyncio.gather(pump, watch, return_exceptions=True)
            hub.broker.remove(sub)
            with contextlib.suppress(Exception):
                await ws.close()

    async def _until_disconnect(ws: WebSocket) -> None:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            while (await ws.receive())["type"] != "websocket.disconnect":
                pass  # clients have nothing to say; whatever they send is ignored

    def _sender(ws: WebSocket, role: Role):
        async def send(message: dict) -> None:
            await ws.send_text(json.dumps(message_for(role, message), ensure_ascii=False))
        send.close = ws.close
        return send

    async def _pump(send, sub, since: int | None) -> None:
        try:
            last = await _catch_up(send, since)
            while True:
                message = await sub.queue.get()
                if sub.overflowed:
                    await send.close(code=4408, reason="too slow; resume with since")
                    return
                if message["kind"] == "event":
                    if message["event"]["seq"] <= last:
                        continue
                    last = message["event"]["seq"]
                await send(message)
        except (WebSocketDisconnect, RuntimeError):
            pass

    async def _catch_up(send, since: int | None) -> int:
        """Replay missed events (or send a snapshot) and return the last sequence sent."""
        head = await asyncio.to_thread(store.last_event_seq)
        if since is None or since < 0 or since > head or head - since > REPLAY_LIMIT:
            state = await asyncio.to_thread(hub.snapshot)
            await send({"kind": "snapshot", "state": state})
            return state["seq"]
        last = since
        while True:
            batch = await asyncio.to_thread(store.events_since, last, 500)
            if not batch:
                return last
            for e in batch:
                await send({"kind": "event", "event": e.to_dict()})
                last = e.seq

    app.include_router(pages_router)
    app.include_router(insight_router)
    app.include_router(sync_router)
    app.include_router(ticket_lookup_router)
    app.include_router(reporting_router)
    app.include_router(planning_router)
    app.include_router(counter_views_router)
    app.include_router(admin_router)
    app.include_router(booking_router)
    app.include_router(feedback_router)
    app.include_router(guide_router)
    app.include_router(collect_router)  # before dossier_router's /{code}/{action}
    app.include_router(dossier_router)
    app.include_router(holiday_router)
    return app
