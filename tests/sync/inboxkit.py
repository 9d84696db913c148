"""Helpers of the inbox end-to-end tests (test_inbox_e2e*.py): a real central, real hubs, and
the commands a person types. No tests here."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from onestop.cli import main
from onestop.compose import Hub, build_sync
from onestop.hub import dossiers
from onestop.queue.numbering import service_day
from onestop.queue.operations import IssueRequest
from onestop.sync.pusher import SyncWorker, enrol
from tests.clock import FakeClock
from tests.sync.syncenv import CentralEnv, drain, new_hub

WARD, WARD_CODE = "Phường Cửa Nam", "CUANAM"
OTHER = "Phường Hoàn Kiếm"
PHONE = "0912345678"
ZONE = "Asia/Ho_Chi_Minh"


class City:
    """Central as its operator uses it: `onestop central ...` on the server's database."""

    def __init__(self, env: CentralEnv, db_url: str, folder: Path, capsys) -> None:
        self.env, self.db_url, self.folder, self.capsys = env, db_url, folder, capsys

    def run(self, *args: str) -> str:
        """One command; its standard output (exit code 0 asserted)."""
        self.capsys.readouterr()
        code = main(["central", *args, "--db", self.db_url, "--data", str(self.folder)])
        out = self.capsys.readouterr()
        assert code == 0, out.err
        return out.out

    def close(self) -> None:
        """The commands set up logging to their (captured, soon closed) stderr: a later
        test's log line must not try to write there."""
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_onestop_handler", False)]:
            root.removeHandler(handler)
            handler.close()

    def events(self, kind: str) -> list[dict]:
        """The data of the events of `kind` central holds, in arrival order."""
        with self.env.central.db.read() as conn:
            return [json.loads(d) if isinstance(d, str) else d for (d,) in conn.execute(text(
                "SELECT data FROM events WHERE type = :t ORDER BY hub_id, seq"),
                {"t": kind})]

    def phones_held(self, phone: str = PHONE) -> int:
        """Rows anywhere in central's database that hold the phone number."""
        found = 0
        with self.env.central.db.read() as conn:
            for table in inspect(conn).get_table_names():
                for row in conn.execute(text(f"SELECT * FROM {table}")):
                    found += any(phone in str(v) for v in row)
        return found


def ward_hub(folder: Path, env: CentralEnv, url: str | None = None) -> Hub:
    """A fresh hub (its ward: the bundled Phường Cửa Nam, code CUANAM) enrolled as `onestop
    sync enrol` does it, with the hub's own ward code. Its clock starts at the real moment:
    central (its server and its commands) runs on the real clock, and both must agree on what
    "today" and "yesterday" are for a notice's expiry."""
    hub = new_hub(folder, FakeClock(datetime.now(UTC)))
    assert (hub.ward()["name_vi"], hub.ward()["ward_code"]) == (WARD, WARD_CODE)
    enrol(hub.outbox, url or env.url, env.code(WARD), clock=hub.store.clock,
          ward_code=hub.ward()["ward_code"])
    return hub


def pull(hub: Hub) -> int:
    """What `onestop sync inbox` does (commands/sync.py `_inbox`)."""
    return build_sync(hub).inbox.pull(hub.outbox.link())


def push(hub: Hub) -> None:
    """Send every pending event (the outbox pusher only: no inbox pull after it)."""
    drain(SyncWorker(hub.outbox, clock=hub.store.clock, timeout=5.0))


def record_dossier(hub: Hub, counter: int = 1) -> tuple[str, str]:
    """A counter serves a citizen who submits a certified copy and records the dossier (the
    hub's register, as the counter window does); (code, check digits) from the receipt."""
    store = hub.store
    store.set_counter_status(counter, "open")
    store.issue(IssueRequest("2.000815", "submit", 1, None))
    ticket = store.call_next(counter)
    row = dossiers.receive(store, ticket.id, counter, hub.ward()["ward_code"])
    return row["code"], row["check_digits"]


def hub_rows_holding(hub: Hub, needle: str) -> list[str]:
    """The hub tables with a row that holds `needle` anywhere."""
    found = []
    with hub.store.reading() as db:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                if any(needle in str(v) for v in row):
                    found.append(table)
                    break
    return found


def count(hub: Hub, sql: str, *args) -> int:
    with hub.store.reading() as db:
        return db.execute(sql, list(args)).fetchone()[0]


def hub_events(hub: Hub, kind: str) -> list[dict]:
    with hub.store.reading() as db:
        return [json.loads(d) for (d,) in db.execute(
            "SELECT data FROM events WHERE type = ? ORDER BY seq", [kind])]


def hub_today(hub: Hub) -> date:
    return service_day(hub.store.clock(), ZONE)
