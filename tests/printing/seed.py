"""A realistic ward day in a real hub store: arrivals by docs/domain.md's hourly shares, counters
calling and serving, some no-shows, transfers and ratings. Deterministic for a seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from onestop.hub.store import HubStore
from onestop.queue.errors import DomainError
from onestop.queue.model import Kind
from onestop.queue.operations import IssueRequest
from tests.clock import hanoi

SHARES = {8: 18, 9: 20, 10: 16, 11: 8, 13: 10, 14: 14, 15: 10, 16: 4}
CODES = ["2.000815", "2.000815", "2.000884", "1.001193", "1.000894", "1.004873", "1.013831",
         "1.001612", "1.001776", "local.guidance", "local.result", "1.013225"]


def seed_day(store: HubStore, day: date, tickets: int = 120, seed: int = 1) -> int:
    """Seed the day; return how many tickets were issued."""
    rng = random.Random(seed)
    times = []
    for hour, share in SHARES.items():
        for _ in range(round(tickets * share / 100)):
            times.append(hanoi(day.year, day.month, day.day, hour, rng.randrange(60),
                               rng.randrange(60)))
    times.sort()
    clock = store.clock
    clock.now = hanoi(day.year, day.month, day.day, 7, 55)
    for n in (1, 2, 3, 4, 5):
        _try(store.set_counter_status, n, "open")
        _try(store.sign_in, n, f"canbo{n}")
    for moment in times:
        clock.now = moment
        store.issue(IssueRequest(rng.choice(CODES), Kind.SUBMIT, rng.choice([1, 1, 2, 5]),
                                 "elderly" if rng.random() < 0.1 else None))
        for n in rng.sample([1, 2, 3, 4, 5], 2):
            _serve_one(store, n, rng)
    clock.now = hanoi(day.year, day.month, day.day, 16, 59)
    for _ in range(60):
        for n in (1, 2, 3, 4, 5):
            _serve_one(store, n, rng)
    return len(times)


def _try(fn, *args):
    try:
        return fn(*args)
    except DomainError:
        return None


def _serve_one(store: HubStore, number: int, rng: random.Random) -> None:
    counter = store.counter(number)
    if counter.current:
        t = store.ticket(counter.current)
        store.clock.now += timedelta(minutes=rng.uniform(0.3, 1.5))  # walking to the counter
        roll = rng.random()
        if roll < 0.06:
            store.act(t.id, "recall")
            store.act(t.id, "no-show")
        elif roll < 0.09:
            store.act(t.id, "transfer", to_group="general")
        else:
            if t.status == "called":
                store.act(t.id, "start")
            store.clock.now += timedelta(minutes=rng.lognormvariate(1.8, 0.5))  # skewed
            done = store.act(t.id, "done")
            if rng.random() < 0.5:
                store.rate(done.token, rng.choice([3, 3, 3, 2, 2, 1]))
    _try(store.call_next, number)
