"""Central's database: one SQLAlchemy Core engine for SQLite and PostgreSQL, and the numbered
schema migrations.

Everything is written as portable SQL through ``sqlalchemy.text()``; the two dialects differ
only in how writers are serialised:

* SQLite has one writer at a time anyway. Writers take a process-level lock (threads of this
  server) and open their transaction with ``BEGIN IMMEDIATE`` (other processes, e.g. a
  ``onestop central enrol`` next to a running server), which waits up to ``busy_timeout``
  instead of failing half-way when a read transaction tries to upgrade.
* PostgreSQL runs batches of different hubs in parallel; the ingest serialises one hub's
  batches with ``SELECT ... FOR UPDATE`` on its ``hubs`` row.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from onestop.errors import CliError

log = logging.getLogger(__name__)

SQLITE_BUSY_MS = 30_000
PG_CONNECT_TIMEOUT_S = 5


class CentralDbError(CliError):
    """The database cannot be used (bad URL, unreachable server, failed migration)."""


# Numbered migrations: each runs in its own transaction and records its number, so a database
# left at any version (or half-way by a crash) moves forward cleanly. Never edit a published
# step; add a new one. Times are ISO 8601 UTC text: portable and ordered as strings.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE hubs (
            hub_id TEXT PRIMARY KEY, ward TEXT NOT NULL, token_hash TEXT UNIQUE,
            enrolled_at TEXT NOT NULL, acked BIGINT NOT NULL DEFAULT 0,
            events BIGINT NOT NULL DEFAULT 0, rejected BIGINT NOT NULL DEFAULT 0,
            last_sync_at TEXT, version TEXT)""",
        """CREATE TABLE enrol_codes (
            code_hash TEXT PRIMARY KEY, ward TEXT NOT NULL, created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL, used_at TEXT, hub_id TEXT)""",
        "CREATE TABLE admin_tokens (token_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
        """CREATE TABLE events (
            hub_id TEXT NOT NULL, seq BIGINT NOT NULL, event_id TEXT, type TEXT, at TEXT,
            event_schema INTEGER, data TEXT NOT NULL, received_at TEXT NOT NULL,
            status TEXT NOT NULL, reason TEXT, PRIMARY KEY (hub_id, seq))""",
        """CREATE TABLE tickets (
            hub_id TEXT NOT NULL, ticket_id TEXT NOT NULL, day TEXT NOT NULL, number TEXT,
            group_id TEXT, service TEXT, kind TEXT, priority TEXT, complexity TEXT,
            status TEXT NOT NULL, issued_at TEXT, queued_at TEXT, called_at TEXT,
            started_at TEXT, finished_at TEXT, counter INTEGER, wait_s DOUBLE PRECISION,
            service_s DOUBLE PRECISION, rating INTEGER, last_seq BIGINT NOT NULL,
            PRIMARY KEY (hub_id, ticket_id))""",
        "CREATE INDEX tickets_day ON tickets (day, hub_id)",
        """CREATE TABLE catalogs (
            version INTEGER PRIMARY KEY, etag TEXT NOT NULL, data TEXT NOT NULL,
            published_at TEXT NOT NULL)""",
    ),
    # Version 2: the per-day projection (backfilled from the tickets already held) and the
    # clock skew of each hub's last batch.
    2: (
        """CREATE TABLE days (
            hub_id TEXT NOT NULL, day TEXT NOT NULL, tickets INTEGER NOT NULL,
            served INTEGER NOT NULL, no_show INTEGER NOT NULL, cancelled INTEGER NOT NULL,
            waiting INTEGER NOT NULL, wait_sum_s DOUBLE PRECISION NOT NULL,
            wait_count INTEGER NOT NULL, rating_sum INTEGER NOT NULL,
            rating_count INTEGER NOT NULL, PRIMARY KEY (hub_id, day))""",
        "ALTER TABLE hubs ADD COLUMN last_skew_s DOUBLE PRECISION",
        "CREATE INDEX events_rejected ON events (hub_id, status)",
    ),
    # Version 3: a code may name one enrolled hub it is allowed to move to its ward
    # (`onestop central enrol --move HUB_ID`); any other code only binds its own ward.
    3: (
        "ALTER TABLE enrol_codes ADD COLUMN moves_hub TEXT",
    ),
    # Version 4: booking (issue 16, docs/booking.md). Each hub's booking key (made at
    # enrolment), its ward identity and hours (from `ward.updated`), slot settings per group,
    # public holidays, per-slot counters (the only place a slot's last place is decided),
    # bookings, and per-phone-hash day counters for the limits (both forgotten after the day).
    4: (
        "ALTER TABLE hubs ADD COLUMN booking_key TEXT",
        """CREATE TABLE wards (
            hub_id TEXT PRIMARY KEY, data TEXT NOT NULL, last_seq BIGINT NOT NULL)""",
        """CREATE TABLE booking_slots (
            hub_id TEXT NOT NULL, group_id TEXT NOT NULL, capacity INTEGER NOT NULL,
            slot_minutes INTEGER NOT NULL, days_ahead INTEGER NOT NULL,
            booked_share DOUBLE PRECISION NOT NULL, updated_at TEXT NOT NULL,
            source TEXT NOT NULL, PRIMARY KEY (hub_id, group_id))""",
        """CREATE TABLE holidays (
            day TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL)""",
        """CREATE TABLE slot_counts (
            hub_id TEXT NOT NULL, group_id TEXT NOT NULL, day TEXT NOT NULL, slot TEXT NOT NULL,
            taken INTEGER NOT NULL, next_serial INTEGER NOT NULL,
            PRIMARY KEY (hub_id, group_id, day, slot))""",
        """CREATE TABLE bookings (
            code TEXT PRIMARY KEY, hub_id TEXT NOT NULL, group_id TEXT NOT NULL,
            day TEXT NOT NULL, slot TEXT NOT NULL, serial INTEGER NOT NULL, phone_hash TEXT,
            status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            UNIQUE (hub_id, group_id, day, slot, serial))""",
        "CREATE INDEX bookings_hub_day ON bookings (hub_id, day)",
        "CREATE INDEX bookings_phone ON bookings (phone_hash, day)",
        """CREATE TABLE booking_holders (
            phone_hash TEXT NOT NULL, day TEXT NOT NULL, held INTEGER NOT NULL,
            PRIMARY KEY (phone_hash, day))""",
        "CREATE TABLE central_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    # Version 5: dossiers, feedback and dialogue (issue 17, docs/central.md). The wards' short
    # codes (unique among wards), the dossiers' public snapshots and their state history (no
    # names, no ID numbers), the inbox the hubs pull (ids given in commit order under a table
    # lock; `personal` marks a feedback item still holding a phone), the city's notices, the
    # wards' recommendations with the city's reply, and the wards' feedback cases (counts).
    5: (
        "ALTER TABLE hubs ADD COLUMN ward_code TEXT",
        """CREATE TABLE dossiers (
            code TEXT PRIMARY KEY, hub_id TEXT NOT NULL, ward_code TEXT NOT NULL,
            check_digits TEXT NOT NULL, service TEXT NOT NULL, group_id TEXT NOT NULL,
            state TEXT NOT NULL, received_at TEXT NOT NULL, due_date TEXT NOT NULL,
            original_due_date TEXT NOT NULL, result_working_days INTEGER NOT NULL,
            paused_working_days INTEGER NOT NULL, official_code TEXT, ready_at TEXT,
            returned_at TEXT, apology_due_date TEXT, changed_at TEXT NOT NULL,
            last_seq BIGINT NOT NULL)""",
        "CREATE INDEX dossiers_hub ON dossiers (hub_id, state)",
        """CREATE TABLE dossier_history (
            hub_id TEXT NOT NULL, seq BIGINT NOT NULL, code TEXT NOT NULL, state TEXT NOT NULL,
            action TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (hub_id, seq))""",
        "CREATE INDEX dossier_history_code ON dossier_history (code, changed_at)",
        """CREATE TABLE inbox (
            id BIGINT PRIMARY KEY, ward TEXT, kind TEXT NOT NULL, at TEXT NOT NULL,
            data TEXT NOT NULL, personal INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX inbox_ward ON inbox (ward, id)",
        """CREATE TABLE notices (
            notice_id INTEGER PRIMARY KEY, title_vi TEXT NOT NULL, body_vi TEXT NOT NULL,
            title_en TEXT NOT NULL, body_en TEXT NOT NULL, ticker INTEGER NOT NULL,
            expires_on TEXT, wards TEXT, published_at TEXT NOT NULL, withdrawn_at TEXT)""",
        """CREATE TABLE recommendations (
            recommendation_id TEXT PRIMARY KEY, hub_id TEXT NOT NULL, ward TEXT NOT NULL,
            subject TEXT NOT NULL, text TEXT NOT NULL, sent_at TEXT NOT NULL,
            received_at TEXT NOT NULL, reply TEXT, replied_at TEXT)""",
        """CREATE TABLE feedback_cases (
            hub_id TEXT NOT NULL, case_id TEXT NOT NULL, source TEXT NOT NULL,
            kind TEXT NOT NULL, state TEXT NOT NULL, opened_at TEXT NOT NULL,
            due_date TEXT NOT NULL, closed_at TEXT, last_seq BIGINT NOT NULL,
            PRIMARY KEY (hub_id, case_id))""",
    ),
}
LATEST = max(MIGRATIONS)

# Recomputes one (hub, day) row of `days` from `tickets`; shared by the ingest and migration 2.
DAY_AGGREGATE = """
    SELECT hub_id, day, count(*),
           coalesce(sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END), 0),
           coalesce(sum(wait_s), 0), count(wait_s), coalesce(sum(rating), 0), count(rating)
    FROM tickets"""
DAY_COLUMNS = ("hub_id, day, tickets, served, no_show, cancelled, waiting, wait_sum_s, "
               "wait_count, rating_sum, rating_count")
_BACKFILL_DAYS = f"INSERT INTO days ({DAY_COLUMNS}) {DAY_AGGREGATE} GROUP BY hub_id, day"


class CentralDb:
    """The engine plus the write discipline of its dialect."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        self._write_lock = threading.Lock() if self.sqlite else contextlib.nullcontext()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (commit on success, rollback on any exception)."""
        with self._write_lock, self.engine.connect() as conn:
            if self.sqlite:
                conn.info["immediate"] = True
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def schema_version(self) -> int:
        with self.read() as conn:
            return _version(conn)

    def migrate(self, target: int = LATEST) -> int:
        """Apply the missing migrations up to `target`; returns the version reached."""
        try:
            with self.write() as conn:
                conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version "
                                  "(version INTEGER NOT NULL)"))
            for number in sorted(MIGRATIONS):
                if number > target:
                    break
                with self.write() as conn:
                    if not self.sqlite:  # two servers starting at once: one migrates
                        conn.execute(text("SELECT pg_advisory_xact_lock(8800)"))
                    if _version(conn) >= number:
                        continue
                    for statement in MIGRATIONS[number]:
                        conn.execute(text(statement))
                    if number == 2:
                        conn.execute(text(_BACKFILL_DAYS))
                    if number == 4:
                        _seed_booking(conn)
                    conn.execute(text("DELETE FROM schema_version"))
                    conn.execute(text("INSERT INTO schema_version VALUES (:v)"), {"v": number})
                    log.info("central database migrated to version %d", number)
            return self.schema_version()
        except DBAPIError as exc:
            raise CentralDbError(f"cannot use database {self.shown_url}: "
                                 f"{_first_line(exc.orig or exc)}") from exc

    @property
    def shown_url(self) -> str:
        return shown_url(self.url)

    def close(self) -> None:
        self.engine.dispose()


def _seed_booking(conn: Connection) -> None:
    """Migration 4's data: the bundled holidays, the salt of phone hashes, and the wards'
    identities from the `ward.updated` events already held (the latest of each hub)."""
    import json
    import secrets

    from onestop.queue.booking_slots import bundled_holidays

    conn.execute(text("INSERT INTO holidays (day, name_vi, name_en) VALUES (:day, :name_vi, "
                      ":name_en)"), bundled_holidays())
    conn.execute(text("INSERT INTO central_secrets (name, value) VALUES ('phone_salt', :v)"),
                 {"v": secrets.token_hex(32)})
    latest = conn.execute(text(
        "SELECT e.hub_id, e.seq, e.data FROM events e JOIN (SELECT hub_id, max(seq) AS seq "
        "FROM events WHERE type = 'ward.updated' AND status = 'stored' GROUP BY hub_id) m "
        "ON e.hub_id = m.hub_id AND e.seq = m.seq")).all()
    for row in latest:
        ward = json.loads(row.data).get("ward")
        if isinstance(ward, dict):
            conn.execute(text("INSERT INTO wards (hub_id, data, last_seq) VALUES (:h, :d, :s)"),
                         {"h": row.hub_id, "d": json.dumps(ward, ensure_ascii=False),
                          "s": row.seq})


def _version(conn: Connection) -> int:
    return int(conn.execute(text("SELECT coalesce(max(version), 0) FROM schema_version"))
               .scalar_one())


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def shown_url(url: str) -> str:
    """The URL with its password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unreadable URL>"


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// mean psycopg 3; sqlite:/// stays. Anything else: refused."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CentralDbError(f"not a database URL: {url!r} (use sqlite:///PATH or "
                             "postgresql://USER:PASSWORD@HOST/DB)") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise CentralDbError(f"unsupported database {backend!r} in {shown_url(url)} "
                             "(use sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB)")
    elif parsed.database in (None, "", ":memory:"):
        raise CentralDbError("an SQLite central database needs a file: sqlite:///PATH")
    return parsed.render_as_string(hide_password=False)


def open_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000,
                                                      "check_same_thread": False})
            _sqlite_setup(engine)
        else:
            # A pool sized for many hubs posting at once; pre-ping survives a PG restart.
            engine = create_engine(url, pool_size=20, max_overflow=40, pool_pre_ping=True,
                                   pool_timeout=30,
                                   connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    except (ArgumentError, NoSuchModuleError) as exc:
        raise CentralDbError(f"cannot open database {shown_url(url)}: {exc}") from exc
    return engine


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # pysqlite's own BEGIN handling off: we emit it
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA synchronous=FULL")  # an acked event survives a power cut
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("immediate", False)
                             else "BEGIN")
