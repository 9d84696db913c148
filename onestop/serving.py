"""Serving an ASGI app with uvicorn: in the foreground (`onestop hub`, `onestop central`) or in
a background thread (single-PC mode, tests, benchmarks), plus the port helpers both servers'
commands use. Shared by the hub and central, which must not import each other."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class ThreadedServer:
    """uvicorn for one app, startable in a daemon thread and stoppable, or run in the
    foreground. `name` shows in thread lists and in the start-up error."""

    def __init__(self, app, host: str, port: int, *, name: str, scheme: str = "http",
                 **config) -> None:
        self.app, self.host, self.port, self.name, self.scheme = app, host, port, name, scheme
        self.server = uvicorn.Server(uvicorn.Config(
            app, host=host, port=port, log_level="warning", lifespan="on", access_log=False,
            **config))
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        self.thread = threading.Thread(target=self.server.run, name=self.name, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start on {self.host}:{self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread:
            self.thread.join(timeout=10)

    def run(self) -> None:
        self.server.run()
