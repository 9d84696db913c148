"""The waiting tickets as the forecast reads them: one sorted line per routing.line_key.

Policies decide from line heads (routing.line_key), so the forecast walks each line with an
index instead of copying or sorting the queue; a ticket joins or leaves its line by bisection.
The hub keeps one `WaitingLines` up to date from its event log (hub/forecast.py) and the
simulator keeps one as its room, so a forecast never loads or sorts the whole queue.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate

from .model import Status, Ticket
from .routing import line_key, line_order


class Line:
    """Tickets of one line in call order (routing.line_order), with their sort keys."""

    __slots__ = ("_work", "keys", "tickets")

    def __init__(self) -> None:
        self.tickets: list[Ticket] = []
        self.keys: list[tuple] = []
        self._work: list[float] | None = None  # prefix sums of expected minutes, lazily

    def work(self, start: int, end: int) -> float:
        """Expected minutes of tickets[start:end]."""
        if self._work is None:
            self._work = list(accumulate((t.expected_minutes for t in self.tickets),
                                         initial=0.0))
        return self._work[end] - self._work[start]

    def __len__(self) -> int:
        return len(self.tickets)

    def add(self, ticket: Ticket) -> None:
        key = line_order(ticket)
        self._work = None
        if not self.keys or key > self.keys[-1]:  # the usual case: a newcomer at the tail
            self.keys.append(key)
            self.tickets.append(ticket)
            return
        i = bisect_left(self.keys, key)
        self.keys.insert(i, key)
        self.tickets.insert(i, ticket)

    def remove(self, ticket: Ticket) -> None:
        i = bisect_left(self.keys, line_order(ticket))
        if i < len(self.tickets) and self.tickets[i].id == ticket.id:
            del self.keys[i], self.tickets[i]
            self._work = None

    def index(self, ticket: Ticket) -> int:
        """Where `ticket` stands or would stand (the number of tickets before it)."""
        return bisect_left(self.keys, line_order(ticket))

    def with_ticket(self, ticket: Ticket) -> list[Ticket]:
        """A copy of the tickets with `ticket` in its place (a forecast's newcomer)."""
        i = self.index(ticket)
        return [*self.tickets[:i], ticket, *self.tickets[i:]]


class WaitingLines:
    """Every waiting ticket: lines of tickets free for any counter of their group, and per
    counter the tickets transferred to that counter in particular."""

    def __init__(self, tickets: Iterable[Ticket] = ()) -> None:
        self.lines: dict[tuple, Line] = {}
        self.assigned: dict[int, Line] = {}
        self.tickets: dict[str, Ticket] = {}
        for t in sorted((t for t in tickets if t.status == Status.WAITING), key=line_order):
            self.put(t)

    def __len__(self) -> int:
        return len(self.tickets)

    def __iter__(self) -> Iterator[Ticket]:
        return iter(self.tickets.values())

    def __contains__(self, ticket_id: object) -> bool:
        return ticket_id in self.tickets

    def _pool(self, ticket: Ticket) -> tuple[dict, object]:
        if ticket.assigned_counter is not None:
            return self.assigned, ticket.assigned_counter
        return self.lines, line_key(ticket)

    def line_of(self, ticket: Ticket) -> Line | None:
        pool, key = self._pool(ticket)
        return pool.get(key)

    def put(self, ticket: Ticket) -> None:
        """The ticket's latest state: in its line while waiting, gone otherwise."""
        self.discard(ticket.id)
        if ticket.status != Status.WAITING:
            return
        pool, key = self._pool(ticket)
        pool.setdefault(key, Line()).add(ticket)
        self.tickets[ticket.id] = ticket

    def discard(self, ticket_id: str) -> None:
        old = self.tickets.pop(ticket_id, None)
        if old is None:
            return
        pool, key = self._pool(old)
        line = pool[key]
        line.remove(old)
        if not line:
            del pool[key]

    def newest(self, group: str) -> Ticket | None:
        """The group's last arrival still waiting (any line, not those transferred to one
        counter): whose wait "the group's wait" means on the display and the supervisor."""
        tails = [line.tickets[-1] for key, line in self.lines.items() if key[0] == group]
        return max(tails, key=line_order, default=None)
