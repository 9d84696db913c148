"""Pieces of the launcher: the big buttons that open station windows, and the sync state in
words."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

COLUMNS = 3


class StationButtons(QWidget):
    """Reception, lobby display, supervisor, admin and the kiosk first, then one button per
    counter, big enough for a touch screen; the counters come from the hub's state."""

    sig_open = Signal(str)
    """Open this station: reception, display, supervisor, admin, kiosk or counter<N>."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        self._counters: list[tuple[int, str]] | None = None
        self.points = 13
        for key in ("reception", "display", "supervisor", "admin", "kiosk"):
            self._add(key)

    def _add(self, key: str) -> QPushButton:
        button = QPushButton(self)
        self._style(button, key)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda: self.sig_open.emit(key))
        index = len(self.buttons)
        self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        self.buttons[key] = button
        return button

    def _style(self, button: QPushButton, key: str) -> None:
        font = QFont(self.font())
        font.setPointSize(self.points)
        font.setBold(not key.startswith("counter"))
        button.setFont(font)
        button.setMinimumHeight(button.fontMetrics().height() * 3)  # a finger's width

    def set_text_size(self, points: int) -> None:
        self.points = points
        for key, button in self.buttons.items():
            self._style(button, key)

    def retranslate(self, counters: list[tuple[int, str]]) -> None:
        texts = {"reception": self.tr("Tiếp nhận – cấp số"),
                 "display": self.tr("Màn hình phòng chờ"),
                 "supervisor": self.tr("Giám sát"),
                 "admin": self.tr("Quản trị"),
                 "kiosk": self.tr("Ki-ốt tự phục vụ")}
        if counters != self._counters:
            for key in [k for k in self.buttons if k.startswith("counter")]:
                self.buttons.pop(key).deleteLater()
            for number, _label in counters:
                self._add(f"counter{number}")
            self._counters = counters
        for key, text in texts.items():
            self.buttons[key].setText(text)
        for number, label in counters:
            self.buttons[f"counter{number}"].setText(label)
            self.buttons[f"counter{number}"].setToolTip(
                self.tr("Cửa sổ quầy %1").replace("%1", str(number)))


def sync_text(sync: dict) -> str:
    """The sync worker's state for a person: enrolled or not, last success, what waits."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("LauncherSync", text)

    if not sync.get("configured"):
        return tr("Chưa kết nối máy chủ trung tâm (onestop sync enrol): dữ liệu chỉ lưu trên "
                  "máy này.")
    parts = []
    if sync.get("needs_enrolment"):
        parts.append(tr("Máy chủ trung tâm không còn nhận khóa của hub này: cần đăng ký lại."))
    if sync.get("last_success"):
        when = datetime.fromisoformat(sync["last_success"]).astimezone()
        parts.append(tr("Lần đồng bộ gần nhất: %1").replace("%1", when.strftime("%H:%M %d/%m")))
    else:
        parts.append(tr("Chưa đồng bộ lần nào."))
    if sync.get("pending") is not None:
        parts.append(tr("Còn %1 sự kiện chờ gửi.").replace("%1", str(sync["pending"])))
    if sync.get("parked"):
        parts.append(tr("%1 sự kiện bị máy chủ từ chối (đã lưu riêng).").replace(
            "%1", str(sync["parked"])))
    if sync.get("last_error"):
        parts.append(tr("Lỗi gần nhất: %1").replace("%1", str(sync["last_error"])))
    return " ".join(parts)
