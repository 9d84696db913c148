"""Dossiers (hồ sơ) a counter receives: states, the actions between them, the code printed on
the receipt and the timeliness of the result (docs/dossiers.md).

Code `{WARD}-{YYMMDD}-{NNNN}`, e.g. `CUANAM-261205-0007`: the ward's short code, the local day
of receipt, the day's sequence in that ward. With it goes a 4-digit check number printed on the
receipt and asked by the lookup page, so a guessed code alone shows nothing.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import date, datetime

from .errors import InvalidRequest, NotFound, TransitionError
from .workdays import local_moment

RECEIVED = "received"
PROCESSING = "processing"
SUPPLEMENT_REQUESTED = "supplement_requested"
RESULT_READY = "result_ready"
RETURNED = "returned"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
STATES = (RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, RESULT_READY, RETURNED, REJECTED,
          WITHDRAWN)
FINAL = frozenset({RETURNED, REJECTED, WITHDRAWN})
OPEN = tuple(s for s in STATES if s not in FINAL)

# Actions (the API path's last part) and the state each leads to from the states allowing it.
ACTIONS: dict[str, tuple[str, frozenset[str]]] = {
    "supplement": (SUPPLEMENT_REQUESTED, frozenset({RECEIVED, PROCESSING})),
    # received → processing has no action of its own in the shared contract: "resume" (tiếp
    # tục / bắt đầu xử lý) moves a received dossier on as well.
    "resume": (PROCESSING, frozenset({RECEIVED, SUPPLEMENT_REQUESTED})),
    "ready": (RESULT_READY, frozenset({RECEIVED, PROCESSING})),
    "return": (RETURNED, frozenset({RESULT_READY})),
    "reject": (REJECTED, frozenset({RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED})),
    "withdraw": (WITHDRAWN, frozenset({RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED})),
}
NEEDS_REASON = frozenset({"reject", "withdraw", "apology"})

STATE_VI = {RECEIVED: "Mới tiếp nhận", PROCESSING: "Đang xử lý",
            SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung", RESULT_READY: "Đã có kết quả, chờ trả",
            RETURNED: "Đã trả kết quả", REJECTED: "Từ chối giải quyết",
            WITHDRAWN: "Công dân rút hồ sơ"}
STATE_EN = {RECEIVED: "Received", PROCESSING: "Processing",
            SUPPLEMENT_REQUESTED: "Supplement requested", RESULT_READY: "Result ready",
            RETURNED: "Result returned", REJECTED: "Rejected", WITHDRAWN: "Withdrawn"}

_CODE = re.compile(r"([A-Z0-9]{2,8})-(\d{6})-(\d{4})")
_WARD_CODE = re.compile(r"[A-Z0-9]{2,8}")
_CHECK = re.compile(r"\d{4}")


def next_state(state: str, action: str) -> str:
    """The state after `action`, or TransitionError (409 dossier_bad_state)."""
    if action not in ACTIONS:
        raise InvalidRequest("unknown_action", f"unknown dossier action {action!r}",
                             f"Thao tác hồ sơ không hợp lệ {action!r}", action=action)
    target, sources = ACTIONS[action]
    if state not in sources:
        raise TransitionError(
            "dossier_bad_state", f"a dossier in state {state} cannot be {action}",
            f"Hồ sơ đang ở trạng thái “{STATE_VI.get(state, state)}”, không thực hiện được "
            "thao tác này", state=state, action=action)
    return target


# --- codes -----------------------------------------------------------------------------------
def plain_letters(text: str) -> str:
    """Vietnamese text without diacritics, upper case, A-Z and 0-9 only per word kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 ]", " ", bare).upper()


def default_ward_code(ward_name: str) -> str:
    """A ward code derived from its name: "Phường Cửa Nam" → "CUANAM" (the name without the
    unit word and diacritics, its first 6 letters; the words' first letters when that is
    longer than 8)."""
    words = plain_letters(ward_name).split()
    if words and words[0] in ("PHUONG", "XA", "THI", "TT") and len(words) > 1:
        words = words[1:]
    if words and words[0] == "TRAN" and len(words) > 1:  # "Thị trấn"
        words = words[1:]
    joined = "".join(words)[:6]
    code = joined if len(joined) >= 2 else "".join(w[0] for w in words)
    return code if _WARD_CODE.fullmatch(code or "") else "WARD"


def check_ward_code(code: str) -> str:
    clean = (code or "").strip().upper()
    if not _WARD_CODE.fullmatch(clean):
        raise InvalidRequest("invalid_ward_code",
                             "the ward code must be 2 to 8 characters A-Z and 0-9",
                             "Mã phường phải gồm 2 đến 8 ký tự A-Z và 0-9", field="ward_code")
    return clean


def format_code(ward_code: str, day: date, seq: int) -> str:
    if not 1 <= seq <= 9999:
        raise InvalidRequest("dossier_day_full", "the ward received 9999 dossiers today",
                             "Phường đã tiếp nhận 9999 hồ sơ trong ngày")
    return f"{check_ward_code(ward_code)}-{day:%y%m%d}-{seq:04d}"


def parse_code(text: str) -> tuple[str, date, int]:
    """(ward code, day, sequence) of a code as typed (spaces and case forgiven); 404
    dossier_not_found for anything that is not one, like an unknown code."""
    clean = re.sub(r"\s+", "", text or "").upper()
    match = _CODE.fullmatch(clean)
    try:
        day = datetime.strptime(match.group(2), "%y%m%d").date() if match else None
    except ValueError:
        day = None
    if match is None or day is None or int(match.group(3)) == 0:
        raise not_found(clean)
    return match.group(1), day, int(match.group(3))


def normal_code(text: str) -> str:
    ward, day, seq = parse_code(text)
    return f"{ward}-{day:%y%m%d}-{seq:04d}"


def not_found(code: str) -> NotFound:
    """The one answer for an unknown code, a malformed one and a wrong check number alike."""
    return NotFound("dossier_not_found", "no dossier with this code (and check number)",
                    "Không tìm thấy hồ sơ với mã (và số kiểm tra) này", dossier=code[:40])


def new_check() -> str:
    return f"{secrets.randbelow(10_000):04d}"


def is_check(text: str | None) -> bool:
    return bool(text) and _CHECK.fullmatch(text) is not None


# --- timeliness --------------------------------------------------------------------------------
EARLY, ON_TIME, LATE = "early", "on_time", "late"


def timeliness(due: date, ready_at: datetime | None, returned_at: datetime | None,
               timezone: str) -> str | None:
    """early / on_time / late from the local day the result was ready (or returned, when it
    never was marked ready) against the due date; None while neither happened. An apology's
    new date never erases lateness: `due` is the dossier's due date, not the apology's."""
    done = ready_at or returned_at
    if done is None:
        return None
    day = local_moment(done, timezone).date()
    return EARLY if day < due else ON_TIME if day == due else LATE


def is_overdue(due: date, state: str, today: date) -> bool:
    """An open dossier not yet ready whose due date has passed."""
    return state in (RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED) and today > due
