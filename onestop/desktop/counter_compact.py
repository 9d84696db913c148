"""The compact strip: a small always-on-top window (about 360×120) with the current number and
Next / Recall / Done, that sits beside the officer's main work application (the national
one-stop software) while the full counter window is hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .plain import Label

STRIP_SIZE = (380, 124)


def _font(widget: QWidget, px: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)


class CompactStrip(QWidget):
    sig_action = Signal(str)
    """A strip button was pressed: "next", "recall", "done" or "expand"."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        # A top-level window of its own (parent only for lifetime), kept above other apps.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(title)
        self.setFixedSize(*STRIP_SIZE)
        self.setStyleSheet("CompactStrip { background:#f4f7fa; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 8)
        box.setSpacing(6)
        top = QHBoxLayout()
        self.number = Label("—")
        _font(self.number, 38, bold=True)
        self.number.setMinimumWidth(120)
        self.status = Label("")
        self.status.setWordWrap(True)
        _font(self.status, 13)
        self.expand = QPushButton(self.tr("Đầy đủ\nCtrl+M"))
        _font(self.expand, 12)
        self.expand.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.expand.setFixedWidth(78)
        top.addWidget(self.number)
        top.addWidget(self.status, 1)
        top.addWidget(self.expand)
        box.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for action, text, color in (("next", self.tr("Gọi tiếp F1"), "#0b5cab"),
                                    ("recall", self.tr("Gọi lại F2"), "#5b4bb7"),
                                    ("done", self.tr("Hoàn thành F4"), "#0a7a3d")):
            button = QPushButton(text)
            _font(button, 15, bold=True)
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(
                f"QPushButton {{ background:{color}; color:white; border:none; "
                "border-radius:6px; } QPushButton:disabled { background:#d5dbe1; color:#7d8b98; }")
            button.clicked.connect(lambda _=False, a=action: self.sig_action.emit(a))
            row.addWidget(button)
            self.buttons[action] = button
        box.addLayout(row)
        self.expand.clicked.connect(lambda: self.sig_action.emit("expand"))

    def show_state(self, number: str | None, status: str, color: str,
                   enabled: dict[str, bool]) -> None:
        self.number.setText(number or "—")
        self.number.setStyleSheet(f"color:{color};")
        self.status.setText(status)
        for action, button in self.buttons.items():
            button.setEnabled(enabled.get(action, False))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the strip brings the full window back instead of leaving no window at all.
        event.ignore()
        self.sig_action.emit("expand")
