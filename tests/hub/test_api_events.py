"""The live event feed `WS /api/events` of the real hub, on loopback.

Proves: a client resuming with `since=N` after missing K events gets exactly those K, in order,
then the live ones, with no duplicate even while writers keep committing during the catch-up;
a client without `since` (or with one beyond the head) gets a snapshot first; `view=state`
pushes a fresh `state` after a call; a bad token closes the socket with code 4401; and under
five concurrent writers events arrive in strictly increasing, gap-free sequence order.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from onestop.queue.operations import IssueRequest

SERVICE = "2.000815"


def _ws(live_hub, query: str = "", role: str = "display"):
    token = live_hub.token(role)
    sep = "&" if query else ""
    return connect(f"{live_hub.ws_url}/api/events?{query}{sep}token={token}", open_timeout=10)


def _recv(ws, timeout: float = 5.0) -> dict:
    return json.loads(ws.recv(timeout=timeout))


def _events_until(ws, seq: int, timeout: float = 20.0) -> list[dict]:
    """Every message up to the event with sequence `seq`, in arrival order (events only)."""
    got, deadline = [], time.monotonic() + timeout
    while not got or got[-1]["seq"] < seq:
        message = _recv(ws, max(0.1, deadline - time.monotonic()))
        assert message["kind"] == "event", message["kind"]
        got.append(message["event"])
    return got


def _issue(store, n: int) -> None:
    for _ in range(n):
        store.issue(IssueRequest(SERVICE))


def _next_is_a_fresh_event(ws, store) -> None:
    """Nothing else was sent: one more event is committed, and it is the very next message.
    (The feed is ordered, so a duplicate or a stray message would arrive before it; no waiting
    for a silence that proves nothing.)"""
    _issue(store, 1)
    message = _recv(ws)
    assert message["kind"] == "event", message
    assert message["event"]["seq"] == store.last_event_seq(), message["event"]["seq"]


def test_resume_gets_exactly_the_missed_events_then_live_ones(live_hub):
    store = live_hub.hub.store
    _issue(store, 3)
    since = store.last_event_seq()
    _issue(store, 7)  # the K = 7 events the client missed
    head = store.last_event_seq()
    assert head - since == 7
    with _ws(live_hub, f"since={since}") as ws:
        missed = _events_until(ws, head)
        assert [e["seq"] for e in missed] == list(range(since + 1, head + 1))
        assert [e["type"] for e in missed] == ["ticket.issued"] * 7
        assert [e["data"]["ticket"]["number"] for e in missed] == [
            e.data["ticket"]["number"] for e in store.events_since(since)]
        store.set_counter_status(1, "open")
        called = store.call_next(1)
        live = _events_until(ws, store.last_event_seq())
        assert [e["seq"] for e in live] == [head + 1, head + 2]
        assert live[-1]["type"] == "ticket.called"
        assert live[-1]["data"]["ticket"]["id"] == called.id
        _next_is_a_fresh_event(ws, store)  # nothing twice


def test_resume_while_writers_commit_has_no_gap_and_no_duplicate(live_hub):
    store = live_hub.hub.store
    _issue(store, 50)
    since = 10
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            store.issue(IssueRequest(SERVICE))

    def committed(more: int, after: int) -> None:
        """Wait until the writer has committed `more` events after seq `after`."""
        deadline = time.monotonic() + 20
        while store.last_event_seq() < after + more:
            assert time.monotonic() < deadline and thread.is_alive(), "the writer stalled"
            time.sleep(0.005)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        committed(20, 50)  # the writer is busy before the client connects...
        connected_at = store.last_event_seq()
        ws = _ws(live_hub, f"since={since}")
        committed(50, connected_at)  # ... and keeps committing while it catches up
    finally:
        stop.set()
        thread.join()
    head = store.last_event_seq()
    with ws:
        got = _events_until(ws, head)
        _next_is_a_fresh_event(ws, store)
    assert [e["seq"] for e in got] == list(range(since + 1, head + 1))


@pytest.mark.parametrize("query", ["", "since=999999", "since=-5"])
def test_snapshot_first_without_a_usable_since(live_hub, query):
    store = live_hub.hub.store
    _issue(store, 4)
    with _ws(live_hub, query) as ws:
        first = _recv(ws)
        assert first["kind"] == "snapshot"
        state = first["state"]
        assert state["seq"] == store.last_event_seq() and state["waiting_total"] == 4
        assert {c["number"] for c in state["counters"]} == {c.number for c in store.counters()}
        # The snapshot replaces the history: no old event after it, the next one is new.
        _next_is_a_fresh_event(ws, store)
        assert store.last_event_seq() == state["seq"] + 1


def test_state_view_pushes_state_after_a_call(live_hub):
    store = live_hub.hub.store
    store.update_counter(2, skills=("certification",))
    store.set_counter_status(2, "open")
    _issue(store, 1)
    with _ws(live_hub, "view=state") as ws:
        assert _recv(ws)["kind"] == "snapshot"
        called = store.call_next(2)
        assert called is not None
        deadline = time.monotonic() + 5
        while True:
            message = _recv(ws, max(0.1, deadline - time.monotonic()))
            if message["kind"] == "state":
                break
            assert message["kind"] == "event"
        state = message["state"]
        assert state["seq"] == store.last_event_seq()
        counter2 = next(c for c in state["counters"] if c["number"] == 2)
        assert counter2["ticket"]["number"] == called.number
        assert counter2["ticket"]["status"] == "called"
        assert state["recent_calls"][0]["number"] == called.number
        assert state["recent_calls"][0]["counter"] == 2


def test_plain_view_gets_no_state_messages(live_hub):
    store = live_hub.hub.store
    store.set_counter_status(1, "open")
    _issue(store, 1)
    with _ws(live_hub) as ws:
        assert _recv(ws)["kind"] == "snapshot"
        store.call_next(1)
        _issue(store, 1)  # everything up to this last event is an event, never a state
        assert [e["type"] for e in _events_until(ws, store.last_event_seq())] == [
            "ticket.called", "ticket.issued"]


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_bad_token_closes_with_4401(live_hub, token):
    url = f"{live_hub.ws_url}/api/events?token={token}" if token else \
        f"{live_hub.ws_url}/api/events"
    with connect(url, open_timeout=10) as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_bearer_header_works_for_websocket(live_hub):
    token = live_hub.token("display")
    with connect(f"{live_hub.ws_url}/api/events",
                 additional_headers={"Authorization": f"Bearer {token}"}) as ws:
        assert _recv(ws)["kind"] == "snapshot"


def test_concurrent_writers_arrive_in_strict_sequence_order(live_hub):
    store = live_hub.hub.store
    reception = [live_hub.client("reception") for _ in range(5)]
    per_writer = 40
    with _ws(live_hub) as ws:
        start = _recv(ws)["state"]["seq"]
        barrier = threading.Barrier(5)
        errors: list[str] = []

        def writer(client) -> None:
            barrier.wait()
            for _ in range(per_writer):
                r = client.post("/api/tickets", json={"service": SERVICE})
                if r.status_code != 201:
                    errors.append(r.text)

        threads = [threading.Thread(target=writer, args=(c,)) for c in reception]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        head = store.last_event_seq()
        assert head == start + 5 * per_writer
        got = _events_until(ws, head)
    seqs = [e["seq"] for e in got]
    assert seqs == list(range(start + 1, head + 1))  # strictly increasing, no gap, no duplicate
    numbers = [e["data"]["ticket"]["number"] for e in got]
    assert len(set(numbers)) == len(numbers)
    for c in reception:
        c.close()


def test_a_client_that_leaves_is_forgotten_and_shutdown_is_prompt(live_hub):
    broker = live_hub.hub.broker
    with _ws(live_hub) as ws:
        assert _recv(ws)["kind"] == "snapshot"
        assert len(broker.subscribers) == 1
    deadline = time.monotonic() + 5
    while broker.subscribers and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not broker.subscribers  # no event needed to notice the client went away

    with _ws(live_hub) as still_open:
        assert _recv(still_open)["kind"] == "snapshot"
        live_hub.server.stop()  # a display still connected must not hold the hub up
        assert not live_hub.server.thread.is_alive()
        with pytest.raises(ConnectionClosed):
            still_open.recv(timeout=5)
