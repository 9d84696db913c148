"""Running the hub: `onestop hub`, the in-process hub of single-PC mode, and the data folder's
local station tokens. uvicorn serves the FastAPI app; in single-PC mode it runs in a background
thread."""

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
            local_admin_token(hub)  # so the admin commands on this PC can reach this hub
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


LOCAL_TOKENS = "local-stations.json"
ADMIN_TOKEN = "admin-token.json"


def read_tokens(path) -> dict:
    with contextlib.suppress(OSError, ValueError):
        tokens = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(tokens, dict):
            return {k: v for k, v in tokens.items() if isinstance(v, str)}
    return {}


def _write_secret(path, data: dict) -> None:
    """A token file, readable by this user only (0600 from the start, then replaced whole)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1))
    os.replace(tmp, path)


def provision_local_tokens(hub) -> dict:
    """Single-PC mode: tokens for every station on this PC, kept in the data folder (0600)
    so the launcher can open any window without pairing. Valid tokens are kept; a counter
    added since gets one, a removed counter's (revoked) one is dropped."""
    path = hub.settings.data_dir / LOCAL_TOKENS
    old = read_tokens(path)
    tokens = {}
    for role in ("reception", "display", "supervisor", "admin"):
        token = old.get(role)
        tokens[role] = token if token and _valid(hub, token) else hub.auth.create_token(
            role, name=f"local {role}")
    for c in hub.store.counters():
        token = old.get(f"counter{c.number}")
        tokens[f"counter{c.number}"] = token if token and _valid(hub, token) else \
            hub.auth.create_token("counter", c.number, name=f"local counter {c.number}")
    if tokens != old:
        _write_secret(path, tokens)
    return tokens


def local_admin_token(hub) -> str:
    """The data folder's admin token for the admin commands on this PC (onestop officer,
    counter-config, ward, catalog, token): single-PC mode's, else `admin-token.json` (0600),
    made once and kept while it stays valid."""
    data = hub.settings.data_dir
    for token in (read_tokens(data / LOCAL_TOKENS).get("admin"),
                  read_tokens(data / ADMIN_TOKEN).get("admin")):
        if token and _valid(hub, token):
            return token
    token = hub.auth.create_token("admin", name="local admin (command line)")
    _write_secret(data / ADMIN_TOKEN, {"admin": token})
    return token


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
