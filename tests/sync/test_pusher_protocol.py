"""The hub's pusher against scripted central answers (httpx.MockTransport): how each answer of
the protocol is handled. The real central on loopback, with faults, is in test_sync_faults.py."""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.compose import build_hub
from onestop.queue.operations import IssueRequest
from onestop.settings import Settings
from onestop.sync import protocol as p
from onestop.sync.pusher import Backoff, SyncError, SyncWorker

TOKEN = "hub-secret-token-0123456789"


@pytest.fixture
def hub(tmp_path):
    hub = build_hub(Settings(data_dir=tmp_path / "data"))
    hub.outbox.enrolled("http://central.test", TOKEN, "Phường Cửa Nam", None, 0,
                        datetime.now(UTC))
    yield hub
    hub.close()


def issue(hub, n: int) -> None:
    for _ in range(n):
        hub.store.issue(IssueRequest("2.000815", "submit", 1, None))


class ScriptedCentral:
    """Answers like central would, holding events by seq; `script` overrides answers."""

    def __init__(self) -> None:
        self.held: dict[int, str] = {}
        self.script: list = []
        self.requests: list[dict] = []
        self.reject: set[int] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        if self.script:
            step = self.script.pop(0)
            if callable(step):
                return step(request, body)
            return step
        results = []
        for e in body["events"]:
            status = p.DUPLICATE if e["seq"] in self.held else (
                p.REJECTED if e["seq"] in self.reject else p.STORED)
            self.held.setdefault(e["seq"], e["id"])
            results.append({"seq": e["seq"], "status": status,
                            "reason": "bad ticket" if status == p.REJECTED else None})
        acked = 0
        while acked + 1 in self.held:
            acked += 1
        return httpx.Response(200, json={
            "hub_id": body["hub_id"], "acked": acked, "received_at": "2026-11-25T08:00:00+00:00",
            "skew_s": 0.5, "results": results})


def worker(hub, central, **kw) -> SyncWorker:
    return SyncWorker(hub.outbox, clock=hub.store.clock, transport=httpx.MockTransport(central),
                      rng=random.Random(1), **kw)


def test_batches_in_order_and_cursor_recorded(hub):
    issue(hub, 12)
    central = ScriptedCentral()
    result = worker(hub, central, batch_size=5).push_pending()
    last = hub.store.last_event_seq()
    assert result.acked == last == hub.outbox.acked() and hub.outbox.pending() == 0
    assert [len(b["events"]) for b in central.requests] == [5, 5, 2][: len(central.requests)]
    seqs = [e["seq"] for b in central.requests for e in b["events"]]
    assert seqs == list(range(1, last + 1))
    first = central.requests[0]
    assert first["protocol"] == p.PROTOCOL_VERSION and first["hub_id"] == hub.store.hub_id
    assert all("token" not in e["data"].get("ticket", {}) for e in central.requests[0]["events"])
    assert hub.sync_status()["skew_s"] == 0.5


def test_rejected_events_are_parked_and_do_not_block(hub):
    issue(hub, 4)
    central = ScriptedCentral()
    central.reject = {2}
    worker(hub, central).push_pending()
    assert hub.outbox.acked() == hub.store.last_event_seq()
    assert [(x.seq, x.reason) for x in hub.outbox.parked()] == [(2, "bad ticket")]
    assert hub.sync_status()["parked"] == 1


def test_too_large_halves_the_batch_and_sends_everything(hub):
    issue(hub, 9)
    central = ScriptedCentral()

    def too_large(request, body):
        return httpx.Response(413, json={"code": "too_large", "message": "max 4"})
    central.script = [too_large, too_large]
    w = worker(hub, central, batch_size=16)
    w.push_pending()
    assert w.batch_size == 2 and hub.outbox.pending() == 0  # 9 events → 4 → 2


def test_401_asks_for_reenrolment_and_stops(hub):
    issue(hub, 2)
    central = ScriptedCentral()
    central.script = [httpx.Response(401, json={"code": "unauthorised", "message": "revoked"})]
    w = worker(hub, central)
    w.run_cycle()
    status = hub.sync_status()
    assert w.state == "needs_enrolment" and status["needs_enrolment"]
    assert "enrol" in status["last_error"] and status["pending"] == hub.store.last_event_seq()
    w.run_cycle()  # no request while the token is refused
    assert len(central.requests) == 1


def test_other_4xx_halts_without_retrying_until_sync_now(hub):
    issue(hub, 2)
    central = ScriptedCentral()
    central.script = [httpx.Response(403, json={"code": "wrong_hub", "message": "not yours"})]
    w = worker(hub, central)
    w.run_cycle()
    assert w.state == "halted" and "wrong_hub" in hub.sync_status()["last_error"]
    w.run_cycle()
    assert len(central.requests) == 1, "a 403 is not sent again by itself"
    w.sync_now()
    w.run_cycle()
    assert w.state == "idle" and hub.outbox.pending() == 0
    assert hub.sync_status()["last_error"] is None


@pytest.mark.parametrize("answer", [
    httpx.Response(500, text="boom"), httpx.Response(503, json={"code": "x", "message": "y"}),
    httpx.Response(409, json={"code": "busy", "message": "batch in flight"}),
    httpx.Response(200, text="not json"), httpx.Response(200, json={"acked": "x"}),
])
def test_retriable_answers_back_off_and_then_deliver(hub, answer):
    issue(hub, 3)
    central = ScriptedCentral()
    central.script = [answer]
    w = worker(hub, central)
    delay = w.run_cycle()
    assert w.state == "retrying" and 0 <= delay <= 1.0
    assert hub.outbox.acked() == 0
    w.run_cycle()
    assert w.state == "idle" and hub.outbox.pending() == 0


def test_429_waits_at_least_retry_after(hub):
    issue(hub, 1)
    central = ScriptedCentral()
    central.script = [httpx.Response(429, headers={"Retry-After": "7"},
                                     json={"code": "slow_down", "message": "later"})]
    assert worker(hub, central).run_cycle() >= 7


def test_connection_errors_are_retried(hub):
    issue(hub, 1)
    calls = []

    def down(request):
        calls.append(1)
        raise httpx.ConnectError("refused", request=request)
    w = SyncWorker(hub.outbox, clock=hub.store.clock, transport=httpx.MockTransport(down))
    w.run_cycle()
    assert w.state == "retrying" and "unreachable" in hub.sync_status()["last_error"]


def test_acked_below_the_cursor_resends_from_there(hub):
    """Central restored from an older backup: it asks again from what it holds."""
    issue(hub, 3)
    central = ScriptedCentral()
    w = worker(hub, central)
    w.push_pending()
    top = hub.outbox.acked()
    central.held = {s: i for s, i in central.held.items() if s <= 2}
    issue(hub, 1)
    w.push_pending()
    resent = [e["seq"] for e in central.requests[-2]["events"]] if len(central.requests) > 2 \
        else []
    assert hub.outbox.acked() == top + hub.store.last_event_seq() - top
    assert sorted(central.held) == list(range(1, hub.store.last_event_seq() + 1))
    assert resent == [] or resent[0] >= 3


def test_the_token_is_never_logged(hub, caplog):
    issue(hub, 2)
    caplog.set_level(logging.DEBUG)
    central = ScriptedCentral()
    central.script = [httpx.Response(500, text="boom")]
    w = worker(hub, central)
    w.run_cycle()
    w.run_cycle()
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(hub.outbox.link()) and TOKEN not in json.dumps(hub.sync_status())


def test_not_enrolled_sends_nothing(tmp_path):
    hub = build_hub(Settings(data_dir=tmp_path / "d"))
    try:
        w = SyncWorker(hub.outbox, clock=hub.store.clock)
        w.run_cycle()
        assert w.state == "off"
        with pytest.raises(SyncError):
            w.push_pending()
    finally:
        hub.close()


@settings(deadline=timedelta(seconds=2))  # the default 200 ms fails on a loaded machine
@given(st.integers(0, 40), st.integers(0, 2**32))
def test_backoff_is_full_jitter_between_1s_doubling_and_5min(attempt, seed):
    b = Backoff(random.Random(seed), attempt=attempt)
    delay = b.next_delay()
    assert 0 <= delay <= min(300.0, 2.0 ** attempt)
    assert b.attempt == attempt + 1
