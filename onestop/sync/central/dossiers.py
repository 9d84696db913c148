"""Dossiers on central (issue 17): the rules every surface shares, the public lookup and the
citizen's feedback about a dossier.

* Timeliness is computed here only (`timeliness`), and the lookup page, the public API and
  the city dashboard all read it from here: the local day of `ready_at` (or of `returned_at`
  when the result was never marked ready) against `due_date`: before = early, equal = on
  time, after = late; an open dossier past its due date is overdue. An apology's new date does
  not erase lateness. A dossier waiting for a supplement has its clock paused: not overdue.
* The lookup answers the same 404 for an unknown code and a wrong check, through the same
  code path (a stand-in row when the code is unknown, hmac.compare_digest on the check).
"""

from __future__ import annotations

import hmac
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text

from .auth import iso
from .bookings import BookingError, normal_phone

STATES = ("received", "processing", "supplement_requested", "result_ready", "returned",
          "rejected", "withdrawn")
OPEN_STATES = ("received", "processing", "supplement_requested")
CLOCK_RUNNING = ("received", "processing")  # a supplement request pauses the clock
ACTIONS = ("received", "supplement", "resume", "ready", "return", "reject", "withdraw",
           "apology")
ACTION_STATE = {"received": "received", "supplement": "supplement_requested",
                "resume": "processing", "ready": "result_ready", "return": "returned",
                "reject": "rejected", "withdraw": "withdrawn"}  # apology keeps the state
WARD_CODE = re.compile(r"[A-Z0-9]{2,8}")
_CODE = re.compile(r"([A-Z0-9]{2,8})-(\d{2})(\d{2})(\d{2})-(\d{4})")
FEEDBACK_KINDS = ("suggestion", "complaint")
MAX_FEEDBACK = 2000


def parse_dossier_code(raw: object) -> str | None:
    """`CUANAM-261205-0007` (case and surrounding spaces forgiven), or None."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = raw.strip().upper()
    m = _CODE.fullmatch(code)
    if m is None:
        return None
    try:
        date(2000 + int(m[2]), int(m[3]), int(m[4]))
    except ValueError:
        return None
    return code


def local_day(moment: str | None, zone: ZoneInfo) -> date | None:
    return datetime.fromisoformat(moment).astimezone(zone).date() if moment else None


def timeliness(row, today: date, zone: ZoneInfo) -> str | None:
    """early | on_time | late for a finished dossier, overdue for an open one past its due
    date, None otherwise (open and in time, paused, rejected or withdrawn unfinished)."""
    due = date.fromisoformat(row.due_date)
    finished = local_day(row.ready_at, zone) or local_day(row.returned_at, zone)
    if finished is not None:
        return "early" if finished < due else "on_time" if finished == due else "late"
    if row.state in CLOCK_RUNNING and today > due:
        return "overdue"
    return None


class LookupError_(BookingError):
    """A refusal of the public lookup or feedback: JSON {code, message, message_vi}."""


def not_found() -> LookupError_:
    return LookupError_(404, "dossier_not_found",
                        "no dossier with this code and check digits",
                        "Không tìm thấy hồ sơ với mã và mã kiểm tra này")


@dataclass(frozen=True)
class _StandIn:  # what an unknown code is compared against, so both paths do the same work
    check_digits: str = "\x00\x00\x00\x00"


class Dossiers:
    def __init__(self, central) -> None:
        self.central = central
        self.db = central.db

    def _names(self) -> dict[str, tuple[str, str]]:
        catalog = self.central.bookings.catalog()
        return {s.code: (s.name_vi, s.name_en) for s in catalog.services}

    def _row(self, conn, code_raw: object, check_raw: object):
        """The dossier row when code and check match, else None, by one path."""
        code = parse_dossier_code(code_raw) or ""
        check = check_raw.strip() if isinstance(check_raw, str) else ""
        row = conn.execute(text(
            "SELECT d.*, h.ward AS hub_ward, w.data AS ward_data FROM dossiers d "
            "JOIN hubs h ON h.hub_id = d.hub_id LEFT JOIN wards w ON w.hub_id = d.hub_id "
            "WHERE d.code = :c"), {"c": code}).first()
        stored = (row or _StandIn()).check_digits
        same = hmac.compare_digest(stored.encode(), check.encode()[:8])
        return row if row is not None and same else None

    def lookup(self, code_raw: object, check_raw: object) -> dict:
        """The public view of one dossier (docs/central.md), or 404 dossier_not_found."""
        with self.db.read() as conn:
            row = self._row(conn, code_raw, check_raw)
            if row is None:
                raise not_found()
            history = conn.execute(text(
                "SELECT state, changed_at FROM dossier_history WHERE code = :c "
                "ORDER BY changed_at, seq"), {"c": row.code}).all()
        return self.view(row, history)

    def view(self, row, history) -> dict:
        from .lookup_text import STATE_WORDS

        zone = self.central.timezone
        name_vi, name_en = self._names().get(row.service, (row.service, row.service))
        ward = json.loads(row.ward_data) if row.ward_data else {}
        return {
            "code": row.code, "service": row.service, "name_vi": name_vi, "name_en": name_en,
            "ward": ward.get("name_vi") or row.hub_ward,
            "ward_en": ward.get("name_en") or ward.get("name_vi") or row.hub_ward,
            "state": row.state, "state_vi": STATE_WORDS[row.state][0],
            "state_en": STATE_WORDS[row.state][1],
            "received_date": local_day(row.received_at, zone).isoformat(),
            "due_date": row.due_date,
            "timeliness": timeliness(row, self.central.today(), zone),
            "history": [{"state": h.state, "state_vi": STATE_WORDS[h.state][0],
                         "state_en": STATE_WORDS[h.state][1],
                         "at": h.changed_at} for h in history],
        }

    def send_feedback(self, body: dict) -> dict:
        """A citizen's suggestion or complaint about a dossier, handed to its ward's hub
        through the inbox; the phone only when a reply is wanted."""
        kind, words = body.get("kind"), body.get("text")
        if kind not in FEEDBACK_KINDS:
            raise _invalid("kind: suggestion or complaint", "kind: góp ý hoặc phản ánh")
        if not isinstance(words, str) or not words.strip() or len(words) > MAX_FEEDBACK \
                or "\x00" in words:
            raise _invalid(f"text: 1-{MAX_FEEDBACK} characters",
                           f"Nội dung: từ 1 đến {MAX_FEEDBACK} ký tự")
        want_reply = body.get("want_reply", False)
        if not isinstance(want_reply, bool):
            raise _invalid("want_reply: true or false", "want_reply: true hoặc false")
        phone = None
        if want_reply:
            phone = normal_phone(body.get("phone"))
        elif body.get("phone") not in (None, ""):
            raise _invalid("phone: only when a reply is wanted",
                           "Số điện thoại chỉ cần khi Ông/Bà muốn được trả lời")
        feedback_id = uuid.uuid4().hex
        now = iso(self.central.clock())
        with self.db.write() as conn:
            row = self._row(conn, body.get("dossier_code"), body.get("check"))
            if row is None:
                raise not_found()
            self.central.inbox.add(conn, row.hub_ward, "feedback", {
                "feedback_id": feedback_id, "dossier_code": row.code, "kind": kind,
                "text": words.strip(), "phone": phone, "received_at": now},
                personal=phone is not None)
        return {"feedback_id": feedback_id}


def _invalid(en: str, vi: str) -> LookupError_:
    return LookupError_(422, "invalid", en, vi)
