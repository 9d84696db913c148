"""What every station window shares: the hub connection, the "lost the hub" banner, a line
for hub errors nobody else handles, the title, and `sig_ready` for `--screenshot` and tests."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from .client import HubClient, HubError
from .plain import Label


class ConnectionBanner(Label):
    """A red strip shown while the hub is unreachable; the client keeps retrying."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background:#b00020; color:white; font-weight:bold; padding:6px;")
        self.setText(self.tr("Mất kết nối với máy chủ (hub) – đang kết nối lại…"))
        self.setVisible(False)
        client.sig_offline.connect(lambda _reason: self.setVisible(True))
        client.sig_online.connect(lambda: self.setVisible(False))


class ErrorLine(Label):
    """A refusal or failure from the hub that no handler took (HubClient.call's default),
    shown under the banner until the next one or for ERROR_MS."""

    ERROR_MS = 20_000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("background:#fde7ea; color:#8c0017; padding:6px;")
        self.setVisible(False)
        self._timer = QTimer(self, singleShot=True, interval=self.ERROR_MS)
        self._timer.timeout.connect(lambda: self.setVisible(False))

    def show_error(self, error: HubError) -> None:
        self.setText(error.message)
        self.setVisible(True)
        self._timer.start()


class StationWindow(QMainWindow):
    """Base of the reception, counter, display, supervisor and launcher windows.

    Subclasses build their content into `self.body` (a QVBoxLayout under the banner), react to
    `client.sig_state` / `client.sig_event`, and call `self.mark_ready()` once real data from the
    hub is on screen."""

    sig_ready = Signal()
    """The window shows data from the hub (emitted once)."""

    def __init__(self, client: HubClient, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.setWindowTitle(title)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = ConnectionBanner(client, central)
        outer.addWidget(self.banner)
        self.error_line = ErrorLine(central)
        outer.addWidget(self.error_line)
        content = QWidget(central)
        self.body = QVBoxLayout(content)
        outer.addWidget(content, 1)
        self.setCentralWidget(central)
        self._ready = False
        self.window_closed = False  # HubClient.call drops answers for a closed window

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows an error the caller did not handle."""
        self.error_line.show_error(error)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        self.window_closed = event.isAccepted()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.window_closed = False
        super().showEvent(event)

    def mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.sig_ready.emit()

    @property
    def is_ready(self) -> bool:
        return self._ready
