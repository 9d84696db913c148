"""Backups of the hub database: the daily copy, `onestop backup`, `onestop restore` and the
start-up check that turns a damaged database into one line naming the newest backup.

Copies use SQLite's online backup API from a separate read-only connection in one step: that
is one read transaction, so the copy is a consistent snapshot even while the hub writes, and in
WAL mode a reader never blocks the writer, so issuing goes on during the copy (measured by
bench/bench_backup.py). Copies are switched to `journal_mode=DELETE` so a backup is one
self-contained file, checked with `integrity_check`, and only then renamed into place: a
damaged copy never replaces a good one, and old backups are pruned only after a good new one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from onestop.oslayer.file_modes import make_private

from .db import LATEST

log = logging.getLogger(__name__)

DB_NAME = "hub.db"  # as onestop.compose.DB_NAME (not imported: compose is a layer above)
BACKUP_DIR = "backups"
MAGIC = b"SQLite format 3\x00"
CHECK_EVERY_S = 900.0  # the daily thread looks every 15 min whether today's copy exists
# SQLite result codes (primary, the low byte of sqlite_errorcode).
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB, SQLITE_IOERR = 11, 13, 26, 10


class BackupError(Exception):
    """A copy or a restore that cannot be done; the message is one line for the user."""


def _ro(path: Path, timeout: float = 30.0) -> sqlite3.Connection:
    # Read-only, so a check or a copy can never change the file it looks at.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)


def _errorcode(exc: BaseException) -> int:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF


# --- copying ---------------------------------------------------------------------------------
def copy_database(source: Path, dest: Path, *, check: bool = True) -> Path:
    """A consistent copy of `source` at `dest` (written beside it, then renamed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    try:
        src = _ro(source)
        try:
            dst = sqlite3.connect(part, isolation_level=None)
            try:
                src.backup(dst)  # pages=-1: one step, one snapshot (see the module docstring)
                dst.execute("PRAGMA journal_mode=DELETE")
                if check:
                    problem = integrity_problem(dst)
                    if problem:
                        raise BackupError(f"the copy of {source} is damaged ({problem})")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(part, dest)
        make_private(dest)  # it holds the central token and every ticket (0600 on POSIX)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy {source}: {exc}") from exc
    finally:
        part.unlink(missing_ok=True)
    return dest


def integrity_problem(conn: sqlite3.Connection, pragma: str = "integrity_check") -> str | None:
    """None when the database is sound, else the first problem SQLite reports."""
    rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
    if rows == [("ok",)]:
        return None
    # One line for the user: SQLite's report spans lines and names the schema ("main").
    return " ".join(str(rows[0][0]).replace("*** in database main ***", "").split())


# --- the daily backup ------------------------------------------------------------------------
def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def backups(data_dir: Path) -> list[Path]:
    """The daily backups, oldest first (ISO dates sort by name)."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("hub-????-??-??.db") if p.is_file())


def newest_backup(data_dir: Path) -> Path | None:
    found = backups(data_dir)
    return found[-1] if found else None


def daily_backup(data_dir: Path, day: date, keep: int) -> Path | None:
    """Today's backup if it is missing, then prune to the `keep` newest. Returns the new file,
    or None when today's already existed or there is no database yet."""
    source = data_dir / DB_NAME
    target = backup_dir(data_dir) / f"hub-{day.isoformat()}.db"
    if target.exists() or not source.exists():
        return None
    copy_database(source, target)
    for old in backups(data_dir)[:-max(1, keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


class DailyBackup:
    """A daemon thread: a backup at start when today's is missing, then one each local day.
    A failed backup is logged and tried again at the next look; the hub goes on serving."""

    def __init__(self, data_dir: Path, timezone: str, keep: int,
                 clock: Callable[[], datetime], every_s: float = CHECK_EVERY_S) -> None:
        self.data_dir, self.keep, self.clock, self.every_s = data_dir, keep, clock, every_s
        self.tz = ZoneInfo(timezone)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="hub-backup", daemon=True)

    def run_once(self) -> Path | None:
        day = self.clock().astimezone(self.tz).date()
        try:
            made = daily_backup(self.data_dir, day, self.keep)
        except (BackupError, OSError) as exc:
            log.error("daily backup failed: %s", exc)
            return None
        if made is not None:
            log.info("daily backup written: %s", made)
        return made

    def _run(self) -> None:
        self.run_once()  # at start, even when stopped at once: a start always leaves a backup
        while not self._stop.wait(self.every_s):
            self.run_once()

    def start(self) -> DailyBackup:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self.thread.is_alive():
            self.thread.join(timeout=30)


def start_daily_backup(hub) -> DailyBackup:
    """For the hub's lifecycle (onestop/compose.py): the daily backup of a composed hub."""
    s = hub.settings
    return DailyBackup(s.data_dir, s.timezone, s.backup_keep_days, hub.store.clock).start()


# --- inspecting and restoring ----------------------------------------------------------------
@dataclass(frozen=True)
class DbInfo:
    hub_id: str
    schema: int
    last_seq: int
    last_day: str | None  # the latest ticket day, or None when no ticket was ever issued
    acked_seq: int  # what central acknowledged (0 before migration 4 or when never synced)
    enrolled: bool  # linked to a central server (holds a central token)


def inspect(path: Path, *, check: bool = True) -> DbInfo:
    """What a database holds, or BackupError saying why it is not a usable onestop database:
    not a file, not SQLite, not onestop's, damaged (with `check`), or from a newer onestop."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as f:
        if f.read(16) != MAGIC:
            raise BackupError(f"{path}: not a SQLite database")
    try:
        conn = _ro(path, timeout=5)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                                 "WHERE type = 'table'")}
            if not {"meta", "events"} <= tables:
                raise BackupError(f"{path}: not an onestop hub database (no meta/events tables)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'hub_id'").fetchone()
            if not row:
                raise BackupError(f"{path}: not an onestop hub database (no hub id)")
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            if schema > LATEST:
                raise BackupError(f"{path}: schema {schema} is newer than this onestop "
                                  f"understands ({LATEST}); update onestop first")
            problem = integrity_problem(conn) if check else None
            if problem:
                raise BackupError(f"{path}: the database is damaged ({problem})")
            last_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
            day = (conn.execute("SELECT max(day) FROM tickets").fetchone()[0]
                   if "tickets" in tables else None)
            acked = (conn.execute("SELECT acked_seq, central_token IS NOT NULL FROM sync_state "
                                  "WHERE id = 1").fetchone() if "sync_state" in tables else None)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: cannot be read as a database ({exc})") from exc
    return DbInfo(row[0], schema, last_seq, day, acked[0] if acked else 0,
                  bool(acked and acked[1]))


def hub_running(db_path: Path) -> bool:
    """True when a process (a hub, a station's in-process hub) has the database open.

    Every open WAL connection holds a shared lock, so an exclusive lock fails while any is
    open, even an idle one; a health check on one port would miss a hub on another port."""
    if not db_path.exists():
        return False
    try:
        conn = sqlite3.connect(db_path, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.Error:
        return False  # a damaged file: no hub can be running on it
    finally:
        conn.close()


@dataclass(frozen=True)
class Restored:
    info: DbInfo
    kept: Path | None  # the database that was replaced, kept beside it
    previous: DbInfo | None  # what that database held, when it could be read


def restore(source: Path, data_dir: Path, now: datetime, info: DbInfo | None = None) -> Restored:
    """Replace <data>/hub.db with a validated copy of `source`; the current database (with
    its -wal and -shm, which may hold committed changes) is kept as hub.db.before-restore-T.
    `info` is inspect(source) when the caller already ran it."""
    info = info or inspect(source)
    db_path = data_dir / DB_NAME
    if hub_running(db_path):
        raise BackupError(f"a hub is running on {data_dir} (hub.db is in use); stop it first")
    previous = None
    if db_path.exists():
        with contextlib.suppress(BackupError):
            previous = inspect(db_path, check=False)
    incoming = copy_database(source, data_dir / f"{DB_NAME}.restoring", check=False)
    kept = None
    if db_path.exists():
        kept = data_dir / f"{DB_NAME}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}"
        for suffix in ("", "-wal", "-shm"):  # a WAL moved with its file stays attached to it
            part = Path(f"{db_path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{kept}{suffix}"))
    os.replace(incoming, db_path)
    return Restored(info, kept, previous)


# --- start-up ---------------------------------------------------------------------------------
def check_at_start(db_path: Path) -> None:
    """`PRAGMA quick_check` before the hub opens its database, so damage that opening alone does
    not notice (a page overwritten in the middle) stops the hub with a clear line instead of
    failing on some later ticket. It reads every page once: ~0.1 s for 100k events (see
    bench/bench_backup.py). Raises sqlite3.DatabaseError with SQLITE_CORRUPT when damaged."""
    if not db_path.exists():
        return
    conn = _ro(db_path)
    try:
        problem = integrity_problem(conn, "quick_check")
    finally:
        conn.close()
    if problem:
        exc = sqlite3.DatabaseError(f"quick_check: {problem}")
        exc.sqlite_errorcode = SQLITE_CORRUPT  # type: ignore[attr-defined]
        raise exc


def startup_error(data_dir: Path, exc: BaseException, restore_cmd: str = "onestop restore") -> str:
    """One line for a database the hub cannot open: a damaged one names the newest backup."""
    cause = exc if isinstance(exc, sqlite3.Error) else exc.__cause__
    if not isinstance(cause, sqlite3.Error):
        return str(exc)  # e.g. a newer schema: onestop.hub.db already says what to do
    code = _errorcode(cause)
    if code == SQLITE_FULL:
        return (f"the disk holding {data_dir} is full ({cause}); free some space and start "
                "again")
    if code not in (SQLITE_CORRUPT, SQLITE_NOTADB) and "malformed" not in str(cause):
        return f"cannot open {data_dir / DB_NAME}: {cause}"
    newest = newest_backup(data_dir)
    if newest is not None:
        hint = f"restore the latest backup: {restore_cmd} {newest}"
    else:
        hint = (f"no backup in {backup_dir(data_dir)}; restore a copy with {restore_cmd} FILE, "
                f"or move {DB_NAME} aside to start with an empty database")
    return f"{DB_NAME} is damaged ({cause}); {hint}"
