"""Booking codes a hub can verify offline (issue 16, docs/booking.md).

A booking code is 80 bits written as 16 Crockford base32 symbols in four groups of four
(`7K2M-9QX4-TPAB-XY3Z`); the QR carries the same text. The bits, most significant first:

    day     14 bits  days since 2024-01-01 (to 2068)
    slot     9 bits  slot start in 5-minute steps since midnight
    serial  11 bits  the booking's number within its slot and group (0..2047)
    mac     46 bits  HMAC-SHA256(key, hub_id, group code, the 34 bits above), truncated

The group is not written as an index into a list that the two sides would have to agree on (a
ward's local catalogue override adds groups): the MAC binds the group's code, and reading
tries the ward's groups (at most 64) until one matches. A random or altered code passes for
one of G groups with probability G·2⁻⁴⁶ (≤ 2⁻⁴⁰).

The key is the ward's booking key, agreed at enrolment (central makes it; the enrol answer
carries it as `booking_key`, hex). Reading is forgiving in the way people type: case, spaces and
dashes are ignored, O reads as 0 and I/L as 1. A code made for another ward (hub_id or key), or
with any symbol changed, fails the MAC and is refused with `booking_invalid`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from .errors import InvalidRequest

EPOCH = date(2024, 1, 1)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})

DAY_BITS, SLOT_BITS, SERIAL_BITS, MAC_BITS = 14, 9, 11, 46
PAYLOAD_BITS = DAY_BITS + SLOT_BITS + SERIAL_BITS
CODE_BITS = PAYLOAD_BITS + MAC_BITS
CODE_SYMBOLS = CODE_BITS // 5  # 16
SLOT_STEP_MINUTES = 5
MAX_SERIAL = (1 << SERIAL_BITS) - 1
MAX_GROUPS = 64  # groups tried when reading; more would weaken the MAC
LAST_DAY = EPOCH + timedelta(days=(1 << DAY_BITS) - 1)
_DOMAIN = b"onestop-booking-v1"


class BookingCodeError(InvalidRequest):
    """A code that is not a booking of this ward: mistyped, altered, forged or another ward's."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(
            "booking_invalid",
            "This booking code is not valid for this ward. Please check it or take a walk-in "
            "number." + (f" ({reason})" if reason else ""),
            "Mã đặt lịch không hợp lệ cho phường này. Ông/Bà vui lòng kiểm tra lại mã hoặc "
            "lấy số trực tiếp.",
        )


@dataclass(frozen=True, order=True)
class BookingRef:
    """What a booking code says: the group, the day, the slot's start and the serial."""

    group: str
    day: date
    slot: time
    serial: int


def _mac(key: bytes, hub_id: str, group: str, payload: int) -> int:
    msg = b"|".join((_DOMAIN, hub_id.encode(), group.encode(),
                     payload.to_bytes((PAYLOAD_BITS + 7) // 8, "big")))
    digest = hmac.new(key, msg, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - MAC_BITS)


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) < 16:
        raise ValueError("a booking key is at least 16 bytes")


def make_code(key: bytes, hub_id: str, groups: Sequence[str], ref: BookingRef) -> str:
    """The code for `ref`. `groups` are the ward's group codes (any order); a ref outside what
    a code can carry is a programming error (ValueError)."""
    _check_key(key)
    if ref.group not in groups:
        raise ValueError(f"group {ref.group!r} is not in the ward's groups")
    if not EPOCH <= ref.day <= LAST_DAY:
        raise ValueError(f"day {ref.day} is outside {EPOCH}..{LAST_DAY}")
    minutes = ref.slot.hour * 60 + ref.slot.minute
    if ref.slot.second or ref.slot.microsecond or minutes % SLOT_STEP_MINUTES:
        raise ValueError(f"a slot starts on a {SLOT_STEP_MINUTES}-minute step, not {ref.slot}")
    if not 0 <= ref.serial <= MAX_SERIAL:
        raise ValueError(f"serial {ref.serial} is outside 0..{MAX_SERIAL}")
    payload = (ref.day - EPOCH).days
    payload = (payload << SLOT_BITS) | minutes // SLOT_STEP_MINUTES
    payload = (payload << SERIAL_BITS) | ref.serial
    value = (payload << MAC_BITS) | _mac(key, hub_id, ref.group, payload)
    symbols = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(CODE_SYMBOLS)))
    return "-".join(symbols[i:i + 4] for i in range(0, CODE_SYMBOLS, 4))


def normalise(text: str) -> str:
    """The canonical form of a typed or scanned code (`7K2M-9QX4-TPAB-XY3Z`), or
    BookingCodeError when it cannot be one (wrong length, a symbol outside the alphabet)."""
    if not isinstance(text, str):
        raise BookingCodeError("not text")
    raw = "".join(ch for ch in text.upper() if ch not in "- \t\r\n")
    if len(raw) != CODE_SYMBOLS or any(ch not in _VALUE for ch in raw):
        raise BookingCodeError("format")
    canon = "".join(ALPHABET[_VALUE[ch]] for ch in raw)
    return "-".join(canon[i:i + 4] for i in range(0, CODE_SYMBOLS, 4))


def read_code(key: bytes, hub_id: str, groups: Sequence[str], text: str) -> BookingRef:
    """The booking a code names, if this ward's key signed it; else BookingCodeError."""
    _check_key(key)
    value = 0
    for ch in normalise(text).replace("-", ""):
        value = (value << 5) | _VALUE[ch]
    mac = (value & ((1 << MAC_BITS) - 1)).to_bytes(6, "big")
    payload = value >> MAC_BITS
    serial = payload & MAX_SERIAL
    step = (payload >> SERIAL_BITS) & ((1 << SLOT_BITS) - 1)
    days = payload >> (SERIAL_BITS + SLOT_BITS)
    if step * SLOT_STEP_MINUTES >= 24 * 60:
        raise BookingCodeError("fields")
    candidates = sorted(set(groups))
    if len(candidates) > MAX_GROUPS:
        raise ValueError(f"a ward reads codes against at most {MAX_GROUPS} groups")
    matched = [g for g in candidates
               if hmac.compare_digest(mac, _mac(key, hub_id, g, payload).to_bytes(6, "big"))]
    if not matched:
        raise BookingCodeError("signature")
    group = matched[0]
    minutes = step * SLOT_STEP_MINUTES
    return BookingRef(group, EPOCH + timedelta(days=days), time(minutes // 60, minutes % 60),
                      serial)


def group_list(codes: Sequence[str]) -> list[str]:
    """The ward's group codes, sorted, without duplicates (any order reads the same)."""
    return sorted(set(codes))
