"""The ward's identity (names, the office's name, address, opening hours, lobby notice) and the
first-run set-up.

The identity lives in the hub database, so every station, ticket, report and page shows the
same name and a LAN station's own settings never disagree with the hub. Until an admin saves it
the defaults come from the centre layout and settings (`ward_name`, `display_notice`), and
`configured` is false: together with "no active officer" that is what makes the set-up needed.
The office's name (`office_name_vi/en`) saved empty follows the ward's name
(queue/office.py): the view always carries a name to print.
"""

from __future__ import annotations

import json

from onestop.queue import events as ev
from onestop.queue.catalog import CatalogError
from onestop.queue.centre import CentreLayout, OpeningHours, parse_hours
from onestop.queue.errors import InvalidRequest
from onestop.queue.office import default_office_name
from onestop.queue.routing import DEFAULT_POLICY, WARD_POLICIES, get_policy

from . import admin
from .rows import utc_text
from .store import HubStore

_TEXTS = {"name_vi": (1, 120), "name_en": (1, 120), "office_name_vi": (0, 160),
          "office_name_en": (0, 160), "address_vi": (0, 200), "address_en": (0, 200),
          "notice_vi": (0, 300), "notice_en": (0, 300)}
PUBLIC = ("name_vi", "name_en", "office_name_vi", "office_name_en", "address_vi", "address_en",
          "notice_vi", "notice_en")


def defaults(ward_name: str | None, display_notice: str | None, centre: CentreLayout) -> dict:
    return {"name_vi": ward_name or centre.ward_name_vi, "name_en": centre.ward_name_en,
            "office_name_vi": "", "office_name_en": "",
            "address_vi": "", "address_en": "", "hours": hours_to_list(centre.hours),
            "notice_vi": display_notice or "", "notice_en": "", "policy": DEFAULT_POLICY}


def apply_policy(store: HubStore, fallback: dict) -> str:
    """The routing policy the ward chose (issue 19) is the one the counters call with."""
    name = _saved(store, fallback).get("policy", DEFAULT_POLICY)
    store.policy = get_policy(name if name in WARD_POLICIES else DEFAULT_POLICY)
    return name


def hours_to_list(hours: tuple[OpeningHours, ...]) -> list[dict]:
    return [{"days": list(h.days), "open": h.open.strftime("%H:%M"),
             "close": h.close.strftime("%H:%M")} for h in hours]


def _saved(store: HubStore, fallback: dict) -> dict:
    """The identity as saved (an office name left empty stays empty), with `configured`."""
    with store.reading() as db:
        row = db.execute("SELECT data FROM ward WHERE id = 1").fetchone()
    saved = json.loads(row[0]) if row else {}
    return {**fallback, **saved, "configured": row is not None}


def ward(store: HubStore, fallback: dict) -> dict:
    """The identity every surface shows: the office's name filled in from the ward's name
    when none was saved."""
    view = _saved(store, fallback)
    office_vi, office_en = default_office_name(view["name_vi"], view["name_en"])
    view["office_name_vi"] = view.get("office_name_vi") or office_vi
    view["office_name_en"] = view.get("office_name_en") or office_en
    return view


def opening_hours(view: dict) -> tuple[OpeningHours, ...]:
    return parse_hours(view["hours"])


def check_ward(body: dict) -> dict:
    """The ward form, validated: every text field trimmed and bounded, hours as in a centre
    file. 422 invalid_ward names the field."""
    if not isinstance(body, dict):
        raise InvalidRequest("invalid_ward", "the ward must be a JSON object",
                             "Thông tin phường phải là một đối tượng JSON")
    unknown = sorted(set(body) - {*_TEXTS, "hours", "policy"})
    if unknown:
        raise InvalidRequest("invalid_ward", f"unknown field {unknown[0]!r}",
                             f"Trường không hợp lệ {unknown[0]!r}", field=unknown[0])
    clean: dict = {}
    for field, (low, high) in _TEXTS.items():
        value = body.get(field, "")
        if not isinstance(value, str):
            raise InvalidRequest("invalid_ward", f"{field} must be text", f"{field} phải là chữ",
                                 field=field)
        value = " ".join(value.split())
        if low and not value:
            raise InvalidRequest("invalid_ward", f"{field} is required",
                                 f"{field} không được để trống", field=field)
        if len(value) > high:
            raise InvalidRequest("invalid_ward", f"{field} is longer than {high} characters",
                                 f"{field} dài quá {high} ký tự", field=field)
        clean[field] = value
    clean["policy"] = body.get("policy", DEFAULT_POLICY)
    if clean["policy"] not in WARD_POLICIES:
        raise InvalidRequest("invalid_ward", f"policy must be one of {', '.join(WARD_POLICIES)}",
                             f"Thứ tự gọi phải là một trong {', '.join(WARD_POLICIES)}",
                             field="policy")
    try:
        clean["hours"] = hours_to_list(parse_hours(body.get("hours"), "hours"))
    except CatalogError as exc:
        raise InvalidRequest("invalid_ward", f"hours: {exc.entry}: {exc.problem}",
                             f"Giờ làm việc: {exc.entry_vi}: {exc.problem_vi}",
                             field="hours") from None
    return clean


def set_ward(store: HubStore, body: dict, fallback: dict) -> dict:
    """Save the ward's identity; a field left out keeps its current value, an office name
    left empty (or equal to the default) follows the ward's name."""
    if not isinstance(body, dict):
        body = {"": body}  # refused by check_ward with a clear message
    current = _saved(store, fallback)
    clean = check_ward({**{k: current[k] for k in (*PUBLIC, "hours")},
                        "policy": current.get("policy", DEFAULT_POLICY), **body})
    # An office name that is just the default (for the ward's name before or after this
    # change: a form sends back what it showed) is kept empty, so it follows a later rename of
    # the ward; a name the ward chose stays as typed.
    shown = (default_office_name(current["name_vi"], current["name_en"]),
             default_office_name(clean["name_vi"], clean["name_en"]))
    for i, field in enumerate(("office_name_vi", "office_name_en")):
        if clean[field] in (shown[0][i], shown[1][i]):
            clean[field] = ""
    with store.write() as db:
        db.execute("INSERT INTO ward (id, data, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) "
                   "DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                   [json.dumps(clean, ensure_ascii=False), utc_text(store.clock())])
        store._append([ev.Event(ev.WARD_UPDATED, store.clock(), {"ward": clean})])
    store.policy = get_policy(clean["policy"])
    return clean


# --- first-run set-up ---------------------------------------------------------------------------
def setup_status(store: HubStore) -> dict:
    with store.reading() as db:
        active = db.execute("SELECT count(*) FROM officers WHERE active = 1").fetchone()[0]
        configured = db.execute("SELECT count(*) FROM ward").fetchone()[0] > 0
    return {"needed": active == 0 or not configured, "officers_active": active,
            "ward_configured": configured}


def run_setup(store: HubStore, body: dict, fallback: dict, pin_min_length: int) -> dict:
    """The first-run set-up in ONE transaction: ward, counter layout, first officer. Any
    refusal (a short PIN, an unknown skill, a busy counter) rolls all of it back."""
    counters = body.get("counters")
    officer = body.get("officer")
    with store.write():
        status = setup_status(store)
        if not status["needed"]:
            raise admin.Conflict("setup_done", "the set-up is done; use the admin window",
                                 "Đã thiết lập xong; hãy dùng cửa sổ quản trị")
        set_ward(store, body.get("ward") or {}, fallback)
        if counters:
            _layout(store, counters)
        if officer is not None:
            admin.add_officer(store, officer.get("username", ""),
                              officer.get("display_name", ""), officer.get("pin", ""),
                              pin_min_length)
        elif status["officers_active"] == 0:
            raise InvalidRequest("officer_required", "the set-up needs a first officer",
                                 "Cần tạo ít nhất một cán bộ")
        store._append([ev.Event(ev.SETUP_COMPLETED, store.clock(), {
            "counters": [c.number for c in store.counters()],
            "officer": officer.get("username", "").strip().lower() if officer else None})])
    return setup_status(store)


def _layout(store: HubStore, specs: list[dict]) -> None:
    """The counters listed become the layout: existing numbers updated, new ones added, the
    rest removed (each only when closed and empty, else counter_busy)."""
    numbers = [s.get("number") for s in specs]
    if len(set(numbers)) != len(numbers):
        raise InvalidRequest("invalid_counter", "a counter number is listed twice",
                             "Số quầy bị lặp")
    existing = {c.number for c in store.counters()}
    for spec in specs:
        fields = {k: spec[k] for k in ("label_vi", "label_en", "skills", "fast_lane")
                  if k in spec}
        if spec.get("number") in existing:
            if "skills" in fields:
                fields["skills"] = tuple(fields["skills"])
            store.update_counter(spec["number"], **fields)
        else:
            admin.add_counter(store, number=spec.get("number"), **fields)
    for number in sorted(existing - set(numbers)):
        admin.remove_counter(store, number)
