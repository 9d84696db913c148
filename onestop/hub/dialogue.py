"""Dialogue between the city and its ward (issue 17 part 7, docs/feedback.md): the city's
notices, the ward's recommendations (kiến nghị) with the city's reply, and the inbox the city
sends them through.

Both directions ride on sync. A recommendation is stored with a `recommendation.sent` event in
one transaction; the outbox pusher delivers it when the link is up, exactly once, and the
outbox's acknowledged cursor tells whether it has reached central. What the city sends comes
down the inbox (`GET /api/hub/inbox?after=ID`, sync/inbox_pull.py): each batch of items is
applied here in ONE transaction together with the new cursor, so an item is applied exactly
once whatever fails between the request and the commit.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime

from onestop.queue import feedback as fb
from onestop.queue.errors import InvalidRequest
from onestop.queue.events import Event
from onestop.queue.numbering import service_day

from . import holidays
from .feedback import open_case_now
from .rows import utc_text
from .store import HubStore

log = logging.getLogger(__name__)
RECOMMENDATION_SENT = "recommendation.sent"
NOTICE_RECEIVED = "notice.received"  # no text: tells the windows and the display to refresh
REPLY_RECEIVED = "recommendation.replied"
MAX_SUBJECT, MAX_BODY = 200, 4000
INBOX_KINDS = ("notice", "feedback", "reply", "holidays")


# --- recommendations ---------------------------------------------------------------------------
def send_recommendation(store: HubStore, subject: str | None, text: str | None,
                        officer: str | None = None) -> dict:
    subject, text = (subject or "").strip(), (text or "").strip()
    if not subject or len(subject) > MAX_SUBJECT:
        raise InvalidRequest("invalid_subject", f"the subject must be 1 to {MAX_SUBJECT} "
                             "characters", f"Tiêu đề phải từ 1 đến {MAX_SUBJECT} ký tự",
                             field="subject")
    if not text or len(text) > MAX_BODY:
        raise InvalidRequest("invalid_text", f"the text must be 1 to {MAX_BODY} characters",
                             f"Nội dung phải từ 1 đến {MAX_BODY} ký tự", field="text")
    rec_id = str(uuid.uuid4())
    with store.write():
        now = store._begin_use_case()
        store._append([Event(RECOMMENDATION_SENT, now, {
            "recommendation_id": rec_id, "subject": subject, "text": text,
            "sent_at": utc_text(now)})])
        seq = store.db.execute("SELECT max(seq) FROM events").fetchone()[0]
        store.db.execute("INSERT INTO recommendations (id, subject, text, sent_at, officer, "
                         "event_seq) VALUES (?, ?, ?, ?, ?, ?)",
                         [rec_id, subject, text, utc_text(now), officer, seq])
    return recommendation(store, rec_id)


def _rec_view(row: dict, acked: int) -> dict:
    return {**row, "delivered": row["event_seq"] <= acked}


def recommendation(store: HubStore, rec_id: str) -> dict:
    with store.reading() as db:
        acked = db.execute("SELECT acked_seq FROM sync_state WHERE id = 1").fetchone()[0]
        rows = list(db.query("SELECT * FROM recommendations WHERE id = ?", [rec_id]))
    return _rec_view(rows[0], acked)


def recommendations(store: HubStore, limit: int = 100) -> list[dict]:
    """Latest first, each with `delivered` (central has acknowledged its event) and the
    city's reply when it came."""
    with store.reading() as db:
        acked = db.execute("SELECT acked_seq FROM sync_state WHERE id = 1").fetchone()[0]
        rows = list(db.query("SELECT * FROM recommendations ORDER BY sent_at DESC, id LIMIT ?",
                             [limit]))
    return [_rec_view(r, acked) for r in rows]


# --- notices -----------------------------------------------------------------------------------
def notices(store: HubStore, limit: int = 50) -> list[dict]:
    today = service_day(store.clock(), store.rules.timezone).isoformat()
    with store.reading() as db:
        rows = list(db.query("SELECT * FROM city_notices ORDER BY received_at DESC, notice_id "
                             "LIMIT ?", [limit]))
    return [{**r, "ticker": bool(r["ticker"]),
             "expired": bool(r["expires_on"]) and r["expires_on"] < today} for r in rows]


def ticker_notices(store: HubStore) -> list[dict]:
    """The city's notices for the lobby's ticker: marked `ticker` and not expired (the
    display's state carries them; see hub/snapshot.py)."""
    today = service_day(store.clock(), store.rules.timezone).isoformat()
    with store.reading() as db:
        return list(db.query(
            "SELECT title_vi, body_vi, title_en, body_en FROM city_notices WHERE ticker = 1 AND "
            "(expires_on IS NULL OR expires_on >= ?) ORDER BY received_at, notice_id", [today]))


def ticker_text(items: list[dict], lang: str) -> str:
    """The lobby ticker's words for the city's notices: "Title: body · Title: body"."""
    parts = []
    for n in items:
        title = (n.get(f"title_{lang}") or n["title_vi"]).strip()
        body = " ".join((n.get(f"body_{lang}") or n["body_vi"]).split())
        parts.append(f"{title}: {body}" if body else title)
    return " · ".join(parts)


# --- the inbox ---------------------------------------------------------------------------------
def inbox_after(store: HubStore) -> int:
    with store.reading() as db:
        return db.execute("SELECT inbox_after FROM sync_state WHERE id = 1").fetchone()[0]


def _text(data: dict, key: str, limit: int, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise ValueError(f"{key} is not a text of at most {limit} characters")
    return value.strip()


def _notice(store: HubStore, data: dict, at: str, now: datetime) -> None:
    expires = data.get("expires_on")
    if expires is not None:
        date.fromisoformat(str(expires))
    values = [str(data["notice_id"]), _text(data, "title_vi", 300), _text(data, "body_vi", 4000),
              _text(data, "title_en", 300, False) or "", _text(data, "body_en", 4000, False) or "",
              int(data.get("ticker") is True), expires, at, utc_text(now)]
    store.db.execute(
        "INSERT INTO city_notices (notice_id, title_vi, body_vi, title_en, body_en, ticker, "
        "expires_on, published_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(notice_id) DO UPDATE SET title_vi = excluded.title_vi, body_vi = "
        "excluded.body_vi, title_en = excluded.title_en, body_en = excluded.body_en, ticker = "
        "excluded.ticker, expires_on = excluded.expires_on", values)
    store._append([Event(NOTICE_RECEIVED, now, {"notice_id": values[0]})])


def _feedback(store: HubStore, data: dict, now: datetime) -> None:
    central_id = str(data["feedback_id"])
    if store.db.execute("SELECT 1 FROM feedback_cases WHERE central_id = ?",
                        [central_id]).fetchone():
        return  # the same feedback under a second inbox id: one case
    kind = data.get("kind")
    text, phone = fb.check_submission(kind, data.get("text"), bool(data.get("phone")),
                                      data.get("phone"))
    code = _text(data, "dossier_code", 64, False)
    open_case_now(store, now, source="lookup", kind=kind, text=text, phone=phone,
                  want_reply=phone is not None, dossier_code=code, central_id=central_id)


def _reply(store: HubStore, data: dict, now: datetime) -> None:
    rec_id = str(data["recommendation_id"])
    text = _text(data, "text", MAX_BODY)
    replied = str(data.get("replied_at") or utc_text(now))
    cur = store.db.execute("UPDATE recommendations SET reply_text = ?, replied_at = ? "
                           "WHERE id = ?", [text, replied, rec_id])
    if cur.rowcount:
        store._append([Event(REPLY_RECEIVED, now, {"recommendation_id": rec_id})])


def _holidays(store: HubStore, data: dict, at: str) -> None:
    days = data.get("holidays")
    if not isinstance(days, list):
        raise ValueError("holidays is not a list")
    # The one call site for the city's calendar (hub/holidays.py, docs/dossiers.md).
    holidays.apply_city_holidays(store, days, datetime.fromisoformat(at))


def apply_inbox(store: HubStore, items: list) -> int:
    """Apply one answer of the inbox in ONE transaction with the cursor. Items at or below
    the cursor are skipped (a repeated answer changes nothing); an item that is not
    understood is logged and skipped, never blocking the ones after it. Returns how many
    items were applied."""
    applied = 0
    with store.write():
        now = store.clock()
        cursor = store.db.execute("SELECT inbox_after FROM sync_state WHERE id = 1").fetchone()[0]
        for item in sorted(items, key=lambda i: i.get("id", 0) if isinstance(i, dict) else 0):
            item_id = item.get("id") if isinstance(item, dict) else None
            if type(item_id) is not int or item_id <= cursor:
                continue
            try:
                with store.db.atomic():  # a savepoint: a bad item leaves nothing half-written
                    _apply_one(store, item, now)
                applied += 1
            except (KeyError, ValueError, TypeError, InvalidRequest) as exc:
                log.warning("inbox item %s (%s) not understood, skipped: %s", item_id,
                            item.get("kind"), exc)
            cursor = item_id
        store.db.execute("UPDATE sync_state SET inbox_after = ?, inbox_pulled_at = ? "
                         "WHERE id = 1", [cursor, utc_text(now)])
    return applied


def _apply_one(store: HubStore, item: dict, now: datetime) -> None:
    kind, data, at = item.get("kind"), item.get("data"), str(item.get("at") or utc_text(now))
    if not isinstance(data, dict):
        raise ValueError("data is not an object")
    if kind == "notice":
        _notice(store, data, at, now)
    elif kind == "feedback":
        _feedback(store, data, now)
    elif kind == "reply":
        _reply(store, data, now)
    elif kind == "holidays":
        _holidays(store, data, at)
    else:
        raise ValueError(f"unknown kind {kind!r}")
