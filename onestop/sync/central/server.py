"""Composing central: the database and the services over it (build_central), and
CentralServer, uvicorn in a thread, for `onestop central` (onestop/commands/central.py), the
tests and the benchmarks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from onestop.serving import ThreadedServer, free_port
from onestop.settings import Settings

from .auth import CentralAuth
from .bookings import Bookings
from .catalogs import Catalogs
from .db import CentralDb
from .dossiers import Dossiers
from .inbox import Inbox
from .ingest import Ingest
from .views import Views

log = logging.getLogger(__name__)

DB_FILE = "central.db"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Central:
    """Everything one central process holds: the database and the services over it."""

    db: CentralDb
    clock: Callable[[], datetime]
    timezone: ZoneInfo
    auth: CentralAuth
    ingest: Ingest
    catalogs: Catalogs
    views: Views
    bookings: Bookings | None = None
    dossiers: Dossiers | None = None
    inbox: Inbox | None = None
    # Public booking calls per client address: (requests, per seconds); a bench raises it.
    booking_rate: tuple[int, float] = (20, 60.0)
    # Public dossier lookups (page and API together) and feedback sent, per client address.
    lookup_rate: tuple[int, float] = (30, 60.0)
    feedback_rate: tuple[int, float] = (5, 600.0)

    def today(self) -> date:
        """The centre day now (tickets carry their own day, counted in the same zone)."""
        return self.clock().astimezone(self.timezone).date()

    def close(self) -> None:
        self.db.close()


def build_central(db_url: str, clock: Callable[[], datetime] = utc_now,
                  timezone: str = "Asia/Ho_Chi_Minh") -> Central:
    """Open (and migrate) the database and compose central; CentralDbError (a CliError) when
    the URL is bad or the database unreachable."""
    db = CentralDb(db_url)
    try:
        db.migrate()
    except Exception:
        db.close()
        raise
    central = Central(db=db, clock=clock, timezone=ZoneInfo(timezone),
                      auth=CentralAuth(db, clock), ingest=Ingest(db, clock),
                      catalogs=Catalogs(db, clock), views=Views(db, clock))
    central.bookings = Bookings(central)
    central.ingest.bookings = central.bookings
    central.dossiers, central.inbox = Dossiers(central), Inbox(central)
    central.bookings.purge()
    return central


def default_db_url(settings: Settings) -> str:
    return f"sqlite:///{settings.data_dir / DB_FILE}"


class CentralServer(ThreadedServer):
    """uvicorn serving a composed central (HTTPS when given a certificate and key)."""

    def __init__(self, central: Central, host: str = "127.0.0.1", port: int = 0, *,
                 tls_cert: str | None = None, tls_key: str | None = None) -> None:
        from .app import create_app

        self.central = central
        super().__init__(create_app(central), host, port or free_port(host),
                         name="central server", scheme="https" if tls_cert else "http",
                         ssl_certfile=tls_cert, ssl_keyfile=tls_key)
