"""Two counters recording dossiers at the same moment through two connections to one hub.db
(as two hub processes would): every code is unique and the day's sequence has no gap."""

from __future__ import annotations

import threading

from hubfakes import FakeClock, hanoi, open_all, open_store

from onestop.hub import dossiers
from onestop.queue.operations import IssueRequest

ROUNDS = 12


def test_parallel_receipts_get_distinct_gap_free_codes(tmp_path):
    clock = FakeClock(hanoi(2026, 12, 7, 9))
    path = tmp_path / "hub.db"
    first, second = open_store(path, clock=clock), open_store(path, clock=clock)
    open_all(first)
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def counter(store, number: int, service: str) -> None:
        try:
            start.wait()
            for _ in range(ROUNDS):
                store.issue(IssueRequest(service))
                ticket = store.call_next(number)
                codes.append(dossiers.receive(store, ticket.id, number, "CUANAM")["code"])
                store.act(ticket.id, "done", counter=number)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=counter, args=(first, 1, "2.000815")),
               threading.Thread(target=counter, args=(second, 3, "1.001612"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(codes) == [f"CUANAM-261207-{n:04d}" for n in range(1, 2 * ROUNDS + 1)]
    received = [e for e in first.events_since(0, 10_000) if e.type == "dossier.received"]
    assert sorted(e.data["code"] for e in received) == sorted(codes)
