"""Twenty counters pressing "next" at once over HTTP, against a real hub on loopback.

500 tickets wait; 20 counters that share the same skills each loop `next` -> `done` from its own
thread with its own counter token until the hub answers 204. Proves the first quality bar of
docs/architecture.md end to end (HTTP, thread pool, store lock, SQLite): every ticket is called
exactly once (by the responses and by the pushed events), all 500 end done, and the event
sequence has no gap.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter as Tally
from dataclasses import replace

import httpx
import pytest
from websockets.sync.client import connect

from onestop.compose import HubServer, build_hub
from onestop.queue.centre import CounterSpec, default_centre
from onestop.queue.operations import IssueRequest
from onestop.serving import free_port
from onestop.settings import Settings

COUNTERS = 20
TICKETS = 500


@pytest.fixture
def busy_hub(tmp_path):
    """A hub with 20 identical counters (all serve certification) and 500 waiting tickets."""
    centre = replace(default_centre(), counters=tuple(
        CounterSpec(n, f"Quầy {n}", f"Counter {n}", ("certification", "civil-status"))
        for n in range(1, COUNTERS + 1)))
    hub = build_hub(Settings(data_dir=tmp_path / "data"), centre=centre)
    for n in range(1, COUNTERS + 1):
        hub.store.set_counter_status(n, "open")
    issued = [hub.store.issue(IssueRequest("2.000815")).ticket.id for _ in range(TICKETS)]
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    yield hub, server, issued
    server.stop()
    hub.close()


def test_twenty_counters_never_share_a_ticket(busy_hub):
    hub, server, issued = busy_hub
    store = hub.store
    start_seq = store.last_event_seq()
    tokens = {n: hub.auth.create_token("counter", n) for n in range(1, COUNTERS + 1)}
    pushed: list[dict] = []
    listening = threading.Event()

    def listen() -> None:  # a lobby display, connected throughout
        with connect(f"ws://{server.host}:{server.port}/api/events?since={start_seq}"
                     f"&token={hub.auth.create_token('display')}") as ws:
            listening.set()
            done = 0
            while done < TICKETS:
                event = json.loads(ws.recv(timeout=60))["event"]
                pushed.append(event)
                done += event["type"] == "ticket.done"

    listener = threading.Thread(target=listen)
    listener.start()
    assert listening.wait(10)
    called: dict[int, list[str]] = {n: [] for n in tokens}
    failures: list[str] = []
    barrier = threading.Barrier(COUNTERS)

    def counter(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=60,
                          headers={"Authorization": f"Bearer {tokens[n]}"}) as http:
            barrier.wait()
            while True:
                r = http.post(f"/api/counters/{n}/next")
                if r.status_code == 204:
                    return
                if r.status_code != 200:
                    failures.append(f"next {n}: {r.status_code} {r.text}")
                    return
                ticket = r.json()
                if ticket["counter"] != n or ticket["status"] != "called":
                    failures.append(f"counter {n} got {ticket}")
                called[n].append(ticket["id"])
                r = http.post(f"/api/tickets/{ticket['id']}/done")
                if r.status_code != 200:
                    failures.append(f"done {n}: {r.status_code} {r.text}")
                    return

    began = time.monotonic()
    threads = [threading.Thread(target=counter, args=(n,)) for n in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    elapsed = time.monotonic() - began
    listener.join(timeout=60)
    assert not listener.is_alive(), f"display saw {len(pushed)} events"
    assert failures == []

    # Responses: every ticket once, none twice, and the work really was shared.
    from_responses = [tid for ids in called.values() for tid in ids]
    assert sorted(from_responses) == sorted(issued)
    assert sum(1 for ids in called.values() if ids) >= COUNTERS // 2, {
        n: len(ids) for n, ids in called.items()}

    # Events: one ticket.called per ticket, at the counter that got it in its response.
    calls = [e for e in pushed if e["type"] == "ticket.called"]
    assert Tally(e["data"]["ticket"]["id"] for e in calls) == Tally(issued)
    holder = {tid: n for n, ids in called.items() for tid in ids}
    assert all(holder[e["data"]["ticket"]["id"]] == e["data"]["ticket"]["counter"]
               for e in calls)
    assert [e["seq"] for e in pushed] == list(range(start_seq + 1, start_seq + 2 * TICKETS + 1))

    # The database agrees: all done, nobody waiting, every counter free, sequence gap-free.
    with store.reading() as db:
        statuses = dict(db.execute("SELECT status, count(*) FROM tickets GROUP BY status"))
    assert statuses == {"done": TICKETS}
    assert all(c.current is None for c in store.counters())
    seqs = [e.seq for e in store.events_since(0, limit=10**6)]
    assert seqs == list(range(1, len(seqs) + 1))
    print(f"\n{TICKETS} calls by {COUNTERS} counters over HTTP in {elapsed:.1f} s")
