"""The checks of `onestop doctor` (printed by onestop/commands/doctor.py): is this PC ready to
run the centre? One check per line (✓ ok, ! warning, ✗ fault, · information), then a verdict;
any fault fails, warnings do not.

Everything is read-only: the database is opened with `mode=ro`, so the doctor can run next to
a working hub. Qt (printers on Windows, the audio device) is imported inside its check only, so
a PC without Qt's system libraries still gets every other line and a clear "not available".
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from onestop.hub.backup import DB_NAME, integrity_problem, newest_backup
from onestop.hub.db import LATEST
from onestop.settings import Settings

OK, WARN, FAULT, INFO = "ok", "warn", "fault", "info"
SYMBOLS = {OK: "✓", WARN: "!", FAULT: "✗", INFO: "·"}
DISK_FAULT_MB, DISK_WARN_MB = 200, 1024
SKEW_WARN_S, SKEW_FAULT_S = 120, 600
SYNC_STALE = timedelta(hours=24)
VIETNAMESE = "ạắầẩễệốờợụứựỹđĐ"
VOICE_CLIPS = (["xin_moi", "den_quay"] + [f"digit_{d}" for d in range(10)]
               + [f"letter_{chr(c)}" for c in range(ord("a"), ord("z") + 1)]
               + [f"counter_{n}" for n in range(1, 31)])  # as onestop.desktop.display_voice

T = Callable[[str, str], str]  # (vietnamese, english) -> the chosen one


@dataclass(frozen=True)
class Check:
    id: str
    status: str
    message: str


# --- data folder, database, disk -----------------------------------------------------------
def check_data_dir(s: Settings, t: T) -> Check:
    d = s.data_dir
    if not d.is_dir():
        return Check("data_dir", FAULT, t(f"Thư mục dữ liệu {d} không tồn tại",
                                          f"Data folder {d} does not exist"))
    probe = d / ".doctor-write-test"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return Check("data_dir", FAULT, t(f"Không ghi được vào {d}: {exc.strerror}",
                                          f"Cannot write to {d}: {exc.strerror}"))
    return Check("data_dir", OK, t(f"Thư mục dữ liệu {d} ghi được", f"Data folder {d} writable"))


def check_file_modes(s: Settings, t: T) -> Check | None:
    """The data folder and what is in it (hub.db, backups, logs, token files) readable only
    by this user; one warning naming the first few that others can read."""
    from onestop.oslayer.file_modes import exposed

    if not s.data_dir.is_dir():
        return None
    found = exposed(s.data_dir)
    if found is None:
        return Check("file_modes", INFO, t(
            "Quyền truy cập tệp không kiểm tra trên Windows (thư mục hồ sơ người dùng)",
            "File permissions are not checked on Windows (user profile folder)"))
    if not found:
        return Check("file_modes", OK, t("Chỉ người dùng này đọc được thư mục dữ liệu",
                                         "Only this user can read the data folder"))
    # The secrets first: the database, then other files, then folders.
    found.sort(key=lambda p: (not p.name.startswith("hub.db"), p.is_dir(), str(p)))
    names = ", ".join(str(p.relative_to(s.data_dir)) if p != s.data_dir else t(
        "thư mục dữ liệu", "the data folder") for p in found[:3])
    names += f" (+{len(found) - 3})" if len(found) > 3 else ""
    return Check("file_modes", WARN, t(
        f"Người khác đọc được: {names}; khởi động hub (onestop) để sửa, hoặc chmod -R go-rwx",
        f"Readable by others: {names}; start the hub (onestop) to fix it, or chmod -R go-rwx"))


def read_state(db: Path) -> dict:
    """Hub id, schema, last event and the sync_state row, read-only."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    try:
        out = {"schema": conn.execute("PRAGMA user_version").fetchone()[0]}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'hub_id'").fetchone()
            out["hub_id"] = row[0] if row else None
        if "events" in tables:
            out["last_seq"] = conn.execute("SELECT coalesce(max(seq),0) FROM events").fetchone()[0]
        if "sync_state" in tables:
            out["sync"] = dict(conn.execute("SELECT * FROM sync_state WHERE id = 1").fetchone())
            out["parked"] = conn.execute("SELECT count(*) FROM sync_rejected").fetchone()[0]
        out["problem"] = integrity_problem(conn) or "ok"
        return out
    finally:
        conn.close()


def check_database(s: Settings, t: T) -> tuple[Check, dict | None]:
    db = s.data_dir / DB_NAME
    if not db.exists():
        return Check("database", WARN, t("Chưa có cơ sở dữ liệu (tạo khi hub chạy lần đầu)",
                                         "No database yet (created when the hub first runs)")
                     ), None
    try:
        state = read_state(db)
    except sqlite3.Error as exc:
        state = {"problem": str(exc)}
    if state["problem"] != "ok":
        newest = newest_backup(s.data_dir)
        fix = f"onestop restore {newest}" if newest else "onestop restore FILE"
        return Check("database", FAULT, t(f"{DB_NAME} bị hỏng ({state['problem']}); khôi phục: "
                                          f"{fix}", f"{DB_NAME} is damaged "
                                          f"({state['problem']}); restore: {fix}")), None
    v = state["schema"]
    if v > LATEST:
        return Check("database", FAULT, t(
            f"{DB_NAME} thuộc phiên bản onestop mới hơn (lược đồ {v} > {LATEST}); cập nhật "
            "onestop", f"{DB_NAME} is from a newer onestop (schema {v} > {LATEST}); update "
            "onestop")), state
    later = t(f"; nâng lên {LATEST} khi khởi động", f"; migrated to {LATEST} at start") \
        if v < LATEST else ""
    return Check("database", OK, t(f"{DB_NAME} nguyên vẹn (lược đồ {v}{later})",
                                   f"{DB_NAME} intact (schema {v}{later})")), state


def check_disk(s: Settings, t: T) -> Check:
    where = s.data_dir if s.data_dir.exists() else s.data_dir.parent
    try:
        free_mb = shutil.disk_usage(where).free / 2**20
    except OSError as exc:
        return Check("disk", WARN, t(f"Không đọc được dung lượng trống: {exc.strerror}",
                                     f"Cannot read free space: {exc.strerror}"))
    text = f"{free_mb / 1024:.1f} GB" if free_mb >= 1024 else f"{free_mb:.0f} MB"
    if free_mb < DISK_FAULT_MB:
        return Check("disk", FAULT, t(f"Ổ đĩa gần đầy: còn {text}; giải phóng ngay",
                                      f"Disk nearly full: {text} free; free space now"))
    if free_mb < DISK_WARN_MB:
        return Check("disk", WARN, t(f"Ổ đĩa còn ít chỗ: {text}", f"Low disk space: {text}"))
    return Check("disk", OK, t(f"Ổ đĩa còn {text}", f"{text} free on disk"))


# --- fonts, printers, sound ----------------------------------------------------------------
def check_fonts(t: T) -> Check:
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("onestop.assets") / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        try:
            with resources.as_file(folder / name) as path:
                glyphs = TTFont(name, str(path)).face.charToGlyph
        except Exception as exc:  # a missing or broken file: reportlab raises various errors
            return Check("fonts", FAULT, t(f"Không đọc được phông {name}: {exc}",
                                           f"Cannot read font {name}: {exc}"))
        missing = "".join(c for c in VIETNAMESE if ord(c) not in glyphs)
        if missing:
            return Check("fonts", FAULT, t(f"Phông {name} thiếu chữ: {missing}",
                                           f"Font {name} lacks glyphs: {missing}"))
    return Check("fonts", OK, t("Phông chữ có đủ dấu tiếng Việt (DejaVu Sans)",
                                "Fonts carry Vietnamese glyphs (DejaVu Sans)"))


def list_printers() -> list[str] | None:
    """Printer names from CUPS (lpstat) or Qt; None when neither can say."""
    if shutil.which("lpstat"):
        try:
            out = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return None
    return list(QPrinterInfo.availablePrinterNames())


def check_printers(s: Settings, t: T) -> Check:
    # Without tickets to print a missing printer is only worth a mention, not a failure.
    bad = FAULT if s.print_tickets else WARN
    printers = list_printers()
    if printers is None:
        return Check("printer", bad if s.print_tickets else INFO, t(
            "Không kiểm tra được máy in (không có CUPS/Qt)",
            "Printers cannot be checked (no CUPS/Qt)"))
    if s.printer and s.printer not in printers:
        return Check("printer", bad, t(f"Không thấy máy in \"{s.printer}\" (có: "
                                       f"{', '.join(printers) or '-'})",
                                       f"Printer \"{s.printer}\" not found (have: "
                                       f"{', '.join(printers) or '-'})"))
    if not printers:
        return Check("printer", bad, t(
            "Không có máy in; máy này không in phiếu thì đặt print_tickets: false",
            "No printer; if this PC prints no tickets set print_tickets: false"))
    return Check("printer", OK, t(f"Máy in: {s.printer or printers[0]}",
                                  f"Printer: {s.printer or printers[0]}"))


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    # Qt Multimedia and PulseAudio print their own noise on fd 2; the doctor's lines stay clean.
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def audio_outputs() -> list[str] | None:
    os.environ.setdefault("QT_LOGGING_RULES", "qt.*=false")
    try:
        with _quiet_stderr():
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtMultimedia import QMediaDevices

            _app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
            return [d.description() for d in QMediaDevices.audioOutputs()]
    except ImportError:
        return None


def check_voice(s: Settings, t: T) -> list[Check]:
    bundled = resources.files("onestop.assets")
    own = s.data_dir / "voice"
    missing = [n for n in VOICE_CLIPS if not (own / f"{n}.wav").is_file()
               and not (bundled / "voice" / f"{n}.wav").is_file()]
    if not (own / "chime.wav").is_file() and not (bundled / "sounds" / "chime.wav").is_file():
        missing.insert(0, "chime")
    if missing:
        voice = Check("voice", FAULT, t(f"Thiếu tệp âm thanh: {', '.join(missing[:5])}",
                                        f"Missing sound files: {', '.join(missing[:5])}"))
    else:
        voice = Check("voice", OK, t(f"Chuông và {len(VOICE_CLIPS)} đoạn giọng đọc đủ",
                                     f"Chime and {len(VOICE_CLIPS)} voice clips present"))
    outputs = audio_outputs()
    if outputs is None:
        audio = Check("audio", WARN, t("Không kiểm tra được loa (Qt không có)",
                                       "Audio output cannot be checked (no Qt)"))
    elif not outputs:
        audio = Check("audio", WARN, t("Không thấy loa/thiết bị phát âm thanh",
                                       "No audio output device found"))
    else:
        audio = Check("audio", OK, t(f"Loa: {outputs[0]}", f"Audio output: {outputs[0]}"))
    return [voice, audio]


# --- hub, sync, clock ----------------------------------------------------------------------
def local_hub_url(s: Settings) -> str:
    """The hub serving this data folder, from the address it records in <data>/hub.json
    while it holds the folder's lock; else the usual address on this PC."""
    from onestop.oslayer.instance_lock import running_hub

    running = running_hub(s.data_dir)
    if running is not None and running.url:
        return running.url
    return f"http://127.0.0.1:{s.hub_port}"


def check_hub(url: str, explicit: bool, state: dict | None, t: T) -> Check:
    import httpx

    try:
        health = httpx.get(f"{url.rstrip('/')}/api/health", timeout=3).json()
    except (httpx.HTTPError, ValueError):
        return Check("hub", FAULT if explicit else WARN, t(
            f"Hub không trả lời tại {url}", f"No hub answers at {url}"))
    local = (state or {}).get("hub_id")
    if local and health.get("hub_id") != local and not explicit:
        return Check("hub", WARN, t(f"Một hub khác đang chạy tại {url}",
                                    f"A different hub answers at {url}"))
    return Check("hub", OK, t(f"Hub chạy tại {url} (phiên bản {health.get('version')})",
                              f"Hub running at {url} (version {health.get('version')})"))


def check_sync(state: dict | None, now: datetime, t: T) -> Check | None:
    if not state or "sync" not in state:
        return None
    s = state["sync"]
    if s["needs_enrolment"]:
        return Check("sync", FAULT, t("Máy chủ trung tâm từ chối: cần đăng ký lại "
                                      "(onestop sync enrol)", "Central refused this hub: enrol "
                                      "again (onestop sync enrol)"))
    if not s["central_token"]:
        return Check("sync", INFO, t("Chưa kết nối máy chủ trung tâm",
                                     "Not enrolled with a central server"))
    pending = max(0, state.get("last_seq", 0) - s["acked_seq"])
    last = datetime.fromisoformat(s["last_success"]) if s["last_success"] else None
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    when = last.astimezone().strftime("%Y-%m-%d %H:%M") if last else "-"
    if pending and (last is None or now - last > SYNC_STALE):
        return Check("sync", WARN, t(f"{pending} sự kiện chưa gửi; lần gửi được cuối: {when}",
                                     f"{pending} events unsent; last success {when}"))
    if state.get("parked"):
        return Check("sync", WARN, t(f"Trung tâm từ chối {state['parked']} sự kiện (xem "
                                     "onestop sync status)", f"Central parked "
                                     f"{state['parked']} events (see onestop sync status)"))
    return Check("sync", OK, t(f"Đồng bộ: {pending} chờ gửi, lần cuối {when}",
                               f"Sync: {pending} pending, last success {when}"))


def check_clock(s: Settings, state: dict | None, t: T) -> list[Check]:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        local = datetime.now(ZoneInfo(s.timezone)).strftime("%H:%M")
        out = [Check("timezone", OK, t(f"Múi giờ {s.timezone}, bây giờ {local}",
                                       f"Time zone {s.timezone}, now {local}"))]
    except (ZoneInfoNotFoundError, ValueError):
        out = [Check("timezone", FAULT, t(f"Múi giờ không hợp lệ: {s.timezone}",
                                          f"Invalid time zone: {s.timezone}"))]
    skew = ((state or {}).get("sync") or {}).get("skew_s")
    if skew is not None:
        status = FAULT if abs(skew) > SKEW_FAULT_S else WARN if abs(skew) > SKEW_WARN_S else OK
        out.append(Check("clock", status, t(f"Đồng hồ lệch {skew:+.0f} s so với máy chủ trung "
                                            "tâm", f"Clock {skew:+.0f} s off central's")))
    return out


# --- running -------------------------------------------------------------------------------
def run_checks(s: Settings, hub_url: str | None, lang: str,
               now: datetime | None = None) -> list[Check]:
    def t(vi: str, en: str) -> str:
        return en if lang == "en" else vi

    checks = [check_data_dir(s, t)]
    db, state = check_database(s, t)
    modes = check_file_modes(s, t)
    checks += [db, *([modes] if modes else []), check_disk(s, t), check_fonts(t),
               check_printers(s, t)]
    checks += check_voice(s, t)
    checks.append(check_hub(hub_url or local_hub_url(s), hub_url is not None, state, t))
    sync = check_sync(state, now or datetime.now(UTC), t)
    checks += [sync] if sync else []
    checks += check_clock(s, state, t)
    return checks


def verdict(checks: list[Check], lang: str) -> str:
    faults = sum(c.status == FAULT for c in checks)
    warns = sum(c.status == WARN for c in checks)
    if lang == "en":
        head = "FAULT: fix the ✗ lines" if faults else "OK: ready"
        return f"{head} ({faults} faults, {warns} warnings)"
    head = "CÓ LỖI: sửa các dòng ✗" if faults else "ỔN: sẵn sàng"
    return f"{head} ({faults} lỗi, {warns} cảnh báo)"
