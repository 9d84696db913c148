"""Use cases of the queue as pure functions: inputs in, a `Change` out.

The hub's store loads what a use case needs inside one database transaction, calls the
function here and writes the returned change and its events; the in-memory engine does the
same with dicts. Keeping the decisions here means both behave identically.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from . import events as ev
from . import transitions as tr
from .catalog import Catalog, Service
from .classify import Observed, classify
from .errors import InvalidRequest, TransitionError
from .model import Channel, Counter, Kind, Status, Ticket
from .numbering import format_number, next_seq, service_day
from .routing import Policy, eligible
from .rules import Rules
from .transitions import Change
from .wait import WaitEstimate


@dataclass(frozen=True)
class IssueRequest:
    service: str
    kind: Kind = Kind.SUBMIT
    count: int = 1
    priority: str | None = None
    channel: Channel = Channel.WALK_IN


def new_ticket_id() -> str:
    return uuid.uuid4().hex


def new_public_token() -> str:
    """128 bits from the OS's CSPRNG: a citizen page cannot be found by guessing."""
    return secrets.token_urlsafe(16)


def check_issue_request(req: IssueRequest, catalog: Catalog, rules: Rules) -> Service:
    try:
        service = catalog.service(req.service)
    except KeyError:
        raise InvalidRequest("unknown_service", f"no service with code {req.service!r}",
                             f"Không có thủ tục mã {req.service!r}", service=req.service) from None
    try:
        Kind(req.kind)
    except ValueError:
        raise InvalidRequest("invalid_kind", f"kind must be one of {[k.value for k in Kind]}",
                             "Loại yêu cầu không hợp lệ", kind=req.kind) from None
    # The catalogue's categories are the list every surface offers; the rules' ids only serve
    # a catalogue that has none.
    known = [c.id for c in catalog.priority_categories] or rules.priority_categories
    if req.priority is not None and req.priority not in known:
        raise InvalidRequest("unknown_priority", f"no priority category {req.priority!r}",
                             f"Không có diện ưu tiên {req.priority!r}", priority=req.priority)
    return service


def draft_ticket(req: IssueRequest, *, catalog: Catalog, rules: Rules, now: datetime,
                 last_seq: int, observed: Observed | None = None, ticket_id: str = "",
                 token: str = "") -> Ticket:
    """The ticket `req` gets now: classified and numbered after `last_seq` (the group's last
    sequence today, 0 if none). Reception's preview drafts the same ticket without issuing it,
    so its forecast is the one the issued ticket gets."""
    service = check_issue_request(req, catalog, rules)
    group = catalog.group(service.group)
    kind = Kind(req.kind)
    classification = classify(service, kind, req.count, rules, observed)
    seq = next_seq(group, last_seq)
    return Ticket(
        id=ticket_id, token=token, day=service_day(now, rules.timezone),
        issued_group=group.id, seq=seq, number=format_number(group, seq), group=group.id,
        service=service.code, kind=kind, count=req.count, priority=req.priority,
        complexity=classification.complexity, expected_minutes=classification.expected_minutes,
        channel=Channel(req.channel), status=Status.WAITING, issued_at=now, queued_at=now,
    )


def issue(req: IssueRequest, *, catalog: Catalog, rules: Rules, now: datetime, last_seq: int,
          forecast: Callable[[Ticket], WaitEstimate], observed: Observed | None = None,
          new_id: Callable[[], str] = new_ticket_id,
          new_token: Callable[[], str] = new_public_token, placed_at: datetime | None = None,
          **event_extra: object) -> tuple[Change, WaitEstimate]:
    """A new ticket numbered in its group's sequence for today, with its wait forecast:
    `forecast` is predict.predict_wait over the live queue (the hub: hub/forecast.py).

    `placed_at`: the ticket's place in line when it is not now — a booked number checked in
    before its slot stands in line from the slot's start (queue/booking.py)."""
    check_issue_request(req, catalog, rules)
    ticket = draft_ticket(req, catalog=catalog, rules=rules, now=now, last_seq=last_seq,
                          observed=observed, ticket_id=new_id(), token=new_token())
    if placed_at is not None:
        ticket = replace(ticket, issued_at=placed_at, queued_at=placed_at)
    estimate = forecast(ticket)
    event = ev.ticket_event(ev.TICKET_ISSUED, ticket, now, estimate=estimate.to_dict(),
                            **event_extra)
    return Change((ticket,), (), (event,)), estimate


def call_next(counter: Counter, waiting: Sequence[Ticket], *, now: datetime, rules: Rules,
              policy: Policy, officer: str | None = None) -> Change | None:
    """The counter calls its next citizen; None when nobody it can serve is waiting."""
    if counter.current is not None or not counter.is_open:
        # Let the transition produce the precise refusal (busy / not open).
        tr._check_free_and_open(counter)
    chosen = policy(counter, waiting, now, rules)
    if chosen is None:
        return None
    if not eligible(counter, chosen):
        raise TransitionError("policy_error", f"policy chose ineligible ticket {chosen.number}",
                              "Lỗi chính sách điều phối")
    return tr.call(chosen, counter, now, officer)


def close_day(open_tickets: Sequence[Ticket], counters: Sequence[Counter], *, now: datetime,
              rules: Rules) -> Change:
    """At the first use after local midnight, every ticket of an earlier day still open is
    cancelled with reason `day_closed` and its counter freed. History stays; numbers restart
    because the new day has its own sequences. Cancelled in the order they were issued, so the
    event log is the same whatever order the caller's storage returned them in."""
    today = service_day(now, rules.timezone)
    stale = sorted((t for t in open_tickets if t.day < today and t.status not in
                    (Status.DONE, Status.NO_SHOW, Status.CANCELLED)),
                   key=lambda t: (t.issued_at, t.issued_group, t.seq))
    if not stale:
        return Change()
    stale_ids = {t.id for t in stale}
    tickets = tuple(replace(t, status=Status.CANCELLED, finished_at=now, outcome="day_closed")
                    for t in stale)
    freed = tuple(replace(c, current=None, priority_streak=0) for c in counters
                  if c.current in stale_ids)
    events = tuple(ev.ticket_event(ev.TICKET_CANCELLED, t, now, reason="day_closed")
                   for t in tickets)
    return Change(tickets, freed, events)


def is_new_day(last_day: date | None, now: datetime, rules: Rules) -> bool:
    return last_day is not None and last_day < service_day(now, rules.timezone)
