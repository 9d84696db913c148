"""The composition root: the one place that wires the store, auth, live events and the app,
and runs a hub from start to stop.

The commands (onestop/commands/), single-PC mode and the tests all build a hub here, the tests
with a temporary data folder and a fake clock, so what is tested is what runs. `onestop hub`
and single-PC mode run it through the one :class:`HubLifecycle`.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from onestop.hub.auth import Auth
from onestop.hub.live import Broker
from onestop.hub.outbox import Outbox
from onestop.hub.snapshot import build_state
from onestop.hub.store import HubStore, utc_now
from onestop.hub.ward import PUBLIC as WARD_PUBLIC
from onestop.hub.ward import apply_policy
from onestop.hub.ward import defaults as ward_defaults
from onestop.hub.ward import ward as ward_view
from onestop.queue.centre import CentreLayout, OpeningHours, default_centre, parse_hours
from onestop.queue.rules import Rules
from onestop.serving import ThreadedServer
from onestop.settings import Settings, default_data_dir, load_settings
from onestop.sync.booking_pull import BookingPull
from onestop.sync.catalog_pull import CatalogPull
from onestop.sync.inbox_pull import InboxPull
from onestop.sync.pusher import SyncWorker, override_path

DB_NAME = "hub.db"
GRACE_S = 3
log = logging.getLogger(__name__)


@dataclass
class Hub:
    settings: Settings
    store: HubStore
    auth: Auth
    centre: CentreLayout
    broker: Broker = field(init=False)
    outbox: Outbox = field(init=False)
    sync: SyncWorker | None = None  # started by HubLifecycle, not by tests unless asked
    public_base: str = ""  # e.g. http://192.168.1.10:8700, set once the server is bound

    def __post_init__(self) -> None:
        self.broker = Broker(self.store, self.snapshot)
        self.outbox = Outbox(self.store)

    @property
    def ward_defaults(self) -> dict:
        """The ward's identity until an admin saves one: centre layout and settings."""
        return ward_defaults(self.settings.ward_name, self.settings.display_notice, self.centre)

    def ward(self) -> dict:
        """The ward's identity as stored in the hub (hub/ward.py): one small read, so every
        ticket, page and report takes the name the admin set a moment ago."""
        return ward_view(self.store, self.ward_defaults)

    @property
    def ward_name_vi(self) -> str:
        return self.ward()["name_vi"]

    @property
    def ward_name_en(self) -> str:
        return self.ward()["name_en"]

    @property
    def office_name_vi(self) -> str:
        """The office's name on every ticket, page, display and report (queue/office.py)."""
        return self.ward()["office_name_vi"]

    @property
    def office_name_en(self) -> str:
        return self.ward()["office_name_en"]

    @property
    def opening_hours(self) -> tuple[OpeningHours, ...]:
        return parse_hours(self.ward()["hours"])

    def snapshot(self) -> dict:
        ward = self.ward()
        state = build_state(self.store, ward["name_vi"], ward["name_en"])
        state["ward"] = {k: ward[k] for k in WARD_PUBLIC}
        return state

    def public_url(self, token: str) -> str:
        return f"{self.public_base}/t/{token}"

    def sync_status(self) -> dict:
        """Pending events, last success and last error, for /api/health and the windows."""
        if self.sync is not None:
            return self.sync.status()
        return {**self.outbox.status(), "state": "off", "next_attempt_s": None}

    def start_sync(self, **options) -> SyncWorker:
        """The sync worker in a background thread (a hub not enrolled yet just waits)."""
        if self.sync is None:
            self.sync = build_sync(self, **options)
            self.sync.start()
        return self.sync

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.store.close()


def build_hub(settings: Settings | None = None, *, data_dir: Path | None = None,
              clock: Callable[[], datetime] = utc_now, rules: Rules | None = None,
              centre: CentreLayout | None = None) -> Hub:
    settings = settings or load_settings(data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    centre = centre or default_centre()
    store = HubStore(settings.data_dir / DB_NAME, clock=clock, centre=centre,
                     rules=rules or Rules(timezone=settings.timezone))
    hub = Hub(settings=settings, store=store, auth=Auth(store, settings.pin_min_length),
              centre=centre)
    apply_policy(store, hub.ward_defaults)  # the calling order the ward chose (issue 19)
    return hub


def build_sync(hub: Hub, **options) -> SyncWorker:
    """The sync worker for a hub: outbox pusher plus catalogue puller (with the ward's
    override file). Options go to SyncWorker (batch_size, timeout, rng, transport)."""
    pull = CatalogPull(hub.store, hub.outbox, override_path(hub.settings.data_dir),
                       hub.store.clock)
    options.setdefault("batch_size", max(1, min(hub.settings.sync_batch_events, 2000)))
    bookings = BookingPull(hub.store, hub.outbox, hub.store.clock)
    return SyncWorker(hub.outbox, clock=hub.store.clock, catalog=pull, bookings=bookings,
                      inbox=InboxPull(hub.store), **options)


def create_app(hub: Hub):
    from onestop.hub.api import create_app as _create

    return _create(hub)


def open_hub(settings: Settings) -> Hub:
    """build_hub for the commands: a database that cannot be opened (damaged, disk full, newer
    schema) becomes one line naming what to do (for a damaged one, the newest backup)."""
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


def lan_address() -> str:
    """The address other PCs use to reach this one (no packet is sent)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    return "127.0.0.1"


def loopback_url(host: str, port: int) -> str:
    """The address this PC's own programs use (recorded in <data>/hub.json)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host
    return f"http://{shown}:{port}"


class HubServer(ThreadedServer):
    """The hub's uvicorn server for a composed hub; also sets the public address its pages and
    tickets' QR links use."""

    def __init__(self, hub, host: str, port: int) -> None:
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


class HubLifecycle:
    """One hub process from start to stop, the same for `onestop hub` and single-PC mode.

    :meth:`running` makes the data folder private, opens the log file and claims the folder's
    lock; inside it the caller opens the hub (:meth:`open`), makes what its PC needs (tokens),
    and :meth:`serve` binds the server, records its address for this PC's other programs and
    starts sync and the daily backup. However the block ends (Ctrl+C or SIGTERM end it quietly,
    a closed window, an error), :meth:`stop` then stops everything in order: the server (open
    connections get a few seconds), the daily backup, the sync worker and the database (WAL
    checkpointed), and last the lock.
    """

    def __init__(self, settings: Settings, *, stopping_notice: str = "") -> None:
        self.settings = settings
        self.stopping_notice = stopping_notice  # printed at the stop once the server ran
        self.lock = None
        self.hub: Hub | None = None
        self.server: HubServer | None = None
        self.backup = None

    @contextlib.contextmanager
    def running(self) -> Iterator[HubLifecycle]:
        from onestop.oslayer.process import claim_folder, stop_signals_raise

        prepare_folder(self.settings)
        self.lock = claim_folder(self.settings.data_dir)
        # From here a Ctrl+C or SIGTERM ends the block quietly and the hub stops cleanly (a
        # launcher window takes the signals over while it is open).
        with stop_signals_raise():
            try:
                yield self
            finally:  # also when a window or a start step fails: the database closes cleanly
                self.stop()

    def open(self) -> Hub:
        self.hub = open_hub(self.settings)
        return self.hub

    def serve(self, host: str, port: int, recorded_url: str) -> HubServer:
        """Serve the opened hub on host:port; `recorded_url` is how this PC's own programs
        (admin commands, doctor, a second start) find it, in <data>/hub.json."""
        from onestop.errors import CliError
        from onestop.hub.backup import start_daily_backup

        assert self.hub is not None and self.lock is not None, "serve() after open()"
        self.server = HubServer(self.hub, host, port)
        try:
            self.server.start()
        except RuntimeError as exc:
            raise CliError(f"{exc} (port taken meanwhile?); choose --port") from exc
        self.lock.record(recorded_url)
        self.hub.start_sync()
        self.backup = start_daily_backup(self.hub)
        return self.server

    def wait(self) -> None:
        """Until a stop signal (inside :meth:`running`), or the server's thread ends."""
        server = self.server
        while server is not None and server.thread is not None and server.thread.is_alive():
            server.thread.join(0.5)

    def stop(self) -> None:
        """Stop in order; each step runs even when an earlier one failed."""
        from onestop.oslayer.process import stop_signals_ignored

        if self.stopping_notice and self.server is not None and self.server.thread is not None:
            print(self.stopping_notice, file=sys.stderr)
        steps = [("server", self.server.stop if self.server else None),
                 ("daily backup", self.backup.stop if self.backup else None),
                 ("hub", self.hub.close if self.hub else None),
                 ("instance lock", self.lock.release if self.lock else None)]
        with stop_signals_ignored():
            for name, step in steps:
                if step is None:
                    continue
                try:
                    step()
                except Exception:  # noqa: BLE001 (log it and go on stopping the rest)
                    log.exception("stopping the %s failed", name)
