"""Numbered migrations: from an empty file, from a version-1 database with data, and refusals."""

from __future__ import annotations

import sqlite3

import pytest
from hubfakes import open_store

from onestop.hub import db as hubdb
from onestop.queue.operations import IssueRequest


def test_empty_file_migrates_to_latest(tmp_path):
    db = hubdb.connect(tmp_path / "new.db")
    assert hubdb.schema_version(db) == 0
    assert hubdb.migrate(db) == hubdb.LATEST
    assert {"tickets", "events", "counters", "idempotency_keys", "service_stats"} <= set(
        db.table_names())


def test_version_one_database_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = hubdb.connect(path)
    hubdb.migrate(old, up_to=1)
    assert hubdb.schema_version(old) == 1 and "idempotency_keys" not in old.table_names()
    old.execute("INSERT INTO meta (key, value) VALUES ('hub_id', 'abc123')")
    old.execute("INSERT INTO tickets (id, token, day, issued_group, seq, number, group_id, "
                "service, kind, count, complexity, expected_minutes, channel, status, "
                "issued_at, queued_at) VALUES ('t1', 'tok', '2026-11-20', 'certification', 1, "
                "'A001', 'certification', '2.000815', 'submit', 1, 'quick', 4, 'walk_in', "
                "'done', '2026-11-20T01:00:00+00:00', '2026-11-20T01:00:00+00:00')")
    old.execute("INSERT INTO events (seq, id, type, at, schema, data) VALUES "
                "(1, 'e1', 'ticket.issued', '2026-11-20T01:00:00+00:00', 1, '{}')")
    old.conn.close()

    store = open_store(path)  # opening migrates
    assert hubdb.schema_version(store.db) == hubdb.LATEST
    assert store.hub_id == "abc123"
    assert store.ticket("t1").number == "A001"
    assert store.last_event_seq() >= 1
    store.set_counter_status(1, "open")
    assert store.issue(IssueRequest("2.000815"), idempotency_key="k").ticket.number == "A001"


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    db = hubdb.connect(tmp_path / "x.db")
    hubdb.migrate(db, up_to=1)

    def broken(d):
        d.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(hubdb, "MIGRATIONS", [hubdb.MIGRATIONS[0], broken])
    with pytest.raises(RuntimeError):
        hubdb.migrate(db)
    assert hubdb.schema_version(db) == 1 and "half_done" not in db.table_names()


def test_newer_schema_and_non_database_are_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={hubdb.LATEST + 1}")
    conn.close()
    with pytest.raises(hubdb.DatabaseError, match="newer"):
        hubdb.migrate(hubdb.connect(path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(hubdb.DatabaseError, match="not a usable onestop database"):
        hubdb.connect(junk)


def test_version_four_database_keeps_its_officers_and_stations(tmp_path):
    """Migration 5 (administration) adds columns and tables around existing staff rows."""
    path = tmp_path / "v4.db"
    old = hubdb.connect(path)
    hubdb.migrate(old, up_to=4)
    old.execute("INSERT INTO officers (username, display_name, pin_hash, created_at) VALUES "
                "('lan', 'Nguyễn Thị Lan', 'scrypt$00$00', '2026-11-20T01:00:00+00:00')")
    old.execute("INSERT INTO stations (id, name, role, token_hash, created_at) VALUES "
                "('s1', 'reception', 'reception', 'h', '2026-11-20T01:00:00+00:00')")
    old.conn.close()
    store = open_store(path)
    assert hubdb.schema_version(store.db) == hubdb.LATEST
    row = store.db.execute("SELECT display_name, active, last_sign_in_at FROM officers").fetchone()
    assert row == ("Nguyễn Thị Lan", 1, None)
    assert store.db.execute("SELECT last_seen_at FROM stations").fetchone() == (None,)
    assert store.disabled_services == frozenset() and store.catalog_edits() == {}
