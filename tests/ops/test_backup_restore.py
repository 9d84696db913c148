"""Backups (daily and `onestop backup`) and `onestop restore` with its refusals, on real files,
a real hub on loopback and the real CLI."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from onestop.compose import build_hub
from onestop.hub import db as hubdb
from onestop.hub.backup import DailyBackup, backups, daily_backup, inspect, start_daily_backup
from onestop.settings import Settings
from tests.ops.opsenv import ROOT, one_line, onestop, overwrite_middle, seeded_db

DAY = dt.date(2026, 11, 24)


def test_daily_backup_once_a_day_and_keeps_the_newest(tmp_path):
    seeded_db(tmp_path)
    for n in range(1, 6):
        assert daily_backup(tmp_path, DAY - dt.timedelta(days=n), keep=3) is not None
    made = daily_backup(tmp_path, DAY, keep=3)
    assert made is not None and made.name == "hub-2026-11-24.db"
    assert daily_backup(tmp_path, DAY, keep=3) is None  # today's exists: nothing to do
    assert [p.name for p in backups(tmp_path)] == [
        "hub-2026-11-22.db", "hub-2026-11-23.db", "hub-2026-11-24.db"]
    assert inspect(made).last_seq > 0
    # A self-contained file: no -wal needed beside it.
    assert sqlite3.connect(made).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_daily_backup_thread_of_a_running_hub(live_hub):
    worker = start_daily_backup(live_hub.hub)
    worker.stop()  # the first backup is taken at start, before the thread first waits
    (made,) = backups(live_hub.hub.settings.data_dir)
    assert inspect(made).hub_id == live_hub.hub.store.hub_id


def test_failed_daily_backup_keeps_older_ones(tmp_path):
    db = seeded_db(tmp_path)
    daily_backup(tmp_path, DAY - dt.timedelta(days=1), keep=1)
    overwrite_middle(db)  # damaged: its copy fails integrity_check and is not kept
    worker = DailyBackup(tmp_path, "Asia/Ho_Chi_Minh", 1,
                         lambda: dt.datetime(2026, 11, 24, 3, tzinfo=dt.UTC))
    assert worker.run_once() is None
    assert [p.name for p in backups(tmp_path)] == ["hub-2026-11-23.db"]
    assert not list((tmp_path / "backups").glob("*.part"))


def test_backup_command_while_the_hub_issues(live_hub, tmp_path):
    data = live_hub.hub.settings.data_dir
    with live_hub.client("reception") as c:
        service = c.get("/api/catalog").json()["services"][0]["code"]
        for _ in range(3):
            assert c.post("/api/tickets", json={"service": service, "kind": "submit"}
                          ).status_code == 201
        out = tmp_path / "copy.db"
        run = onestop("backup", "--out", str(out), data=data)
        assert c.post("/api/tickets", json={"service": service, "kind": "submit"}
                      ).status_code == 201  # the hub was never stopped
    assert run.returncode == 0, run.stderr
    line = one_line(run.stdout)
    assert line.startswith(f"onestop: backup of hub {live_hub.hub.store.hub_id[:8]} written to")
    assert inspect(out).last_seq >= 3


def test_restore_refuses_bad_files_in_one_line(tmp_data, tmp_path):
    seeded_db(tmp_data)
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    no_id = tmp_path / "noid.db"
    conn = sqlite3.connect(no_id)
    conn.executescript("CREATE TABLE meta (key, value); CREATE TABLE events (seq)")
    conn.close()
    damaged = seeded_db(tmp_path / "damaged", tickets=300)
    overwrite_middle(damaged)
    newer = seeded_db(tmp_path / "newer")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version={hubdb.LATEST + 1}")
    conn.close()
    cases = {junk: "not a SQLite database", other: "no meta/events tables",
             no_id: "no hub id", damaged: "the database is damaged",
             newer: "is newer than this onestop", tmp_path / "missing.db": "no such file"}
    before = (tmp_data / "hub.db").read_bytes()
    for path, why in cases.items():
        run = onestop("restore", str(path), "--yes", data=tmp_data)
        assert run.returncode == 2, (path, run.stdout)
        assert why in one_line(run.stderr), path
    assert (tmp_data / "hub.db").read_bytes() == before
    assert not list(tmp_data.glob("hub.db.before-restore-*"))


def test_restore_refuses_while_a_hub_runs(live_hub, tmp_path):
    copy = tmp_path / "copy.db"
    assert onestop("backup", "--out", str(copy),
                   data=live_hub.hub.settings.data_dir).returncode == 0
    run = onestop("restore", str(copy), "--yes", data=live_hub.hub.settings.data_dir)
    assert run.returncode == 2
    assert "a hub is running on" in one_line(run.stderr)


def test_restore_asks_unless_yes(tmp_data, tmp_path):
    seeded_db(tmp_data)
    copy = tmp_path / "copy.db"
    assert onestop("backup", "--out", str(copy), data=tmp_data).returncode == 0
    run = onestop("restore", str(copy), data=tmp_data)  # stdin is not a terminal
    assert run.returncode == 2
    assert "--yes" in one_line(run.stderr)


CRASHING_HUB = """
import os, sys
from onestop.compose import build_hub
from onestop.queue.operations import IssueRequest
from onestop.settings import Settings
from pathlib import Path
hub = build_hub(Settings(data_dir=Path(sys.argv[1])))
for _ in range(3):
    hub.store.issue(IssueRequest(hub.store.catalog.services[0].code, "submit"))
last = hub.store.last_event_seq()
with hub.store.write() as db:  # central acknowledged everything
    db.execute("UPDATE sync_state SET acked_seq = ?, central_token = 't', "
               "central_url = 'http://central' WHERE id = 1", [last])
print(last, flush=True)
os._exit(0)  # a power cut: hub.db-wal still holds these commits
"""


def test_restore_brings_back_the_copy_and_keeps_the_current_one(tmp_data, tmp_path):
    seeded_db(tmp_data, tickets=4)
    copy = tmp_path / "copy.db"
    assert onestop("backup", "--out", str(copy), data=tmp_data).returncode == 0
    saved = inspect(copy)
    crash = subprocess.run([sys.executable, "-c", CRASHING_HUB, str(tmp_data)], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    later = int(crash.stdout)
    assert (tmp_data / "hub.db-wal").stat().st_size > 0
    run = onestop("restore", str(copy), "--yes", data=tmp_data)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert out[0].startswith(f"onestop: restored hub {saved.hub_id[:8]} from {copy}: events up "
                             f"to {saved.last_seq}, last ticket day {saved.last_day}")
    assert "kept as" in out[1]
    assert f"central already holds events up to {later}" in run.stderr
    assert "Enrol this hub again" in run.stderr
    assert not (tmp_data / "hub.db-wal").exists()
    kept = next(tmp_data.glob("hub.db.before-restore-*[0-9]"))
    assert Path(f"{kept}-wal").exists()  # moved with its file: nothing of the old one is lost
    assert inspect(kept).last_seq == later
    again = build_hub(Settings(data_dir=tmp_data))
    assert again.store.last_event_seq() == saved.last_seq
    again.close()


def test_restore_of_an_older_schema_says_it_is_migrated(tmp_data, tmp_path):
    old = tmp_path / "old.db"
    db = hubdb.connect(old)
    hubdb.migrate(db, up_to=3)
    db.execute("INSERT INTO meta (key, value) VALUES ('hub_id', 'abcdef0123456789')")
    db.conn.close()
    run = onestop("restore", str(old), "--yes", data=tmp_data)
    assert run.returncode == 0, run.stderr
    assert f"schema 3 is migrated to {hubdb.LATEST} at the next start" in run.stdout
    hub = build_hub(Settings(data_dir=tmp_data))
    assert hub.store.hub_id == "abcdef0123456789"
    assert hubdb.schema_version(hub.store.db) == hubdb.LATEST
    hub.close()
