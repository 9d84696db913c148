"""The hub's state in one JSON-ready dict: what a display or a reconnecting station needs.

Computed with a handful of indexed queries under the store's read lock, so it is consistent
with the event sequence number it reports.
"""

from __future__ import annotations

import json

from onestop.queue.numbering import service_day, zone
from onestop.queue.routing import POLICY_WORDS, policy_name

from .dialogue import ticker_notices, ticker_text
from .rows import ticket_from_row
from .store import HubStore

CALL_EVENTS = ("ticket.called", "ticket.recalled", "ticket.returned")


def build_state(store: HubStore, ward_vi: str, ward_en: str, recent: int = 10) -> dict:
    cat = store.catalog
    group_vi = {g.id: g.name_vi for g in cat.groups}
    with store.reading() as db:
        now = store.clock()
        seq = store.last_event_seq()
        counters = store.counters()
        holding = [c.current for c in counters if c.current]
        marks = ",".join("?" * len(holding))
        current = {row["id"]: ticket_from_row(row) for row in db.query(
            f"SELECT * FROM tickets WHERE id IN ({marks})", holding)} if holding else {}
        per_group = {row[0]: row[1] for row in db.execute(
            "SELECT group_id, count(*) FROM tickets "
            "WHERE status = 'waiting' AND assigned_counter IS NULL GROUP BY group_id")}
        assigned = db.execute("SELECT count(*) FROM tickets WHERE status = 'waiting' AND "
                              "assigned_counter IS NOT NULL").fetchone()[0]
        today = service_day(now, store.rules.timezone).isoformat()
        served = {row[0]: row[1] for row in db.execute(
            "SELECT counter, count(*) FROM tickets WHERE day = ? AND status = 'done' "
            "GROUP BY counter", [today])}
        calls = db.execute(
            f"SELECT type, at, data FROM events WHERE type IN ({','.join('?' * 3)}) "
            "ORDER BY seq DESC LIMIT ?", [*CALL_EVENTS, recent]).fetchall()
        # The one forecast (hub/forecast.py): a group's wait is its last arrival's.
        estimates = {g.id: store.forecaster.group(g.id, now).to_dict() for g in cat.groups}
        # Officers are shown by their full name, never by their login (docs/glossary.md).
        signed_in = [c.officer for c in counters if c.officer]
        names = dict(db.execute(
            f"SELECT username, display_name FROM officers WHERE username IN "
            f"({','.join('?' * len(signed_in))})", signed_in).fetchall()) if signed_in else {}
    labels = {c.number: c.label_vi for c in counters}

    def counter_view(c) -> dict:
        t = current.get(c.current) if c.current else None
        return {
            "number": c.number, "label_vi": c.label_vi, "label_en": c.label_en,
            "status": str(c.status), "skills": list(c.skills), "officer": c.officer,
            "officer_name": names.get(c.officer) or c.officer if c.officer else None,
            "fast_lane": c.fast_lane, "served_today": served.get(c.number, 0),
            "ticket": None if t is None else {
                "id": t.id, "number": t.number, "group": t.group,
                "group_vi": group_vi.get(t.group, t.group), "status": str(t.status),
                "called_at": t.called_at.isoformat() if t.called_at else None,
                "recalls": t.recalls, "priority": t.priority, **priority_words(t.priority)},
        }

    def priority_words(category: str | None) -> dict:
        """Why a priority number goes ahead, as the display shows it next to the call
        (issue 19): "Ưu tiên: người cao tuổi"."""
        if not category:
            return {}
        try:
            found = cat.priority_category(category)
            vi, en = found.name_vi, found.name_en
        except KeyError:
            vi = en = category
        return {"priority_vi": f"Ưu tiên: {vi[:1].lower()}{vi[1:]}",
                "priority_en": f"Priority: {en[:1].lower()}{en[1:]}"}

    recent_calls = []
    for kind, at, data in calls:
        t = json.loads(data)["ticket"]
        recent_calls.append({"number": t["number"], "counter": t["counter"],
                             "counter_label_vi": labels.get(t["counter"], ""),
                             "group": t["group"], "group_vi": group_vi.get(t["group"], ""),
                             "at": at, "recall": kind == "ticket.recalled",
                             **priority_words(t.get("priority"))})
    groups = []
    for g in cat.groups:
        waiting = per_group.get(g.id, 0)
        groups.append({"id": g.id, "name_vi": g.name_vi, "name_en": g.name_en,
                       "prefix": g.prefix, "waiting": waiting, "estimate": estimates[g.id]})
    return {
        "seq": seq, "now": now.isoformat(),
        "day": today, "timezone": store.rules.timezone,
        "utc_offset_minutes": int(now.astimezone(zone(store.rules.timezone)).utcoffset()
                                  .total_seconds() // 60),
        "ward": {"name_vi": ward_vi, "name_en": ward_en},
        "counters": [counter_view(c) for c in counters],
        "recent_calls": recent_calls,
        "groups": groups,
        "waiting_total": sum(per_group.values()) + assigned,
        # The lobby's default notice names the catalogue's priority categories (queue/catalog).
        "priority_notice_vi": cat.priority_notice("vi"),
        "priority_notice_en": cat.priority_notice("en"),
        # The city's notices marked for the lobby's ticker and not expired (issue 17).
        # The displays put city_ticker_* (one text, composed here) before their own notice.
        "city_notices": (city := ticker_notices(store)),
        "city_ticker_vi": ticker_text(city, "vi"), "city_ticker_en": ticker_text(city, "en"),
        # The calling order the ward chose (issue 19), said on the lobby display.
        "policy": {"id": (name := policy_name(store)), "text_vi": POLICY_WORDS[name][0],
                   "text_en": POLICY_WORDS[name][1]},
    }
