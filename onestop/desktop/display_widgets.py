"""The lobby display's painted parts: header, call banner, counter tiles, last calls, waiting
footer and the scrolling notice.

They paint themselves (no style sheets) because a TV screen is a canvas read from 10 m: every
size derives from the window's height (`vh`, one hundredth of it), text that could be too long
shrinks and then elides instead of being cut, and 1920×1080 and 1366×768 look the same. They
hold no logic and no tr(): DisplayWindow hands them ready, translated text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

NAVY = QColor("#041a3a")
HEADER = QColor("#0b3a75")
PANEL = QColor("#0d2f5e")
EDGE = QColor("#2c5a9a")
YELLOW = QColor("#ffd400")
WHITE = QColor("#ffffff")
SOFT = QColor(255, 255, 255, 217)  # secondary text: white at 85 %
MUTED = QColor("#5d7fae")
BLACK = QColor("#000000")
RED = QColor("#b3000c")


def font(base: QFont, px: float, bold: bool = False) -> QFont:
    f = QFont(base)
    f.setPixelSize(max(6, int(px)))
    f.setBold(bold)
    return f


@dataclass
class Run:
    """A piece of one line of text in its own font and colour."""

    text: str
    font: QFont
    color: QColor


def fit_runs(runs: list[Run], width: float, min_scale: float = 0.55) -> list[Run]:
    """Shrink the fonts until the line fits (down to min_scale), then elide the last run."""
    def total(rs: list[Run]) -> float:
        return sum(QFontMetricsF(r.font).horizontalAdvance(r.text) for r in rs)

    need = total(runs)
    if need > width > 0:
        scale = max(min_scale, width / need * 0.98)
        runs = [Run(r.text, font(r.font, r.font.pixelSize() * scale, r.font.bold()), r.color)
                for r in runs]
        if total(runs) > width and runs:
            head = total(runs[:-1])
            last = runs[-1]
            text = QFontMetricsF(last.font).elidedText(
                last.text, Qt.TextElideMode.ElideRight, max(0.0, width - head))
            runs = [*runs[:-1], Run(text, last.font, last.color)]
    return runs


def draw_runs(p: QPainter, runs: list[Run], rect: QRectF,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter) -> None:
    """One line of runs, vertically centred in rect, on a shared baseline."""
    runs = fit_runs(runs, rect.width())
    metrics = [QFontMetricsF(r.font) for r in runs]
    width = sum(m.horizontalAdvance(r.text) for m, r in zip(metrics, runs, strict=True))
    ascent = max(m.ascent() for m in metrics)
    descent = max(m.descent() for m in metrics)
    baseline = rect.center().y() + (ascent - descent) / 2
    if align == Qt.AlignmentFlag.AlignLeft:
        x = rect.left()
    elif align == Qt.AlignmentFlag.AlignRight:
        x = rect.right() - width
    else:
        x = rect.center().x() - width / 2
    for m, r in zip(metrics, runs, strict=True):
        p.setFont(r.font)
        p.setPen(r.color)
        p.drawText(int(round(x)), int(round(baseline)), r.text)
        x += m.horizontalAdvance(r.text)


class Painted(QWidget):
    """Base: knows the window's vh and repaints when it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vh = 7.68

    def set_vh(self, vh: float) -> None:
        self.vh = vh
        self.update()

    def painter(self) -> QPainter:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return p


class Header(Painted):
    """Ward name and subtitle on the left, the centre's clock on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ward = self.subtitle = self.time = self.date = ""

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh, w, h = self.painter(), self.vh, self.width(), self.height()
        p.fillRect(self.rect(), HEADER)
        p.fillRect(QRectF(0, h - 0.4 * vh, w, 0.4 * vh), YELLOW)
        pad = 0.02 * w
        base = self.font()
        clock_w = max(QFontMetricsF(font(base, 4.6 * vh, True)).horizontalAdvance(self.time),
                      QFontMetricsF(font(base, 2 * vh)).horizontalAdvance(self.date))
        left = QRectF(pad, 0.6 * vh, w - 3 * pad - clock_w, 4.8 * vh)
        draw_runs(p, [Run(self.ward, font(base, 4 * vh, True), WHITE)], left,
                  Qt.AlignmentFlag.AlignLeft)
        draw_runs(p, [Run(self.subtitle, font(base, 2 * vh), SOFT)],
                  QRectF(pad, 5.4 * vh, left.width(), 2.6 * vh), Qt.AlignmentFlag.AlignLeft)
        right = QRectF(w - pad - clock_w, 0.4 * vh, clock_w, 5.2 * vh)
        draw_runs(p, [Run(self.time, font(base, 4.6 * vh, True), WHITE)], right,
                  Qt.AlignmentFlag.AlignRight)
        draw_runs(p, [Run(self.date, font(base, 2 * vh), SOFT)],
                  QRectF(right.left(), 5.4 * vh, clock_w, 2.6 * vh), Qt.AlignmentFlag.AlignRight)
        p.end()


class CallBanner(Painted):
    """"Mời số A023 đến Quầy 1": always the latest call; yellow and blinking while new."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before = self.number = self.after = self.note = ""
        self.flashing = False
        self.blink_on = True

    def show_text(self, before: str, number: str = "", after: str = "", note: str = "") -> None:
        self.before, self.number, self.after, self.note = before, number, after, note
        self.update()

    @property
    def text(self) -> str:
        return f"{self.before}{self.number}{self.after}{self.note}"

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh = self.painter(), self.vh
        box = QRectF(self.rect()).adjusted(0.012 * self.width(), vh, -0.012 * self.width(), 0)
        lit = self.flashing and self.blink_on
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(YELLOW if lit else (WHITE if self.flashing else PANEL))
        p.drawRoundedRect(box, vh, vh)
        text_color = BLACK if self.flashing else WHITE
        big = font(self.font(), 5.6 * vh, True)
        runs = [Run(self.before, big, text_color),
                Run(self.number, big, RED if self.flashing else YELLOW),
                Run(self.after, big, text_color)]
        if self.note:
            runs.append(Run(self.note, font(self.font(), 3 * vh), text_color))
        draw_runs(p, [r for r in runs if r.text], box.adjusted(1.5 * vh, 0, -1.5 * vh, 0))
        p.end()


class CounterTile(Painted):
    """One open counter: "Quầy 1 – Chứng thực", the ticket number HUGE, the group and status."""

    def __init__(self, counter: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.title = self.speciality = self.number = self.detail = ""
        self.has_ticket = False
        self.paused = False
        self.flashing = False
        self.blink_on = True
        self.chars = 4  # the longest number on the board: every tile uses the same size

    def set_content(self, title: str, speciality: str, number: str, detail: str,
                    has_ticket: bool, paused: bool) -> None:
        self.title, self.speciality, self.number = title, speciality, number
        self.detail, self.has_ticket, self.paused = detail, has_ticket, paused
        self.update()

    def number_px(self) -> float:
        """The number's pixel size: half the tile's height unless the width is shorter."""
        w, h = self.width(), self.height()
        px = min(h * 0.5, w * 0.88 / (max(self.chars, 1) * 0.75))
        advance = QFontMetricsF(font(self.font(), px, True)).horizontalAdvance(self.number)
        if advance > w * 0.9:  # the estimate above is for DejaVu Bold; measure to be sure
            px *= w * 0.9 / advance
        return px

    def paintEvent(self, _event: QPaintEvent) -> None:
        p, vh, w, h = self.painter(), self.vh, self.width(), self.height()
        lit = self.flashing and self.blink_on
        if self.paused and not self.flashing:
            p.setOpacity(0.55)
        border = max(2.0, 0.3 * vh)
        p.setPen(QPen(YELLOW if self.flashing else EDGE, border))
        p.setBrush(YELLOW if lit else PANEL)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2,
                                                       -border / 2), vh, vh)
        fg = BLACK if lit else WHITE
        soft = BLACK if lit else SOFT
        inner = QRectF(0.03 * w, 0, 0.94 * w, h)
        # Sized from the tile's height first; draw_runs shrinks (then elides) a long label so
        # narrow tiles on a 10-counter board still get the biggest text that fits.
        label_px = min(h * 0.13, w * 0.07)
        detail_px = min(h * 0.11, w * 0.06)
        top = QRectF(inner.left(), 0.03 * h, inner.width(), label_px * 1.45)
        runs = [Run(self.title, font(self.font(), label_px, True), fg)]
        if self.speciality:
            runs.append(Run(f" – {self.speciality}", font(self.font(), label_px), soft))
        draw_runs(p, runs, top)
        bottom = QRectF(inner.left(), h * 0.97 - detail_px * 1.45, inner.width(),
                        detail_px * 1.45)
        draw_runs(p, [Run(self.detail, font(self.font(), detail_px), soft)], bottom)
        middle = QRectF(inner.left(), top.bottom(), inner.width(), bottom.top() - top.bottom())
        color = (BLACK if lit else YELLOW) if self.has_ticket else MUTED
        draw_runs(p, [Run(self.number, font(self.font(), self.number_px(), True), color)], middle)
        p.end()


class Board(QWidget):
    """Tiles in the grid that makes the numbers biggest (like the browser display)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[int, CounterTile] = {}
        self.order: list[int] = []
        self.empty_text = ""
        self.vh = 7.68

    def set_order(self, numbers: list[int]) -> None:
        for n in list(self.tiles):
            if n not in numbers:
                self.tiles.pop(n).deleteLater()
        for n in numbers:
            if n not in self.tiles:
                tile = CounterTile(n, self)
                tile.set_vh(self.vh)
                tile.show()
                self.tiles[n] = tile
        self.order = list(numbers)
        self.arrange()

    def set_vh(self, vh: float) -> None:
        self.vh = vh
        for tile in self.tiles.values():
            tile.set_vh(vh)
        self.arrange()

    def grid(self) -> tuple[int, int]:
        n, w, h = len(self.order), self.width(), self.height()
        chars = max([4, *(len(t.number) for t in self.tiles.values())])
        best, best_px = (1, 1), 0.0
        for cols in range(1, max(1, n) + 1):
            rows = -(-n // cols)
            px = min(h / rows * 0.5, (w / cols * 0.88) / (chars * 0.75))
            if px > best_px:
                best, best_px = (cols, rows), px
        return best

    def arrange(self) -> None:
        if not self.order:
            self.update()
            return
        cols, rows = self.grid()
        gap = self.vh
        tw = (self.width() - gap * (cols - 1)) / cols
        th = (self.height() - gap * (rows - 1)) / rows
        chars = max([4, *(len(t.number) for t in self.tiles.values())])
        for i, n in enumerate(self.order):
            r, c = divmod(i, cols)
            tile = self.tiles[n]
            tile.chars = chars
            tile.setGeometry(int(c * (tw + gap)), int(r * (th + gap)), int(tw), int(th))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.order or not self.empty_text:
            return
        p = QPainter(self)
        draw_runs(p, [Run(self.empty_text, font(self.font(), 5 * self.vh), SOFT)],
                  QRectF(self.rect()))
        p.end()
