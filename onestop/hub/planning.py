"""The plan for a day (issue 19, "Kế hoạch ngày mai"): the ward's staffing settings, the plan
the supervisor sees and prints, and what happened against it for the daily report.

Settings (`GET/PUT /api/staffing`, the admin window's counters tab, `onestop counter-config
set N --can-serve` and `onestop counter-config staffing`) live in the hub's `meta` table under
one key, so they need no migration: which groups each counter may be re-skilled to
(`can_serve`), the reserve officers `{groups, max_hours, notice_min}`, the target mean wait,
how many weeks of history the forecast reads and the payout days of the month.

The plan is queue/dayplan.plan_day over the forecaster's `day_demand` (hub/forecast.py): one
planner for the simulator and the hub. The plan of a day is stored each time it is made before
the day begins; from the day's start the stored one is kept as is: "the morning's plan" the
daily report compares with what happened.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from onestop.queue.centre import OpeningHours
from onestop.queue.dayplan import Reserve, StaffCounter, plan_day
from onestop.queue.errors import InvalidRequest
from onestop.queue.numbering import service_day, zone

from .rows import utc_text
from .store import HubStore

SETTINGS_KEY = "staffing"
DEFAULTS = {"target_wait_min": 15.0, "history_weeks": 6, "payout_days": [], "reserves": [],
            "can_serve": {}}
MAX_RESERVES = 20


FIELD_VI = {"target_wait_min": "Mục tiêu thời gian chờ trung bình",
            "history_weeks": "Số tuần số liệu", "payout_days": "Ngày chi trả trợ cấp",
            "reserves": "Cán bộ dự phòng", "can_serve": "Có thể chuyển sang"}


def _bad(field: str, en: str, vi: str) -> InvalidRequest:
    """422 invalid_staffing; the Vietnamese names the field as the admin window does."""
    head = field.split(".")[0]
    if head.startswith("reserves["):
        where = f"Cán bộ dự phòng {int(head[9:-1]) + 1}"
    elif head == "can_serve" and "." in field:
        where = f"Quầy {field.split('.')[1]}: có thể chuyển sang"
    else:
        where = FIELD_VI.get(head, field)
    return InvalidRequest("invalid_staffing", f"{field}: {en}", f"{where}: {vi}", field=field)


def staffing_settings(store: HubStore) -> dict:
    with store.reading() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", [SETTINGS_KEY]).fetchone()
    saved = json.loads(row[0]) if row else {}
    return {**DEFAULTS, **saved}


def _groups_list(value: object, field: str, known: set[str], empty_ok: bool) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
        raise _bad(field, "a list of group ids", "phải là danh sách mã lĩnh vực")
    unknown = [g for g in value if g not in known]
    if unknown:
        raise _bad(field, f"unknown group {unknown[0]!r}", f"không có lĩnh vực {unknown[0]!r}")
    if not value and not empty_ok:
        raise _bad(field, "at least one group", "cần ít nhất một lĩnh vực")
    return list(dict.fromkeys(value))


def _number(value: object, field: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _bad(field, f"a number from {low:g} to {high:g}",
                   f"phải là số từ {low:g} đến {high:g}")
    return value


def check_staffing(body: object, groups: set[str], counters: set[int]) -> dict:
    """The changed keys, validated (422 invalid_staffing names the field); keys not given are
    kept as saved."""
    if not isinstance(body, dict):
        raise _bad("staffing", "must be a JSON object", "phải là một đối tượng JSON")
    extra = set(body) - set(DEFAULTS)
    if extra:
        key = sorted(extra)[0]
        raise _bad(key, "not a staffing setting", "không phải một thiết lập nhân sự")
    out: dict = {}
    if "target_wait_min" in body:
        out["target_wait_min"] = float(_number(body["target_wait_min"], "target_wait_min", 1, 240))
    if "history_weeks" in body:
        out["history_weeks"] = int(_number(body["history_weeks"], "history_weeks", 1, 26))
    if "payout_days" in body:
        days = body["payout_days"]
        if not isinstance(days, list):
            raise _bad("payout_days", "a list of days of the month", "phải là danh sách ngày")
        out["payout_days"] = sorted({int(_number(d, "payout_days", 1, 31)) for d in days})
    if "reserves" in body:
        raw = body["reserves"]
        if not isinstance(raw, list) or len(raw) > MAX_RESERVES:
            raise _bad("reserves", f"a list of at most {MAX_RESERVES}",
                       f"phải là danh sách tối đa {MAX_RESERVES} cán bộ")
        out["reserves"] = []
        for i, r in enumerate(raw):
            where = f"reserves[{i}]"
            if not isinstance(r, dict) or set(r) - {"groups", "max_hours", "notice_min"}:
                raise _bad(where, "{groups, max_hours, notice_min}",
                           "cần {groups, max_hours, notice_min}")
            out["reserves"].append({
                "groups": _groups_list(r.get("groups"), f"{where}.groups", groups, False),
                "max_hours": float(_number(r.get("max_hours"), f"{where}.max_hours", 0.5, 12)),
                "notice_min": float(_number(r.get("notice_min", 10), f"{where}.notice_min",
                                            0, 240))})
    if "can_serve" in body:
        raw = body["can_serve"]
        if not isinstance(raw, dict):
            raise _bad("can_serve", "an object: counter number -> groups",
                       "phải là đối tượng: số quầy -> lĩnh vực")
        out["can_serve"] = {}
        for key, value in raw.items():
            if not str(key).isdigit() or int(key) not in counters:
                raise _bad("can_serve", f"no counter {key!r}", f"không có quầy {key!r}")
            chosen = _groups_list(value, f"can_serve.{key}", groups, True)
            if chosen:
                out["can_serve"][str(int(key))] = chosen
    return out


def save_staffing(store: HubStore, body: object) -> dict:
    groups = {g.id for g in store.catalog.groups}
    counters = {c.number for c in store.counters()}
    changes = check_staffing(body, groups, counters)
    merged = {**staffing_settings(store), **changes}
    with store.write() as db:
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                   "DO UPDATE SET value = excluded.value",
                   [SETTINGS_KEY, json.dumps(merged, ensure_ascii=False)])
    return merged


def set_can_serve(store: HubStore, number: int, groups: list[str]) -> dict:
    """One counter's `can_serve` (empty: only its own groups)."""
    current = dict(staffing_settings(store)["can_serve"])
    current[str(number)] = groups
    return save_staffing(store, {"can_serve": current})


def open_minutes(hours: tuple[OpeningHours, ...], day: date) -> dict[int, float]:
    """Minutes the centre is open in each clock hour of `day` (lunch breaks left out)."""
    out: dict[int, float] = defaultdict(float)
    for h in hours:
        if day.weekday() not in h.days:
            continue
        start = h.open.hour * 60 + h.open.minute
        end = h.close.hour * 60 + h.close.minute
        for hour in range(start // 60, (end + 59) // 60):
            part = min(end, hour * 60 + 60) - max(start, hour * 60)
            if part > 0:
                out[hour] += part
    return dict(sorted(out.items()))


def make_plan(store: HubStore, day: date, hours: tuple[OpeningHours, ...]) -> dict:
    """The plan of `day` as the supervisor sees it (docs/operations.md, Kế hoạch ngày mai)."""
    s = staffing_settings(store)
    forecast = store.forecaster.day_demand(day, s["history_weeks"], s["payout_days"])
    minutes = open_minutes(hours, day)
    counters = store.counters()
    staff = [StaffCounter(c.number, c.skills, tuple(s["can_serve"].get(str(c.number), ())))
             for c in counters]
    reserves = [Reserve(tuple(r["groups"]), r["max_hours"], r["notice_min"])
                for r in s["reserves"]]
    plan = plan_day(forecast["demand"], staff, reserves, open_minutes=minutes,
                    target_wait=s["target_wait_min"])
    demand = forecast["demand"]
    groups = sorted({g for gs in demand.values() for g in gs})
    counter_hours = sum(minutes[h] * len(plan.skills[h]) for h in plan.hours) / 60
    return {
        "day": day.isoformat(), "payout_day": forecast["payout_day"],
        "history_days": [d.isoformat() for d in forecast["days"]],
        "history_weeks": s["history_weeks"], "target_wait_min": s["target_wait_min"],
        "groups": groups, "open_minutes": {str(h): m for h, m in minutes.items()},
        "arrivals": {str(h): {g: round(d.arrivals, 1) for g, d in gs.items()}
                     for h, gs in demand.items() if h in minutes},
        "arrivals_by_group": {g: round(sum(gs[g].arrivals for h, gs in demand.items()
                                           if g in gs and h in minutes), 1) for g in groups},
        "minutes_by_group": {g: round(next(gs[g].minutes for gs in demand.values() if g in gs), 1)
                             for g in groups},
        "counters": [{"number": c.number, "label_vi": c.label_vi, "label_en": c.label_en,
                      "groups": list(c.skills),
                      "can_serve": s["can_serve"].get(str(c.number), [])} for c in counters],
        "reserve_officers": s["reserves"],
        "reserves": [{"reserve": p.reserve, "from_hour": p.start, "to_hour": p.end,
                      "groups": list(p.groups), "call_at": _call_at(p.start, minutes,
                                                                    s["reserves"][p.reserve])}
                     for p in plan.reserves],
        "skills": plan.to_dict()["skills"], "hours": list(plan.hours),
        "moves": plan.moves({c.number: c.skills for c in counters}),
        "reserve_hours": round(plan.reserve_hours, 2),
        "counter_hours": round(counter_hours, 2),
        "expected_wait_min": round(plan.expected_wait, 1),
        "static_wait_min": round(plan.static_wait, 1),
        "meets_target": plan.expected_wait <= s["target_wait_min"],
        "made_at": store.clock().isoformat(),
    }


def _call_at(start: int, minutes: dict[int, float], reserve: dict) -> str:
    """When to call the reserve: its notice before the first open minute of its first hour."""
    first = start * 60 + (60 - minutes.get(start, 60))  # an hour opening late: its open part
    at = datetime.combine(date(2000, 1, 1), time(0)) + timedelta(
        minutes=max(0, first - reserve["notice_min"]))
    return at.strftime("%H:%M")


def plan_for_day(store: HubStore, day: date, hours: tuple[OpeningHours, ...]) -> dict:
    """The stored plan once `day` has begun; before, a fresh one (stored as the latest)."""
    key = f"plan:{day.isoformat()}"
    today = service_day(store.clock(), store.rules.timezone)
    with store.reading() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    if row and day <= today:
        return {**json.loads(row[0]), "stored": True}
    view = make_plan(store, day, hours)
    if day >= today:  # a past day's plan is only shown, never stored after the fact
        with store.write() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value", [key, json.dumps(view)])
    return {**view, "stored": day >= today}


def stored_plan(store: HubStore, day: date) -> dict | None:
    with store.reading() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?",
                         [f"plan:{day.isoformat()}"]).fetchone()
    return json.loads(row[0]) if row else None


def plan_vs_actual(store: HubStore, day: date, hours: tuple[OpeningHours, ...] | None,
                   actual_wait: float | None) -> dict:
    """For the daily report: the morning's plan (stored, else made now from the same history)
    against the day's tickets and counter events."""
    plan = stored_plan(store, day)
    made_now = plan is None
    if plan is None:
        plan = make_plan(store, day, hours or ())
    arrived: dict[str, int] = defaultdict(int)
    for t in store.tickets_of_day(day.isoformat()):
        arrived[t.issued_group] += 1
    counter_hours, moves = counter_day(store, day)
    return {"made_now": made_now, "expected_by_group": plan["arrivals_by_group"],
            "actual_by_group": dict(arrived),
            "planned_counter_hours": plan["counter_hours"], "actual_counter_hours": counter_hours,
            "planned_moves": plan["moves"], "actual_moves": moves,
            "planned_reserve_hours": plan["reserve_hours"],
            "expected_wait_min": plan["expected_wait_min"], "actual_wait_min": actual_wait}


def counter_day(store: HubStore, day: date) -> tuple[float, int]:
    """Open counter-hours of the day (paused time not counted) and re-skilling moves, from
    the counters' events (every event carries the whole counter)."""
    tz = zone(store.rules.timezone)
    start = datetime.combine(day, time(0), tz)
    end = start + timedelta(days=1)
    opened: dict[int, datetime] = {}
    skills: dict[int, list] = {}
    total, moves = 0.0, 0
    with store.reading() as db:
        rows = db.execute("SELECT type, at, data FROM events WHERE type LIKE 'counter.%' "
                          "AND at >= ? AND at < ? ORDER BY seq",
                          [utc_text(start), utc_text(end)]).fetchall()
    for kind, at, data in rows:
        counter = json.loads(data).get("counter") or {}
        number, when = counter.get("number"), datetime.fromisoformat(at)
        if number is None:
            continue
        if kind == "counter.updated" and counter.get("skills") != skills.get(number):
            moves += 1
        skills[number] = counter.get("skills")
        if number in opened and counter.get("status") != "open":
            total += (when - opened.pop(number)).total_seconds()
        elif counter.get("status") == "open" and number not in opened:
            opened[number] = when
    closing = min(end, store.clock())
    total += sum(max(0.0, (closing - t).total_seconds()) for t in opened.values())
    return round(total / 3600, 2), moves
