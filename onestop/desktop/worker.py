"""The one way to run long work (rendering a PDF, printing, generating audio) off the GUI
thread: `run_in_background(fn, on_done, on_error, owner=widget)`. The callbacks run back on the
GUI thread, and - like HubClient.call's answers - only while `owner` is there to receive them.
(Calls to the hub need no thread: HubClient.call is asynchronous on the GUI thread.)"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from .client import receiving

log = logging.getLogger(__name__)


class _Relay(QObject):
    sig_done = Signal(object)
    """The work returned this value."""
    sig_failed = Signal(object)
    """The work raised this exception."""


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the caller, never lost in a thread
            log.exception("background work failed")
            self.relay.sig_failed.emit(exc)
        else:
            self.relay.sig_done.emit(result)


_alive: set[_Relay] = set()  # keeps relays alive until their job reports


def run_in_background(fn: Callable[[], object], on_done: Callable[[object], None] | None = None,
                      on_error: Callable[[Exception], None] | None = None, *,
                      owner: QObject | None = None) -> _Relay:
    relay = _Relay()
    _alive.add(relay)

    def finish(callback, value) -> None:
        _alive.discard(relay)
        if callback is not None and (owner is None or receiving(owner)):
            callback(value)

    relay.sig_done.connect(lambda value: finish(on_done, value))
    relay.sig_failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(fn, relay))
    return relay
