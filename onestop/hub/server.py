"""Running the hub: `onestop hub`, `onestop token create` and the in-process hub of single-PC
mode. uvicorn serves the FastAPI app; in single-PC mode it runs in a background thread."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import socket
import sqlite3
import sys
from collections.abc import Callable

from onestop.serving import ThreadedServer, free_port, port_free  # noqa: F401
from onestop.settings import Settings, default_data_dir

log = logging.getLogger(__name__)
GRACE_S = 3


def lan_address() -> str:
    """The address other PCs use to reach this one (no packet is sent)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    return "127.0.0.1"


def open_hub(settings: Settings):
    """build_hub for the CLI: a database that cannot be opened (damaged, disk full, newer
    schema) becomes one line naming what to do (for a damaged one, the newest backup)."""
    from onestop.compose import DB_NAME, build_hub
    from onestop.errors import CliError
    from onestop.hub.backup import check_at_start, startup_error
    from onestop.hub.db import DatabaseError

    restore = "onestop restore"
    if settings.data_dir != default_data_dir():
        restore += f' --data "{settings.data_dir}"'
    try:
        check_at_start(settings.data_dir / DB_NAME)
        return build_hub(settings)
    except (DatabaseError, sqlite3.Error) as exc:
        raise CliError(startup_error(settings.data_dir, exc, restore)) from exc


class HubServer(ThreadedServer):
    """The hub's uvicorn server for a composed hub; also sets the public address its pages and
    tickets' QR links use."""

    def __init__(self, hub, host: str, port: int) -> None:
        from onestop.compose import create_app

        self.hub = hub
        shown = lan_address() if host in ("0.0.0.0", "") else host
        hub.public_base = f"http://{shown}:{port}"
        # Open connections (station sockets) get a few seconds at a stop, then are cut.
        super().__init__(create_app(hub), host, port, name="hub server",
                         ws="websockets-sansio", timeout_graceful_shutdown=GRACE_S)


def prepare_folder(settings: Settings) -> None:
    """The data folder private (0700, its files 0600, see oslayer/file_modes.py) and the log
    file open; a folder that cannot be used is one line."""
    from onestop.errors import CliError
    from onestop.logging_setup import configure_logging
    from onestop.oslayer.file_modes import secure_folder

    try:
        secure_folder(settings.data_dir)
        configure_logging(settings)
    except OSError as exc:
        reason = exc.strerror or exc
        raise CliError(f"cannot use data folder {settings.data_dir}: {reason}") from exc


def loopback_url(host: str, port: int) -> str:
    """The address this PC's own programs use (recorded in <data>/hub.json)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host
    return f"http://{shown}:{port}"


def _start(server: HubServer) -> None:
    from onestop.errors import CliError

    try:
        server.start()
    except RuntimeError as exc:
        raise CliError(f"{exc} (port taken meanwhile?); choose --port") from exc


def run_hub(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.errors import CliError
    from onestop.hub.backup import start_daily_backup

    from .lifecycle import claim_folder, stop_hub, stop_signals_raise, wait_for_stop

    prepare_folder(settings)
    host = args.host or settings.hub_host
    port = args.port or settings.hub_port
    lock = claim_folder(settings.data_dir)
    hub = server = backup = None
    # From here a Ctrl+C or SIGTERM ends the block quietly and the hub stops cleanly.
    with stop_signals_raise():
        try:
            if not port_free(host, port):
                raise CliError(f"port {port} on {host} is in use (another program?); "
                               "choose --port")
            hub = open_hub(settings)
            server = HubServer(hub, host, port)
            _start(server)
            lock.record(loopback_url(host, port))
            hub.start_sync()
            backup = start_daily_backup(hub)
            print(f"onestop hub {hub.store.hub_id[:8]} on http://{host}:{port} "
                  f"(data {settings.data_dir})", flush=True)
            print(f"  lobby display: {hub.public_base}/display?token=<display token>",
                  flush=True)
            print("  station tokens: onestop token create --role R [--counter N]", flush=True)
            wait_for_stop(server)  # until Ctrl+C or SIGTERM
        finally:
            stop_hub(server, backup, hub, lock)
    print("onestop hub: stopped", file=sys.stderr)
    return 0


def token_create(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.errors import CliError
    from onestop.queue.errors import DomainError

    if args.role == "counter" and args.counter is None:
        raise CliError("--role counter needs --counter N")
    hub = open_hub(settings)
    try:
        token = hub.auth.create_token(args.role, args.counter)
    except DomainError as exc:
        raise CliError(exc.message) from exc
    finally:
        hub.close()
    print(token)
    return 0


def token_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every station token ever issued (never the tokens themselves: only hashes are kept)."""
    from onestop.compose import build_hub

    hub = build_hub(settings)
    try:
        rows = hub.auth.stations()
    finally:
        hub.close()
    for r in rows:
        where = f" counter {r['counter']}" if r["counter"] is not None else ""
        state = f"revoked {r['revoked_at']}" if r["revoked_at"] else "active"
        print(f"{r['id']}  {r['role']}{where}  {r['name']!r}  created {r['created_at']}  {state}")
    return 0


def token_revoke(args: argparse.Namespace, settings: Settings) -> int:
    """Revoke a station (a lost or replaced PC): its token stops working at once. The id may
    be shortened to any unique prefix from `onestop token list`."""
    from onestop.compose import build_hub
    from onestop.errors import CliError

    hub = build_hub(settings)
    try:
        matches = [r for r in hub.auth.stations() if r["id"].startswith(args.id.strip())]
        if len(args.id.strip()) < 4 or len(matches) != 1:
            found = "no station" if not matches else f"{len(matches)} stations"
            raise CliError(f"{found} with id starting {args.id!r}; see onestop token list")
        station = matches[0]
        if station["revoked_at"]:
            print(f"{station['id']} was already revoked at {station['revoked_at']}")
            return 0
        hub.auth.revoke(station["id"])
    finally:
        hub.close()
    print(f"revoked {station['id']} ({station['role']} {station['name']!r})")
    return 0


def provision_local_tokens(hub) -> dict:
    """Single-PC mode: tokens for every station on this PC, kept in the data folder (0600)
    so the launcher can open any window without pairing."""
    path = hub.settings.data_dir / "local-stations.json"
    if path.exists():
        tokens = json.loads(path.read_text(encoding="utf-8"))
        if all(_valid(hub, t) for t in tokens.values()):
            return tokens
    tokens = {role: hub.auth.create_token(role, name=f"local {role}")
              for role in ("reception", "display", "supervisor", "admin")}
    for c in hub.store.counters():
        tokens[f"counter{c.number}"] = hub.auth.create_token("counter", c.number,
                                                             name=f"local counter {c.number}")
    path.write_text(json.dumps(tokens, indent=1), encoding="utf-8")
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return tokens


def _valid(hub, token: str) -> bool:
    try:
        hub.auth.authenticate(token)
    except Exception:
        return False
    return True


FrontEnd = Callable[..., int]
"""Runs a window's event loop on the main thread until it closes (the launcher); called with
hub_url, lan_url, lan_open, tokens and settings. Passed in by the CLI: the hub never imports
Qt or the desktop (DESIGN.md §2)."""


def run_single_pc(settings: Settings, front_end: FrontEnd | None = None) -> int:
    """`onestop` with no command: an in-process hub (8700, or a free port) and, when this PC
    has a display, the launcher window; closing it stops the hub. Without a display the hub
    runs alone until Ctrl+C. The hub listens on 127.0.0.1 unless settings.hub_host opens it to
    the LAN (the launcher's "allow other PCs" switch)."""
    from onestop.hub.backup import start_daily_backup

    from .lifecycle import claim_folder, stop_hub, stop_signals_raise, wait_for_stop

    prepare_folder(settings)
    lock = claim_folder(settings.data_dir)
    hub = server = backup = None
    # From here a Ctrl+C or SIGTERM ends the block quietly and the hub stops cleanly (the
    # launcher takes the signals over while its window is open).
    with stop_signals_raise():
        try:
            hub = open_hub(settings)
            host = settings.hub_host or "127.0.0.1"
            port = settings.hub_port if port_free(host, settings.hub_port) else free_port(host)
            tokens = provision_local_tokens(hub)
            server = HubServer(hub, host, port)
            _start(server)
            local = f"http://127.0.0.1:{port}"  # this PC's windows, whatever the LAN binding
            lock.record(local)
            hub.start_sync()
            backup = start_daily_backup(hub)
            lan_open = host not in ("127.0.0.1", "localhost")
            lan = f"http://{lan_address()}:{port}"
            _announce(hub, settings, tokens, local, lan, lan_open)
            if front_end is None:
                print("  no display available: the hub runs alone without the launcher "
                      "window; Ctrl+C stops it", flush=True)
                wait_for_stop(server)  # until Ctrl+C or SIGTERM
            else:
                print("  launcher window open; closing it stops the hub", flush=True)
                front_end(hub_url=local, lan_url=lan, lan_open=lan_open, tokens=tokens,
                          settings=settings)
        finally:  # also when the window fails: the database is closed cleanly either way
            if server is not None and server.thread is not None:
                print("onestop: stopping", file=sys.stderr)
            stop_hub(server, backup, hub, lock)
    return 0


def _announce(hub, settings: Settings, tokens: dict, local: str, lan: str,
              lan_open: bool) -> None:
    print(f"onestop: hub running at {local} (data folder {settings.data_dir})", flush=True)
    print(f"  lobby display:  {local}/display?token={tokens['display']}", flush=True)
    print(f"  citizen pages:  {hub.public_base}/t/<ticket token> (the QR on each ticket)",
          flush=True)
    if lan_open:
        print(f"  other PCs: hub address {lan}; pair stations with a code from the "
              "supervisor window", flush=True)
    else:
        print("  other PCs: set \"hub_host\": \"0.0.0.0\" in settings.json (or tick \"allow "
              "other PCs\" in the launcher) and restart, then pair stations with a code from "
              "the supervisor window", flush=True)
