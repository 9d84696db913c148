"""Reads for a counter's own desk: who it would call next, and the tickets it has set aside.

* `upcoming` runs the hub's own routing policy forward from the current state, so the list a
  counter shows is the order "next" will really bring (primary group first, priority, ageing,
  tickets transferred to it), not just the order of issue.
* `parked` lists the tickets this counter parked today: a parked ticket keeps the number of the
  counter that parked it, so the desk finds "its" citizens again after a restart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from onestop.queue.numbering import service_day

from .deps import Auth
from .ticket_views import ticket_for

router = APIRouter()
CounterNumber = Annotated[int, Path(ge=1, le=999)]


@router.get("/api/counters/{number}/upcoming")
def upcoming(request: Request, number: CounterNumber, st: Auth,
             limit: Annotated[int, Query(ge=1, le=30)] = 10) -> dict:
    store = request.app.state.hub.store
    counter = store.counter(number)
    pool = store.heads_of_lines(counter)  # what call_next's policy sees
    now = store.clock()
    order = []
    while pool and len(order) < limit:
        chosen = store.policy(counter, pool, now, store.rules)
        if chosen is None:
            break
        order.append(chosen)
        pool = [t for t in pool if t.id != chosen.id]
        # As the hub would after that call: the priority streak bounds priority-first.
        counter = replace(counter, priority_streak=counter.priority_streak + 1
                          if chosen.is_priority else 0)
    skills = list(counter.skills)
    marks = ",".join("?" * len(skills))
    with store.reading() as db:
        waiting = db.execute(
            "SELECT count(*) FROM tickets WHERE status = 'waiting' AND (assigned_counter = ? "
            f"OR (assigned_counter IS NULL AND group_id IN ({marks})))",
            [number, *skills]).fetchone()[0]
    return {"counter": number, "waiting": waiting,
            "upcoming": [ticket_for(st.role, t, request.app.state.hub) for t in order]}


@router.get("/api/counters/{number}/parked")
def parked(request: Request, number: CounterNumber, st: Auth) -> dict:
    store = request.app.state.hub.store
    store.counter(number)  # 404 for an unknown counter, like the other counter reads
    today = service_day(store.clock(), store.rules.timezone).isoformat()
    # Earlier days' parked tickets are cancelled at the first use after midnight; the day
    # filter keeps them out even before that happens.
    tickets = store._tickets("status = 'parked' AND counter = ? AND day = ? ORDER BY issued_at",
                             [number, today])
    hub = request.app.state.hub
    return {"counter": number, "parked": [ticket_for(st.role, t, hub) for t in tickets]}
