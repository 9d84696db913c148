"""The words of the ward queue as plain data: tickets, counters, statuses, request kinds.

Everything here is immutable; changes produce new values with `dataclasses.replace`, so the
same functions serve the hub's store, the in-memory engine and the simulator.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    """What the citizen came for."""

    GUIDANCE = "guidance"
    SUBMIT = "submit"
    SUPPLEMENT = "supplement"
    COLLECT = "collect"


class Complexity(StrEnum):
    QUICK = "quick"
    STANDARD = "standard"
    COMPLEX = "complex"


class Status(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    PARKED = "parked"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


FINAL_STATUSES = frozenset({Status.DONE, Status.NO_SHOW, Status.CANCELLED})
# A citizen's rating: 1 = không hài lòng .. 3 = rất hài lòng, with at most this much comment.
# The hub's state machine and central's event checks share them.
RATING_SCALE = 3
COMMENT_MAX = 500
# Statuses in which a ticket occupies a counter.
AT_COUNTER_STATUSES = frozenset({Status.CALLED, Status.SERVING})


class Channel(StrEnum):
    WALK_IN = "walk_in"
    BOOKED = "booked"


class CounterStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


@dataclass(frozen=True)
class Ticket:
    id: str  # stable id shared with the central server
    token: str  # unguessable public token for the citizen page
    day: date  # service day in the centre's timezone
    issued_group: str  # group whose sequence gave the number
    seq: int  # 1-based position in that group's sequence for the day
    number: str  # what people see and hear, e.g. "A023"
    group: str  # group it waits in now (changes on transfer)
    service: str  # catalogue code
    kind: Kind
    count: int
    priority: str | None  # priority category id, None for regular
    complexity: Complexity
    expected_minutes: float
    channel: Channel
    status: Status
    issued_at: datetime  # place in line; kept across transfers
    queued_at: datetime  # when it last (re-)entered the waiting line
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    counter: int | None = None  # counter holding it, or the last one that did
    officer: str | None = None
    recalls: int = 0
    transfers: int = 0
    assigned_counter: int | None = None  # transferred to one counter in particular
    outcome: str | None = None  # result of done, reason of cancel
    rating: int | None = None
    rating_comment: str | None = None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_priority(self) -> bool:
        return self.priority is not None

    def waited_minutes(self, now: datetime) -> float:
        """Minutes since the ticket took its place in line (issue time, kept across transfers)."""
        end = self.called_at if self.called_at and self.status != Status.WAITING else now
        return max(0.0, (end - self.issued_at).total_seconds() / 60)


@dataclass(frozen=True)
class Counter:
    number: int
    label_vi: str
    label_en: str
    skills: tuple[str, ...]  # group ids, primary first
    fast_lane: bool = False
    status: CounterStatus = CounterStatus.CLOSED
    officer: str | None = None
    current: str | None = None  # id of the ticket called or being served here
    priority_streak: int = 0  # priority calls in a row; bounded so regular tickets move

    @property
    def is_open(self) -> bool:
        return self.status == CounterStatus.OPEN


_DATETIME_FIELDS = ("issued_at", "queued_at", "called_at", "started_at", "finished_at")


_TICKET_FIELDS = tuple(f.name for f in fields(Ticket))


def ticket_to_dict(ticket: Ticket) -> dict:
    """JSON-ready dict; datetimes as ISO 8601 with offset, the day as YYYY-MM-DD.

    Every field is an immutable scalar, so a shallow read does what `asdict` did without its
    recursive deep copies, which took ~90% of a transition's time (every event carries one)."""
    data = {name: getattr(ticket, name) for name in _TICKET_FIELDS}
    for name in _DATETIME_FIELDS:
        value = data[name]
        data[name] = value.isoformat() if value is not None else None
    data["day"] = ticket.day.isoformat()
    for name in ("kind", "complexity", "channel", "status"):
        data[name] = str(data[name])
    return data


def ticket_from_dict(data: dict) -> Ticket:
    known = {f.name for f in fields(Ticket)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _DATETIME_FIELDS:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    values["day"] = date.fromisoformat(values["day"])
    values["kind"] = Kind(values["kind"])
    values["complexity"] = Complexity(values["complexity"])
    values["channel"] = Channel(values["channel"])
    values["status"] = Status(values["status"])
    return Ticket(**values)


def counter_to_dict(counter: Counter) -> dict:
    data = asdict(counter)
    data["skills"] = list(counter.skills)
    data["status"] = str(counter.status)
    return data


def counter_from_dict(data: dict) -> Counter:
    known = {f.name for f in fields(Counter)}
    values = {k: v for k, v in data.items() if k in known}
    values["skills"] = tuple(values["skills"])
    values["status"] = CounterStatus(values["status"])
    return Counter(**values)
