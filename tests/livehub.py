"""A real hub on loopback for API, WebSocket and browser tests: uvicorn on a free port, a real
SQLite file in a temporary data folder, wired by the same composition root as production."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from onestop.compose import Hub, HubServer, build_hub
from onestop.serving import free_port
from onestop.settings import Settings


@dataclass
class LiveHub:
    hub: Hub
    server: HubServer
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def token(self, role: str, counter: int | None = None) -> str:
        return self.hub.auth.create_token(role, counter)

    def client(self, role: str, counter: int | None = None, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, headers={
            "Authorization": f"Bearer {self.token(role, counter)}"}, **kw)

    def restart(self) -> None:
        """Stop the server and the store, then start both again on the same port and data."""
        settings = self.hub.settings
        self.server.stop()
        self.hub.close()
        self.hub = build_hub(settings)
        self.server = HubServer(self.hub, self.host, self.port)
        self.server.start()

    def stop(self) -> None:
        self.server.stop()
        self.hub.close()


@pytest.fixture
def live_hub(tmp_path):
    """A real hub on loopback (uvicorn on a free port) with a fresh data folder."""
    settings = Settings(data_dir=tmp_path / "data")
    hub = build_hub(settings)
    host, port = "127.0.0.1", free_port()
    server = HubServer(hub, host, port)
    server.start()
    live = LiveHub(hub, server, host, port)
    yield live
    live.stop()
