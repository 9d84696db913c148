"""Mapping between the domain's values and the hub's table rows.

Datetimes are stored as UTC ISO 8601 text so that SQL ordering by time is correct; they come
back as aware UTC datetimes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from onestop.queue.model import (
    Channel,
    Complexity,
    Counter,
    CounterStatus,
    Kind,
    Status,
    Ticket,
)

_TIMES = ("issued_at", "queued_at", "called_at", "started_at", "finished_at")


def utc_text(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def ticket_to_row(t: Ticket) -> dict:
    row = {
        "id": t.id, "token": t.token, "day": t.day.isoformat(), "issued_group": t.issued_group,
        "seq": t.seq, "number": t.number, "group_id": t.group, "service": t.service,
        "kind": str(t.kind), "count": t.count, "priority": t.priority,
        "complexity": str(t.complexity), "expected_minutes": t.expected_minutes,
        "channel": str(t.channel), "status": str(t.status), "counter": t.counter,
        "officer": t.officer, "recalls": t.recalls, "transfers": t.transfers,
        "assigned_counter": t.assigned_counter, "outcome": t.outcome, "rating": t.rating,
        "rating_comment": t.rating_comment,
    }
    for name in _TIMES:
        row[name] = utc_text(getattr(t, name))
    return row


def ticket_from_row(row: dict) -> Ticket:
    values = dict(row)
    values["group"] = values.pop("group_id")
    values["day"] = date.fromisoformat(values["day"])
    values["kind"] = Kind(values["kind"])
    values["complexity"] = Complexity(values["complexity"])
    values["channel"] = Channel(values["channel"])
    values["status"] = Status(values["status"])
    for name in _TIMES:
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    return Ticket(**values)


def counter_to_row(c: Counter) -> dict:
    return {"number": c.number, "label_vi": c.label_vi, "label_en": c.label_en,
            "skills": json.dumps(list(c.skills)), "fast_lane": int(c.fast_lane),
            "status": str(c.status), "officer": c.officer, "current": c.current,
            "priority_streak": c.priority_streak}


def counter_from_row(row: dict) -> Counter:
    return Counter(number=row["number"], label_vi=row["label_vi"], label_en=row["label_en"],
                   skills=tuple(json.loads(row["skills"])), fast_lane=bool(row["fast_lane"]),
                   status=CounterStatus(row["status"]), officer=row["officer"],
                   current=row["current"], priority_streak=row["priority_streak"])
