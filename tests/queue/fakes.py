"""Shared helpers for domain tests: a settable clock and a centre on the default catalogue."""

from __future__ import annotations

import itertools

from onestop.queue.catalog import default_catalog
from onestop.queue.centre import default_centre
from onestop.queue.engine import InMemoryCentre
from onestop.queue.model import Counter
from onestop.queue.rules import Rules
from tests.clock import HANOI, FakeClock, hanoi  # noqa: F401  (re-exported for tests)


def default_counters() -> list[Counter]:
    return [Counter(c.number, c.label_vi, c.label_en, tuple(c.skills), c.fast_lane)
            for c in default_centre().counters]


def make_centre(clock: FakeClock, rules: Rules | None = None, **kw) -> InMemoryCentre:
    """A centre with the default catalogue and counters, all open, and deterministic ids
    (property tests need runs to replay identically)."""
    ids = itertools.count(1)
    kw.setdefault("new_id", lambda: f"t{next(ids):06d}")
    kw.setdefault("new_token", lambda: f"tok{next(ids):06d}")
    centre = InMemoryCentre(default_catalog(), default_counters(), clock, rules or Rules(), **kw)
    centre.open_all()
    return centre
