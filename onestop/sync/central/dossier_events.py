"""The events a hub pushes about dossiers, feedback and dialogue (issue 17, docs/sync.md), and
how central projects them:

* `dossier.received` / `dossier.changed`: data is the dossier's public snapshot after the
  change (code, check, ward_code, service, group, state, dates, action, reason; no name, no ID
  number). Projected into `dossiers` (latest snapshot wins: later `changed_at`, then higher
  seq) and one `dossier_history` row per event (state, action, time; never the reason).
* `recommendation.sent` `{recommendation_id, subject, text, sent_at}`: a ward's kiến nghị,
  kept in `recommendations` until the city replies (`onestop central reply`).
* `feedback.case` `{case_id, source, kind, state, opened_at, due_date, closed_at}`: counts
  only; no text and no phone leave the hub.

Each event is validated with the batch; an invalid one is rejected and parked with its
reason like any event. Only the contract's keys (plus the hub's `by`, the acting station)
are accepted, so nothing personal can ride along unnoticed.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Connection, text

from .auth import iso
from .dossiers import ACTION_STATE, ACTIONS, STATES, WARD_CODE, parse_dossier_code

DOSSIER_RECEIVED, DOSSIER_CHANGED = "dossier.received", "dossier.changed"
RECOMMENDATION_SENT, FEEDBACK_CASE = "recommendation.sent", "feedback.case"
CITY_PROJECTED = frozenset({DOSSIER_RECEIVED, DOSSIER_CHANGED, RECOMMENDATION_SENT,
                            FEEDBACK_CASE})

_SNAPSHOT_KEYS = frozenset({
    "code", "check", "ward_code", "service", "group", "state", "received_at", "due_date",
    "original_due_date", "result_working_days", "paused_working_days", "official_code",
    "ready_at", "returned_at", "apology_due_date", "changed_at", "action", "reason"})
_OPTIONAL = frozenset({"official_code", "ready_at", "returned_at", "apology_due_date",
                       "reason"})
_REC_KEYS = frozenset({"recommendation_id", "subject", "text", "sent_at"})
_CASE_KEYS = frozenset({"case_id", "source", "kind", "state", "opened_at", "due_date",
                        "closed_at"})
MAX_WORKING_DAYS = 3650
MAX_REASON, MAX_SUBJECT, MAX_REC_TEXT = 2000, 200, 4000
_SHORT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def _keys(kind: str, data: dict, allowed: frozenset[str], optional: frozenset[str]) -> None:
    extra = sorted(set(data) - allowed - {"by"})
    if extra:
        raise ValueError(f"{kind}: unknown field data.{extra[0]} (only the contract's fields)")
    missing = sorted(allowed - optional - set(data))
    if missing:
        raise ValueError(f"{kind}: data.{missing[0]} missing")
    if "by" in data and not isinstance(data["by"], dict):
        raise ValueError(f"{kind}: data.by must be an object")


def _time(kind: str, data: dict, key: str, required: bool = True) -> str | None:
    from .ingest import parse_time

    value = data.get(key)
    if value is None and not required:
        return None
    moment = parse_time(value)
    if moment is None or len(value) > 40:
        raise ValueError(f"{kind}: data.{key} is not an ISO 8601 time")
    return iso(moment)


def _day(kind: str, data: dict, key: str, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{kind}: data.{key} is not a date YYYY-MM-DD")


def _text(kind: str, data: dict, key: str, longest: int, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > longest \
            or "\x00" in value:
        raise ValueError(f"{kind}: data.{key} must be text of 1-{longest} characters")
    return value


def _count(kind: str, data: dict, key: str) -> int:
    value = data.get(key)
    if type(value) is not int or not 0 <= value <= MAX_WORKING_DAYS:
        raise ValueError(f"{kind}: data.{key} must be an integer 0-{MAX_WORKING_DAYS}")
    return value


def check_dossier(kind: str, data: dict, hub_ward_code: str | None) -> dict:
    """The `dossiers` row of one snapshot, or ValueError naming what is wrong. A hub enrolled
    with a ward code may only write dossiers of that code (codes are unique among wards)."""
    _keys(kind, data, _SNAPSHOT_KEYS, _OPTIONAL)
    code, ward_code = data.get("code"), data.get("ward_code")
    if not isinstance(ward_code, str) or not WARD_CODE.fullmatch(ward_code):
        raise ValueError(f"{kind}: data.ward_code must be 2-8 characters A-Z 0-9")
    if parse_dossier_code(code) is None or not code.startswith(ward_code + "-"):
        raise ValueError(f"{kind}: data.code must be {ward_code}-YYMMDD-NNNN")
    if hub_ward_code and ward_code != hub_ward_code:
        raise ValueError(f"{kind}: data.ward_code {ward_code} is not this hub's ward code "
                         f"{hub_ward_code}")
    if not isinstance(data.get("check"), str) or not re.fullmatch(r"\d{4}", data["check"]):
        raise ValueError(f"{kind}: data.check must be 4 digits")
    state, action = data.get("state"), data.get("action")
    if state not in STATES:
        raise ValueError(f"{kind}: data.state must be one of {', '.join(STATES)}")
    if action not in ACTIONS:
        raise ValueError(f"{kind}: data.action must be one of {', '.join(ACTIONS)}")
    if ACTION_STATE.get(action, state) != state:
        raise ValueError(f"{kind}: action {action} cannot leave the dossier {state}")
    if (kind == DOSSIER_RECEIVED) != (action == "received"):
        raise ValueError(f"{kind}: action {action} does not belong to {kind}")
    official = _text(kind, data, "official_code", 64, required=False)
    _text(kind, data, "reason", MAX_REASON, required=False)
    return {
        "code": code, "ward_code": ward_code, "check_digits": data["check"],
        "service": _text(kind, data, "service", 64), "group_id": _text(kind, data, "group", 64),
        "state": state, "action": action,
        "received_at": _time(kind, data, "received_at"),
        "due_date": _day(kind, data, "due_date"),
        "original_due_date": _day(kind, data, "original_due_date"),
        "result_working_days": _count(kind, data, "result_working_days"),
        "paused_working_days": _count(kind, data, "paused_working_days"),
        "official_code": official,
        "ready_at": _time(kind, data, "ready_at", required=False),
        "returned_at": _time(kind, data, "returned_at", required=False),
        "apology_due_date": _day(kind, data, "apology_due_date", required=False),
        "changed_at": _time(kind, data, "changed_at"),
    }


def check_recommendation(data: dict) -> dict:
    kind = RECOMMENDATION_SENT
    _keys(kind, data, _REC_KEYS, frozenset())
    rec_id = data.get("recommendation_id")
    if not isinstance(rec_id, str) or not _SHORT_ID.fullmatch(rec_id):
        raise ValueError(f"{kind}: data.recommendation_id must be an id (uuid)")
    return {"recommendation_id": rec_id, "subject": _text(kind, data, "subject", MAX_SUBJECT),
            "text": _text(kind, data, "text", MAX_REC_TEXT),
            "sent_at": _time(kind, data, "sent_at")}


def check_case(data: dict) -> dict:
    kind = FEEDBACK_CASE
    _keys(kind, data, _CASE_KEYS, frozenset({"closed_at"}))
    case_id = data.get("case_id")
    if not isinstance(case_id, str | int) or not _SHORT_ID.fullmatch(str(case_id)):
        raise ValueError(f"{kind}: data.case_id must be an id")
    for key, allowed in (("source", ("ticket", "lookup", "rating")),
                         ("kind", ("suggestion", "complaint", "unhappy")),
                         ("state", ("open", "in_progress", "closed"))):
        if data.get(key) not in allowed:
            raise ValueError(f"{kind}: data.{key} must be one of {', '.join(allowed)}")
    closed = _time(kind, data, "closed_at", required=False)
    if (data["state"] == "closed") != (closed is not None):
        raise ValueError(f"{kind}: data.closed_at is set exactly when the case is closed")
    return {"case_id": str(case_id), "source": data["source"], "kind": data["kind"],
            "state": data["state"], "opened_at": _time(kind, data, "opened_at"),
            "due_date": _day(kind, data, "due_date"), "closed_at": closed}


def check_city_event(kind: str, data: dict, hub_ward_code: str | None) -> dict:
    if kind in (DOSSIER_RECEIVED, DOSSIER_CHANGED):
        return check_dossier(kind, data, hub_ward_code)
    return check_recommendation(data) if kind == RECOMMENDATION_SENT else check_case(data)


_DOSSIER_COLUMNS = ("code", "hub_id", "ward_code", "check_digits", "service", "group_id",
                    "state", "received_at", "due_date", "original_due_date",
                    "result_working_days", "paused_working_days", "official_code", "ready_at",
                    "returned_at", "apology_due_date", "changed_at", "last_seq")
_SAME_WARD = ("(SELECT ward FROM hubs WHERE hub_id = dossiers.hub_id) = "
              "(SELECT ward FROM hubs WHERE hub_id = excluded.hub_id)")
# The latest snapshot wins: a later change time, or the same time and a higher seq. The
# existing row must be the same ward's (a hub id re-enrolled for the ward keeps writing).
_UPSERT_DOSSIER = (
    f"INSERT INTO dossiers ({', '.join(_DOSSIER_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _DOSSIER_COLUMNS)}) ON CONFLICT (code) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _DOSSIER_COLUMNS[1:])
    + f" WHERE (dossiers.hub_id = excluded.hub_id OR {_SAME_WARD}) AND (dossiers.changed_at < "
      "excluded.changed_at OR (dossiers.changed_at = excluded.changed_at AND "
      "dossiers.last_seq < excluded.last_seq))")
_INSERT_HISTORY = (
    "INSERT INTO dossier_history (hub_id, seq, code, state, action, changed_at) "
    "SELECT :h, :s, :c, :st, :a, :at WHERE EXISTS (SELECT 1 FROM dossiers d "
    "JOIN hubs a ON a.hub_id = d.hub_id JOIN hubs b ON b.hub_id = :h "
    "WHERE d.code = :c AND a.ward = b.ward) ON CONFLICT (hub_id, seq) DO NOTHING")
_UPSERT_CASE = (
    "INSERT INTO feedback_cases (hub_id, case_id, source, kind, state, opened_at, due_date, "
    "closed_at, last_seq) VALUES (:hub_id, :case_id, :source, :kind, :state, :opened_at, "
    ":due_date, :closed_at, :last_seq) ON CONFLICT (hub_id, case_id) DO UPDATE SET "
    "source = excluded.source, kind = excluded.kind, state = excluded.state, "
    "opened_at = excluded.opened_at, due_date = excluded.due_date, "
    "closed_at = excluded.closed_at, last_seq = excluded.last_seq "
    "WHERE feedback_cases.last_seq < excluded.last_seq")


def apply_city_projections(conn: Connection, hub_id: str, items: list[tuple[int, str, dict]],
                           received: str) -> None:
    """Apply the batch's dossier, recommendation and case events in seq order. Dossier rows
    go in two statements for the whole batch (the upsert's condition makes the order of
    snapshots irrelevant; history rows need their dossier held first)."""
    ward = None
    dossiers, history = [], []
    for seq, kind, clean in sorted(items, key=lambda item: item[0]):
        if kind in (DOSSIER_RECEIVED, DOSSIER_CHANGED):
            dossiers.append({**{c: clean.get(c) for c in _DOSSIER_COLUMNS}, "hub_id": hub_id,
                             "last_seq": seq})
            history.append({"h": hub_id, "s": seq, "c": clean["code"], "st": clean["state"],
                            "a": clean["action"], "at": clean["changed_at"]})
        elif kind == RECOMMENDATION_SENT:
            if ward is None:
                ward = conn.execute(text("SELECT ward FROM hubs WHERE hub_id = :h"),
                                    {"h": hub_id}).scalar_one()
            conn.execute(text(
                "INSERT INTO recommendations (recommendation_id, hub_id, ward, subject, text, "
                "sent_at, received_at) VALUES (:recommendation_id, :h, :w, :subject, :text, "
                ":sent_at, :r) ON CONFLICT (recommendation_id) DO NOTHING"),
                {**clean, "h": hub_id, "w": ward, "r": received})
        else:
            conn.execute(text(_UPSERT_CASE), {**clean, "hub_id": hub_id, "last_seq": seq})
    if dossiers:
        conn.execute(text(_UPSERT_DOSSIER), dossiers)
        conn.execute(text(_INSERT_HISTORY), history)
