"""The ticket state machine: every legal transition works, every illegal one is refused."""

from __future__ import annotations

import pytest
from fakes import FakeClock, hanoi, make_centre

from onestop.queue.errors import InvalidRequest, TransitionError
from onestop.queue.model import CounterStatus, Kind, Status
from onestop.queue.operations import IssueRequest
from onestop.queue.transitions import ALLOWED_FROM, Action


@pytest.fixture
def centre():
    return make_centre(FakeClock(hanoi(2026, 11, 23, 8, 0)))


def issue(centre, service="1.001193", **kw):
    return centre.issue(IssueRequest(service, **kw))[0]


def test_full_life_of_a_ticket(centre):
    t = issue(centre)
    assert (t.status, t.number, t.group) == (Status.WAITING, "B001", "civil-status")
    centre.clock.advance(5)
    called = centre.call_next(2, officer="lan")
    assert called.id == t.id and called.status == Status.CALLED and called.counter == 2
    assert centre.counters[2].current == t.id
    assert centre.act(t.id, "recall").recalls == 1
    assert centre.act(t.id, "start").status == Status.SERVING
    centre.clock.advance(9)
    done = centre.act(t.id, "done")
    assert done.status == Status.DONE and done.finished_at is not None
    assert centre.counters[2].current is None
    types = [e.type for e in centre.events if e.data.get("ticket", {}).get("id") == t.id]
    assert types == ["ticket.issued", "ticket.called", "ticket.recalled", "ticket.started",
                     "ticket.done"]


def test_park_and_return_to_another_counter(centre):
    t = issue(centre, "2.000815")
    centre.call_next(1)
    parked = centre.act(t.id, "park", reason="thiếu bản chính")
    assert parked.status == Status.PARKED and centre.counters[1].current is None
    back = centre.act(t.id, "return", counter=4)
    assert back.status == Status.CALLED and back.counter == 4 and centre.counters[4].current == t.id


def test_transfer_keeps_place_in_line(centre):
    early = issue(centre, "1.001193")  # civil-status
    centre.clock.advance(10)
    later = issue(centre, "1.013831")
    centre.call_next(2)
    moved = centre.act(early.id, "transfer", to_group="land")
    assert moved.status == Status.WAITING and moved.group == "land" and moved.transfers == 1
    assert moved.issued_at == early.issued_at and centre.counters[2].current is None
    # Counter 4 (land first) gets the transferred ticket before the later land ticket.
    assert centre.call_next(4).id == early.id
    assert centre.tickets[later.id].status == Status.WAITING


def test_transfer_to_a_counter_only_that_counter_calls_it(centre):
    t = issue(centre, "1.001193")
    moved = centre.act(t.id, "transfer", to_group="land", to_counter=3)
    assert moved.assigned_counter == 3
    assert centre.call_next(4) is None  # land is counter 4's primary, but not assigned to it
    assert centre.call_next(3).id == t.id


def test_no_show_needs_a_recall_and_recalls_are_bounded(centre):
    t = issue(centre)
    centre.call_next(2)
    with pytest.raises(TransitionError) as err:
        centre.act(t.id, "no-show")
    assert err.value.code == "recall_first"
    for _ in range(3):
        centre.act(t.id, "recall")
    with pytest.raises(TransitionError) as err:
        centre.act(t.id, "recall")
    assert err.value.code == "recall_limit"
    assert centre.act(t.id, "no-show").status == Status.NO_SHOW
    assert centre.counters[2].current is None


@pytest.mark.parametrize("action", [a for a in Action if a not in (Action.CALL,)])
def test_illegal_transitions_are_refused_and_change_nothing(centre, action):
    t = issue(centre)
    centre.call_next(2)
    centre.act(t.id, "recall")
    centre.act(t.id, "no-show")  # final
    before = (dict(centre.tickets), dict(centre.counters), len(centre.events))
    assert Status.NO_SHOW not in ALLOWED_FROM[action]
    with pytest.raises(TransitionError) as err:
        centre.act(t.id, action, counter=2, to_group="land")
    assert err.value.code == "illegal_transition"
    assert "no_show" in err.value.message and err.value.message_vi
    assert (dict(centre.tickets), dict(centre.counters), len(centre.events)) == before


def test_counter_must_be_open_and_free(centre):
    issue(centre)
    issue(centre)
    centre.set_counter_status(2, CounterStatus.PAUSED)
    with pytest.raises(TransitionError) as err:
        centre.call_next(2)
    assert err.value.code == "counter_not_open"
    centre.set_counter_status(2, CounterStatus.OPEN)
    centre.call_next(2)
    with pytest.raises(TransitionError) as err:
        centre.call_next(2)
    assert err.value.code == "counter_busy"
    with pytest.raises(TransitionError):
        centre.set_counter_status(2, CounterStatus.CLOSED)


def test_cancel_frees_the_counter(centre):
    t = issue(centre)
    centre.call_next(2)
    assert centre.act(t.id, "cancel", reason="citizen left").outcome == "citizen left"
    assert centre.counters[2].current is None


def test_bad_requests_are_refused(centre):
    with pytest.raises(InvalidRequest) as err:
        centre.issue(IssueRequest("9.999999"))
    assert err.value.code == "unknown_service"
    with pytest.raises(InvalidRequest) as err:
        centre.issue(IssueRequest("2.000815", Kind.SUBMIT, count=0))
    assert err.value.code == "invalid_count"
    with pytest.raises(InvalidRequest) as err:
        centre.issue(IssueRequest("2.000815", priority="vip"))
    assert err.value.code == "unknown_priority"
    assert centre.events == [e for e in centre.events if e.type.startswith("counter.")]


def test_the_catalogues_priority_categories_are_the_ones_accepted():
    """A city adds a category to its catalogue: reception offers it and the queue accepts it."""
    from dataclasses import replace

    from fakes import default_counters

    from onestop.queue.catalog import PriorityCategory, default_catalog
    from onestop.queue.engine import InMemoryCentre
    from onestop.queue.rules import Rules

    base = default_catalog()
    catalog = replace(base, priority_categories=(
        *base.priority_categories, PriorityCategory("escort", "Người dẫn người mù", "Guide")))
    centre = InMemoryCentre(catalog, default_counters(), FakeClock(hanoi(2026, 11, 23, 8)),
                            Rules())
    assert centre.issue(IssueRequest("2.000815", priority="escort"))[0].priority == "escort"
