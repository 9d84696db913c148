"""The composition root: the one place that wires the store, auth, live events and the app.

The CLI, single-PC mode and the tests all build a hub here, the tests with a temporary data
folder and a fake clock, so what is tested is what runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from onestop.hub.auth import Auth
from onestop.hub.live import Broker
from onestop.hub.outbox import Outbox
from onestop.hub.snapshot import build_state
from onestop.hub.store import HubStore, utc_now
from onestop.hub.ward import PUBLIC as WARD_PUBLIC
from onestop.hub.ward import defaults as ward_defaults
from onestop.hub.ward import ward as ward_view
from onestop.queue.centre import CentreLayout, OpeningHours, default_centre, parse_hours
from onestop.queue.rules import Rules
from onestop.settings import Settings, load_settings
from onestop.sync.catalog_pull import CatalogPull
from onestop.sync.pusher import SyncWorker, override_path

DB_NAME = "hub.db"


@dataclass
class Hub:
    settings: Settings
    store: HubStore
    auth: Auth
    centre: CentreLayout
    broker: Broker = field(init=False)
    outbox: Outbox = field(init=False)
    sync: SyncWorker | None = None  # started by the hub's runners, not by tests unless asked
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
    return Hub(settings=settings, store=store, auth=Auth(store, settings.pin_min_length),
               centre=centre)


def build_sync(hub: Hub, **options) -> SyncWorker:
    """The sync worker for a hub: outbox pusher plus catalogue puller (with the ward's
    override file). Options go to SyncWorker (batch_size, timeout, rng, transport)."""
    pull = CatalogPull(hub.store, hub.outbox, override_path(hub.settings.data_dir),
                       hub.store.clock)
    options.setdefault("batch_size", max(1, min(hub.settings.sync_batch_events, 2000)))
    return SyncWorker(hub.outbox, clock=hub.store.clock, catalog=pull, **options)


def create_app(hub: Hub):
    from onestop.hub.api import create_app as _create

    return _create(hub)
