"""Booked numbers in the domain: the check-in window, the place in line, release, slot
settings, and routing by place in line (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.queue import booking as bk
from onestop.queue.booking_slots import check_settings, upgrade
from onestop.queue.errors import DomainError, InvalidRequest
from onestop.queue.model import Channel, Complexity, Counter, CounterStatus, Kind, Status, Ticket
from onestop.queue.routing import POLICIES
from onestop.queue.rules import Rules
from tests.clock import hanoi

START = hanoi(2026, 12, 7, 9, 0)


@given(offset=st.integers(min_value=-6 * 3600, max_value=6 * 3600),
       early=st.integers(min_value=0, max_value=180), late=st.integers(min_value=0, max_value=60))
def test_check_in_window_and_place(offset, early, late):
    now = START + timedelta(seconds=offset)
    if offset < -early * 60:
        with pytest.raises(DomainError) as err:
            bk.check_in_place(START, now, early_minutes=early, late_minutes=late)
        assert err.value.code == "booking_too_early"
        back = datetime.fromisoformat(err.value.details["come_back_at"])
        assert back == START - timedelta(minutes=early) and back > now
    elif offset > late * 60:
        with pytest.raises(DomainError) as err:
            bk.check_in_place(START, now, early_minutes=early, late_minutes=late)
        assert err.value.code == "booking_late"
        assert bk.release_due(START, now, late)
    else:
        place = bk.check_in_place(START, now, early_minutes=early, late_minutes=late)
        assert place == max(START, now)  # early: the slot's start; else the check-in time
        assert not bk.release_due(START, now, late)


def test_too_early_names_the_local_time_to_come_back():
    with pytest.raises(DomainError) as err:
        bk.check_in_place(START, START - timedelta(minutes=90), early_minutes=60,
                          late_minutes=15)
    assert "08:00" in err.value.message_vi and "Ông/Bà" in err.value.message_vi
    assert err.value.details["come_back_local"] == "08:00"


def test_slot_start_is_local_time():
    assert bk.slot_start("2026-12-07", time(9, 0), "Asia/Ho_Chi_Minh") == START
    assert bk.slot_start("2026-12-07", "09:00", "Asia/Ho_Chi_Minh").astimezone(UTC) == START


def test_on_time_is_within_15_minutes_of_the_place():
    assert bk.on_time(START, START + timedelta(minutes=15))
    assert not bk.on_time(START, START + timedelta(minutes=15, seconds=1))
    assert not bk.on_time(START, None)


@pytest.mark.parametrize("old, new", [
    ({"capacity": 4, "booked_share_cap": 0.25}, {"capacity": 4, "booked_share": 0.25}),
    ({"capacity": 4, "enabled": False}, {"capacity": 0}),
    ({"capacity": 4, "booked_share_cap": 0.25, "booked_share": 0.5},
     {"capacity": 4, "booked_share": 0.5})])
def test_the_first_hub_model_is_read_in_the_one_model(old, new):
    assert upgrade(old) == new


def test_the_api_refuses_keys_that_are_not_settings():
    with pytest.raises(InvalidRequest) as err:
        check_settings({"capacity": 4, "enabled": True}, strict=True)
    assert err.value.code == "invalid_slots" and err.value.details["field"] == "enabled"
    assert check_settings({"capacity": 4, "enabled": True}).capacity == 4  # events: ignored


def _ticket(n: str, at: datetime, channel=Channel.WALK_IN, minutes=10.0) -> Ticket:
    return Ticket(id=n, token=n, day=at.date(), issued_group="civil-status", seq=int(n[1:]),
                  number=n, group="civil-status", service="1.001193", kind=Kind.SUBMIT, count=1,
                  priority=None, complexity=Complexity.QUICK, expected_minutes=minutes,
                  channel=channel, status=Status.WAITING, issued_at=at, queued_at=at)


COUNTER = Counter(1, "Quầy 1", "Counter 1", ("civil-status",), status=CounterStatus.OPEN)


def _order(policy, tickets, now, step=timedelta(minutes=1)):
    waiting, called = list(tickets), []
    while waiting:
        t = POLICIES[policy](COUNTER, waiting, now, Rules())
        called.append(t.number)
        waiting.remove(t)
        now += step
    return called


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_booked_ticket_is_called_by_its_place_not_after_earlier_walk_ins(policy):
    """Checked in at 08:30 for 09:00: it stands in line from 09:00 (issued_at = queued_at =
    slot start), behind the 08:40 and 08:50 walk-ins and ahead of the 09:05 one; the hub's
    `smart` keeps the appointment: once its place has come it is called next."""
    booked = _ticket("B003", START, Channel.BOOKED)  # checked in 08:30, placed at 09:00
    walk_ins = [_ticket("B001", START - timedelta(minutes=20)),
                _ticket("B002", START - timedelta(minutes=10)),
                _ticket("B004", START + timedelta(minutes=5))]
    assert booked.queued_at == booked.issued_at == START
    order = _order(policy, [booked, *walk_ins], START + timedelta(minutes=6),
                   step=timedelta(seconds=1))
    if policy in ("smart", "sjf"):  # sjf: smart before issue 19, the same rule for bookings
        assert order == ["B003", "B001", "B002", "B004"]
    else:
        assert order == ["B001", "B002", "B003", "B004"]


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_booked_before_its_slot_waits_for_walk_ins_but_not_for_an_idle_counter(policy):
    now = START - timedelta(minutes=20)
    booked = _ticket("B002", START, Channel.BOOKED, minutes=2.0)  # short job, slot at 09:00
    walk_in = _ticket("B001", now - timedelta(minutes=1), minutes=30.0)
    assert POLICIES[policy](COUNTER, [booked, walk_in], now, Rules()).number == "B001"
    assert POLICIES[policy](COUNTER, [booked], now, Rules()).number == "B002"


def test_a_walk_in_after_the_slot_start_comes_after_the_booked_ticket():
    booked = _ticket("B001", START, Channel.BOOKED)
    later = replace(_ticket("B002", START + timedelta(minutes=2)))
    now = START + timedelta(minutes=3)
    for policy in ("fifo", "oldest", "standard"):
        assert POLICIES[policy](COUNTER, [later, booked], now, Rules()).number == "B001"


def test_simulator_books_slots_and_reports_booked_and_walk_in_waits():
    import json
    from pathlib import Path

    from onestop.queue.scenario import parse_scenario
    from onestop.queue.simulate import simulate

    raw = json.loads((Path(__file__).resolve().parents[2] / "scenarios" /
                      "cua-nam-monday.json").read_text(encoding="utf-8"))
    none = simulate(parse_scenario(raw), "smart", days=2).to_dict()
    assert "booked" not in none
    raw = {**raw, "booked_share": 0.3, "booking": {"slot_minutes": 30, "punctuality_sd": 5}}
    report = simulate(parse_scenario(raw), "smart", days=2).to_dict()
    booked = report["booked"]
    assert 0.15 < booked["share"] < 0.35 and booked["no_show"] >= 0
    assert 0 <= booked["on_time_share"] <= 1 and report["walk_in_wait_min"]["n"] > 0
    # the same people: booked ones who came plus walk-ins, the rest never came
    assert report["tickets"] + booked["no_show"] == none["tickets"]
    with pytest.raises(Exception, match="booking"):
        parse_scenario({**raw, "booking": {"slot": 30}})
