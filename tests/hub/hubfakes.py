"""Helpers for hub store tests: a store on a temporary file with a settable clock."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from onestop.hub.store import HubStore
from onestop.queue.centre import CounterSpec, default_centre
from tests.clock import HANOI, FakeClock, hanoi  # noqa: F401  (re-exported for tests)


def centre_with(n_counters: int, skills: tuple[str, ...] = ("certification",)):
    """The default centre with `n_counters` identical counters (for load tests)."""
    counters = tuple(CounterSpec(n, f"Quầy {n}", f"Counter {n}", skills) for n in
                     range(1, n_counters + 1))
    return replace(default_centre(), counters=counters)


def open_store(path: Path, clock=None, **kw) -> HubStore:
    store = HubStore(path, clock=clock or FakeClock(hanoi(2026, 11, 23, 8)), **kw)
    return store


def open_all(store: HubStore) -> None:
    for c in store.counters():
        store.set_counter_status(c.number, "open")
