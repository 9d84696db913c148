"""A fault-injecting HTTP/1.1 reverse proxy on loopback, for sync fault tests.

The hub's sync client talks to central through it. A test chooses a fault per request (a fixed
plan or a seeded random mix), then heals the proxy and checks every event arrived exactly once:

    with FaultProxy(central_url, path_prefix="/api/sync/events") as proxy:
        proxy.plan(["drop_request", "500", "drop_response"])
        ...push through proxy.url...
        proxy.heal()

Every connection serves one request and then closes (each answer says ``Connection: close``).
A keep-alive client just opens a new connection next time, and a fault never leaves a half-used
connection in the client's pool to confuse the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import json
import logging
import random
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)

# Plain fault names; "status:NNN" and "delay:S" take an argument (see check_fault).
FAULTS = ("ok", "drop_request", "drop_response", "500", "503", "429", "timeout",
          "close_mid_body", "duplicate", "duplicate_concurrent")

# Headers that describe one connection, not the message: never relayed (RFC 9110 7.6.1).
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                        "proxy-connection", "te", "trailer", "trailers", "transfer-encoding",
                        "upgrade"})
HEAD_LIMIT = 1024 * 1024    # bytes allowed for a request line plus headers


def check_fault(kind: str) -> str:
    """Return `kind` if the proxy knows it, else raise ValueError: a typo in a plan must fail
    the test at once instead of silently forwarding."""
    if kind in FAULTS:
        return kind
    name, _, arg = kind.partition(":")
    with contextlib.suppress(ValueError):
        if name == "status" and 100 <= int(arg) <= 599:
            return kind
        if name == "delay" and float(arg) >= 0:
            return kind
    raise ValueError(f"unknown fault {kind!r}")


def _status_of(kind: str) -> int | None:
    """The status an answer-without-forwarding fault gives, or None for the other faults."""
    if kind in ("500", "503", "429"):
        return int(kind)
    if kind.startswith("status:"):
        return int(kind[7:])
    return None


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""               # e.g. status:599: a valid status line needs no known phrase


@dataclass
class Request:
    method: str
    target: str                           # origin-form: path plus ?query, as the client sent it
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


def _connection_headers(headers: Iterable[tuple[bytes, bytes]]) -> set[str]:
    """HOP_BY_HOP plus any header the message's own Connection header names."""
    names = set(HOP_BY_HOP)
    for name, value in headers:
        if name.lower() == b"connection":
            names.update(t.strip().lower() for t in value.decode("latin-1").split(","))
    return names


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readline()).split(b";", 1)[0].strip(), 16)
        if size == 0:
            break
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)                     # the CRLF after each chunk
    while (await reader.readline()).strip():            # trailers up to the blank line: ignored
        pass
    return b"".join(parts)


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """One request with its whole body, or None if the client left before sending one."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head[:-4].split(b"\r\n")
    method, target, _version = lines[0].decode("latin-1").split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name.strip(), value.strip()))
    named = {name.lower(): value for name, value in headers}
    if b"chunked" in named.get(b"transfer-encoding", b"").lower():
        body = await _read_chunked(reader)
    else:
        body = await reader.readexactly(int(named.get(b"content-length", b"0")))
    return Request(method, target, headers, body)


class FaultProxy:
    """A reverse proxy to `upstream` on 127.0.0.1 (free port), run by an asyncio loop in a
    background thread, that applies one fault per request.

    Faults apply only to requests whose path starts with `path_prefix` (all when None); the
    others are forwarded untouched, so e.g. enrolment passes while event pushes fail.

    For tests: `stats` counts the fault applied per kind (including "ok"), `history` lists
    (method, target, kind) in arrival order (both for selected requests only), `received`
    counts every request read and `forwarded` every exchange completed with upstream (a
    duplicate counts 2). `wait_for` blocks until a condition on them holds, without sleeping.
    """

    def __init__(self, upstream: str, *, path_prefix: str | None = None, hang_s: float = 30.0,
                 upstream_timeout: float = 60.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.path_prefix = path_prefix
        self.hang_s = hang_s
        self.upstream_timeout = upstream_timeout
        self.port: int | None = None
        self.stats: Counter[str] = Counter()
        self.history: list[tuple[str, str, str]] = []
        self.received = 0
        self.forwarded = 0
        # One condition guards the plan and the counters: tests and the loop thread share them.
        self._cond = threading.Condition()
        self._plan: deque[str] = deque()
        self._mix: list[tuple[str, float]] = []
        self._rng: random.Random | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._tasks: set[asyncio.Task] = set()
        self._client: httpx.AsyncClient | None = None

    # --- choosing faults -------------------------------------------------------------------

    def plan(self, kinds: Iterable[str]) -> None:
        """Apply these faults to the next selected requests in order, then forward normally."""
        kinds = [check_fault(k) for k in kinds]
        with self._cond:
            self._plan, self._mix, self._rng = deque(kinds), [], None

    def chaos(self, probabilities: Mapping[str, float], seed: int) -> None:
        """Draw each selected request's fault from `probabilities` (the rest of 1 is "ok") with
        random.Random(seed): the same seed and request order give the same faults."""
        mix = [(check_fault(k), float(p)) for k, p in probabilities.items()]
        if any(p < 0 for _, p in mix) or sum(p for _, p in mix) > 1 + 1e-9:
            raise ValueError(f"probabilities must be >= 0 and sum to at most 1: {probabilities}")
        with self._cond:
            self._plan, self._mix, self._rng = deque(), mix, random.Random(seed)

    def heal(self) -> None:
        """Back to plain forwarding (counters are kept)."""
        with self._cond:
            self._plan, self._mix, self._rng = deque(), [], None

    def _choose(self, request: Request) -> str | None:
        """The fault for this request, or None when the path filter leaves it alone."""
        with self._cond:
            self.received += 1
            if self.path_prefix and not request.path.startswith(self.path_prefix):
                kind = None
            elif self._plan:
                kind = self._plan.popleft()
            elif self._rng is not None:
                kind, draw = "ok", self._rng.random()
                for candidate, p in self._mix:
                    draw -= p
                    if draw < 0:
                        kind = candidate
                        break
            else:
                kind = "ok"
            if kind is not None:
                self.stats[kind] += 1
                self.history.append((request.method, request.target, kind))
            self._cond.notify_all()
            return kind

    def wait_for(self, predicate: Callable[[FaultProxy], bool], timeout: float = 10.0) -> bool:
        """Block until predicate(proxy) is true (re-checked on every counter change)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    # --- life cycle ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> FaultProxy:
        if self._thread is not None:
            raise RuntimeError("FaultProxy already started")
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout) or self._error is not None:
            raise RuntimeError(f"fault proxy did not start: {self._error!r}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Close the listener and every connection, held ones included; idempotent."""
        if self._loop is not None and self._stopping is not None:
            with contextlib.suppress(RuntimeError):      # the loop may already be closed
                self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise RuntimeError("fault proxy did not stop")

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001  (reported by start(), which waits on it)
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        # trust_env=False: a developer's HTTP_PROXY must not reroute loopback traffic.
        client = httpx.AsyncClient(timeout=self.upstream_timeout, trust_env=False)
        # Relay the client's own Accept/Accept-Encoding/User-Agent, not httpx's defaults: the
        # body goes back raw, so upstream must only compress when the real client asked.
        for name in ("accept", "accept-encoding", "user-agent"):
            del client.headers[name]
        self._client = client
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, limit=HEAD_LIMIT)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stopping.wait()
        finally:
            server.close()
            # Cancelling ends held ("timeout"), delayed and in-flight requests at once.
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await client.aclose()

    # --- serving ---------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            try:
                request = await read_request(reader)
            except (ValueError, asyncio.LimitOverrunError):
                await self._answer_json(writer, 400, "bad_request", "malformed request")
                return
            if request is not None:
                await self._serve(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass                      # the client left mid-exchange: nobody to answer
        except asyncio.CancelledError:
            # stop() ended the request. Finish normally: Python 3.11's start_server callback
            # logs a handler task that ends cancelled as an error.
            pass
        except Exception:
            log.exception("fault proxy failed on a request")
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> None:
        kind = self._choose(request) or "ok"
        if kind == "drop_request":
            return                    # read but never forwarded: _handle just closes
        if kind == "timeout":
            await asyncio.sleep(self.hang_s)     # stop() cancels this
            return
        status = _status_of(kind)
        if status is not None:
            extra = [(b"Retry-After", b"1")] if status == 429 else []
            await self._answer_json(writer, status, "injected", f"fault injected: {kind}", extra)
            return
        if kind.startswith("delay:"):
            await asyncio.sleep(float(kind[6:]))
        try:
            if kind == "duplicate":
                await self._forward(request)
                response = await self._forward(request)
            elif kind == "duplicate_concurrent":
                _, response = await asyncio.gather(self._forward(request),
                                                   self._forward(request))
            else:
                response = await self._forward(request)
        except httpx.HTTPError as exc:
            await self._answer_json(writer, 502, "upstream_unreachable", repr(exc))
            return
        if kind == "drop_response":
            return                    # upstream has committed; the client never hears of it
        code, reason, headers, body = response
        if kind == "close_mid_body":
            # The full length is announced, half is sent: the client sees a truncated body.
            await self._answer(writer, code, reason, headers, body[: len(body) // 2], len(body))
        else:
            await self._answer(writer, code, reason, headers, body)

    async def _forward(self, request: Request):
        """Send the request upstream; (status, reason, headers, raw body) of its answer."""
        skip = _connection_headers(request.headers) | {"host", "content-length"}
        headers = [(n, v) for n, v in request.headers if n.decode("latin-1").lower() not in skip]
        outgoing = self._client.build_request(request.method, self.upstream + request.target,
                                              headers=headers, content=request.body)
        response = await self._client.send(outgoing, stream=True)
        try:
            # Raw bytes: a compressed body is relayed as is, with its Content-Encoding.
            body = b"".join([chunk async for chunk in response.aiter_raw()])
        finally:
            await response.aclose()
        skip = _connection_headers(response.headers.raw) | {"content-length"}
        relayed = [(n, v) for n, v in response.headers.raw
                   if n.decode("latin-1").lower() not in skip]
        with self._cond:
            self.forwarded += 1
            self._cond.notify_all()
        return response.status_code, response.reason_phrase, relayed, body

    async def _answer_json(self, writer, status: int, code: str, message: str,
                           extra: list[tuple[bytes, bytes]] | None = None) -> None:
        body = json.dumps({"code": code, "message": message}).encode()
        headers = [(b"Content-Type", b"application/json"), *(extra or [])]
        await self._answer(writer, status, _phrase(status), headers, body)

    async def _answer(self, writer: asyncio.StreamWriter, status: int, reason: str,
                      headers: list[tuple[bytes, bytes]], body: bytes,
                      length: int | None = None) -> None:
        lines = [f"HTTP/1.1 {status} {reason}".encode("latin-1")]
        lines += [name + b": " + value for name, value in headers]
        lines += [b"Content-Length: %d" % (len(body) if length is None else length),
                  b"Connection: close"]
        writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        await writer.drain()
