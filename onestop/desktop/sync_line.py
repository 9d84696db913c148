"""The supervisor's one-line view of sync with central: what waits, the last success, the last
error, and a "sync now" button. The hub pushes no event for sync progress, so the line asks
/api/sync now and then and whenever the hub comes back."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from .client import HubClient, HubError
from .launcher_parts import sync_text
from .plain import Label

REFRESH_MS = 30_000

OK, WAITING, FAULT = "#2e7d32", "#ef6c00", "#b00020"


def sync_colour(sync: dict) -> str:
    if not sync.get("configured"):
        return "#546e7a"
    if sync.get("needs_enrolment") or sync.get("state") == "halted":
        return FAULT
    if sync.get("last_error") or (sync.get("pending") or 0) > 0:
        return WAITING
    return OK


class SyncLine(QWidget):
    sig_sync = Signal(dict)
    """The hub's sync state was fetched and is on screen (the /api/sync answer)."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.sync: dict | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = Label("", self)
        self.label.setWordWrap(True)
        self.now = QPushButton(self.tr("Đồng bộ ngay"), self)
        self.now.setToolTip(self.tr("Gửi ngay các sự kiện đang chờ lên máy chủ trung tâm"))
        self.now.clicked.connect(self.sync_now)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.now)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.fetch)
        self._timer.start()
        client.sig_online.connect(self.fetch)
        QTimer.singleShot(0, self.fetch)

    def fetch(self) -> None:
        self.client.call(self, "GET", "/api/sync", done=self.show_sync, failed=self._failed)

    def sync_now(self) -> None:
        self.now.setEnabled(False)
        self.client.call(self, "POST", "/api/sync/now", {}, done=self._after_now,
                         failed=self._failed)

    def _after_now(self, sync: object) -> None:
        self.now.setEnabled(True)
        self.show_sync(sync)
        QTimer.singleShot(3000, self.fetch)  # the worker needs a moment to send

    def show_sync(self, sync: object) -> None:
        self.sync = sync if isinstance(sync, dict) else {}
        self.label.setText(self.tr("Đồng bộ: %1").replace("%1", sync_text(self.sync)))
        self.label.setStyleSheet(f"color: {sync_colour(self.sync)};")
        self.now.setVisible(bool(self.sync.get("configured")))
        self.sig_sync.emit(self.sync)

    def _failed(self, error: HubError) -> None:
        self.now.setEnabled(True)
        self.label.setText(error.message)
