"""One launcher per data folder on a PC with a display: the launcher listens on a local socket
named from its data folder (a Unix socket, or a named pipe on Windows, readable only by this
user), and a second `onestop` on the same folder connects to it to bring the launcher to the
front instead of starting a second hub (the data folder's lock refuses that anyway)."""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from onestop.settings import Settings

from .qtapp import application

log = logging.getLogger(__name__)


def instance_name(settings: Settings) -> str:
    """The launcher's local socket name for one data folder (a second `onestop` on the same
    folder connects to it to bring this launcher to the front)."""
    folder = str(settings.data_dir.resolve()).encode("utf-8")
    return f"onestop-launcher-{hashlib.sha256(folder).hexdigest()[:20]}"


def wake_launcher(settings: Settings, timeout_ms: int = 2000) -> bool:
    """Ask the launcher serving this data folder to come to the front; False when none
    answers (a headless hub, or `onestop hub`)."""
    application(settings.language)
    socket = QLocalSocket()
    socket.connectToServer(instance_name(settings))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


def listen_for_wake(window: QWidget) -> QLocalServer:
    """In the launcher: a second `onestop` on this data folder brings `window` forward."""
    server = QLocalServer(window)
    name = instance_name(window.settings)
    QLocalServer.removeServer(name)  # a socket file left by a killed launcher (POSIX)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        log.warning("cannot listen on %s: %s", name, server.errorString())

    def bring_to_front() -> None:
        while server.hasPendingConnections():
            server.nextPendingConnection().deleteLater()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(bring_to_front)
    return server
