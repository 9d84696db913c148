"""The lobby display's side and bottom panels: last calls, people waiting per group and the
scrolling notice. Painted like display_widgets (sizes from the window's height, no tr())."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from .display_widgets import (
    BLACK,
    EDGE,
    HEADER,
    PANEL,
    SOFT,
    WHITE,
    YELLOW,
    Painted,
    Run,
    draw_runs,
    font,
)

MARQUEE_TICK_MS = 33  # ~30 frames a second: smooth enough on a TV, light on the CPU
MARQUEE_SPEED = 0.08  # screen widths per second: readable while walking past
MARQUEE_HOLD_TICKS = 90  # ~3 s still at the start


class RecentCalls(Painted):
    """"Số vừa gọi": the last calls, newest first, as many as fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.rows: list[tuple[str, str]] = []  # (number, "Quầy 3")

    def set_rows(self, title: str, rows: list[tuple[str, str]]) -> None:
        self.title, self.rows = title, rows
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh, w, h = self.painter(), self.vh, self.width(), self.height()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PANEL)
        p.drawRoundedRect(QRectF(self.rect()), vh, vh)
        pad = max(0.06 * w, vh)
        inner_w = w - 2 * pad
        draw_runs(p, [Run(self.title, font(self.font(), 3 * vh, True), YELLOW)],
                  QRectF(pad, vh, inner_w, 4.4 * vh))
        y, row_h = 5.6 * vh, 6.2 * vh
        for i, (number, counter) in enumerate(self.rows):
            if y + row_h > h - 0.5 * vh:
                break
            p.setPen(QPen(EDGE, max(1.0, 0.15 * vh)))
            p.drawLine(int(pad), int(y), int(w - pad), int(y))
            num_font = font(self.font(), 4.6 * vh, True)
            num_w = QFontMetricsF(num_font).horizontalAdvance(number)
            row = QRectF(pad, y, inner_w, row_h)
            draw_runs(p, [Run(number, num_font, YELLOW if i == 0 else WHITE)], row,
                      Qt.AlignmentFlag.AlignLeft)
            draw_runs(p, [Run(counter, font(self.font(), 3 * vh), WHITE)],
                      row.adjusted(num_w + vh, 0, 0, 0), Qt.AlignmentFlag.AlignRight)
            y += row_h
        p.end()


class WaitingFooter(Painted):
    """"Đang chờ 10" in a box, then "Chứng thực: 3 người chờ · khoảng 4–13 phút" per group,
    wrapping between groups (never inside one). Its height follows the rows it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = self.total = ""
        self.items: list[tuple[str, str]] = []  # (bold name with colon, rest) or ("", text)

    def set_content(self, caption: str, total: str, items: list[tuple[str, str]]) -> None:
        self.caption, self.total, self.items = caption, total, items
        self.relayout()

    def set_vh(self, vh: float) -> None:
        self.vh = vh
        self.relayout()

    def _box_width(self) -> float:
        vh = self.vh
        return 2.8 * vh + max(QFontMetricsF(font(self.font(), 2 * vh)).horizontalAdvance(
            self.caption), QFontMetricsF(font(self.font(), 4.4 * vh, True)).horizontalAdvance(
            self.total))

    def _flow(self, width: float) -> list[list[tuple[float, list[Run]]]]:
        """Items placed in rows: [(x, runs), ...] per row."""
        vh = self.vh
        bold, plain = font(self.font(), 2.4 * vh, True), font(self.font(), 2.4 * vh)
        gap = 2.6 * vh
        rows: list[list[tuple[float, list[Run]]]] = [[]]
        x = 0.0
        for name, rest in self.items:
            runs = [Run(name, bold, YELLOW)] if name else []
            runs.append(Run(rest, plain, WHITE if name else SOFT))
            item_w = sum(QFontMetricsF(r.font).horizontalAdvance(r.text) for r in runs)
            if rows[-1] and x + item_w > width:
                rows.append([])
                x = 0.0
            rows[-1].append((x, runs))
            x += item_w + gap
        return rows

    def wanted_height(self) -> int:
        """Room for the rows the groups need at the current width (at least 8 vh)."""
        vh = self.vh
        groups_w = self.width() - 2 * 1.2 * vh * 16 / 9 - self._box_width() - 1.5 * vh
        rows = len(self._flow(max(1.0, groups_w)))
        return int(max(8 * vh, rows * 3.1 * vh + 1.4 * vh) + vh)

    def relayout(self) -> None:
        self.setFixedHeight(self.wanted_height())
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh = self.painter(), self.vh
        margin = 1.2 * vh * 16 / 9  # 1.2 vw, like the board above
        box_w = self._box_width()
        box = QRectF(margin, 0, box_w, self.height() - vh)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(HEADER)
        p.drawRoundedRect(box, vh, vh)
        draw_runs(p, [Run(self.caption, font(self.font(), 2 * vh), WHITE)],
                  QRectF(box.left(), box.top() + 0.6 * vh, box_w, 2.6 * vh))
        draw_runs(p, [Run(self.total, font(self.font(), 4.4 * vh, True), YELLOW)],
                  QRectF(box.left(), box.top() + 3 * vh, box_w, box.height() - 3.4 * vh))
        left = box.right() + 1.5 * vh
        width = self.width() - margin - left
        rows = self._flow(width)
        line = 3.1 * vh
        # Centred beside the box; never above the top (a height change may still be pending).
        y = box.top() + max(0.4 * vh, (box.height() - line * len(rows)) / 2)
        for row in rows:
            for x, runs in row:
                draw_runs(p, runs, QRectF(left + x, y, width - x, line),
                          Qt.AlignmentFlag.AlignLeft)
            y += line
        p.end()


class Marquee(Painted):
    """The notice line scrolling right to left, driven by a QTimer while visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.offset = 0.0  # the text starts on screen, so it is readable at once...
        self._hold = MARQUEE_HOLD_TICKS  # ...and stays still a moment before it moves
        self._timer = QTimer(self)
        self._timer.setInterval(MARQUEE_TICK_MS)
        self._timer.timeout.connect(self.step)

    def set_text(self, text: str) -> None:
        self.text = text
        self.update()

    def step(self) -> None:
        if self._hold > 0:
            self._hold -= 1
            return
        text_w = QFontMetricsF(font(self.font(), 3 * self.vh, True)).horizontalAdvance(self.text)
        self.offset += MARQUEE_SPEED * self.width() * MARQUEE_TICK_MS / 1000
        if self.offset > text_w + 2 * self.vh:  # gone off the left: come back from the right
            self.offset = -float(self.width())
        self.update()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh = self.painter(), self.vh
        p.fillRect(self.rect(), YELLOW)
        f = font(self.font(), 3 * vh, True)
        p.setFont(f)
        p.setPen(BLACK)
        m = QFontMetricsF(f)
        baseline = self.height() / 2 + (m.ascent() - m.descent()) / 2
        p.drawText(int(2 * vh - self.offset), int(baseline), self.text)
        p.end()
