"""Booking codes: a round trip, and any change, another key or another ward is refused."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.queue.booking_codes import (
    ALPHABET,
    EPOCH,
    LAST_DAY,
    BookingCodeError,
    BookingRef,
    group_list,
    make_code,
    normalise,
    read_code,
)

GROUPS = group_list(["HT", "CT", "DD", "LDTBXH", "TP", "XD"])
KEY = bytes(range(32))
HUB = "hub-phuong-ba-dinh"

refs = st.builds(
    BookingRef,
    group=st.sampled_from(GROUPS),
    day=st.dates(min_value=EPOCH, max_value=LAST_DAY),
    slot=st.builds(time, st.integers(0, 23), st.sampled_from(range(0, 60, 5))),
    serial=st.integers(0, 2047),
)
keys = st.binary(min_size=16, max_size=64)


@settings(max_examples=300)
@given(refs, keys)
def test_round_trip(ref, key):
    code = make_code(key, HUB, GROUPS, ref)
    assert len(code) == 19 and code.count("-") == 3
    assert read_code(key, HUB, GROUPS, code) == ref
    # As people type it: lower case, no dashes, spaces, O for 0 and L for 1.
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert read_code(key, HUB, GROUPS, typed) == ref
    assert normalise(typed) == code


@settings(max_examples=300)
@given(refs, keys, st.integers(0, 15), st.integers(1, 31))
def test_any_single_symbol_change_is_refused(ref, key, position, shift):
    code = make_code(key, HUB, GROUPS, ref).replace("-", "")
    changed = ALPHABET[(ALPHABET.index(code[position]) + shift) % 32]
    altered = code[:position] + changed + code[position + 1:]
    with pytest.raises(BookingCodeError) as err:
        read_code(key, HUB, GROUPS, altered)
    assert err.value.code == "booking_invalid" and err.value.status == 422
    assert "Ông/Bà" in err.value.message_vi


@settings(max_examples=200)
@given(refs, keys, keys, st.sampled_from(["hub-other", "hub-phuong-ba-dinh2", ""]))
def test_another_key_or_ward_is_refused(ref, key, other_key, other_hub):
    code = make_code(key, HUB, GROUPS, ref)
    if other_key != key:
        with pytest.raises(BookingCodeError):
            read_code(other_key, HUB, GROUPS, code)
    with pytest.raises(BookingCodeError):
        read_code(key, other_hub, GROUPS, code)


def test_the_group_list_may_change_order_or_grow_but_must_hold_the_group():
    ref = BookingRef("TP", date(2026, 11, 25), time(9, 30), 4)
    code = make_code(KEY, HUB, GROUPS, ref)
    assert read_code(KEY, HUB, ["AA", *reversed(GROUPS), "ZZ"], code) == ref
    with pytest.raises(BookingCodeError):
        read_code(KEY, HUB, [g for g in GROUPS if g != "TP"], code)


@pytest.mark.parametrize("text", ["", "7K2M-9QX4-TPAB", "7K2M-9QX4-TPAB-XY3Z-0",
                                  "UUUU-UUUU-UUUU-UUUU", "7K2M-9QX4-TPAB-XY3!", None, 12345])
def test_malformed_text_is_refused(text):
    with pytest.raises(BookingCodeError):
        read_code(KEY, HUB, GROUPS, text)


@pytest.mark.parametrize("ref", [
    BookingRef("ZZ", date(2026, 1, 5), time(8, 0), 0),
    BookingRef("HT", date(2023, 12, 31), time(8, 0), 0),
    BookingRef("HT", date(2026, 1, 5), time(8, 7), 0),
    BookingRef("HT", date(2026, 1, 5), time(8, 0), 2048),
])
def test_refs_a_code_cannot_carry_are_programming_errors(ref):
    with pytest.raises(ValueError):
        make_code(KEY, HUB, GROUPS, ref)
    with pytest.raises(ValueError):
        make_code(b"short", HUB, GROUPS, BookingRef("HT", date(2026, 1, 5), time(8, 0), 0))
