"""Dossier states, codes and timeliness (queue/dossier.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.queue import dossier as ds
from onestop.queue.errors import NotFound, TransitionError

# The contract's transitions, written out independently of ds.ACTIONS.
ALLOWED = {
    ("received", "processing"), ("received", "supplement_requested"),
    ("received", "result_ready"), ("received", "rejected"), ("received", "withdrawn"),
    ("processing", "supplement_requested"), ("processing", "result_ready"),
    ("processing", "rejected"), ("processing", "withdrawn"),
    ("supplement_requested", "processing"), ("supplement_requested", "withdrawn"),
    ("supplement_requested", "rejected"), ("result_ready", "returned"),
}


@given(st.sampled_from(ds.STATES), st.sampled_from(sorted(ds.ACTIONS)))
def test_transitions_are_exactly_the_contract(state, action):
    target = ds.ACTIONS[action][0]
    try:
        assert ds.next_state(state, action) == target
        assert (state, target) in ALLOWED
    except TransitionError as exc:
        assert exc.code == "dossier_bad_state"
        assert (state, target) not in ALLOWED


def test_final_states_allow_nothing():
    for state in ds.FINAL:
        for action in ds.ACTIONS:
            with pytest.raises(TransitionError):
                ds.next_state(state, action)


@given(st.from_regex(r"[A-Z0-9]{2,8}", fullmatch=True),
       st.dates(date(2000, 1, 1), date(2068, 12, 31)), st.integers(1, 9999))
def test_code_round_trip(ward, day, seq):
    code = ds.format_code(ward, day, seq)
    assert ds.parse_code(code.lower().replace("-", " - ", 1)) == (ward, day, seq)
    assert ds.normal_code(code) == code


@pytest.mark.parametrize("bad", ["", "CUANAM", "CUANAM-261305-0001", "C-261205-0001",
                                 "CUANAM-261205-0000", "CUANAM-261205-00001", "x" * 300])
def test_bad_codes_are_not_found(bad):
    with pytest.raises(NotFound) as exc:
        ds.parse_code(bad)
    assert exc.value.code == "dossier_not_found"


def test_example_code_and_ward_codes():
    assert ds.format_code("CUANAM", date(2026, 12, 5), 7) == "CUANAM-261205-0007"
    assert ds.default_ward_code("Phường Cửa Nam") == "CUANAM"
    assert ds.default_ward_code("Phường Hoàn Kiếm") == "HOANKI"
    assert ds.default_ward_code("Xã Đông Anh") == "DONGAN"
    assert ds.default_ward_code("Phường 1") == "WARD" or len(ds.default_ward_code("Phường 1")) >= 2
    assert ds.is_check(ds.new_check()) and not ds.is_check("12a4")


def test_timeliness_uses_the_local_day():
    due = date(2026, 12, 7)
    tz = "Asia/Ho_Chi_Minh"
    # 17:30 UTC on the 6th is 00:30 on the 7th in Hanoi: on time, not early.
    assert ds.timeliness(due, datetime(2026, 12, 6, 17, 30, tzinfo=UTC), None, tz) == "on_time"
    assert ds.timeliness(due, datetime(2026, 12, 6, 16, 30, tzinfo=UTC), None, tz) == "early"
    assert ds.timeliness(due, None, datetime(2026, 12, 8, 1, tzinfo=UTC), tz) == "late"
    assert ds.timeliness(due, None, None, tz) is None
    assert ds.is_overdue(due, "processing", date(2026, 12, 8))
    assert not ds.is_overdue(due, "result_ready", date(2026, 12, 8))
