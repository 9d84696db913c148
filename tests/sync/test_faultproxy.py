"""The fault proxy itself, against a tiny real upstream: every fault kind gives the client the
effect the sync tests rely on, plans run in order, chaos is reproducible, heal() and the path
filter work, and stop() never hangs."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from onestop.serving import free_port
from tests.sync.faultproxy import FaultProxy, check_fault

EVENTS = "/api/sync/events"
# What httpx raises when the server closes without (a whole) answer: a FIN gives
# RemoteProtocolError, a reset ReadError.
DISCONNECTED = (httpx.RemoteProtocolError, httpx.ReadError)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"        # keep-alive, so the proxy's upstream pool is exercised

    def do_GET(self) -> None:
        self._reply()

    def do_POST(self) -> None:
        self._reply()

    def _reply(self) -> None:
        upstream: Upstream = self.server.upstream
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with upstream.lock:
            upstream.requests.append((self.command, self.path, self.headers, body))
            n = len(upstream.requests)
        if self.path.startswith("/barrier"):
            upstream.barrier.wait()      # returns only if two copies are in flight at once
        payload = json.dumps({"n": n, "path": self.path, "len": len(body),
                              "sha": hashlib.sha256(body).hexdigest()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Keep-Alive", "timeout=5")          # hop-by-hop: must not be relayed
        self.send_header("X-Upstream", "yes")
        if self.path.startswith("/gzip"):
            payload = gzip.compress(payload)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


class Upstream:
    """A stand-in for central that records every request it receives."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, object, bytes]] = []
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(2, timeout=5)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.upstream = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    def posts(self) -> int:
        with self.lock:
            return sum(1 for method, *_ in self.requests if method == "POST")


@pytest.fixture
def upstream():
    up = Upstream()
    up.thread.start()
    yield up
    up.server.shutdown()
    up.server.server_close()


@pytest.fixture
def proxy(upstream):
    with FaultProxy(upstream.url) as p:
        yield p


@pytest.fixture
def client(proxy):
    with httpx.Client(base_url=proxy.url, timeout=5, trust_env=False) as c:
        yield c


def outcome(client: httpx.Client, path: str = EVENTS) -> int | str:
    """The status code, or what kind of transport failure the client saw."""
    try:
        return client.post(path, json={"events": [1, 2, 3]}).status_code
    except httpx.TimeoutException:
        return "timeout"
    except DISCONNECTED:
        return "disconnected"


# --- plain forwarding -----------------------------------------------------------------------


def test_forwards_method_path_query_headers_and_body(proxy, client, upstream):
    r = client.post("/api/x?a=1&b=two", content=b"hello",
                    headers={"X-Test": "1", "Connection": "keep-alive, X-Private",
                             "X-Private": "secret"})
    assert r.status_code == 200
    assert r.json()["path"] == "/api/x?a=1&b=two"
    method, path, headers, body = upstream.requests[0]
    assert (method, path, body) == ("POST", "/api/x?a=1&b=two", b"hello")
    assert headers["X-Test"] == "1"
    assert headers["X-Private"] is None              # named by Connection: hop-by-hop
    assert r.headers["X-Upstream"] == "yes"
    assert "keep-alive" not in r.headers
    assert r.headers["Connection"] == "close"
    assert r.headers["Content-Length"] == str(len(r.content))
    assert proxy.stats == {"ok": 1} and proxy.forwarded == 1


def test_large_body_and_chunked_body_arrive_intact(client, upstream):
    big = json.dumps({"events": ["x" * 100] * 30_000}).encode()      # ~3 MB
    r = client.post(EVENTS, content=big, headers={"Content-Type": "application/json"})
    assert r.json() == {"n": 1, "path": EVENTS, "len": len(big),
                        "sha": hashlib.sha256(big).hexdigest()}
    # A generator body makes httpx send Transfer-Encoding: chunked.
    r = client.post(EVENTS, content=(part for part in [b"a" * 1000, b"b" * 5000]))
    assert r.json()["len"] == 6000
    assert upstream.requests[1][3] == b"a" * 1000 + b"b" * 5000


def test_keep_alive_client_makes_many_requests(client, upstream):
    assert [client.get(f"/n/{i}").json()["n"] for i in range(5)] == [1, 2, 3, 4, 5]


def test_compressed_body_is_relayed_raw(client):
    r = client.get("/gzip")              # httpx asks for gzip and decodes it itself
    assert r.headers["Content-Encoding"] == "gzip"
    assert r.json()["path"] == "/gzip"


def test_unreachable_upstream_is_502():
    with FaultProxy(f"http://127.0.0.1:{free_port()}") as proxy:
        r = httpx.get(proxy.url + "/x", trust_env=False)
    assert r.status_code == 502 and r.json()["code"] == "upstream_unreachable"


# --- each fault kind ------------------------------------------------------------------------


def test_drop_request_never_reaches_upstream(proxy, client, upstream):
    proxy.plan(["drop_request"])
    with pytest.raises(DISCONNECTED):
        client.post(EVENTS, json={"a": 1})
    assert upstream.posts() == 0 and proxy.forwarded == 0
    assert proxy.stats["drop_request"] == 1


def test_drop_response_commits_upstream_but_client_hears_nothing(proxy, client, upstream):
    proxy.plan(["drop_response"])
    with pytest.raises(DISCONNECTED):
        client.post(EVENTS, json={"a": 1})
    assert upstream.posts() == 1 and proxy.forwarded == 1


@pytest.mark.parametrize("kind, status", [("500", 500), ("503", 503), ("429", 429),
                                          ("status:418", 418), ("status:599", 599)])
def test_status_faults_answer_without_forwarding(proxy, client, upstream, kind, status):
    proxy.plan([kind])
    r = client.post(EVENTS, json={"a": 1})
    assert r.status_code == status
    assert r.json()["code"] == "injected"
    assert (r.headers.get("Retry-After") == "1") == (status == 429)
    assert upstream.posts() == 0 and proxy.stats[kind] == 1


def test_timeout_holds_until_the_client_gives_up(proxy, upstream):
    proxy.plan(["timeout"])
    with httpx.Client(base_url=proxy.url, timeout=0.3, trust_env=False) as client, \
            pytest.raises(httpx.ReadTimeout):
        client.post(EVENTS, json={"a": 1})
    assert upstream.posts() == 0
    # The fixture's stop() then runs with the connection still held for 30 s.


def test_stop_does_not_hang_on_held_connections(upstream):
    proxy = FaultProxy(upstream.url, hang_s=60).start()
    proxy.plan(["timeout", "timeout"])
    errors = []

    def push() -> None:
        try:
            httpx.post(proxy.url + EVENTS, json={}, timeout=60, trust_env=False)
        except httpx.TransportError as exc:
            errors.append(exc)

    pushers = [threading.Thread(target=push) for _ in range(2)]
    for t in pushers:
        t.start()
    assert proxy.wait_for(lambda p: p.stats["timeout"] == 2)
    stopping = threading.Thread(target=proxy.stop)
    stopping.start()
    stopping.join(10)                    # a deadline, not a timing: stop() must not hang
    assert not stopping.is_alive()
    for t in pushers:
        t.join(10)
    assert len(errors) == 2 and all(isinstance(e, DISCONNECTED) for e in errors)
    proxy.stop()                         # idempotent


def test_close_mid_body_truncates_the_answer(proxy, client, upstream):
    proxy.plan(["close_mid_body"])
    with pytest.raises(DISCONNECTED):
        client.post(EVENTS, json={"a": 1})
    assert upstream.posts() == 1


def test_duplicate_sends_twice_and_returns_the_second_answer(proxy, client, upstream):
    proxy.plan(["duplicate"])
    r = client.post(EVENTS, content=b"same")
    assert r.json()["n"] == 2
    assert [req[3] for req in upstream.requests] == [b"same", b"same"]
    assert proxy.forwarded == 2 and proxy.stats == {"duplicate": 1}


def test_duplicate_concurrent_has_both_copies_in_flight_at_once(proxy, client, upstream):
    proxy.plan(["duplicate_concurrent"])
    # The upstream holds /barrier until a second request arrives: sequential copies would fail.
    r = client.post("/barrier", content=b"same")
    assert r.status_code == 200
    assert upstream.posts() == 2 and proxy.forwarded == 2


def test_delay_waits_then_forwards(proxy, client, upstream):
    proxy.plan(["delay:2"])
    answers: list[int] = []
    sender = threading.Thread(target=lambda: answers.append(
        client.post(EVENTS, json={}).status_code))
    sender.start()
    assert proxy.wait_for(lambda p: p.stats.get("delay:2") == 1)
    assert upstream.posts() == 0         # held back while the delay runs...
    sender.join(30)
    assert answers == [200] and upstream.posts() == 1  # ...then forwarded


# --- plans, chaos, heal, filter -------------------------------------------------------------


def test_plan_runs_in_order_then_forwards(proxy, client, upstream):
    proxy.plan(["500", "ok", "drop_request", "503"])
    results = [outcome(client) for _ in range(6)]
    assert results == [500, 200, "disconnected", 503, 200, 200]
    assert [kind for *_, kind in proxy.history] == ["500", "ok", "drop_request", "503", "ok", "ok"]
    assert upstream.posts() == 3


def test_unknown_faults_and_bad_probabilities_are_refused(proxy):
    for bad in ["drop", "status:99", "status:abc", "delay:-1", "delay:x", "404"]:
        with pytest.raises(ValueError):
            check_fault(bad)
    with pytest.raises(ValueError):
        proxy.plan(["ok", "typo"])
    with pytest.raises(ValueError):
        proxy.chaos({"500": 0.7, "503": 0.5}, seed=1)


def test_chaos_is_reproducible_with_a_seed(proxy, client):
    mix = {"500": 0.25, "drop_request": 0.25, "429": 0.25}
    expected = {"ok": 200, "500": 500, "429": 429, "drop_request": "disconnected"}

    def run(seed: int) -> list:
        proxy.chaos(mix, seed=seed)
        results = [outcome(client) for _ in range(40)]
        kinds = [kind for *_, kind in proxy.history[-40:]]
        assert results == [expected[k] for k in kinds]
        return kinds

    first = run(seed=1)
    assert set(first) == set(expected)
    assert run(seed=1) == first
    assert run(seed=2) != first


def test_heal_goes_back_to_plain_forwarding(proxy, client, upstream):
    proxy.plan(["500"] * 5)
    assert outcome(client) == 500
    proxy.heal()
    assert outcome(client) == 200
    proxy.chaos({"503": 1.0}, seed=3)
    assert outcome(client) == 503
    proxy.heal()
    assert [outcome(client) for _ in range(3)] == [200, 200, 200]
    assert upstream.posts() == 4


def test_path_filter_lets_other_requests_through(upstream):
    with FaultProxy(upstream.url, path_prefix=EVENTS) as proxy, \
            httpx.Client(base_url=proxy.url, timeout=5, trust_env=False) as client:
        proxy.plan(["500", "drop_request"])
        assert outcome(client, "/api/enrol") == 200              # does not consume the plan
        assert outcome(client, EVENTS + "?x=1") == 500
        assert outcome(client, "/api/catalog") == 200
        assert outcome(client, EVENTS) == "disconnected"
        assert proxy.stats == {"500": 1, "drop_request": 1}
        assert proxy.received == 4 and proxy.forwarded == 2
