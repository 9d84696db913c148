"""The lobby display's "Đã có kết quả" strip (docs/dossiers.md, "The lobby's results strip"):
the short codes of dossiers whose result waits to be collected, readable from across the hall.
Shown only when the ward switched it on (admin window → Phường và giờ làm việc) and a result
is waiting; codes only - never a name or a procedure. Painted like display_widgets."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintEvent
from PySide6.QtWidgets import QWidget

from .display_widgets import WHITE, YELLOW, Painted, Run, draw_runs, font

GREEN = QColor("#0f6b3a")
BAND = QColor("#06361d")


class ResultsStrip(Painted):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = self.more = ""
        self.codes: list[str] = []
        self.shown: list[str] = []  # the codes that fit, drawn left to right
        self.setVisible(False)

    def set_codes(self, codes: list[str] | None, caption: str, more: str) -> None:
        """`more` holds %1 for how many codes did not fit."""
        self.codes, self.caption, self.more = list(codes or []), caption, more
        self.setVisible(bool(self.codes))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh = self.painter(), self.vh
        p.fillRect(self.rect(), BAND)
        margin = 1.2 * vh * 16 / 9
        box_w = 30 * vh
        box = QRectF(margin, 0.6 * vh, box_w, self.height() - 1.2 * vh)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(GREEN)
        p.drawRoundedRect(box, vh, vh)
        draw_runs(p, [Run(self.caption, font(self.font(), 2.8 * vh, True), WHITE)], box)
        code_font = font(self.font(), 3.6 * vh, True)
        metrics = QFontMetricsF(code_font)
        gap = 4 * vh
        left, right = box.right() + 1.8 * vh, self.width() - margin
        more_font = font(self.font(), 2.4 * vh)
        x, self.shown = left, []
        for i, code in enumerate(self.codes):
            rest = len(self.codes) - i - 1
            tail = (QFontMetricsF(more_font).horizontalAdvance(self.more.replace("%1", "99"))
                    + gap) if rest else 0
            if x + metrics.horizontalAdvance(code) + tail > right:
                break
            draw_runs(p, [Run(code, code_font, YELLOW)],
                      QRectF(x, 0, metrics.horizontalAdvance(code) + 1, self.height()),
                      Qt.AlignmentFlag.AlignLeft)
            self.shown.append(code)
            x += metrics.horizontalAdvance(code) + gap
        hidden = len(self.codes) - len(self.shown)
        if hidden:
            draw_runs(p, [Run(self.more.replace("%1", str(hidden)), more_font, WHITE)],
                      QRectF(x, 0, right - x, self.height()), Qt.AlignmentFlag.AlignLeft)
        p.end()
