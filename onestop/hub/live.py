"""Live events: committed events fanned out to WebSocket clients, in order, by push.

The store calls `publish` from the writer's thread right after each commit (still under its
lock, so batches arrive in commit order); the broker hands them to the event loop, which puts
them on every subscriber's queue. A client that reconnects with `since=N` first gets what it
missed from the database, then the live stream, with duplicates dropped by sequence number.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from .store import HubStore, StoredEvent

log = logging.getLogger(__name__)
REPLAY_LIMIT = 5000  # further behind than this, a fresh snapshot is cheaper than a replay
QUEUE_LIMIT = 10000  # a client this far behind is disconnected (it will resume with since=)


class Subscriber:
    def __init__(self, want_state: bool) -> None:
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_LIMIT)
        self.want_state = want_state
        self.overflowed = False


class Broker:
    def __init__(self, store: HubStore, snapshot: Callable[[], dict]) -> None:
        self.store = store
        self.snapshot = snapshot
        self.loop: asyncio.AbstractEventLoop | None = None
        self.subscribers: set[Subscriber] = set()
        store.subscribe(self._from_writer)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def _from_writer(self, events: list[StoredEvent]) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed() and self.subscribers:
            loop.call_soon_threadsafe(self._fan_out, events)

    def _fan_out(self, events: list[StoredEvent]) -> None:
        for sub in list(self.subscribers):
            for e in events:
                self._put(sub, {"kind": "event", "event": e.to_dict()})
        if any(s.want_state for s in self.subscribers):
            asyncio.ensure_future(self._push_state(events[-1].seq))

    async def _push_state(self, seq: int) -> None:
        state = await asyncio.to_thread(self.snapshot)
        if state["seq"] < seq:
            return  # a newer batch will push its own
        for sub in list(self.subscribers):
            if sub.want_state:
                self._put(sub, {"kind": "state", "state": state})

    def _put(self, sub: Subscriber, message: dict) -> None:
        try:
            sub.queue.put_nowait(message)
        except asyncio.QueueFull:
            sub.overflowed = True

    def add(self, want_state: bool) -> Subscriber:
        sub = Subscriber(want_state)
        self.subscribers.add(sub)
        return sub

    def remove(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)
