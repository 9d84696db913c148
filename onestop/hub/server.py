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
        super().__init__(create_app(hub), host, port, name="hub server",
                         ws="websockets-sansio")


def run_hub(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.errors import CliError
    from onestop.hub.backup import start_daily_backup
    from onestop.logging_setup import configure_logging

    configure_logging(settings)
    host = args.host or settings.hub_host
    port = args.port or settings.hub_port
    if not port_free(host, port):
        raise CliError(f"port {port} on {host} is in use (another hub?); choose --port")
    hub = open_hub(settings)
    local_admin_token(hub)  # so the admin commands on this PC can reach this hub
    server = HubServer(hub, host, port)
    hub.start_sync()
    backup = start_daily_backup(hub)
    print(f"onestop hub {hub.store.hub_id[:8]} on http://{host}:{port} "
          f"(data {settings.data_dir})", flush=True)
    print(f"  lobby display: {hub.public_base}/display?token=<display token>", flush=True)
    print("  station tokens: onestop token create --role R [--counter N]", flush=True)
    # uvicorn shuts down cleanly on Ctrl+C/SIGTERM, then re-raises the signal: a normal stop.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    backup.stop()
    hub.close()
    print("onestop hub: stopped", file=sys.stderr)
    return 0


LOCAL_TOKENS = "local-stations.json"
ADMIN_TOKEN = "admin-token.json"


def _read_tokens(path) -> dict:
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
    old = _read_tokens(path)
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
    for token in (_read_tokens(data / LOCAL_TOKENS).get("admin"),
                  _read_tokens(data / ADMIN_TOKEN).get("admin")):
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
    from onestop.logging_setup import configure_logging

    configure_logging(settings)
    hub = open_hub(settings)
    host = settings.hub_host or "127.0.0.1"
    port = settings.hub_port if port_free(host, settings.hub_port) else free_port(host)
    tokens = provision_local_tokens(hub)
    server = HubServer(hub, host, port)
    server.start()
    hub.start_sync()
    backup = start_daily_backup(hub)
    local = f"http://127.0.0.1:{port}"  # this PC's windows, whatever the LAN binding
    lan_open = host not in ("127.0.0.1", "localhost")
    lan = f"http://{lan_address()}:{port}"
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
    try:
        if front_end is None:
            print("  no display available: the hub runs alone without the launcher window; "
                  "Ctrl+C stops it", flush=True)
            while server.thread and server.thread.is_alive():
                server.thread.join(0.5)
        else:
            print("  launcher window open; closing it stops the hub", flush=True)
            front_end(hub_url=local, lan_url=lan, lan_open=lan_open, tokens=tokens,
                      settings=settings)
    except KeyboardInterrupt:
        pass
    finally:  # also when the window fails: the database is closed cleanly either way
        print("onestop: stopping", file=sys.stderr)
        server.stop()
        backup.stop()
        hub.close()
    return 0
