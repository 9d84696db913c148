"""Hostile input against the real central on loopback, on SQLite and on PostgreSQL: absurd
sequence numbers, enormous or deeply nested data, NUL characters and lone surrogates, wrong
types, bad encodings, bodies declared as something other than JSON, and a fuzzer. Every answer
is a 4xx JSON `{code, message}` or a 200 with the bad events parked as `rejected`, never a 5xx,
and the good events still land.

Regressions pinned here: a batch nested 100k deep was a 500 (RecursionError from json.loads);
an event with a lone surrogate ("\\ud800", valid JSON, not encodable) was a 500 on SQLite and
PostgreSQL (the driver raised UnicodeEncodeError), now the event is parked as rejected;
/api/enrol had no limit on guessing codes (now 10 refused codes a minute per
address, then 429); a batch declared as text/plain or a form was read as JSON (now 415).
"""

from __future__ import annotations

import json

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from onestop.sync.central.app import ENROL_RATE
from onestop.sync.protocol import MAX_BATCH_BYTES
from tests.gate import Gate, guess_in_parallel

HUB = "hub-hostile"
AT = "2026-11-23T01:00:00+00:00"
JSON = {"content-type": "application/json"}


@pytest.fixture
def hub_client(central):
    r = httpx.post(f"{central.url}/api/enrol", json={"code": central.code("Phường Thử"),
                                                     "hub_id": HUB})
    assert r.status_code == 200, r.text
    with httpx.Client(base_url=central.url, timeout=60, headers={
            "Authorization": f"Bearer {r.json()['token']}"}) as client:
        yield client


def batch(*events, **extra) -> dict:
    return {"protocol": 1, "hub_id": HUB, "sent_at": AT, "events": list(events), **extra}


def event(seq, **extra) -> dict:
    return {"hub_id": HUB, "seq": seq, "id": f"e{seq}", "type": "counter.opened", "at": AT,
            "schema": 1, "data": {"counter": 1}, **extra}


def _code(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.json()["code"] == code, r.json()


@pytest.mark.parametrize("seq", [0, -1, 2**63, 2**64, 10**100, 1.5, "1", None, True, [1]])
def test_absurd_seq_fails_the_batch_with_400(hub_client, seq):
    _code(hub_client.post("/api/sync/events", json=batch(event(seq))), 400, "bad_batch")


def test_largest_bigint_seq_is_held_but_never_acknowledged(central, hub_client):
    r = hub_client.post("/api/sync/events", json=batch(event(2**63 - 1)))
    assert r.status_code == 200 and r.json()["acked"] == 0, r.text
    assert central.held(HUB) == [(2**63 - 1, f"e{2**63 - 1}", "stored")]


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"protocol": 1, "events": [' + b"{\"a\":" * 30_000
                                  + b"1" + b"}" * 30_000 + b"]}"])
def test_deeply_nested_batch_is_400_not_500(hub_client, body):
    _code(hub_client.post("/api/sync/events", content=body, headers=JSON), 400, "bad_batch")


def test_invalid_utf8_and_non_json_are_400(central, hub_client):
    for body in (b'{"protocol": 1, "hub_id": "\xff"}', b"\x00\x01", b"not json", b""):
        _code(hub_client.post("/api/sync/events", content=body, headers=JSON), 400,
              "bad_batch")
    enrol = httpx.post(f"{central.url}/api/enrol", content=b'{"code": "\xc3\x28"}',
                       headers=JSON)
    _code(enrol, 400, "bad_encoding")
    deep = httpx.post(f"{central.url}/api/enrol", content=b"[" * 100_000 + b"]" * 100_000,
                      headers=JSON)
    _code(deep, 400, "too_deep")


def test_oversized_body_is_413_declared_or_chunked(hub_client):
    big = b" " * (MAX_BATCH_BYTES + 1)
    _code(hub_client.post("/api/sync/events", content=big, headers=JSON), 413, "too_large")
    chunks = iter([big[:4096], big[4096:]])
    _code(hub_client.post("/api/sync/events", content=chunks, headers=JSON), 413, "too_large")


@pytest.mark.parametrize(("body", "status", "code"), [
    ([], 400, "bad_batch"), ("batch", 400, "bad_batch"), (1, 400, "bad_batch"),
    (None, 400, "bad_batch"),
    ({"protocol": "one", "hub_id": HUB, "sent_at": AT, "events": []}, 400, "bad_batch"),
    (batch(protocol=2**70), 400, "bad_batch"), (batch(events="x"), 400, "bad_batch"),
    ({**batch(), "events": [1, "x", None]}, 400, "bad_batch"),
    ({**batch(), "hub_id": "another"}, 403, "wrong_hub"),
    ({**batch(), "extra": 1}, 400, "bad_batch"),
])
def test_wrong_types_are_400_or_403(hub_client, body, status, code):
    _code(hub_client.post("/api/sync/events", json=body), status, code)


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "text/json",
                                          "multipart/form-data; boundary=x",
                                          "application/x-www-form-urlencoded"])
def test_a_batch_under_another_content_type_is_415_and_nothing_lands(central, hub_client,
                                                                     content_type):
    body = json.dumps(batch(event(1))).encode()
    r = hub_client.post("/api/sync/events", content=body, headers={"content-type": content_type})
    _code(r, 415, "unsupported_media_type")
    assert central.held(HUB) == []
    enrol = httpx.post(f"{central.url}/api/enrol", headers={"content-type": content_type},
                       content=json.dumps({"code": central.code("W"), "hub_id": "h2"}).encode())
    _code(enrol, 422, "invalid")


@pytest.mark.parametrize("content_type", ["application/json", "APPLICATION/JSON; charset=utf-8",
                                          "application/vnd.onestop+json", None])
def test_json_labels_and_no_label_are_read_as_a_batch(central, hub_client, content_type):
    body = json.dumps(batch(event(1))).encode()
    headers = {"content-type": content_type} if content_type else {}  # httpx adds none
    r = hub_client.post("/api/sync/events", content=body, headers=headers)
    assert r.status_code == 200 and r.json()["acked"] == 1, r.text[:300]
    assert central.held(HUB) == [(1, "e1", "stored")]


def test_hostile_events_are_parked_and_good_ones_still_land(central, hub_client):
    hostile = [
        event(1, data={"x": "a" * (6 * 1024 * 1024)}),          # enormous, but under the cap
        event(2, id="e\x00", data={"number": "A\x00"}),          # NUL: PostgreSQL text refuses
        event(3, type="ticket.issued", data={"ticket": {"id": "t\x00", "day": "2026-11-23",
                                                        "status": "waiting"}}),
        event(4, schema=2**70), event(5, schema=-1), event(6, data=[]), event(7, at=12),
        event(8, type="ticket.called", data={"ticket": {"id": "t1", "day": "2026-99-99",
                                                        "status": "called"}}),
        event(9, type="ticket.called", data={"ticket": {"id": "t1", "day": "2026-11-23",
                                                        "status": "called", "counter": 2**40}}),
        event(10, hub_id="someone-else"),
        event(11, data={"x": "\u202e\ufeff" * 1000, "nul": "\x00"}),  # JSON escapes NUL
        event(12, type="x" * 10_000),
    ]
    r = hub_client.post("/api/sync/events", json=batch(*hostile))
    assert r.status_code == 200, r.text[:300]
    assert r.json()["acked"] == 12
    statuses = {x["seq"]: x["status"] for x in r.json()["results"]}
    assert statuses[1] == statuses[11] == "stored"
    assert {s for s in range(2, 11) if statuses[s] == "stored"} == set(), statuses
    # Lone surrogates (valid JSON escapes, not encodable as UTF-8): sent as raw text.
    raw = json.dumps(batch(event(13, id="e13", data={"s": "x"}))).replace(
        '"x"', '"\\ud800"').encode()
    r = hub_client.post("/api/sync/events", content=raw, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    r = hub_client.post("/api/sync/events", json=batch(event(14)))
    assert r.json()["acked"] == 14 and r.json()["results"][0]["status"] == "stored"


def test_enrolment_code_guessing_is_rate_limited(central):
    for ward in range(ENROL_RATE + 2):  # successful enrolments are never charged
        r = httpx.post(f"{central.url}/api/enrol", json={"code": central.code(f"W{ward}"),
                                                         "hub_id": f"hub{ward}"})
        assert r.status_code == 200, r.text
    answers = [httpx.post(f"{central.url}/api/enrol", json={
        "code": f"GUESS-{i:04d}", "hub_id": "guesser"}).status_code for i in range(ENROL_RATE)]
    assert answers == [401] * ENROL_RATE
    r = httpx.post(f"{central.url}/api/enrol", json={"code": central.code("W"), "hub_id": "g"})
    _code(r, 429, "too_many_attempts")  # even a right code waits: the bucket is per address
    assert int(r.headers["retry-after"]) >= 1


def test_forty_parallel_wrong_codes_check_exactly_the_limit(central, monkeypatch):
    """Issue 13, finding 2: 40 guesses at once got 12 checked of a limit of 10, because the
    free attempt was checked before and charged after. Now the attempt is reserved first."""
    auth = central.central.auth
    right = central.code("Phường Đúng")
    gate = Gate(auth.enrol, lambda code, _hub, _version, *_ward_code: code != right)
    monkeypatch.setattr(auth, "enrol", gate)
    post = httpx.post
    wrong = [lambda i=i: post(f"{central.url}/api/enrol", timeout=60, json={
        "code": f"GUESS-{i:04d}", "hub_id": "guesser"}) for i in range(39)]
    statuses, right_status = guess_in_parallel(gate, wrong, lambda: post(
        f"{central.url}/api/enrol", json={"code": right, "hub_id": "g"}, timeout=60), first=25)
    assert gate.entered == ENROL_RATE
    assert statuses == {401: ENROL_RATE, 429: 39 - ENROL_RATE}
    assert right_status == 429


_json = st.recursive(st.none() | st.booleans() | st.integers()
                     | st.floats(allow_nan=False, allow_infinity=False)  # httpx refuses them
                     | st.text(), lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=10)
_event = st.fixed_dictionaries(
    {"seq": st.integers(min_value=1, max_value=400)},
    optional={"hub_id": st.just(HUB) | _json, "id": st.text(max_size=70) | _json,
              "type": st.sampled_from(["ticket.issued", "ticket.done", "rating.given",
                                       "counter.opened"]) | _json,
              "at": st.just(AT) | _json, "schema": st.integers() | _json,
              "data": st.fixed_dictionaries({}, optional={"ticket": _json | st.fixed_dictionaries(
                  {"id": st.text(max_size=8), "day": st.text(max_size=12) | st.just("2026-11-23"),
                   "status": st.sampled_from(["waiting", "called", "done", "x"])},
                  optional={"counter": _json, "rating": _json, "issued_at": _json})}) | _json})


@settings(max_examples=80, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(events=st.lists(_event | _json, max_size=6))
def test_hypothesis_batches_are_200_or_a_json_4xx(hub_client, events):
    """Never a 5xx: an answer with a result per event, or a 4xx with its code."""
    r = hub_client.post("/api/sync/events", json=batch(*events))
    if r.status_code == 200:
        assert {x["status"] for x in r.json()["results"]} <= {"stored", "duplicate", "rejected"}
    else:
        assert 400 <= r.status_code < 500, (events, r.status_code, r.text[:300])
        assert r.json()["code"]


def _fuzz(url: str, op, mode, token: str) -> str | None:
    """One operation in one mode with one token; the first failure, or None."""
    @settings(max_examples=15, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case) -> None:
        case.call_and_validate(base_url=url, timeout=30, checks=[not_a_server_error],
                               headers={"Authorization": f"Bearer {token}"})

    try:
        run()
    except Exception as exc:  # noqa: BLE001  (collect every failing operation)
        if type(exc).__name__ != "Unsatisfiable":  # nothing invalid to make, e.g. /api/health
            return str(exc)[:1000]
    return None


@pytest.mark.slow
def test_schemathesis_no_central_operation_answers_with_a_server_error(central, hub_client):
    """Every operation in central's schema, with a hub token, an admin token and a bad one."""
    admin = central.central.auth.create_admin_token()
    hub_token = hub_client.headers["Authorization"].removeprefix("Bearer ")
    schema = schemathesis.openapi.from_url(f"{central.url}/openapi.json", timeout=30)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5, [op.label for op in operations]
    failures = {}
    for name, token in (("hub", hub_token), ("admin", admin), ("invalid", "not-a-token")):
        for op in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                failure = _fuzz(central.url, op, mode, token)
                if failure:
                    failures[f"{op.label} [{mode}, {name}]"] = failure
    assert not failures, failures
