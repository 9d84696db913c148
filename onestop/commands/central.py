"""`onestop central` (serve), `central enrol`, `token`, `catalog` and `slots`: the
reference central server from the command line (docs/central.md)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from sqlalchemy import text

from onestop.errors import CliError
from onestop.queue.booking_slots import check_settings
from onestop.queue.errors import InvalidRequest
from onestop.serving import port_free
from onestop.settings import Settings
from onestop.sync.central.auth import CODE_DAYS
from onestop.sync.central.db import shown_url
from onestop.sync.central.server import Central, CentralServer, build_central, default_db_url


def open_central(args: argparse.Namespace, settings: Settings) -> Central:
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


def start_logging(settings: Settings) -> None:
    from onestop.logging_setup import configure_logging

    try:
        configure_logging(settings)
    except OSError as exc:
        raise CliError(f"cannot use data folder {settings.data_dir}: "
                       f"{exc.strerror or exc}") from exc


def run_central(args: argparse.Namespace, settings: Settings) -> int:
    start_logging(settings)
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
    central = open_central(args, settings)
    server = CentralServer(central, host, port, tls_cert=cert, tls_key=key)
    print(f"onestop central on {server.url} (database {central.db.shown_url})", flush=True)
    print(f"  dashboard: {server.url}/dashboard?token=<admin token>  "
          "(onestop central token)", flush=True)
    print("  enrol a ward's hub: onestop central enrol --name \"Phường ...\"", flush=True)
    print(f"  public pages: {server.url}/lookup (dossier progress), {server.url}/book",
          flush=True)
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
    start_logging(settings)
    central = open_central(args, settings)
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
    start_logging(settings)
    central = open_central(args, settings)
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
    start_logging(settings)
    central = open_central(args, settings)
    try:
        published = central.catalogs.publish(catalog.to_dict(), str(args.file))
    except CatalogError as exc:
        raise CliError(f"catalogue refused, the published one stays: {exc}") from exc
    finally:
        central.close()
    print(f"catalogue {catalog.version} published as version {published.version} "
          f"({len(catalog.services)} services, ETag {published.etag})")
    return 0


def central_slots(args: argparse.Namespace, settings: Settings) -> int:
    try:
        slots = check_settings({"capacity": args.capacity, "slot_minutes": args.slot_minutes,
                                "days_ahead": args.days_ahead,
                                "booked_share": args.booked_share})
    except InvalidRequest as exc:
        raise CliError(f"slots refused: {exc.message}") from None
    start_logging(settings)
    central = open_central(args, settings)
    try:
        with central.db.write() as conn:
            if conn.execute(text("SELECT 1 FROM hubs WHERE hub_id = :h"),
                            {"h": args.hub}).first() is None:
                raise CliError(f"no enrolled hub {args.hub!r} (onestop central enrol)")
            groups = [g.id for g in central.bookings.catalog().groups]
            if args.group not in groups:
                raise CliError(f"group {args.group!r} is not in the published catalogue "
                               f"(groups: {', '.join(groups)})")
            central.bookings.set_slots(conn, args.hub, args.group, slots, "central")
    finally:
        central.close()
    print(f"hub {args.hub} group {args.group}: {slots.places} bookable places per "
          f"{slots.slot_minutes}-minute slot (capacity {slots.capacity} × share "
          f"{slots.booked_share:g}), today + {slots.days_ahead} days")
    return 0
