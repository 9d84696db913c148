"""Opening the hub database and migrating it.

WAL so readers never block the writer, `synchronous=FULL` so a committed ticket survives a
power cut (it is committed before it is printed), and a busy timeout so several processes
can share the file. Migrations are numbered; `PRAGMA user_version` records the last applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


class DatabaseError(Exception):
    """The database file cannot be used (corrupt, newer schema, unreadable)."""


def _run(db: sqlite_utils.Database, script: str) -> None:
    # Not executescript(): sqlite3 commits any open transaction before a script, which would
    # make a half-applied migration permanent.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_core(db: sqlite_utils.Database) -> None:
    _run(db, """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE catalog (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE counters (
        number INTEGER PRIMARY KEY, label_vi TEXT NOT NULL, label_en TEXT NOT NULL,
        skills TEXT NOT NULL, fast_lane INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'closed', officer TEXT, current TEXT,
        priority_streak INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE day_sequences (
        day TEXT NOT NULL, group_id TEXT NOT NULL, last_seq INTEGER NOT NULL,
        PRIMARY KEY (day, group_id));
    CREATE TABLE tickets (
        id TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, day TEXT NOT NULL,
        issued_group TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT NOT NULL,
        group_id TEXT NOT NULL, service TEXT NOT NULL, kind TEXT NOT NULL,
        count INTEGER NOT NULL, priority TEXT, complexity TEXT NOT NULL,
        expected_minutes REAL NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL,
        issued_at TEXT NOT NULL, queued_at TEXT NOT NULL, called_at TEXT, started_at TEXT,
        finished_at TEXT, counter INTEGER, officer TEXT, recalls INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0, assigned_counter INTEGER, outcome TEXT,
        rating INTEGER, rating_comment TEXT,
        UNIQUE (day, issued_group, seq));
    CREATE INDEX tickets_by_status ON tickets (status, group_id, issued_at);
    CREATE INDEX tickets_by_day ON tickets (day);
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
        at TEXT NOT NULL, schema INTEGER NOT NULL, data TEXT NOT NULL);
    """)


def _m002_idempotency_and_stats(db: sqlite_utils.Database) -> None:
    _run(db, """
    CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES tickets(id),
        request_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE service_stats (
        service TEXT NOT NULL, kind TEXT NOT NULL, samples INTEGER NOT NULL,
        total_minutes REAL NOT NULL, PRIMARY KEY (service, kind));
    CREATE INDEX tickets_assigned ON tickets (assigned_counter)
        WHERE assigned_counter IS NOT NULL;
    """)


def _m003_stations_and_staff(db: sqlite_utils.Database) -> None:
    _run(db, """
    CREATE TABLE stations (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, counter INTEGER,
        token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);
    CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY, role TEXT NOT NULL, counter INTEGER,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT);
    CREATE TABLE officers (
        username TEXT PRIMARY KEY, display_name TEXT NOT NULL, pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
    CREATE TABLE command_log (
        key TEXT PRIMARY KEY, station TEXT NOT NULL, response TEXT NOT NULL,
        created_at TEXT NOT NULL);
    """)


def _m004_sync(db: sqlite_utils.Database) -> None:
    # The outbox is the events table itself; sync only needs the acknowledged cursor (one row,
    # updated in the same transaction as the parked rejections), the central link and the
    # catalogue's ETag.
    _run(db, """
    CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1), acked_seq INTEGER NOT NULL DEFAULT 0,
        central_url TEXT, central_token TEXT, ca_file TEXT, ward TEXT, enrolled_at TEXT,
        needs_enrolment INTEGER NOT NULL DEFAULT 0, last_attempt TEXT, last_success TEXT,
        last_error TEXT, last_error_at TEXT, skew_s REAL,
        catalog_etag TEXT, catalog_checked_at TEXT);
    INSERT INTO sync_state (id) VALUES (1);
    CREATE TABLE sync_rejected (
        seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, reason TEXT NOT NULL,
        parked_at TEXT NOT NULL)
    """)


def _m005_administration(db: sqlite_utils.Database) -> None:
    # Administration (docs/administration.md): when an officer last signed in and a station was
    # last seen (for the admin's lists), the ward's identity as the admin set it (one JSON row:
    # absent means "not configured yet", the first-run set-up's cue), and per-service local
    # edits of the catalogue, kept apart from the catalogue itself so that a catalogue pulled
    # from central replaces the base and the ward's edits are laid over it again.
    _run(db, """
    ALTER TABLE officers ADD COLUMN last_sign_in_at TEXT;
    ALTER TABLE stations ADD COLUMN last_seen_at TEXT;
    CREATE TABLE ward (
        id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE catalog_edits (
        code TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL)
    """)


def _m006_bookings(db: sqlite_utils.Database) -> None:
    # Booked numbers (issue 16, docs/booking.md): the ward's booking key from enrolment (the
    # hub verifies codes with it offline) and the pulled bookings' ETag; the bookings the hub
    # knows, pulled from central or first seen as a code at check-in, each used at most once
    # (one row per (day, group, slot, serial) and per ticket); the ward's slot settings.
    _run(db, """
    ALTER TABLE sync_state ADD COLUMN booking_key TEXT;
    ALTER TABLE sync_state ADD COLUMN bookings_etag TEXT;
    ALTER TABLE sync_state ADD COLUMN bookings_pulled_at TEXT;
    CREATE TABLE bookings (
        code TEXT PRIMARY KEY, group_id TEXT NOT NULL, day TEXT NOT NULL, slot TEXT NOT NULL,
        serial INTEGER NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL,
        slot_at TEXT NOT NULL, late_at TEXT NOT NULL, ticket_id TEXT UNIQUE REFERENCES tickets(id),
        checked_in_at TEXT, released_at TEXT, updated_at TEXT NOT NULL,
        UNIQUE (day, group_id, slot, serial));
    CREATE INDEX bookings_due ON bookings (status, late_at);
    CREATE INDEX bookings_by_day ON bookings (day, slot);
    CREATE TABLE booking_slots (
        group_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL)
    """)


def _m007_dossiers(db: sqlite_utils.Database) -> None:
    # The dossier register (issue 17, docs/dossiers.md): one row per dossier received at a
    # counter, no citizen's name, ID number or phone; each state change in `dossier_history`
    # (who acted is in the event log). The ward's working-day calendar: the city's holidays
    # (origin 'city', replaced whole when central publishes a calendar) and the ward's own
    # days (origin 'ward'), seeded with the bundled calendar.
    _run(db, """
    CREATE TABLE dossiers (
        code TEXT PRIMARY KEY, check_digits TEXT NOT NULL, ward_code TEXT NOT NULL,
        day TEXT NOT NULL, seq INTEGER NOT NULL, ticket_id TEXT UNIQUE REFERENCES tickets(id),
        service TEXT NOT NULL, group_id TEXT NOT NULL, state TEXT NOT NULL,
        received_at TEXT NOT NULL, result_working_days INTEGER NOT NULL,
        original_due_date TEXT NOT NULL, due_date TEXT NOT NULL,
        paused_working_days INTEGER NOT NULL DEFAULT 0, paused_at TEXT, official_code TEXT,
        ready_at TEXT, returned_at TEXT, closed_at TEXT, apology_due_date TEXT,
        changed_at TEXT NOT NULL, UNIQUE (ward_code, day, seq));
    CREATE INDEX dossiers_open ON dossiers (state, due_date);
    CREATE TABLE dossier_history (
        id INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES dossiers(code),
        action TEXT NOT NULL, state TEXT NOT NULL, at TEXT NOT NULL, reason TEXT,
        due_date TEXT NOT NULL);
    CREATE INDEX dossier_history_by_code ON dossier_history (code, id);
    CREATE TABLE holidays (
        day TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('city', 'ward')), updated_at TEXT NOT NULL)
    """)
    _dossier_collect(db)
    from onestop.queue.booking_slots import bundled_holidays

    for h in bundled_holidays():
        db.execute("INSERT INTO holidays (day, name_vi, name_en, origin, updated_at) "
                   "VALUES (?, ?, ?, 'city', '')", [h["day"], h["name_vi"], h["name_en"]])


def _m008_feedback(db: sqlite_utils.Database) -> None:
    # Feedback and dialogue with the city (issue 17 parts 6-7, docs/feedback.md): citizens'
    # cases with their history (the phone is erased when a case closes, texts are blanked a
    # year after), the city's notices and the ward's recommendations with the city's reply,
    # both brought by the inbox pull, whose cursor sits in sync_state next to the outbox's.
    _run(db, """
    CREATE TABLE feedback_cases (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, text TEXT,
        phone TEXT, want_reply INTEGER NOT NULL DEFAULT 0, ticket_id TEXT, dossier_code TEXT,
        central_id TEXT UNIQUE, state TEXT NOT NULL, owner TEXT, due_date TEXT NOT NULL,
        opened_at TEXT NOT NULL, closed_at TEXT, resolution TEXT, updated_at TEXT NOT NULL);
    CREATE INDEX feedback_cases_by_state ON feedback_cases (state, due_date);
    CREATE INDEX feedback_cases_by_ticket ON feedback_cases (ticket_id);
    CREATE TABLE feedback_notes (
        id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES feedback_cases(id),
        at TEXT NOT NULL, officer TEXT, action TEXT NOT NULL, note TEXT);
    CREATE INDEX feedback_notes_by_case ON feedback_notes (case_id, id);
    CREATE TABLE city_notices (
        notice_id TEXT PRIMARY KEY, title_vi TEXT NOT NULL, body_vi TEXT NOT NULL,
        title_en TEXT NOT NULL, body_en TEXT NOT NULL, ticker INTEGER NOT NULL DEFAULT 0,
        expires_on TEXT, published_at TEXT, received_at TEXT NOT NULL);
    CREATE TABLE recommendations (
        id TEXT PRIMARY KEY, subject TEXT NOT NULL, text TEXT NOT NULL, sent_at TEXT NOT NULL,
        officer TEXT, event_seq INTEGER NOT NULL, reply_text TEXT, replied_at TEXT);
    ALTER TABLE sync_state ADD COLUMN inbox_after INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sync_state ADD COLUMN inbox_pulled_at TEXT
    """)


def _m009_guide_unanswered(db: sqlite_utils.Database) -> None:
    # Hỏi thủ tục (docs/guide.md): the questions the assistant could not answer, folded text
    # only (no address, no station, no time of day), with how often and the last local day
    # asked, so the centre can add phrasings. At most 1,000 rows, the rarest go first
    # (docs/security.md §7).
    _run(db, """
    CREATE TABLE guide_unanswered (
        question TEXT PRIMARY KEY, count INTEGER NOT NULL, first_day TEXT NOT NULL,
        last_day TEXT NOT NULL);
    CREATE INDEX guide_unanswered_top ON guide_unanswered (count DESC, last_day DESC)
    """)


def _dossier_collect(db: sqlite_utils.Database) -> None:
    # Part of migration 7 (boards branch): the "Nhận kết quả" ticket issued for a dossier at
    # reception, so the counter shows the code and Done returns the dossier (one row a ticket).
    _run(db, """
    CREATE TABLE dossier_collect (
        ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
        code TEXT NOT NULL REFERENCES dossiers(code), issued_at TEXT NOT NULL);
    CREATE INDEX dossier_collect_by_code ON dossier_collect (code)
    """)


MIGRATIONS: list[Migration] = [_m001_core, _m002_idempotency_and_stats,
                               _m003_stations_and_staff, _m004_sync, _m005_administration,
                               _m006_bookings, _m007_dossiers, _m008_feedback,
                               _m009_guide_unanswered]
LATEST = len(MIGRATIONS)


def connect(path: Path | str) -> sqlite_utils.Database:
    """A connection in autocommit mode: transactions are always explicit (see store.write)."""
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        schema_version(db)  # reads the header: a file that is not a database fails here
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{path}: not a usable onestop database ({exc})") from exc
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, up_to: int = LATEST) -> int:
    """Apply the missing migrations, each in its own transaction with its version bump.

    Returns the version reached. A database from a newer onestop is refused, not touched."""
    current = schema_version(db)
    if current > LATEST:
        raise DatabaseError(
            f"database schema {current} is newer than this onestop understands ({LATEST}); "
            "update onestop")
    for version in range(current + 1, up_to + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            with db.atomic():
                MIGRATIONS[version - 1](db)
                db.execute(f"PRAGMA user_version={version}")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    return max(current, up_to)
