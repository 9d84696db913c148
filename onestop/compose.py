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
from onestop.hub.snapshot import build_state
from onestop.hub.store import HubStore, utc_now
from onestop.queue.centre import CentreLayout, default_centre
from onestop.queue.rules import Rules
from onestop.settings import Settings, load_settings

DB_NAME = "hub.db"


@dataclass
class Hub:
    settings: Settings
    store: HubStore
    auth: Auth
    centre: CentreLayout
    broker: Broker = field(init=False)
    public_base: str = ""  # e.g. http://192.168.1.10:8700, set once the server is bound

    def __post_init__(self) -> None:
        self.broker = Broker(self.store, self.snapshot)

    @property
    def ward_name_vi(self) -> str:
        return self.settings.ward_name or self.centre.ward_name_vi

    @property
    def ward_name_en(self) -> str:
        return self.centre.ward_name_en

    def snapshot(self) -> dict:
        return build_state(self.store, self.ward_name_vi, self.ward_name_en)

    def public_url(self, token: str) -> str:
        return f"{self.public_base}/t/{token}"

    def sync_status(self) -> dict:
        # The sync worker (central server issue) fills this in; until then nothing is sent.
        return {"configured": bool(self.settings.central_url), "pending": None,
                "last_success": None, "last_error": None}

    def close(self) -> None:
        self.store.close()


def build_hub(settings: Settings | None = None, *, data_dir: Path | None = None,
              clock: Callable[[], datetime] = utc_now, rules: Rules | None = None,
              centre: CentreLayout | None = None) -> Hub:
    settings = settings or load_settings(data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    centre = centre or default_centre()
    store = HubStore(settings.data_dir / DB_NAME, clock=clock, centre=centre,
                     rules=rules or Rules(timezone=settings.timezone))
    return Hub(settings=settings, store=store, auth=Auth(store), centre=centre)


def create_app(hub: Hub):
    from onestop.hub.api import create_app as _create

    return _create(hub)
