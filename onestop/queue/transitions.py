"""The ticket state machine and counter state changes.

    waiting --call--> called --start--> serving --done--> done
               called --recall--> called (up to max_recalls)
               called --no_show--> no_show (after no_show_min_recalls recalls)
     called|serving --park--> parked --return--> called (at the returning counter)
     waiting|called|serving|parked --transfer--> waiting (other group, same place in line)
     waiting|called|parked --cancel--> cancelled

Each function checks the rules, then returns a `Change`: the new ticket and counter values and
the events that record them. Nothing is mutated; a refused action raises and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from . import events as ev
from .errors import InvalidRequest, TransitionError
from .model import COMMENT_MAX, RATING_SCALE, Counter, CounterStatus, Status, Ticket
from .rules import Rules


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    DONE = "done"
    NO_SHOW = "no-show"
    PARK = "park"
    RETURN = "return"
    TRANSFER = "transfer"
    CANCEL = "cancel"


ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.CALL: frozenset({Status.WAITING}),
    Action.RECALL: frozenset({Status.CALLED}),
    Action.START: frozenset({Status.CALLED}),
    # Done straight from called: the officer served without pressing Start.
    Action.DONE: frozenset({Status.CALLED, Status.SERVING}),
    Action.NO_SHOW: frozenset({Status.CALLED}),
    Action.PARK: frozenset({Status.CALLED, Status.SERVING}),
    Action.RETURN: frozenset({Status.PARKED}),
    Action.TRANSFER: frozenset({Status.WAITING, Status.CALLED, Status.SERVING, Status.PARKED}),
    Action.CANCEL: frozenset({Status.WAITING, Status.CALLED, Status.PARKED}),
}

_STATUS_VI = {
    Status.WAITING: "đang chờ", Status.CALLED: "đã được gọi", Status.SERVING: "đang phục vụ",
    Status.PARKED: "đang tạm gác", Status.DONE: "đã hoàn thành", Status.NO_SHOW: "vắng mặt",
    Status.CANCELLED: "đã hủy",
}


@dataclass(frozen=True)
class Change:
    tickets: tuple[Ticket, ...] = ()
    counters: tuple[Counter, ...] = ()
    events: tuple[ev.Event, ...] = ()

    def __add__(self, other: Change) -> Change:
        return Change(self.tickets + other.tickets, self.counters + other.counters,
                      self.events + other.events)

    @property
    def ticket(self) -> Ticket:
        return self.tickets[-1]


def check_allowed(ticket: Ticket, action: Action) -> None:
    if ticket.status not in ALLOWED_FROM[action]:
        raise TransitionError(
            "illegal_transition",
            f"ticket {ticket.number} is {ticket.status}; cannot {action}",
            f"Số {ticket.number} {_STATUS_VI[ticket.status]}, không thể thực hiện thao tác này",
            ticket=ticket.id, status=str(ticket.status), action=str(action),
        )


def _check_holder(ticket: Ticket, counter: Counter | None) -> Counter:
    if counter is None or ticket.counter != counter.number or counter.current != ticket.id:
        where = ticket.counter
        raise TransitionError(
            "not_at_this_counter",
            f"ticket {ticket.number} is not at counter {counter.number if counter else '?'}"
            f" (it is at {where})",
            f"Số {ticket.number} không ở quầy này (đang ở quầy {where})",
            ticket=ticket.id,
        )
    return counter


def _check_free_and_open(counter: Counter) -> None:
    if counter.status != CounterStatus.OPEN:
        raise TransitionError(
            "counter_not_open", f"counter {counter.number} is {counter.status}",
            f"Quầy {counter.number} chưa mở hoặc đang tạm dừng", counter=counter.number)
    if counter.current is not None:
        raise TransitionError(
            "counter_busy",
            f"counter {counter.number} already has a citizen; finish, park or mark no-show first",
            f"Quầy {counter.number} đang có công dân; hãy hoàn thành, tạm gác hoặc báo vắng trước",
            counter=counter.number, current=counter.current)


def call(ticket: Ticket, counter: Counter, now: datetime, officer: str | None = None) -> Change:
    check_allowed(ticket, Action.CALL)
    _check_free_and_open(counter)
    if ticket.group not in counter.skills and ticket.assigned_counter != counter.number:
        raise TransitionError(
            "not_in_skills", f"counter {counter.number} does not serve group {ticket.group}",
            f"Quầy {counter.number} không phục vụ lĩnh vực này", group=ticket.group)
    if ticket.assigned_counter not in (None, counter.number):
        raise TransitionError(
            "assigned_elsewhere",
            f"ticket {ticket.number} waits for counter {ticket.assigned_counter}",
            f"Số {ticket.number} đang chờ quầy {ticket.assigned_counter}")
    streak = counter.priority_streak + 1 if ticket.is_priority else 0
    new_ticket = replace(ticket, status=Status.CALLED, called_at=now, counter=counter.number,
                         officer=officer or counter.officer, recalls=0)
    new_counter = replace(counter, current=ticket.id, priority_streak=streak)
    event = ev.ticket_event(ev.TICKET_CALLED, new_ticket, now)
    return Change((new_ticket,), (new_counter,), (event,))


def recall(ticket: Ticket, counter: Counter, now: datetime, rules: Rules) -> Change:
    check_allowed(ticket, Action.RECALL)
    _check_holder(ticket, counter)
    if ticket.recalls >= rules.max_recalls:
        raise TransitionError(
            "recall_limit",
            f"ticket {ticket.number} was recalled {ticket.recalls} times; mark no-show",
            f"Đã gọi lại số {ticket.number} {ticket.recalls} lần; hãy báo vắng mặt")
    new = replace(ticket, recalls=ticket.recalls + 1)
    return Change((new,), (), (ev.ticket_event(ev.TICKET_RECALLED, new, now),))


def start(ticket: Ticket, counter: Counter, now: datetime) -> Change:
    check_allowed(ticket, Action.START)
    _check_holder(ticket, counter)
    new = replace(ticket, status=Status.SERVING, started_at=now)
    return Change((new,), (), (ev.ticket_event(ev.TICKET_STARTED, new, now),))


def _release(counter: Counter) -> Counter:
    return replace(counter, current=None)


def done(ticket: Ticket, counter: Counter, now: datetime, outcome: str | None = None) -> Change:
    check_allowed(ticket, Action.DONE)
    _check_holder(ticket, counter)
    new = replace(ticket, status=Status.DONE, started_at=ticket.started_at or ticket.called_at,
                  finished_at=now, outcome=outcome or "served")
    return Change((new,), (_release(counter),), (ev.ticket_event(ev.TICKET_DONE, new, now),))


def no_show(ticket: Ticket, counter: Counter, now: datetime, rules: Rules) -> Change:
    check_allowed(ticket, Action.NO_SHOW)
    _check_holder(ticket, counter)
    if ticket.recalls < rules.no_show_min_recalls:
        raise TransitionError(
            "recall_first",
            f"recall ticket {ticket.number} at least {rules.no_show_min_recalls} time(s) "
            "before marking no-show",
            f"Hãy gọi lại số {ticket.number} ít nhất {rules.no_show_min_recalls} lần "
            "trước khi báo vắng mặt")
    new = replace(ticket, status=Status.NO_SHOW, finished_at=now, outcome="no_show")
    return Change((new,), (_release(counter),), (ev.ticket_event(ev.TICKET_NO_SHOW, new, now),))


def park(ticket: Ticket, counter: Counter, now: datetime, reason: str | None = None) -> Change:
    check_allowed(ticket, Action.PARK)
    _check_holder(ticket, counter)
    new = replace(ticket, status=Status.PARKED, outcome=reason)
    return Change((new,), (_release(counter),),
                  (ev.ticket_event(ev.TICKET_PARKED, new, now, reason=reason),))


def return_parked(ticket: Ticket, counter: Counter, now: datetime,
                  officer: str | None = None) -> Change:
    """The parked citizen is back: the returning counter calls them directly."""
    check_allowed(ticket, Action.RETURN)
    _check_free_and_open(counter)
    new = replace(ticket, status=Status.CALLED, called_at=now, counter=counter.number,
                  officer=officer or counter.officer, recalls=0, outcome=None)
    return Change((new,), (replace(counter, current=ticket.id),),
                  (ev.ticket_event(ev.TICKET_RETURNED, new, now),))


def transfer(ticket: Ticket, counter: Counter | None, now: datetime, to_group: str,
             known_groups: Iterable[str], to_counter: Counter | None = None) -> Change:
    """Back to waiting in another group (or for one counter), keeping the original issue time."""
    check_allowed(ticket, Action.TRANSFER)
    if to_group not in set(known_groups):
        raise InvalidRequest("unknown_group", f"no group {to_group!r}",
                             f"Không có lĩnh vực {to_group!r}", group=to_group)
    if to_counter is not None and to_group not in to_counter.skills:
        raise InvalidRequest(
            "not_in_skills", f"counter {to_counter.number} does not serve group {to_group}",
            f"Quầy {to_counter.number} không phục vụ lĩnh vực này")
    counters: tuple[Counter, ...] = ()
    if ticket.status in (Status.CALLED, Status.SERVING):
        counters = (_release(_check_holder(ticket, counter)),)
    new = replace(ticket, status=Status.WAITING, group=to_group, queued_at=now, recalls=0,
                  transfers=ticket.transfers + 1, called_at=None, started_at=None,
                  assigned_counter=to_counter.number if to_counter else None, outcome=None)
    event = ev.ticket_event(ev.TICKET_TRANSFERRED, new, now, from_group=ticket.group,
                            from_counter=ticket.counter if counters else None)
    return Change((new,), counters, (event,))


def cancel(ticket: Ticket, counter: Counter | None, now: datetime,
           reason: str = "cancelled") -> Change:
    check_allowed(ticket, Action.CANCEL)
    counters: tuple[Counter, ...] = ()
    if ticket.status == Status.CALLED:
        counters = (_release(_check_holder(ticket, counter)),)
    new = replace(ticket, status=Status.CANCELLED, finished_at=now, outcome=reason)
    event = ev.ticket_event(ev.TICKET_CANCELLED, new, now, reason=reason)
    return Change((new,), counters, (event,))


def rate(ticket: Ticket, now: datetime, rating: int, comment: str | None = None,
         scale: int = RATING_SCALE) -> Change:
    """One rating per ticket, after service: 1 = không hài lòng ... scale = rất hài lòng."""
    if ticket.status != Status.DONE:
        raise TransitionError("not_served_yet", "a ticket can be rated after service",
                              "Chỉ đánh giá được sau khi được phục vụ")
    if ticket.rating is not None:
        raise TransitionError("already_rated", "this ticket has already been rated",
                              "Số này đã được đánh giá")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= scale:
        raise InvalidRequest("invalid_rating", f"rating must be 1..{scale}",
                             f"Mức đánh giá phải từ 1 đến {scale}")
    comment = (comment or "").strip()[:COMMENT_MAX] or None
    new = replace(ticket, rating=rating, rating_comment=comment)
    return Change((new,), (), (ev.ticket_event(ev.RATING_GIVEN, new, now, rating=rating),))


def apply(action: Action, ticket: Ticket, *, now: datetime, rules: Rules,
          holder: Counter | None, acting: Counter | None = None,
          to_group: str | None = None, to_counter: Counter | None = None,
          known_groups: Iterable[str] = (), reason: str | None = None,
          officer: str | None = None) -> Change:
    """One action on a ticket. `holder` is the counter holding it (if any); `acting` the
    counter that calls or takes back a parked ticket (call, return)."""
    if action in (Action.CALL, Action.RETURN) and acting is None:
        raise InvalidRequest("counter_required", f"{action} needs the counter that takes it",
                             "Cần chọn quầy nhận công dân")
    match action:
        case Action.CALL:
            return call(ticket, acting, now, officer)
        case Action.RECALL:
            return recall(ticket, holder, now, rules)
        case Action.START:
            return start(ticket, holder, now)
        case Action.DONE:
            return done(ticket, holder, now, reason)
        case Action.NO_SHOW:
            return no_show(ticket, holder, now, rules)
        case Action.PARK:
            return park(ticket, holder, now, reason)
        case Action.RETURN:
            return return_parked(ticket, acting, now, officer)
        case Action.TRANSFER:
            return transfer(ticket, holder, now, to_group or ticket.group, known_groups,
                            to_counter)
        case Action.CANCEL:
            return cancel(ticket, holder, now, reason or "cancelled")
    raise ValueError(f"unknown action {action!r}")


# --- counters -------------------------------------------------------------------------------

def set_counter_status(counter: Counter, status: CounterStatus, now: datetime) -> Change:
    if status == CounterStatus.CLOSED and counter.current is not None:
        raise TransitionError(
            "counter_busy", f"counter {counter.number} still has a citizen",
            f"Quầy {counter.number} vẫn đang có công dân", counter=counter.number)
    kind = {CounterStatus.OPEN: ev.COUNTER_OPENED, CounterStatus.PAUSED: ev.COUNTER_PAUSED,
            CounterStatus.CLOSED: ev.COUNTER_CLOSED}[status]
    new = replace(counter, status=status, priority_streak=0 if status == CounterStatus.CLOSED
                  else counter.priority_streak)
    if status == CounterStatus.CLOSED:
        new = replace(new, officer=None)
    return Change((), (new,), (ev.counter_event(kind, new, now),))


def sign_in(counter: Counter, officer: str, now: datetime) -> Change:
    new = replace(counter, officer=officer)
    return Change((), (new,), (ev.counter_event(ev.OFFICER_SIGNED_IN, new, now, officer=officer),))


def sign_out(counter: Counter, now: datetime) -> Change:
    new = replace(counter, officer=None)
    return Change((), (new,), (ev.counter_event(ev.OFFICER_SIGNED_OUT, new, now,
                                                officer=counter.officer),))


def check_skills(skills: Iterable[str], known_groups: Iterable[str]) -> tuple[str, ...]:
    """A counter's skills: groups of the catalogue, primary first, each once. An unknown one
    is named with the groups there are (a typo is the usual cause)."""
    skills, groups = tuple(skills), list(known_groups)
    for skill in skills:
        if skill not in groups:
            raise InvalidRequest(
                "unknown_skill", f"skill {skill!r} is not a group of the catalogue "
                f"(groups: {', '.join(groups)})",
                f"Mã {skill!r} không phải lĩnh vực nào trong danh mục "
                f"(các lĩnh vực: {', '.join(groups)})", skill=skill)
    if not skills or len(set(skills)) != len(skills):
        raise InvalidRequest("invalid_skills", "skills must be one or more groups, each once",
                             "Quầy phải phục vụ ít nhất một lĩnh vực, không trùng lặp")
    return skills


def update_counter(counter: Counter, now: datetime, known_groups: Iterable[str], *,
                   skills: tuple[str, ...] | None = None, fast_lane: bool | None = None,
                   label_vi: str | None = None, label_en: str | None = None) -> Change:
    if skills is not None:
        skills = check_skills(skills, known_groups)
    new = replace(counter, skills=skills if skills is not None else counter.skills,
                  fast_lane=counter.fast_lane if fast_lane is None else fast_lane,
                  label_vi=label_vi or counter.label_vi, label_en=label_en or counter.label_en)
    return Change((), (new,), (ev.counter_event(ev.COUNTER_UPDATED, new, now),))
