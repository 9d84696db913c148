"""Feedback cases at the hub (issue 17 part 6, docs/feedback.md): a citizen's suggestion or
complaint from the ticket page (or from central's lookup page, through the inbox), a "Không hài
lòng" rating opening an `unhappy` case in the rating's own transaction, and the supervisor's
take / note / close. Each change is one transaction with a `feedback.case` event (the sync
contract: counts only, no text, no phone); the same event reaches the supervisor window over
the WebSocket at once, which is how an unhappy rating raises its alert.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from onestop.queue import feedback as fb
from onestop.queue import transitions as tr
from onestop.queue.errors import DomainError, NotFound
from onestop.queue.events import Event
from onestop.queue.model import Ticket
from onestop.queue.numbering import service_day

from .rows import utc_text
from .store import HubStore

FEEDBACK_CASE = "feedback.case"
UNHAPPY_RATING = 1  # the citizen page's "Không hài lòng"
MAX_CASES_PER_TICKET = 3  # a ticket page can send a few, not a flood


def _row(store: HubStore, case_id: int) -> dict:
    rows = list(store.db.query("SELECT * FROM feedback_cases WHERE id = ?", [case_id]))
    if not rows:
        raise NotFound("unknown_case", f"no case {case_id}", f"Không có vụ việc số {case_id}")
    return rows[0]


def _emit(store: HubStore, row: dict, now: datetime) -> None:
    store._append([Event(FEEDBACK_CASE, now, fb.public_case(row))])


def _history(store: HubStore, case_id: int, now: datetime, action: str,
             note: str | None = None, officer: str | None = None) -> None:
    store.db.execute("INSERT INTO feedback_notes (case_id, at, officer, action, note) "
                     "VALUES (?, ?, ?, ?, ?)", [case_id, utc_text(now), officer, action, note])


def open_case_now(store: HubStore, now: datetime, *, source: str, kind: str,
                  text: str | None, phone: str | None = None, want_reply: bool = False,
                  ticket_id: str | None = None, dossier_code: str | None = None,
                  central_id: str | None = None) -> dict:
    """Inside a write: a new open case with its due date and its `feedback.case` event."""
    opened = service_day(now, store.rules.timezone)
    # The ward's days off (hub/holidays.py), read in this write's own transaction.
    days_off = frozenset(date.fromisoformat(r[0])
                         for r in store.db.execute("SELECT day FROM holidays"))
    cur = store.db.execute(
        "INSERT INTO feedback_cases (source, kind, text, phone, want_reply, ticket_id, "
        "dossier_code, central_id, state, due_date, opened_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source, kind, text, phone if want_reply else None, int(bool(want_reply)), ticket_id,
         dossier_code, central_id, fb.OPEN, fb.due_date(opened, kind, days_off).isoformat(),
         utc_text(now), utc_text(now)])
    row = _row(store, cur.lastrowid)
    _history(store, row["id"], now, "opened")
    _emit(store, row, now)
    purge_old_texts(store, now)
    return row


def submit_from_ticket(store: HubStore, token: str, kind: str, text: str | None,
                       want_reply: bool, phone: str | None) -> dict:
    """A suggestion or complaint sent from the ticket page (public: the ticket's token is the
    key). Refused with 422 on bad input, 409 `too_much_feedback` past a few per ticket."""
    clean, number = fb.check_submission(kind, text, want_reply, phone)
    with store.write():
        now = store._begin_use_case()
        ticket = store.ticket_by_token(token)
        sent = store.db.execute("SELECT count(*) FROM feedback_cases WHERE ticket_id = ? AND "
                                "source = 'ticket'", [ticket.id]).fetchone()[0]
        if sent >= MAX_CASES_PER_TICKET:
            raise DomainError("too_much_feedback",
                              f"at most {MAX_CASES_PER_TICKET} messages per number",
                              f"Mỗi số thứ tự gửi được tối đa {MAX_CASES_PER_TICKET} ý kiến")
        return open_case_now(store, now, source="ticket", kind=kind, text=clean, phone=number,
                             want_reply=want_reply, ticket_id=ticket.id)


def rate_ticket(store: HubStore, token: str, rating: int, comment: str | None) -> Ticket:
    """The citizen's 3-level rating; "Không hài lòng" opens an `unhappy` case in the same
    transaction (its text is the rating's comment, if any)."""
    with store.write():
        now = store._begin_use_case()
        ticket = store._save(tr.rate(store.ticket_by_token(token), now, rating, comment)).ticket
        if rating == UNHAPPY_RATING:
            open_case_now(store, now, source="rating", kind="unhappy", text=comment,
                          ticket_id=ticket.id)
        return ticket


def _known_officer(store: HubStore, username: str) -> str:
    name = (username or "").strip().lower()
    row = store.db.execute("SELECT active FROM officers WHERE username = ?", [name]).fetchone()
    if row is None or not row[0]:
        raise NotFound("unknown_officer", f"no active officer {name!r}",
                       f"Không có cán bộ {name!r} đang làm việc", field="owner")
    return name


def act(store: HubStore, case_id: int, action: str, *, owner: str | None = None,
        note: str | None = None) -> dict:
    """The supervisor's take (owner = an active officer's username), note or close (with a
    resolution; the phone is erased). Refused on a closed case (409 `case_closed`)."""
    with store.write():
        now = store._begin_use_case()
        row = _row(store, case_id)
        state = fb.next_state(action, row["state"])
        if action == "take":
            who = _known_officer(store, owner or "")
            text = (fb.check_note(note) if note else None)
            store.db.execute("UPDATE feedback_cases SET state = ?, owner = ?, updated_at = ? "
                             "WHERE id = ?", [state, who, utc_text(now), case_id])
            _history(store, case_id, now, "take", text, who)
        elif action == "note":
            _history(store, case_id, now, "note", fb.check_note(note), row["owner"])
            store.db.execute("UPDATE feedback_cases SET updated_at = ? WHERE id = ?",
                             [utc_text(now), case_id])
        else:
            resolution = fb.check_note(note, "resolution")
            store.db.execute("UPDATE feedback_cases SET state = ?, closed_at = ?, "
                             "resolution = ?, phone = NULL, updated_at = ? WHERE id = ?",
                             [state, utc_text(now), resolution, utc_text(now), case_id])
            _history(store, case_id, now, "close", resolution, row["owner"])
        row = _row(store, case_id)
        if action != "note":  # a note changes nothing central counts
            _emit(store, row, now)
        return row


def purge_old_texts(store: HubStore, now: datetime) -> int:
    """Inside a write: cases closed more than TEXT_RETENTION_DAYS ago lose their texts (the
    citizen's, the notes, the resolution); the counts stay. One indexed query when none."""
    limit = utc_text(now - timedelta(days=fb.TEXT_RETENTION_DAYS))
    old = [r[0] for r in store.db.execute(
        "SELECT id FROM feedback_cases WHERE state = 'closed' AND closed_at < ? AND "
        "(text IS NOT NULL OR resolution IS NOT NULL)", [limit])]
    for case_id in old:
        store.db.execute("UPDATE feedback_cases SET text = NULL, resolution = NULL, phone = NULL "
                         "WHERE id = ?", [case_id])
        store.db.execute("UPDATE feedback_notes SET note = NULL WHERE case_id = ?", [case_id])
    return len(old)


# --- reads -------------------------------------------------------------------------------------
def _view(row: dict, today: str, names: dict[str, str]) -> dict:
    return {**row, "want_reply": bool(row["want_reply"]),
            "owner_name": names.get(row["owner"] or "", row["owner"]),
            "overdue": fb.is_overdue(row["state"], _date(row["due_date"]), _date(today))}


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


def cases(store: HubStore, state: str = "active", limit: int = 200) -> dict:
    """Cases for the supervisor: `active` (open and in progress, most urgent first), `closed`
    (latest first) or `all`; with counts per state and overdue."""
    today = service_day(store.clock(), store.rules.timezone).isoformat()
    where = {"active": "state != 'closed'", "closed": "state = 'closed'", "all": "1"}[state]
    order = "due_date, id" if state == "active" else "id DESC"
    with store.reading() as db:
        rows = list(db.query(f"SELECT * FROM feedback_cases WHERE {where} ORDER BY {order} "
                             "LIMIT ?", [limit]))
        counts = dict(db.execute("SELECT state, count(*) FROM feedback_cases GROUP BY state"))
        overdue = db.execute("SELECT count(*) FROM feedback_cases WHERE state != 'closed' AND "
                             "due_date < ?", [today]).fetchone()[0]
        names = dict(db.execute("SELECT username, display_name FROM officers"))
    return {"today": today, "cases": [_view(r, today, names) for r in rows],
            "counts": {s: counts.get(s, 0) for s in fb.STATES}, "overdue": overdue}


def case(store: HubStore, case_id: int) -> dict:
    today = service_day(store.clock(), store.rules.timezone).isoformat()
    with store.reading() as db:
        row = _row(store, case_id)
        notes = list(db.query("SELECT at, officer, action, note FROM feedback_notes "
                              "WHERE case_id = ? ORDER BY id", [case_id]))
        names = dict(db.execute("SELECT username, display_name FROM officers"))
    return {**_view(row, today, names), "history": notes}


def day_counts(store: HubStore, day: str) -> dict:
    """The daily report's cases: opened and closed that local day, overdue at its end."""
    tz = store.rules.timezone
    with store.reading() as db:
        rows = db.execute("SELECT kind, state, opened_at, closed_at, due_date "
                          "FROM feedback_cases").fetchall()
    def local(text: str | None) -> str | None:
        return service_day(datetime.fromisoformat(text), tz).isoformat() if text else None
    opened = [r for r in rows if local(r[2]) == day]
    closed = [r for r in rows if local(r[3]) == day]
    overdue = [r for r in rows if local(r[2]) <= day and r[4] < day
               and (r[3] is None or local(r[3]) > day)]
    by_kind = {k: sum(1 for r in opened if r[0] == k) for k in fb.KINDS}
    return {"opened": len(opened), "closed": len(closed), "overdue": len(overdue),
            "opened_by_kind": by_kind}
