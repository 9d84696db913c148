"""The hub's wait forecast: predict.predict_wait over the live queue (wait prediction v2).

`predictor(store, now)` gives what `operations.issue(predictor=...)` takes, so a new ticket's
estimate, its ticket.issued event and the citizen page all show the forecast; the reception's
preview (`/api/estimate`) and the supervisor's suggestions use the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from onestop.queue.estimate import WaitEstimate
from onestop.queue.model import Ticket
from onestop.queue.predict import predict_wait, remaining_minutes

from .reads import StoreReads

# Beyond this many waiting tickets the forecast costs more than ~1-2 ms per issue (bench:
# 1.1 ms at 200, 6 ms at 400 on a 2-core VM); the work-ahead estimate (v1) is used instead.
MAX_FORECAST_QUEUE = 300


def busy_minutes(counters, current: dict[str, Ticket], now: datetime) -> dict[int, float]:
    return {c.number: remaining_minutes(current.get(c.current), now)
            for c in counters if c.current}


def predictor(store: StoreReads, now: datetime) -> Callable[[Ticket], WaitEstimate] | None:
    with store.reading() as db:  # a surge day: skip loading thousands of tickets at all
        count = db.execute("SELECT count(*) FROM tickets WHERE status = 'waiting'").fetchone()[0]
    if count > MAX_FORECAST_QUEUE:
        return None
    waiting, counters, current = store.forecast_inputs()
    busy = busy_minutes(counters, current, now)

    def predict(ticket: Ticket) -> WaitEstimate:
        return predict_wait(ticket, waiting, counters, now, store.rules, store.policy, busy)

    return predict
