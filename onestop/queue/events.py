"""Events: the append-only record of every change.

One event list serves as audit log, live feed and sync outbox. The domain produces events
without numbers; the hub's store gives each its gap-free sequence number in the same
transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import Counter, Ticket, counter_to_dict, ticket_to_dict

SCHEMA_VERSION = 1

TICKET_ISSUED = "ticket.issued"
TICKET_CALLED = "ticket.called"
TICKET_RECALLED = "ticket.recalled"
TICKET_STARTED = "ticket.started"
TICKET_DONE = "ticket.done"
TICKET_NO_SHOW = "ticket.no_show"
TICKET_PARKED = "ticket.parked"
TICKET_RETURNED = "ticket.returned"
TICKET_TRANSFERRED = "ticket.transferred"
TICKET_CANCELLED = "ticket.cancelled"
RATING_GIVEN = "rating.given"
COUNTER_OPENED = "counter.opened"
COUNTER_PAUSED = "counter.paused"
COUNTER_CLOSED = "counter.closed"
COUNTER_UPDATED = "counter.updated"
OFFICER_SIGNED_IN = "officer.signed_in"
OFFICER_SIGNED_OUT = "officer.signed_out"
CATALOG_UPDATED = "catalog.updated"
# Administration (docs/administration.md); their data never holds a PIN or a PIN hash.
OFFICER_ADDED = "officer.added"
OFFICER_RENAMED = "officer.renamed"
OFFICER_PIN_RESET = "officer.pin_reset"
OFFICER_DISABLED = "officer.disabled"
OFFICER_ENABLED = "officer.enabled"
COUNTER_ADDED = "counter.added"
COUNTER_REMOVED = "counter.removed"
WARD_UPDATED = "ward.updated"
CATALOG_SERVICE_EDITED = "catalog.service_edited"
STATION_REVOKED = "station.revoked"
SETUP_COMPLETED = "setup.completed"

TICKET_EVENTS = frozenset({
    TICKET_ISSUED, TICKET_CALLED, TICKET_RECALLED, TICKET_STARTED, TICKET_DONE, TICKET_NO_SHOW,
    TICKET_PARKED, TICKET_RETURNED, TICKET_TRANSFERRED, TICKET_CANCELLED, RATING_GIVEN,
})


@dataclass(frozen=True)
class Event:
    type: str
    at: datetime
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"type": self.type, "at": self.at.isoformat(), "data": self.data}


def ticket_event(kind: str, ticket: Ticket, at: datetime, **extra: object) -> Event:
    """A ticket event carries the whole ticket after the change, so any reader (display,
    central server) can update its view from the event alone."""
    return Event(kind, at, {"ticket": ticket_to_dict(ticket), **extra})


def counter_event(kind: str, counter: Counter, at: datetime, **extra: object) -> Event:
    return Event(kind, at, {"counter": counter_to_dict(counter), **extra})
