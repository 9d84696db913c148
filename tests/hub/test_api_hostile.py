"""Hostile input against the real hub on loopback: what an attacker, a broken client or a fuzzer
sends. Every answer is a 4xx with a stable code (JSON for the API, an HTML page for the
citizen's phone), never a 5xx. Complements the schemathesis run (test_api_schema.py), which
only sends what the OpenAPI schema describes; these are the bodies no schema describes.

Regressions pinned here: invalid UTF-8 and very deep JSON were a generic 400 `http_error`
(now `bad_encoding` and `too_deep`); /t/* had no rate limit (now 30 a minute per address).
"""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from onestop.hub.http_errors import MAX_BODY
from onestop.hub.pages import CITIZEN_RATE
from onestop.ratelimit import RateLimiter

SERVICE = "2.000815"
JSON = {"content-type": "application/json"}


@pytest.fixture
def admin(live_hub):
    with live_hub.client("admin") as client:
        yield client


def _code(r: httpx.Response, status: int, code: str | None = None) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json"), r.headers
    if code:
        assert r.json()["code"] == code, r.json()


def _tickets(live_hub) -> int:
    with live_hub.hub.store.reading() as db:
        return db.execute("SELECT count(*) FROM tickets").fetchone()[0]


def test_oversized_body_is_413_json_declared_or_chunked(admin):
    big = b"[" + b" " * MAX_BODY + b"]"
    _code(admin.post("/api/tickets", content=big, headers=JSON), 413, "too_large")
    _code(admin.put("/api/catalog", content=iter([big[:1000], big[1000:]]), headers=JSON),
          413, "too_large")


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
                                  b'{"service": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"])
def test_deeply_nested_json_is_400_too_deep(admin, body):
    for path in ("/api/tickets", "/api/pair"):
        _code(admin.post(path, content=body, headers=JSON), 400, "too_deep")


def test_invalid_utf8_is_400_bad_encoding(admin):
    body = b'{"service": "2.0008\xff\xfe"}'
    _code(admin.post("/api/tickets", content=body, headers=JSON), 400, "bad_encoding")
    _code(admin.post("/api/officers", content=b'{"username": "\xc3\x28"}', headers=JSON),
          400, "bad_encoding")


@pytest.mark.parametrize("body", [
    {"service": SERVICE, "count": 10**30}, {"service": SERVICE, "count": -1},
    {"service": SERVICE, "count": 0}, {"service": SERVICE, "count": 2**63},
    {"service": SERVICE, "count": 1.5}, {"service": SERVICE, "count": "3"},
    {"service": "x" * 100_000}, {"service": SERVICE, "priority": "p" * 10_000},
    {"service": SERVICE, "kind": None}, {"service": ["2.000815"]}, {"service": {}},
    {"service": SERVICE, "extra": 1}, [], "ticket", None, 12,
])
def test_bad_ticket_bodies_are_422(live_hub, admin, body):
    _code(admin.post("/api/tickets", json=body), 422, "invalid_request")
    assert _tickets(live_hub) == 0


@pytest.mark.parametrize(("body", "code"), [({"service": "2.000\x00815"}, "unknown_service"),
                                            ({"service": SERVICE, "priority": "\x00"},
                                             "unknown_priority")])
def test_nul_in_a_service_or_priority_is_unknown(live_hub, admin, body, code):
    _code(admin.post("/api/tickets", json=body), 422, code)
    assert _tickets(live_hub) == 0


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/counters/-1/next", 422, "invalid_request"),
    ("/api/counters/0/next", 422, "invalid_request"),
    ("/api/counters/1000/next", 422, "invalid_request"),
    (f"/api/counters/{10**40}/next", 422, "invalid_request"),
    (f"/api/counters/{2**63}/open", 422, "invalid_request"),
    ("/api/counters/1e3/next", 422, "invalid_request"),
    ("/api/tickets/%00/start", 404, "ticket_not_found"),
    ("/api/tickets/" + "a" * 5000 + "/done", 404, "ticket_not_found"),
])
def test_absurd_path_numbers_are_422_or_404(admin, path, status, code):
    _code(admin.post(path), status, code)


@pytest.mark.parametrize(("query", "code"), [
    ("day=-1", "invalid_day"), ("day=0000-00-00", "invalid_day"),
    ("day=99999-01-01", "invalid_request"), ("day=%00", "invalid_day"),
    ("limit=-1", "invalid_request"), ("limit=0", "invalid_request"),
    (f"limit={10**30}", "invalid_request"), ("number=" + "A" * 10_000, "invalid_request"),
    ("status=%00", "invalid_request"),
])
def test_absurd_ticket_queries_are_422(admin, query, code):
    _code(admin.get(f"/api/tickets?{query}"), 422, code)


def test_nul_in_a_searched_number_finds_nothing(admin):
    r = admin.get("/api/tickets?number=%00")
    assert r.status_code == 200 and r.json()["tickets"] == []


@pytest.mark.parametrize("content_type", [
    "text/plain", "application/xml", "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded", "text/json", "application/jsonx", None])
def test_a_json_body_under_another_content_type_is_422(live_hub, admin, content_type):
    """A JSON body labelled as something else (or not labelled) is refused with the API's
    JSON error, and no ticket is issued."""
    body = json.dumps({"service": SERVICE}).encode()
    headers = {"content-type": content_type} if content_type else {}  # httpx adds none
    _code(admin.post("/api/tickets", content=body, headers=headers), 422, "invalid_request")
    assert _tickets(live_hub) == 0


def test_a_control_character_in_the_content_type_is_400(live_hub, admin):
    """Refused by the HTTP server before the app sees it: a 400, not a crash."""
    body = json.dumps({"service": SERVICE}).encode()
    r = admin.post("/api/tickets", content=body, headers={"content-type": "garbage/\x7f"})
    assert r.status_code == 400, (r.status_code, r.text[:200])
    assert _tickets(live_hub) == 0


@pytest.mark.parametrize("content_type", ["application/json", "APPLICATION/JSON",
                                          "application/json; charset=utf-8",
                                          "application/json; charset=latin-1",
                                          "application/problem+json"])
def test_json_content_types_with_parameters_are_json(admin, content_type):
    """JSON is UTF-8 whatever the label says (RFC 8259): the parameters change nothing, and
    bytes that are not UTF-8 are refused as such."""
    body = json.dumps({"service": SERVICE}).encode()
    r = admin.post("/api/tickets", content=body, headers={"content-type": content_type})
    assert r.status_code == 201, (content_type, r.status_code, r.text[:200])
    latin1 = '{"service": "2.000815", "priority": "é"}'.encode("latin-1")
    r = admin.post("/api/tickets", content=latin1, headers={"content-type": content_type})
    _code(r, 400, "bad_encoding")


@pytest.mark.parametrize("token", ["", "x", "\x7f" * 10, "a" * 199, "Bearer", "' OR 1=1 --"])
def test_invalid_tokens_are_401(live_hub, token):
    if token.isprintable() and token.strip():  # else httpx refuses to send the header
        r = httpx.get(f"{live_hub.url}/api/state", headers={"Authorization": f"Bearer {token}"})
        _code(r, 401)
    r = httpx.get(f"{live_hub.url}/api/state", params={"token": token})
    _code(r, 401)


@pytest.mark.parametrize("since", ["-5", str(10**30), str(-(2**63))])
def test_websocket_since_out_of_range_gets_a_snapshot(live_hub, since):
    token = live_hub.token("display")
    url = f"{live_hub.ws_url}/api/events?since={since}&token={token}"
    with connect(url, open_timeout=10) as ws:
        assert json.loads(ws.recv(timeout=10))["kind"] == "snapshot"


@pytest.mark.parametrize("since", ["abc", "1.5"])
def test_websocket_since_not_an_integer_is_refused_with_403(live_hub, since):
    """FastAPI refuses the handshake (query validation): a 403, the hub still serves."""
    token = live_hub.token("display")
    url = f"{live_hub.ws_url}/api/events?since={since}&token={token}"
    with pytest.raises(InvalidStatus) as refused:
        connect(url, open_timeout=10)
    assert refused.value.response.status_code == 403
    assert httpx.get(f"{live_hub.url}/api/health").status_code == 200


def test_nul_bytes_and_long_strings_on_the_citizen_page(live_hub):
    for path in ("/t/%00", "/t/" + "a" * 10_000):
        r = httpx.get(live_hub.url + path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), path
    # Decoded, this is /t/../../etc/passwd: no citizen page at all, the plain JSON 404.
    traversal = httpx.get(live_hub.url + "/t/..%2F..%2Fetc%2Fpasswd")
    _code(traversal, 404)
    assert "root:" not in traversal.text
    r = httpx.post(f"{live_hub.url}/t/%00/rate", content=b"rating=\xff\x00&comment=\x00")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_citizen_page_is_rate_limited_per_address(live_hub):
    clock = [0.0]
    live_hub.server.app.state.citizen_limiter = RateLimiter(CITIZEN_RATE, 60, lambda: clock[0])
    with httpx.Client(base_url=live_hub.url) as phone:
        answers = [phone.get(f"/t/guess{i}").status_code for i in range(CITIZEN_RATE)]
        assert answers == [404] * CITIZEN_RATE  # guessing: every wrong token costs a token
        refused = phone.get("/t/guess-more")
        assert refused.status_code == 429
        assert "Quá nhiều yêu cầu" in refused.text and refused.headers["retry-after"] == "2"
        assert phone.post("/t/guess/rate", data={"rating": "3"}).status_code == 429
        clock[0] += 2.0  # one request's worth of tokens back
        assert phone.get("/t/guess-again").status_code == 404
        assert phone.get("/t/guess-again").status_code == 429


def test_rate_limiter_buckets_are_per_key_and_bounded():
    clock = [0.0]
    limiter = RateLimiter(2, 60, lambda: clock[0])
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert limiter.allow("b")
    limiter.MAX_KEYS = 4
    for i in range(10):
        limiter.allow(f"k{i}")
    assert len(limiter._buckets) <= 4


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
                     | st.text(), lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_fields = st.fixed_dictionaries({}, optional={
    "service": _json | st.sampled_from([SERVICE, "1.001193", "local.result"]),
    "kind": _json | st.sampled_from(["guidance", "submit", "supplement", "collect"]),
    "count": _json | st.integers(), "priority": _json, "channel": _json})


@settings(max_examples=120, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(body=_fields | _json, key=st.none() | st.text(  # header-safe characters only
    st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=60))
def test_hypothesis_issue_bodies_are_201_or_a_json_4xx(live_hub, admin, body, key):
    """Never a 5xx: a ticket (201, or 200 when the key replays one), or a 4xx with its code."""
    headers = {"Idempotency-Key": key} if key else {}
    r = admin.post("/api/tickets", content=json.dumps(body, allow_nan=True), headers={
        **JSON, **headers})
    if r.status_code in (200, 201):
        assert r.json()["ticket"]["number"], r.text[:300]
    else:
        assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:300])
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["code"]


def test_a_display_token_never_sees_citizen_page_links(live_hub):
    """The lobby TV's token reads numbers; it must not be able to open or rate citizens'
    pages. Reception still gets the link it prints as a QR."""
    import json as _json

    from websockets.sync.client import connect

    display = live_hub.token("display")
    with connect(f"{live_hub.ws_url}/api/events?since=0&token={display}") as ws:
        with live_hub.client("reception") as rec:
            issued = rec.post("/api/tickets", json={"service": "2.000815"}).json()["ticket"]
        assert issued["token"]
        event = _json.loads(ws.recv(timeout=10))
        while event.get("kind") != "event":
            event = _json.loads(ws.recv(timeout=10))
    assert event["event"]["data"]["ticket"]["number"] == issued["number"]
    assert "token" not in event["event"]["data"]["ticket"]
    assert issued["token"] not in _json.dumps(event)
    with live_hub.client("display") as d:
        seen = d.get(f"/api/tickets/{issued['id']}").json()
    assert seen["number"] == issued["number"] and "token" not in seen
    assert "public_url" not in seen


def test_guessing_pairing_codes_and_pins_is_slowed_down(live_hub):
    """Wrong pairing codes (per address) and wrong PINs (per counter station) are limited;
    a right answer is never charged, and other stations are not affected."""
    with httpx.Client(base_url=live_hub.url, timeout=10) as anyone:
        answers = [anyone.post("/api/pair", json={"code": f"WRONG{i:03d}", "name": "x"})
                   for i in range(11)]
    assert [a.status_code for a in answers[:10]] == [401] * 10
    assert answers[10].status_code == 429 and answers[10].json()["code"] == "too_many_attempts"

    live_hub.hub.auth.add_officer("lan", "246802", "Nguyễn Thị Lan")
    counter = live_hub.client("counter", 2)
    ok = counter.post("/api/counters/2/sign-in", json={"username": "lan", "pin": "246802"})
    assert ok.status_code == 200
    wrong = [counter.post("/api/counters/2/sign-in", json={"username": "lan", "pin": f"{i:06d}"})
             for i in range(6)]
    assert [w.status_code for w in wrong] == [401] * 5 + [429]
    right_but_locked = counter.post("/api/counters/2/sign-in",
                                    json={"username": "lan", "pin": "246802"})
    assert right_but_locked.status_code == 429
    other = live_hub.client("counter", 3)
    assert other.post("/api/counters/3/sign-in",
                      json={"username": "lan", "pin": "246802"}).status_code == 200
