"""Feedback cases (góp ý, phản ánh; issue 17 part 6): the rules, with no storage and no clock of
their own.

A case is a citizen's suggestion (góp ý) or complaint (phản ánh) sent from the ticket page or
from central's lookup page, or a "Không hài lòng" rating, which opens an `unhappy` case at once.
It has an owner (the officer who took it), a due date counted in working days from the day it
was opened, and it ends closed with a resolution; the phone number a citizen left for a reply
is erased when the case closes (docs/feedback.md, docs/security.md).
"""

from __future__ import annotations

import re
from datetime import date

from .errors import InvalidRequest, TransitionError
from .workdays import WorkCalendar

SOURCES = ("ticket", "lookup", "rating")
KINDS = ("suggestion", "complaint", "unhappy")
OPEN, IN_PROGRESS, CLOSED = "open", "in_progress", "closed"
STATES = (OPEN, IN_PROGRESS, CLOSED)

# Working days to answer, from the day the case was opened (that day not counted). Chosen:
# an unhappy rating deserves a call within two days, a complaint within a working week, a
# suggestion within two (docs/feedback.md).
DUE_WORKING_DAYS = {"unhappy": 2, "complaint": 5, "suggestion": 10}
# Working days: Mon-Fri without the ward's days off (hub/holidays.py), as for dossiers.

MAX_TEXT = 1000
MIN_TEXT = 5
MAX_NOTE = 1000
# A Vietnamese mobile number: 10 digits from 03, 05, 07, 08 or 09 (or +84 / 84 for the 0).
_MOBILE = re.compile(r"0[35789]\d{8}")
# Texts of closed cases are kept this long after closing, then blanked (counts stay).
TEXT_RETENTION_DAYS = 365


def due_date(opened: date, kind: str, holidays: frozenset[date] = frozenset()) -> date:
    """The N-th working day after `opened` (the ward's local day), N by the case's kind,
    counted with the same calendar as a dossier's due date (queue/workdays.py)."""
    return WorkCalendar(holidays).add_working_days(opened, DUE_WORKING_DAYS[kind])


def is_overdue(state: str, due: date, today: date) -> bool:
    return state != CLOSED and today > due


def normalise_phone(raw: str | None) -> str | None:
    """A Vietnamese mobile number as ten digits, or None when left empty; refused otherwise."""
    if raw is None or not raw.strip():
        return None
    digits = re.sub(r"[\s.\-()]", "", raw.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise InvalidRequest("invalid_phone", "the phone must be a Vietnamese mobile number "
                             "(10 digits, e.g. 0912345678)",
                             "Số điện thoại phải là số di động Việt Nam gồm 10 chữ số "
                             "(ví dụ 0912345678)", field="phone")
    return digits


def check_submission(kind: str, text: str | None, want_reply: bool,
                     phone: str | None) -> tuple[str, str | None]:
    """A citizen's suggestion or complaint, checked: (text trimmed, phone or None)."""
    if kind not in ("suggestion", "complaint"):
        raise InvalidRequest("invalid_kind", "kind must be suggestion or complaint",
                             "Loại ý kiến phải là góp ý hoặc phản ánh", field="kind")
    clean = (text or "").strip()
    if len(clean) < MIN_TEXT:
        raise InvalidRequest("text_too_short", f"please write at least {MIN_TEXT} characters",
                             f"Xin Ông/Bà viết ít nhất {MIN_TEXT} ký tự", field="text")
    if len(clean) > MAX_TEXT:
        raise InvalidRequest("text_too_long", f"at most {MAX_TEXT} characters",
                             f"Nội dung tối đa {MAX_TEXT} ký tự", field="text")
    number = normalise_phone(phone)
    if want_reply and number is None:
        raise InvalidRequest("phone_required", "a reply needs a phone number",
                             "Để nhận trả lời, xin Ông/Bà để lại số điện thoại di động",
                             field="phone")
    return clean, number if want_reply else None


def check_note(text: str | None, what: str = "note") -> str:
    clean = (text or "").strip()
    if not clean or len(clean) > MAX_NOTE:
        raise InvalidRequest(f"invalid_{what}", f"the {what} must be 1 to {MAX_NOTE} characters",
                             f"Nội dung phải từ 1 đến {MAX_NOTE} ký tự", field=what)
    return clean


# Which action each state allows: take (open or someone else's in-progress case: a supervisor
# may take over), note (any state but closed), close (open or in progress).
ALLOWED = {"take": (OPEN, IN_PROGRESS), "note": (OPEN, IN_PROGRESS), "close": (OPEN, IN_PROGRESS)}


def check_action(action: str, state: str) -> None:
    if state not in ALLOWED[action]:
        raise TransitionError("case_closed", f"the case is {state}; cannot {action}",
                              "Vụ việc đã đóng, không thể thao tác thêm", state=state)


def next_state(action: str, state: str) -> str:
    check_action(action, state)
    return {"take": IN_PROGRESS, "note": state, "close": CLOSED}[action]


def public_case(row: dict) -> dict:
    """The `feedback.case` event's data (the sync contract): counts only, never the text, the
    phone, the owner or a note."""
    return {"case_id": row["id"], "source": row["source"], "kind": row["kind"],
            "state": row["state"], "opened_at": row["opened_at"], "due_date": row["due_date"],
            "closed_at": row["closed_at"]}
