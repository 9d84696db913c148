"""Who may do what: every mutating endpoint of the hub against every kind of caller.

Proves the role rules of api.py: no token or a garbage token is 401, a display is 403 on every
write, reception may only issue and cancel a waiting ticket, a counter station acts only for its
own counter (and the ticket that counter holds), a supervisor does everything but the admin-only
calls, an admin does everything. Each allowed call is set up to succeed (2xx), so a rule that
wrongly refuses shows up. Also: pairing codes redeem once and expire; tokens, pairing codes and
PINs are never stored in the clear (the raw strings are nowhere in the database files).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

SERVICE = "2.000815"  # group certification: counter 1 (and 4) serve it
OFFICER, PIN = "tran.binh", "135790"
PRINCIPALS = ("none", "garbage", "display", "reception", "counter2", "counter1", "supervisor",
              "admin")
STAFF = {"supervisor", "admin"}
COUNTER = {"counter1"} | STAFF  # may act for counter 1


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str  # {t} is the ticket the setup prepared
    setup: str  # "" | "free" | "waiting" | "called" | "serving" | "parked" | "recalled"
    allowed: frozenset[str]
    body: dict | None = None


def _calls() -> list[Call]:
    calls = [
        Call("issue", "POST", "/api/tickets", "", frozenset({"reception"} | STAFF),
             {"service": SERVICE, "count": 1}),
        Call("next", "POST", "/api/counters/1/next", "waiting", frozenset(COUNTER)),
        Call("open", "POST", "/api/counters/1/open", "", frozenset(COUNTER)),
        Call("pause", "POST", "/api/counters/1/pause", "", frozenset(COUNTER)),
        Call("close", "POST", "/api/counters/1/close", "free", frozenset(COUNTER)),
        Call("sign-in", "POST", "/api/counters/1/sign-in", "", frozenset(COUNTER),
             {"username": OFFICER, "pin": PIN}),
        Call("sign-out", "POST", "/api/counters/1/sign-out", "", frozenset(COUNTER)),
        Call("patch-counter", "PATCH", "/api/counters/1", "", frozenset(STAFF),
             {"fast_lane": False, "label_en": "Counter 1"}),
        Call("pairing-counter", "POST", "/api/pairing-codes", "", frozenset(STAFF),
             {"role": "counter", "counter": 1}),
        Call("pairing-supervisor", "POST", "/api/pairing-codes", "", frozenset({"admin"}),
             {"role": "supervisor"}),
        Call("officer", "POST", "/api/officers", "", frozenset({"admin"}),
             {"username": "le.chi", "pin": "864200"}),
        Call("catalog", "PUT", "/api/catalog", "", frozenset({"admin"})),  # body: the current
        # ticket actions on the ticket counter 1 holds
        Call("recall", "POST", "/api/tickets/{t}/recall", "called", frozenset(COUNTER)),
        Call("start", "POST", "/api/tickets/{t}/start", "called", frozenset(COUNTER)),
        Call("done", "POST", "/api/tickets/{t}/done", "serving", frozenset(COUNTER)),
        Call("no-show", "POST", "/api/tickets/{t}/no-show", "recalled", frozenset(COUNTER)),
        Call("park", "POST", "/api/tickets/{t}/park", "serving", frozenset(COUNTER),
             {"reason": "fetching a document"}),
        Call("return", "POST", "/api/tickets/{t}/return", "parked", frozenset(COUNTER),
             {"counter": 1}),
        Call("transfer", "POST", "/api/tickets/{t}/transfer", "called", frozenset(COUNTER),
             {"to_group": "civil-status"}),
        Call("cancel-called", "POST", "/api/tickets/{t}/cancel", "called", frozenset(COUNTER)),
        # a waiting ticket belongs to no counter: reception may cancel it, staff may move it
        Call("cancel-waiting", "POST", "/api/tickets/{t}/cancel", "waiting",
             frozenset({"reception"} | STAFF), {"reason": "left"}),
        Call("transfer-waiting", "POST", "/api/tickets/{t}/transfer", "waiting",
             frozenset(STAFF), {"to_group": "civil-status"}),
    ]
    return calls


CALLS = _calls()


def _prepare(hub, setup: str) -> str | None:
    """Counter 1 open, free and with an officer; then a ticket in the state `setup` names."""
    store = hub.store
    counter = store.counter(1)
    if counter.current:
        store.act(counter.current, "cancel" if store.ticket(counter.current).status != "serving"
                  else "done")
    if counter.status != "open":
        store.set_counter_status(1, "open")
    if store.counter(1).officer is None:
        store.sign_in(1, OFFICER)
    if setup in ("", "free"):
        return None
    for old in store.waiting():  # "next" must find exactly the ticket made here
        store.act(old.id, "cancel")
    t = store.issue(_issue()).ticket
    if setup == "waiting":
        return t.id
    store.act(t.id, "call", counter=1)
    if setup == "recalled":
        store.act(t.id, "recall")
    if setup in ("serving", "parked"):
        store.act(t.id, "start")
    if setup == "parked":
        store.act(t.id, "park")
    return t.id


def _issue():
    from onestop.queue.operations import IssueRequest

    return IssueRequest(SERVICE)


def _headers(live_hub, who: str) -> dict:
    if who == "none":
        return {}
    if who == "garbage":
        return {"Authorization": "Bearer not-a-real-token-" + "x" * 20}
    role, counter = (who[:-1], int(who[-1])) if who.startswith("counter") else (who, None)
    return {"Authorization": f"Bearer {live_hub.token(role, counter)}"}


@pytest.fixture
def hub_with_officer(live_hub):
    live_hub.hub.auth.add_officer(OFFICER, PIN)
    return live_hub


@pytest.mark.parametrize("call", CALLS, ids=[c.name for c in CALLS])
def test_role_matrix(hub_with_officer, call):
    live_hub = hub_with_officer
    body = call.body
    if call.name == "catalog":
        body = live_hub.hub.store.catalog.to_dict()
    outcomes = {}
    with httpx.Client(base_url=live_hub.url, timeout=30) as http:
        for who in PRINCIPALS:
            ticket = _prepare(live_hub.hub, call.setup)
            before = live_hub.hub.store.last_event_seq()
            r = http.request(call.method, call.path.format(t=ticket), json=body,
                             headers=_headers(live_hub, who))
            outcomes[who] = r.status_code
            assert r.headers["content-type"].startswith("application/json") or r.status_code \
                == 204, r.text
            if who in ("none", "garbage"):
                assert r.status_code == 401 and r.json()["code"] == "unauthorized", (who, r.text)
            elif who in call.allowed:
                assert 200 <= r.status_code < 300, (who, r.status_code, r.text)
            else:
                assert r.status_code == 403 and r.json()["code"] == "forbidden", (who, r.text)
            if r.status_code >= 400:  # a refusal changes nothing
                assert live_hub.hub.store.last_event_seq() == before, (who, r.text)
    assert "display" not in call.allowed
    assert sum(200 <= s < 300 for s in outcomes.values()) == len(call.allowed), outcomes


def test_token_in_query_string_and_revocation(live_hub):
    hub = live_hub.hub
    token = live_hub.token("counter", 1)
    r = httpx.post(f"{live_hub.url}/api/counters/1/open", params={"token": token})
    assert r.status_code == 200, r.text
    station = next(s for s in hub.auth.stations() if s["role"] == "counter")
    hub.auth.revoke(station["id"])
    r = httpx.post(f"{live_hub.url}/api/counters/1/pause", params={"token": token})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"
    r = httpx.post(f"{live_hub.url}/api/counters/1/pause", headers={"Authorization": token})
    assert r.status_code == 401  # a bare token without "Bearer" is not a bearer token


def test_pairing_code_redeems_once(live_hub):
    with live_hub.client("supervisor") as sup:
        r = sup.post("/api/pairing-codes", json={"role": "counter", "counter": 3})
        assert r.status_code == 201, r.text
        code = r.json()["code"]
        assert sup.post("/api/pairing-codes", json={"role": "counter"}).status_code == 422
        assert sup.post("/api/pairing-codes", json={"role": "counter", "counter": 99}) \
            .status_code == 404
    paired = httpx.post(f"{live_hub.url}/api/pair", json={"code": code.lower(), "name": "PC 3"})
    assert paired.status_code == 200, paired.text
    got = paired.json()
    assert got["role"] == "counter" and got["counter"] == 3 and got["name"] == "PC 3"
    station = {"Authorization": f"Bearer {got['token']}"}
    assert httpx.post(f"{live_hub.url}/api/counters/3/open", headers=station).status_code == 200
    assert httpx.post(f"{live_hub.url}/api/counters/1/open", headers=station).status_code == 403
    again = httpx.post(f"{live_hub.url}/api/pair", json={"code": code})
    assert again.status_code == 401 and again.json()["code"] == "invalid_pairing_code"
    wrong = httpx.post(f"{live_hub.url}/api/pair", json={"code": "ABCD-EFGH"})
    assert wrong.status_code == 401


def test_expired_pairing_code_is_refused(live_hub):
    store = live_hub.hub.store
    with live_hub.client("supervisor") as sup:
        code = sup.post("/api/pairing-codes", json={"role": "display"}).json()["code"]
        fresh = sup.post("/api/pairing-codes", json={"role": "display"}).json()["code"]
    real = store.clock
    store.clock = lambda: real() + timedelta(minutes=10, seconds=5)
    try:
        r = httpx.post(f"{live_hub.url}/api/pair", json={"code": code})
        assert r.status_code == 401 and r.json()["code"] == "invalid_pairing_code", r.text
    finally:
        store.clock = real
    assert httpx.post(f"{live_hub.url}/api/pair", json={"code": fresh}).status_code == 200


def test_secrets_are_stored_hashed(live_hub):
    long_pin = "739184620573"
    token = live_hub.token("admin")
    with live_hub.client("admin") as admin:
        assert admin.post("/api/officers", json={"username": "pham.dung", "pin": long_pin}) \
            .status_code == 201
        code = admin.post("/api/pairing-codes", json={"role": "reception"}).json()["code"]
    paired = httpx.post(f"{live_hub.url}/api/pair", json={"code": code}).json()["token"]
    files = sorted(live_hub.hub.store.path.parent.glob(live_hub.hub.store.path.name + "*"))
    data = b"".join(f.read_bytes() for f in files)
    assert hashlib.sha256(token.encode()).hexdigest().encode() in data  # looking in the right place
    for secret in (token, paired, long_pin, code, code.replace("-", "")):
        assert secret.encode() not in data, f"{secret!r} stored in the clear"
    with live_hub.hub.store.reading() as db:
        pin_hash = db.execute("SELECT pin_hash FROM officers WHERE username = 'pham.dung'") \
            .fetchone()[0]
    assert pin_hash.startswith("scrypt$") and long_pin not in pin_hash
