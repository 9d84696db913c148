"""The store shows routing policies only the heads of the lines; they must decide exactly as
they would over the whole queue."""

from __future__ import annotations

import random

import pytest
from hubfakes import open_all, open_store

from onestop.queue.operations import IssueRequest
from onestop.queue.routing import POLICIES
from onestop.queue.rules import Rules

CODES = ["2.000815", "2.000884", "local.contract", "1.001193", "1.000894", "1.013831",
         "1.001776", "local.guidance"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_heads_give_the_same_choice_as_the_whole_queue(tmp_path, seed):
    rng = random.Random(seed)
    store = open_store(tmp_path / "hub.db", rules=Rules(ageing_minutes=30))
    open_all(store)
    for _ in range(400):
        store.clock.advance(rng.random() * 0.5)
        store.issue(IssueRequest(rng.choice(CODES), count=rng.choice([1, 1, 1, 40, 120]),
                                 priority=rng.choice([None, None, None, "elderly"])))
    for step in range(60):
        store.clock.advance(rng.random() * 3)
        counter = store.counter(rng.randint(1, 5))
        counter = counter.__class__(**{**counter.__dict__,
                                       "priority_streak": rng.randint(0, 4)})
        for name, policy in POLICIES.items():
            full = policy(counter, store.waiting(), store.clock(), store.rules)
            heads = policy(counter, store.heads_of_lines(counter), store.clock(), store.rules)
            assert (full and full.id) == (heads and heads.id), (name, step)
        called = store.call_next(counter.number)
        if called:
            store.act(called.id, "done")
