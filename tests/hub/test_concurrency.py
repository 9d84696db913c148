"""Several processes pressing "next" on one database file: every ticket is called exactly once."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter as Tally

from hubfakes import centre_with

from onestop.hub.store import HubStore
from onestop.queue.operations import IssueRequest

PROCESSES = 8
CALLS = 200


def _worker(path: str, counter: int, calls: int, start, results) -> None:
    store = HubStore(path, centre=centre_with(PROCESSES))
    start.wait()
    got = []
    for _ in range(calls):
        ticket = store.call_next(counter, officer=f"officer{counter}")
        if ticket is None:
            break
        got.append(ticket.id)
        store.act(ticket.id, "done")
    results.put((counter, got))
    store.close()


def test_eight_processes_call_next_without_double_calls(tmp_path):
    path = str(tmp_path / "hub.db")
    store = HubStore(path, centre=centre_with(PROCESSES))
    for c in store.counters():
        store.set_counter_status(c.number, "open")
    issued = [store.issue(IssueRequest("2.000815")).ticket.id
              for _ in range(PROCESSES * CALLS)]
    ctx = mp.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(path, n, CALLS, start, results))
             for n in range(1, PROCESSES + 1)]
    for p in procs:
        p.start()
    start.set()
    per_counter = dict(results.get(timeout=240) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    called = [tid for got in per_counter.values() for tid in got]
    assert sorted(called) == sorted(issued)  # every ticket, none twice
    events = store.events_since(0, limit=1_000_000)
    calls = Tally(e.data["ticket"]["id"] for e in events if e.type == "ticket.called")
    assert set(calls.values()) == {1} and len(calls) == len(issued)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert store.waiting() == []
