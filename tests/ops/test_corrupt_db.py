"""A damaged hub.db at start-up: one line naming the restore command and the newest backup,
exit 2, never a traceback; whatever the damage (not a database, truncated, garbage inside)."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from onestop.hub.backup import check_at_start, daily_backup, startup_error
from onestop.hub.db import LATEST, DatabaseError
from onestop.serving import free_port
from tests.ops.opsenv import one_line, onestop, overwrite_middle, seeded_db


def _damage(db, how: str) -> None:
    if how == "random bytes":
        db.write_bytes(os.urandom(64 * 1024))
    elif how == "truncated":
        with db.open("r+b") as f:
            f.truncate(db.stat().st_size // 2)
    else:
        overwrite_middle(db)


@pytest.mark.parametrize("how", ["random bytes", "truncated", "garbage in the middle"])
def test_hub_on_damaged_db_names_newest_backup(tmp_data, how):
    db = seeded_db(tmp_data, tickets=300)  # enough pages for damage in the middle to matter
    import datetime as dt

    newest = daily_backup(tmp_data, dt.date(2026, 11, 24), keep=14)
    daily_backup(tmp_data, dt.date(2026, 11, 20), keep=14)
    _damage(db, how)
    run = onestop("hub", "--port", str(free_port()), data=tmp_data)
    assert run.returncode == 2
    line = one_line(run.stderr)
    assert line.startswith("onestop: hub.db is damaged (")
    assert line.endswith(f"restore the latest backup: onestop restore {newest}")


def test_single_pc_mode_on_damaged_db(tmp_data):
    (tmp_data / "hub.db").write_bytes(b"not a database at all" * 100)
    run = onestop(data=tmp_data, env={"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ""})
    assert run.returncode == 2
    line = one_line(run.stderr)
    assert "hub.db is damaged (file is not a database)" in line
    assert "no backup in" in line and "onestop restore FILE" in line


def test_token_create_on_damaged_db(tmp_data):
    (tmp_data / "hub.db").write_bytes(os.urandom(8192))
    run = onestop("token", "create", "--role", "display", data=tmp_data)
    assert run.returncode == 2
    assert "hub.db is damaged" in one_line(run.stderr)


def test_quick_check_finds_what_opening_does_not(tmp_path):
    db = seeded_db(tmp_path, tickets=300)
    overwrite_middle(db)
    conn = sqlite3.connect(db)  # opening and reading the header still work
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.close()
    with pytest.raises(sqlite3.DatabaseError) as caught:
        check_at_start(db)
    assert "hub.db is damaged (quick_check:" in startup_error(tmp_path, caught.value)


def test_other_open_errors_are_not_called_damage(tmp_path):
    newer = DatabaseError("database schema 9 is newer than this onestop understands (4); "
                          "update onestop")
    assert startup_error(tmp_path, newer) == str(newer)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert "is full" in startup_error(tmp_path, full)
    assert "damaged" not in startup_error(tmp_path, full)


def test_newer_schema_at_start_keeps_its_message(tmp_data):
    db = seeded_db(tmp_data)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={LATEST + 1}")
    conn.close()
    run = onestop("hub", "--port", str(free_port()), data=tmp_data)
    assert run.returncode == 2
    assert "newer than this onestop understands" in one_line(run.stderr)
    shutil.rmtree(tmp_data / "backups", ignore_errors=True)
