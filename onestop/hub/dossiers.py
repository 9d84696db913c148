"""The dossier register (sổ theo dõi hồ sơ) on the hub: use cases (docs/dossiers.md).

A counter records the dossier of the citizen it is serving; the hub gives it its code, check
number and due date (queue/dossier.py, queue/workdays.py with the ward's calendar). Each change
is one transaction that writes the row, a history line and one outbox event carrying the
dossier's public snapshot (no personal data: the register holds no name, ID number or phone).
The caller wraps each use case in `store.acting(...)`, so the event names station and officer.
"""

from __future__ import annotations

from datetime import date, datetime

from onestop.queue import dossier as ds
from onestop.queue import workdays as wd
from onestop.queue.errors import InvalidRequest, TransitionError
from onestop.queue.events import Event
from onestop.queue.model import Kind, Status
from onestop.queue.numbering import service_day

from .holidays import calendar
from .rows import utc_text
from .store import HubStore

DOSSIER_RECEIVED = "dossier.received"
DOSSIER_CHANGED = "dossier.changed"
FILTERS = ("open", "due_today", "overdue", "due_soon", "ready", "all")
SOON_WORKING_DAYS = 2  # "due in 2 working days" on the boards
_SERVING = (str(Status.CALLED), str(Status.SERVING))


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def snapshot(row: dict, action: str, reason: str | None = None) -> dict:
    """The public snapshot of the shared contract (events, lookup)."""
    return {"code": row["code"], "check": row["check_digits"], "ward_code": row["ward_code"],
            "service": row["service"], "group": row["group_id"], "state": row["state"],
            "received_at": row["received_at"], "due_date": row["due_date"],
            "original_due_date": row["original_due_date"],
            "result_working_days": row["result_working_days"],
            "paused_working_days": row["paused_working_days"],
            "official_code": row["official_code"], "ready_at": row["ready_at"],
            "returned_at": row["returned_at"], "apology_due_date": row["apology_due_date"],
            "changed_at": row["changed_at"], "action": action, "reason": reason}


def view(store: HubStore, row: dict) -> dict:
    """What staff windows and the CLI show: the snapshot, names, timeliness and flags."""
    tz = store.rules.timezone
    today = service_day(store.clock(), tz)
    due = date.fromisoformat(row["due_date"])
    try:
        service = store.catalog.service(row["service"])
        names = {"service_vi": service.name_vi, "service_en": service.name_en}
    except KeyError:
        names = {"service_vi": row["service"], "service_en": row["service"]}
    return {**{k: v for k, v in snapshot(row, "").items() if k not in ("action", "reason")},
            **names, "ticket_id": row["ticket_id"],
            "state_vi": ds.STATE_VI[row["state"]], "state_en": ds.STATE_EN[row["state"]],
            "overdue": ds.is_overdue(due, row["state"], today),
            "timeliness": ds.timeliness(due, _at(row["ready_at"]), _at(row["returned_at"]), tz)}


def _row(db, code: str) -> dict:
    cur = db.execute("SELECT * FROM dossiers WHERE code = ?", [code])
    found = cur.fetchone()
    if found is None:
        raise ds.not_found(code)
    return dict(zip([c[0] for c in cur.description], found, strict=True))


def get(store: HubStore, code: str) -> dict:
    with store.reading() as db:
        return _row(db, ds.normal_code(code))


def history(store: HubStore, code: str) -> list[dict]:
    with store.reading() as db:
        return list(db.query("SELECT action, state, at, reason, due_date FROM dossier_history "
                             "WHERE code = ? ORDER BY id", [code]))


def _record(store: HubStore, db, row: dict, action: str, reason: str | None) -> dict:
    """Write `row` back, its history line and its event, all in the open transaction."""
    fields = [k for k in row if k != "code"]
    db.execute(f"UPDATE dossiers SET {', '.join(f'{k} = ?' for k in fields)} WHERE code = ?",
               [row[k] for k in fields] + [row["code"]])
    db.execute("INSERT INTO dossier_history (code, action, state, at, reason, due_date) "
               "VALUES (?, ?, ?, ?, ?, ?)", [row["code"], action, row["state"],
                                             row["changed_at"], reason, row["due_date"]])
    kind = DOSSIER_RECEIVED if action == "received" else DOSSIER_CHANGED
    store._append([Event(kind, store.clock(), snapshot(row, action, reason))])
    return row


def receive(store: HubStore, ticket_id: str, counter: int, ward_code: str,
            official_code: str | None = None) -> dict:
    """Record the dossier of the citizen counter `counter` is serving (ticket `ticket_id`)."""
    official = " ".join((official_code or "").split()) or None
    if official is not None and len(official) > 64:
        raise InvalidRequest("invalid_official_code", "the official code is over 64 characters",
                             "Mã hồ sơ trên hệ thống một cửa dài quá 64 ký tự")
    with store.write() as db:
        now = store.clock()
        ticket = store.ticket(ticket_id)
        if ticket.counter != counter or str(ticket.status) not in _SERVING:
            raise TransitionError("ticket_not_at_counter", f"ticket {ticket.number} is not "
                                  f"being served at counter {counter}",
                                  f"Số {ticket.number} không phải công dân đang được phục vụ "
                                  f"tại quầy {counter}", ticket=ticket_id, counter=counter)
        if str(ticket.kind) in (str(Kind.GUIDANCE), str(Kind.COLLECT)):
            raise InvalidRequest("not_a_submission", f"ticket {ticket.number} came for "
                                 f"{ticket.kind}, not to submit a dossier",
                                 f"Số {ticket.number} không phải lượt nộp hồ sơ",
                                 ticket=ticket_id)
        taken = db.execute("SELECT code FROM dossiers WHERE ticket_id = ?",
                           [ticket_id]).fetchone()
        if taken:
            raise TransitionError("dossier_exists", f"this visit already has dossier {taken[0]}",
                                  f"Lượt này đã có hồ sơ {taken[0]}", dossier=taken[0])
        service = store.catalog.service(ticket.service)
        if service.result_working_days is None:
            raise InvalidRequest(
                "no_result_days", f"procedure {service.code} has no result_working_days in the "
                "catalogue; an admin sets it first", f"Thủ tục {service.code} chưa có số ngày "
                "làm việc trả kết quả trong danh mục; quản trị viên cần nhập trước",
                service=service.code)
        tz = store.rules.timezone
        day = service_day(now, tz)
        seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM dossiers WHERE ward_code = ? "
                         "AND day = ?", [ward_code, day.isoformat()]).fetchone()[0]
        code = ds.format_code(ward_code, day, seq)
        due = wd.due_date(now, service.result_working_days, calendar(store), tz).isoformat()
        row = {"code": code, "check_digits": ds.new_check(), "ward_code": ward_code,
               "day": day.isoformat(), "seq": seq, "ticket_id": ticket_id,
               "service": service.code, "group_id": service.group, "state": ds.RECEIVED,
               "received_at": utc_text(now), "result_working_days":
               service.result_working_days, "original_due_date": due, "due_date": due,
               "paused_working_days": 0, "paused_at": None, "official_code": official,
               "ready_at": None, "returned_at": None, "closed_at": None,
               "apology_due_date": None, "changed_at": utc_text(now)}
        db.execute(f"INSERT INTO dossiers ({', '.join(row)}) VALUES "
                   f"({', '.join('?' * len(row))})", list(row.values()))
        db.execute("INSERT INTO dossier_history (code, action, state, at, reason, due_date) "
                   "VALUES (?, 'received', ?, ?, NULL, ?)", [code, ds.RECEIVED, row["changed_at"],
                                                           due])
        store._append([Event(DOSSIER_RECEIVED, now, snapshot(row, "received"))])
    return row


def _reason(reason: str | None, action: str) -> str | None:
    text = " ".join((reason or "").split()) or None
    if action in ds.NEEDS_REASON and not text:
        raise InvalidRequest("reason_required", f"{action} needs a reason",
                             "Cần nhập lý do", action=action)
    if text and len(text) > 300:
        raise InvalidRequest("invalid_reason", "the reason is over 300 characters",
                             "Lý do dài quá 300 ký tự")
    return text


def act(store: HubStore, code: str, action: str, reason: str | None = None) -> dict:
    """One state action of the contract: supplement, resume, ready, return, reject, withdraw."""
    reason = _reason(reason, action)
    code = ds.normal_code(code)
    with store.write() as db:
        now = store.clock()
        row = _row(db, code)
        state = ds.next_state(row["state"], action)
        tz = store.rules.timezone
        if action == "supplement":
            row["paused_at"] = utc_text(now)
        elif action == "resume" and row["paused_at"]:
            cal = calendar(store)
            row["paused_working_days"] += wd.paused_days(_at(row["paused_at"]), now, cal, tz)
            row["paused_at"] = None
            row["due_date"] = wd.due_date(_at(row["received_at"]), row["result_working_days"],
                                          cal, tz, row["paused_working_days"]).isoformat()
        elif action == "ready":
            row["ready_at"] = utc_text(now)
        elif action == "return":
            row["returned_at"] = utc_text(now)
        if state in ds.FINAL:
            row["closed_at"] = utc_text(now)
        row["state"], row["changed_at"] = state, utc_text(now)
        return _record(store, db, row, action, reason)


def apologise(store: HubStore, code: str, new_due_date: str, reason: str | None) -> dict:
    """Phiếu xin lỗi và hẹn lại: a new date for a dossier not yet ready. The due date stays
    (lateness is never erased); `apology_due_date` is the promise made in the apology."""
    reason = _reason(reason, "apology")
    code = ds.normal_code(code)
    try:
        new_day = date.fromisoformat(str(new_due_date))
    except ValueError:
        raise InvalidRequest("invalid_day", "new_due_date must be YYYY-MM-DD",
                             "Ngày hẹn mới phải có dạng YYYY-MM-DD", field="new_due_date") from None
    with store.write() as db:
        now = store.clock()
        row = _row(db, code)
        if row["state"] not in (ds.RECEIVED, ds.PROCESSING, ds.SUPPLEMENT_REQUESTED):
            raise TransitionError("dossier_bad_state", f"a dossier in state {row['state']} "
                                  "needs no apology", "Hồ sơ ở trạng thái này không cần phiếu "
                                  "xin lỗi", state=row["state"], action="apology")
        today = service_day(now, store.rules.timezone)
        due = date.fromisoformat(row["due_date"])
        if new_day <= due or new_day < today or not calendar(store).is_working_day(new_day):
            raise InvalidRequest("invalid_new_due_date", "the new date must be a working day "
                                 "after the due date and not before today",
                                 "Ngày hẹn mới phải là ngày làm việc sau hạn trả kết quả và "
                                 "không trước hôm nay", field="new_due_date")
        row["apology_due_date"], row["changed_at"] = new_day.isoformat(), utc_text(now)
        return _record(store, db, row, "apology", reason)


def listing(store: HubStore, which: str = "open") -> dict:
    """The register filtered for the boards, with a count of each filter."""
    if which not in FILTERS:
        raise InvalidRequest("invalid_filter", f"filter is one of {', '.join(FILTERS)}",
                             f"Bộ lọc phải là một trong {', '.join(FILTERS)}", field="filter")
    today = service_day(store.clock(), store.rules.timezone)
    soon = calendar(store).add_working_days(today, SOON_WORKING_DAYS)
    with store.reading() as db:
        if which == "all":  # the most recent, closed ones included (the CLI's `--all`)
            cur = db.execute("SELECT * FROM (SELECT * FROM dossiers ORDER BY received_at DESC "
                             "LIMIT 500) ORDER BY due_date, code")
        else:
            cur = db.execute(f"SELECT * FROM dossiers WHERE state IN "
                             f"({', '.join('?' * len(ds.OPEN))}) ORDER BY due_date, code",
                             list(ds.OPEN))
        rows = [dict(zip([c[0] for c in cur.description], r, strict=True)) for r in cur]
    waiting = (ds.RECEIVED, ds.PROCESSING, ds.SUPPLEMENT_REQUESTED)
    tests = {
        "all": lambda r: True,
        "open": lambda r: r["state"] in ds.OPEN,
        "due_today": lambda r: r["state"] in waiting and r["due_date"] == today.isoformat(),
        "overdue": lambda r: ds.is_overdue(date.fromisoformat(r["due_date"]), r["state"], today),
        "due_soon": lambda r: r["state"] in waiting and today.isoformat() < r["due_date"]
        <= soon.isoformat(),
        "ready": lambda r: r["state"] == ds.RESULT_READY,
    }
    counts = {name: sum(1 for r in rows if test(r)) for name, test in tests.items()
              if name != "all"}
    return {"filter": which, "today": today.isoformat(), "counts": counts,
            "dossiers": [view(store, r) for r in rows if tests[which](r)]}


def public_lookup(store: HubStore, code: str, check: str | None) -> dict:
    """Code + check → the public view; a wrong check is the same 404 as an unknown code."""
    try:
        row = get(store, code)
    except InvalidRequest:
        raise ds.not_found(code) from None
    if not ds.is_check(check) or check != row["check_digits"]:
        raise ds.not_found(code)
    public = view(store, row)
    for private in ("check", "ticket_id"):
        public.pop(private, None)
    return {**public, "history": [{k: h[k] for k in ("action", "state", "at", "due_date")}
                                  for h in history(store, row["code"])]}


def day_counts(store: HubStore, day: date) -> dict:
    """The daily report's dossier figures for the local `day`: received, results ready (early,
    on time, late), returned, apologies, and the open and overdue dossiers at report time."""
    tz = store.rules.timezone
    today = service_day(store.clock(), tz)
    with store.reading() as db:
        cur = db.execute("SELECT * FROM dossiers")
        rows = [dict(zip([c[0] for c in cur.description], r, strict=True)) for r in cur]
        apologies = [h[0] for h in db.execute(
            "SELECT at FROM dossier_history WHERE action = 'apology'")]

    def on_day(at: str | None) -> bool:
        return at is not None and wd.local_moment(_at(at), tz).date() == day

    ready = [r for r in rows if on_day(r["ready_at"]) or (r["ready_at"] is None
                                                          and on_day(r["returned_at"]))]
    kinds = [ds.timeliness(date.fromisoformat(r["due_date"]), _at(r["ready_at"]),
                           _at(r["returned_at"]), tz) for r in ready]
    return {"received": sum(on_day(r["received_at"]) for r in rows),
            "ready": len(ready), "early": kinds.count(ds.EARLY),
            "on_time": kinds.count(ds.ON_TIME), "late": kinds.count(ds.LATE),
            "returned": sum(on_day(r["returned_at"]) for r in rows),
            "apologies": sum(on_day(a) for a in apologies),
            "open": sum(r["state"] in (ds.RECEIVED, ds.PROCESSING, ds.SUPPLEMENT_REQUESTED)
                        for r in rows),
            "overdue": sum(ds.is_overdue(date.fromisoformat(r["due_date"]), r["state"], today)
                           for r in rows)}
