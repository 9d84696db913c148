"""Running single-PC mode's launcher: Qt's loop until the launcher closes, Ctrl+C and SIGTERM
from the terminal, and leaving no window of this process behind when the hub stops."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from onestop.oslayer.process import stop_requested
from onestop.settings import Settings

from .launcher import LauncherWindow
from .qtapp import application
from .single_instance import listen_for_wake


class _Wake(QObject):
    """Python runs signal handlers only between bytecodes; while Qt's C++ loop waits, a short
    timer gives it that chance, so Ctrl+C stops single-PC mode from the terminal."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.startTimer(200)

    def timerEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        pass


def run_launcher(*, hub_url: str, lan_url: str, lan_open: bool, tokens: dict[str, str],
                 settings: Settings) -> int:
    """Single-PC mode's front end (called by onestop.commands.hub.run_single_pc through the
    CLI): show the launcher and run Qt's loop until it closes. The hub keeps serving from its
    background thread meanwhile. On return no window of this process is left: every station
    window is closed and deleted (their connections to the hub closed) before the hub stops."""
    app = application(settings.language)
    app.setQuitOnLastWindowClosed(False)  # only the launcher's own close ends the loop
    window = LauncherWindow(hub_url, tokens, settings, lan_url=lan_url, lan_open=lan_open,
                            confirm_close=True)
    window.sig_closed.connect(lambda: QTimer.singleShot(0, QCoreApplication.quit))
    handlers = {}
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            handlers[number] = signal.signal(number, lambda *_: window.quit_now())
    if stop_requested():  # Ctrl+C while the window was being built: honour it now
        QTimer.singleShot(0, window.quit_now)
    _Wake(window)
    wake = listen_for_wake(window)
    window.show()
    try:
        app.exec()
    finally:
        for number, previous in handlers.items():
            signal.signal(number, previous)
        wake.close()
        window.close_stations()
        for widget in app.topLevelWidgets():
            widget.hide()
            widget.deleteLater()
        # Deferred deletes run now, not at exit: each station's socket closes before the hub.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    print("onestop: launcher closed", file=sys.stderr)
    return 0
