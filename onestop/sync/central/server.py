"""Composing and running central: `onestop central` (serve), `central enrol`, `central token`
and `central catalog`. CentralServer runs uvicorn in a thread for tests and benchmarks."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from onestop.errors import CliError
from onestop.serving import ThreadedServer, free_port, port_free
from onestop.settings import Settings

from .auth import CODE_DAYS, CentralAuth
from .catalogs import Catalogs
from .db import CentralDb, shown_url
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
    return Central(db=db, clock=clock, timezone=ZoneInfo(timezone),
                   auth=CentralAuth(db, clock), ingest=Ingest(db, clock),
                   catalogs=Catalogs(db, clock), views=Views(db, clock))


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


# --- CLI handlers (wired in onestop/cli.py COMMANDS) ----------------------------------------

def _open(args: argparse.Namespace, settings: Settings) -> Central:
    from onestop.oslayer.file_modes import make_private, secure_folder

    url = getattr(args, "db", None) or default_db_url(settings)
    if not url.startswith("sqlite"):
        return build_central(url, timezone=settings.timezone)
    secure_folder(settings.data_dir)  # umask 077: central.db and its WAL/SHM are 0600
    central = build_central(url, timezone=settings.timezone)
    path = Path(url.split(":///", 1)[-1])
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        make_private(name)  # also a database made by an older onestop
    return central


def _logging(settings: Settings) -> None:
    from onestop.logging_setup import configure_logging

    try:
        configure_logging(settings)
    except OSError as exc:
        raise CliError(f"cannot use data folder {settings.data_dir}: "
                       f"{exc.strerror or exc}") from exc


def run_central(args: argparse.Namespace, settings: Settings) -> int:
    _logging(settings)
    host = getattr(args, "host", None) or "127.0.0.1"
    port = getattr(args, "port", None) or settings.central_port
    if not port_free(host, port):
        raise CliError(f"port {port} on {host} is in use (another central?); choose --port")
    cert, key = getattr(args, "tls_cert", None), getattr(args, "tls_key", None)
    if bool(cert) != bool(key):
        raise CliError("HTTPS needs both --tls-cert and --tls-key")
    for path in (cert, key):
        if path and not Path(path).is_file():
            raise CliError(f"no such file: {path}")
    central = _open(args, settings)
    server = CentralServer(central, host, port, tls_cert=cert, tls_key=key)
    print(f"onestop central on {server.url} (database {central.db.shown_url})", flush=True)
    print(f"  dashboard: {server.url}/dashboard?token=<admin token>  "
          "(onestop central token)", flush=True)
    print("  enrol a ward's hub: onestop central enrol --name \"Phường ...\"", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    central.close()
    print("onestop central: stopped", file=sys.stderr)
    return 0


def central_enrol(args: argparse.Namespace, settings: Settings) -> int:
    name = (args.name or "").strip()
    if not name:
        raise CliError("--name needs the ward's name, e.g. --name \"Phường Cửa Nam\"")
    move = (getattr(args, "move", None) or "").strip() or None
    _logging(settings)
    central = _open(args, settings)
    try:
        code = central.auth.create_enrol_code(name, moves_hub=move)
    finally:
        central.close()
    print(code)
    print(f"One-time enrolment code for {name}, valid {CODE_DAYS} days "
          f"(database {shown_url(central.db.url)}).", file=sys.stderr)
    if move:
        print(f"It may move hub {move} from its current ward to {name}, with its history.",
              file=sys.stderr)
    print("Next: on the ward's hub PC, enter this code with the central server's address "
          "(settings \"central_url\").", file=sys.stderr)
    return 0


def central_token(args: argparse.Namespace, settings: Settings) -> int:
    _logging(settings)
    central = _open(args, settings)
    try:
        token = central.auth.create_admin_token()
    finally:
        central.close()
    print(token)
    print("Admin token for /api/hubs and the dashboard (/dashboard?token=...); shown once.",
          file=sys.stderr)
    return 0


def central_catalog(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.queue.catalog import CatalogError, load_catalog_file

    try:
        catalog = load_catalog_file(args.file)
    except CatalogError as exc:
        raise CliError(f"catalogue refused, the published one stays: {exc}") from exc
    _logging(settings)
    central = _open(args, settings)
    try:
        published = central.catalogs.publish(catalog.to_dict(), str(args.file))
    except CatalogError as exc:
        raise CliError(f"catalogue refused, the published one stays: {exc}") from exc
    finally:
        central.close()
    print(f"catalogue {catalog.version} published as version {published.version} "
          f"({len(catalog.services)} services, ETag {published.etag})")
    return 0
