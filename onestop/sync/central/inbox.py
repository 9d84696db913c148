"""Central → hub: the inbox, one pull path for everything the city sends to a ward (issue 17,
docs/sync.md "Inbox").

`GET /api/hub/inbox?after=ID` (hub token) answers at most 100 items in ascending id, for the
hub's ward or for all wards. Ids are given in commit order: every insert takes the inbox's
table lock (PostgreSQL `LOCK TABLE ... IN EXCLUSIVE MODE`; SQLite has one writer anyway) and
uses max(id) + 1, so a hub that has seen id N can never later miss an id below N.

A pull with `after=N` says the hub has applied every item up to N: the phones of that ward's
feedback items up to N are deleted then (the hub keeps its copy until the case is closed).
A phone never handed over is deleted after PHONE_DAYS anyway.

Items: notice, feedback, reply, holidays (data shapes in docs/sync.md).
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, text

from onestop.sync.protocol import INBOX_PAGE

from .auth import iso

log = logging.getLogger(__name__)

PHONE_DAYS = 30
KINDS = ("notice", "feedback", "reply", "holidays")


def add_item(conn: Connection, sqlite: bool, now: datetime, ward: str | None, kind: str,
             data: dict, personal: bool = False) -> int:
    """Append one item (in the caller's transaction) with the next id in commit order."""
    assert kind in KINDS
    if not sqlite:
        conn.execute(text("LOCK TABLE inbox IN EXCLUSIVE MODE"))
    item_id = int(conn.execute(text("SELECT coalesce(max(id), 0) + 1 FROM inbox"))
                  .scalar_one())
    conn.execute(text("INSERT INTO inbox (id, ward, kind, at, data, personal) "
                      "VALUES (:i, :w, :k, :at, :d, :p)"),
                 {"i": item_id, "w": ward, "k": kind, "at": iso(now),
                  "d": json.dumps(data, ensure_ascii=False), "p": int(personal)})
    log.info("inbox item %d (%s) for %s", item_id, kind, ward or "all wards")
    return item_id


def add_holidays(conn: Connection, sqlite: bool, now: datetime, ward: str | None) -> int:
    """The city's whole holiday calendar as one item (for all wards, or one new hub's)."""
    days = [{"day": r.day, "name_vi": r.name_vi, "name_en": r.name_en}
            for r in conn.execute(text("SELECT day, name_vi, name_en FROM holidays "
                                       "ORDER BY day"))]
    return add_item(conn, sqlite, now, ward, "holidays", {"holidays": days})


class Inbox:
    def __init__(self, central) -> None:
        self.central = central
        self.db = central.db

    # --- writing (inside the caller's transaction) ---------------------------------------
    def add(self, conn: Connection, ward: str | None, kind: str, data: dict,
            personal: bool = False) -> int:
        return add_item(conn, self.db.sqlite, self.central.clock(), ward, kind, data, personal)

    # --- the hubs' pull ------------------------------------------------------------------
    def page(self, hub_id: str, after: int) -> dict:
        """Items after `after` for the hub's ward or all wards; hands over the phones."""
        with self.db.write() as conn:
            ward = conn.execute(text("SELECT ward FROM hubs WHERE hub_id = :h"),
                                {"h": hub_id}).scalar_one()
            self._hand_over(conn, ward, after)
            rows = conn.execute(text(
                "SELECT id, kind, at, data FROM inbox WHERE id > :a AND "
                "(ward IS NULL OR ward = :w) ORDER BY id LIMIT :n"),
                {"a": after, "w": ward, "n": INBOX_PAGE}).all()
        items = [{"id": int(r.id), "kind": r.kind, "at": r.at, "data": json.loads(r.data)}
                 for r in rows]
        return {"items": items, "next": items[-1]["id"] if items else after}

    def _hand_over(self, conn: Connection, ward: str, after: int) -> None:
        cutoff = iso(self.central.clock() - timedelta(days=PHONE_DAYS))
        rows = conn.execute(text(
            "SELECT id, data FROM inbox WHERE personal = 1 AND ((ward = :w AND id <= :a) "
            "OR at < :cut)"), {"w": ward, "a": after, "cut": cutoff}).all()
        for r in rows:
            data = {**json.loads(r.data), "phone": None}
            conn.execute(text("UPDATE inbox SET data = :d, personal = 0 WHERE id = :i"),
                         {"d": json.dumps(data, ensure_ascii=False), "i": r.id})
        if rows:
            log.info("inbox: phones of %d feedback items deleted after hand-over", len(rows))

    # --- notices -------------------------------------------------------------------------
    def publish_notice(self, title_vi: str, body_vi: str, title_en: str, body_en: str,
                       wards: list[str] | None, ticker: bool, expires_on: date | None) -> int:
        """One notice, one inbox item per ward named (or one for all wards)."""
        now = iso(self.central.clock())
        with self.db.write() as conn:
            if not self.db.sqlite:
                conn.execute(text("LOCK TABLE inbox IN EXCLUSIVE MODE"))
            notice_id = int(conn.execute(text(
                "SELECT coalesce(max(notice_id), 0) + 1 FROM notices")).scalar_one())
            conn.execute(text(
                "INSERT INTO notices (notice_id, title_vi, body_vi, title_en, body_en, ticker, "
                "expires_on, wards, published_at) VALUES (:n, :tv, :bv, :te, :be, :t, :e, :w, "
                ":at)"), {"n": notice_id, "tv": title_vi, "bv": body_vi, "te": title_en,
                          "be": body_en, "t": int(ticker),
                          "e": expires_on.isoformat() if expires_on else None,
                          "w": json.dumps(wards, ensure_ascii=False) if wards else None,
                          "at": now})
            self._send_notice(conn, notice_id)
        return notice_id

    def _send_notice(self, conn: Connection, notice_id: int) -> None:
        n = conn.execute(text("SELECT * FROM notices WHERE notice_id = :n"),
                         {"n": notice_id}).one()
        data = {"notice_id": n.notice_id, "title_vi": n.title_vi, "body_vi": n.body_vi,
                "title_en": n.title_en, "body_en": n.body_en, "ticker": bool(n.ticker),
                "expires_on": n.expires_on}
        for ward in json.loads(n.wards) if n.wards else [None]:
            self.add(conn, ward, "notice", data)

    def withdraw_notice(self, notice_id: int) -> bool:
        """Send the notice again already expired (yesterday): hubs replace it by notice_id
        and stop showing it. False when there is no such notice or it was withdrawn."""
        today = self.central.today()
        with self.db.write() as conn:
            done = conn.execute(text(
                "UPDATE notices SET withdrawn_at = :at, expires_on = :e WHERE notice_id = :n "
                "AND withdrawn_at IS NULL"),
                {"at": iso(self.central.clock()), "e": (today - timedelta(days=1)).isoformat(),
                 "n": notice_id})
            if done.rowcount != 1:
                return False
            self._send_notice(conn, notice_id)
        return True

    def notices(self) -> list:
        with self.db.read() as conn:
            return conn.execute(text("SELECT * FROM notices ORDER BY notice_id")).all()

    # --- recommendations and replies -----------------------------------------------------
    def recommendations(self, waiting_only: bool = False) -> list:
        where = " WHERE reply IS NULL" if waiting_only else ""
        with self.db.read() as conn:
            return conn.execute(text(f"SELECT * FROM recommendations{where} "
                                     "ORDER BY sent_at, recommendation_id")).all()

    def reply(self, recommendation_id: str, words: str) -> str | None:
        """The city's reply to a ward's recommendation, sent to that ward; returns the ward,
        or None when there is no such recommendation."""
        now = iso(self.central.clock())
        with self.db.write() as conn:
            row = conn.execute(text("SELECT ward FROM recommendations WHERE "
                                    "recommendation_id = :r"), {"r": recommendation_id}).first()
            if row is None:
                return None
            conn.execute(text("UPDATE recommendations SET reply = :t, replied_at = :at "
                              "WHERE recommendation_id = :r"),
                         {"t": words, "at": now, "r": recommendation_id})
            self.add(conn, row.ward, "reply", {"recommendation_id": recommendation_id,
                                               "text": words, "replied_at": now})
        return row.ward
