"""Administration use cases: officers, counters and stations (docs/administration.md).

Each change is one transaction of the hub store (`store.write()`, nestable, so the first-run
set-up can run several in one) that writes the change and its event. The caller wraps it in
`store.acting(...)`, so the event's `by` names the admin station and officer: the event log is
the audit log, and it goes to central like any other event. No event holds a PIN or its hash.
"""

from __future__ import annotations

import re

from onestop.queue import events as ev
from onestop.queue import transitions as tr
from onestop.queue.errors import DomainError, InvalidRequest, NotFound
from onestop.queue.model import Counter, CounterStatus

from .auth import hash_pin
from .rows import counter_to_row, utc_text
from .store import HubStore

PIN_MAX = 12
PIN_FLOOR = 4  # a setting below this is raised to it: 10^3 PINs is no secret at all
_USERNAME = re.compile(r"[a-z0-9._]{1,64}")


class Conflict(DomainError):
    status = 409


def _event(store: HubStore, kind: str, **data: object) -> None:
    store._append([ev.Event(kind, store.clock(), data)])


# --- officers ---------------------------------------------------------------------------------
def pin_rule(min_length: int) -> tuple[int, int]:
    return max(PIN_FLOOR, min(PIN_MAX, min_length)), PIN_MAX


def check_pin(pin: str, min_length: int) -> str:
    low, high = pin_rule(min_length)
    # isascii: str.isdigit() also accepts other scripts' digits, which no keypad types.
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit()
            and low <= len(pin) <= high):
        raise InvalidRequest("invalid_pin", f"the PIN must be {low} to {high} digits (0-9), "
                             "nothing else", f"Mã PIN phải gồm {low} đến {high} chữ số (0-9), "
                             "không có ký tự khác", min_length=low, max_length=high)
    return pin


def check_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not _USERNAME.fullmatch(name):
        raise InvalidRequest("invalid_username", "username: 1 to 64 of a-z, 0-9, . and _ "
                             "(no spaces or accents), e.g. nguyen.lan",
                             "Tên đăng nhập gồm 1 đến 64 ký tự a-z, 0-9, dấu chấm và gạch dưới "
                             "(không dấu cách, không dấu tiếng Việt), ví dụ nguyen.lan")
    return name


def _display_name(name: str, username: str) -> str:
    name = " ".join((name or "").split())  # no newlines or runs of spaces on a slip
    if len(name) > 80:
        raise InvalidRequest("invalid_name", "the display name is longer than 80 characters",
                             "Họ tên dài quá 80 ký tự")
    return name or username


def officers(store: HubStore) -> list[dict]:
    with store.reading() as db:
        return [{**r, "active": bool(r["active"])} for r in db.query(
            "SELECT username, display_name, active, created_at, last_sign_in_at FROM officers "
            "ORDER BY username")]


def officer(store: HubStore, username: str) -> dict:
    name = (username or "").strip().lower()
    found = [o for o in officers(store) if o["username"] == name]
    if not found:
        raise NotFound("unknown_officer", f"no officer {name!r}",
                       f"Không có cán bộ {name!r}", username=name)
    return found[0]


def _public(o: dict) -> dict:
    return {"username": o["username"], "display_name": o["display_name"],
            "active": bool(o["active"])}


def add_officer(store: HubStore, username: str, display_name: str, pin: str,
                pin_min_length: int) -> dict:
    """A new officer; an existing username is refused (never silently overwritten, which
    would hand someone's counter history to a new PIN)."""
    name = check_username(username)
    display = _display_name(display_name, name)
    check_pin(pin, pin_min_length)
    digest = hash_pin(pin)  # slow on purpose: before the write lock, not inside it
    with store.write() as db:
        if db.execute("SELECT 1 FROM officers WHERE username = ?", [name]).fetchone():
            raise Conflict("officer_exists", f"officer {name!r} already exists; rename, reset "
                           "the PIN or enable it instead",
                           f"Cán bộ {name!r} đã có; hãy đổi tên, đặt lại PIN hoặc bật lại",
                           username=name)
        db.execute("INSERT INTO officers (username, display_name, pin_hash, created_at) "
                   "VALUES (?, ?, ?, ?)", [name, display, digest, utc_text(store.clock())])
        _event(store, ev.OFFICER_ADDED, officer={"username": name, "display_name": display,
                                                 "active": True})
    return officer(store, name)


def rename_officer(store: HubStore, username: str, display_name: str) -> dict:
    name = officer(store, username)["username"]
    display = _display_name(display_name, "")
    if not display:
        raise InvalidRequest("invalid_name", "the display name is empty", "Họ tên đang để trống")
    with store.write() as db:
        db.execute("UPDATE officers SET display_name = ? WHERE username = ?", [display, name])
        _event(store, ev.OFFICER_RENAMED, officer=_public(officer(store, name)))
    return officer(store, name)


def reset_pin(store: HubStore, username: str, pin: str, pin_min_length: int) -> dict:
    name = officer(store, username)["username"]
    digest = hash_pin(check_pin(pin, pin_min_length))
    with store.write() as db:
        db.execute("UPDATE officers SET pin_hash = ? WHERE username = ?", [digest, name])
        _event(store, ev.OFFICER_PIN_RESET, officer=_public(officer(store, name)))
    return officer(store, name)


def set_officer_active(store: HubStore, username: str, active: bool) -> dict:
    """Disable (or enable again) an officer. The row stays, so reports and events keep the
    name; a disabled officer signed in at a counter is signed out in the same transaction."""
    name = officer(store, username)["username"]
    with store.write() as db:
        db.execute("UPDATE officers SET active = ? WHERE username = ?", [int(active), name])
        if not active:
            now = store._begin_use_case()
            for c in store.counters():
                if c.officer == name:
                    store._save(tr.sign_out(c, now))
        _event(store, ev.OFFICER_ENABLED if active else ev.OFFICER_DISABLED,
               officer=_public(officer(store, name)))
    return officer(store, name)


# --- counters ---------------------------------------------------------------------------------
def _label(text: str, field: str) -> str:
    label = " ".join((text or "").split())
    if not label or len(label) > 80:
        raise InvalidRequest("invalid_label", f"{field}: 1 to 80 characters",
                             f"{field}: từ 1 đến 80 ký tự", field=field)
    return label


def add_counter(store: HubStore, *, label_vi: str, label_en: str, skills: list[str],
                fast_lane: bool = False, number: int | None = None) -> Counter:
    groups = [g.id for g in store.catalog.groups]
    checked = tr.check_skills(skills, groups)
    with store.write() as db:
        taken = [c.number for c in store.counters()]
        number = number if number is not None else max(taken, default=0) + 1
        if not 1 <= number <= 999:
            raise InvalidRequest("invalid_counter", "counter numbers are 1 to 999",
                                 "Số quầy từ 1 đến 999")
        if number in taken:
            raise Conflict("counter_exists", f"counter {number} already exists",
                           f"Quầy {number} đã có", counter=number)
        counter = Counter(number, _label(label_vi, "label_vi"), _label(label_en, "label_en"),
                          checked, bool(fast_lane))
        row = counter_to_row(counter)
        db.execute(f"INSERT INTO counters ({', '.join(row)}) VALUES "
                   f"({', '.join('?' * len(row))})", list(row.values()))
        store._append([ev.counter_event(ev.COUNTER_ADDED, counter, store.clock())])
    return counter


def remove_counter(store: HubStore, number: int) -> dict:
    """Remove a counter that is closed and holds no one; its station tokens are revoked and
    its unused pairing codes spent, so a PC set up for it cannot act any more."""
    with store.write() as db:
        counter = store.counter(number)
        assigned = db.execute(
            "SELECT count(*) FROM tickets WHERE (status = 'waiting' AND assigned_counter = ?) "
            "OR (status = 'parked' AND counter = ?)", [number, number]).fetchone()[0]
        if counter.status != CounterStatus.CLOSED or counter.current or assigned:
            why = ("it is not closed" if counter.status != CounterStatus.CLOSED else
                   "it holds a citizen" if counter.current else
                   f"{assigned} ticket(s) wait for it or are parked there")
            raise Conflict("counter_busy", f"counter {number} cannot be removed: {why}; close "
                           "it and finish or transfer its tickets first",
                           f"Chưa xóa được quầy {number}: quầy phải đóng, không còn công dân và "
                           "không còn số chờ hay hồ sơ tạm dừng của quầy", counter=number)
        if len(store.counters()) == 1:
            raise Conflict("last_counter", "the centre's last counter cannot be removed",
                           "Không thể xóa quầy cuối cùng của trung tâm")
        now = utc_text(store.clock())
        revoked = db.execute("UPDATE stations SET revoked_at = ? WHERE role = 'counter' AND "
                             "counter = ? AND revoked_at IS NULL", [now, number]).rowcount
        db.execute("UPDATE pairing_codes SET used_at = ? WHERE counter = ? AND used_at IS NULL",
                   [now, number])
        db.execute("DELETE FROM counters WHERE number = ?", [number])
        _event(store, ev.COUNTER_REMOVED, counter={"number": number, "label_vi":
                                                   counter.label_vi, "label_en": counter.label_en},
               revoked_stations=revoked)
    return {"number": number, "revoked_stations": revoked}


# --- stations ---------------------------------------------------------------------------------
def stations(store: HubStore) -> list[dict]:
    with store.reading() as db:
        return list(db.query("SELECT id, name, role, counter, created_at, last_seen_at, "
                             "revoked_at FROM stations ORDER BY created_at"))


def revoke_station(store: HubStore, station_id: str, caller_id: str | None = None) -> dict:
    found = [s for s in stations(store) if s["id"] == station_id]
    if not found:
        raise NotFound("unknown_station", f"no station {station_id!r}",
                       f"Không có trạm {station_id!r}", station=station_id)
    station = found[0]
    if station_id == caller_id:
        raise Conflict("own_station", "a station cannot revoke its own token",
                       "Trạm không thể tự thu hồi mã của chính mình")
    if station["revoked_at"]:
        return station  # already revoked: nothing to do, nothing to record
    with store.write() as db:
        db.execute("UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                   [utc_text(store.clock()), station_id])
        _event(store, ev.STATION_REVOKED, station={k: station[k] for k in
                                                   ("id", "name", "role", "counter")})
    return [s for s in stations(store) if s["id"] == station_id][0]
