"""Small pieces of the supervisor window: the day's numbers as tiles, the tickets-per-hour bar
chart (QPainter, no chart library to ship), and how minutes and ranges are written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .plain import Label

BAR = QColor("#1565c0")
GRID = QColor("#cfd8dc")
INK = QColor("#263238")
MUTED = QColor("#607d8b")


def minutes_text(value: float | None, decimals: int = 0) -> str:
    """'12 phút' / '6,5 phút' (the locale's decimal mark); '–' when there is no value."""
    if value is None:
        return "–"
    return f"{QLocale().toString(float(value), 'f', decimals)} {_unit()}"


def wait_text(estimate: dict | None, english: bool = False) -> tuple[str, str]:
    """An expected wait in the hub's own words (`text_vi`/`text_en` of the one forecast), the
    sentence the ticket, the citizen page and the lobby print, and the same as a tooltip.
    When there is no forecast (no counter open), the cell shows "–" and the tooltip why: the
    sentence is too long for a column of numbers."""
    words = (estimate or {}).get("text_en" if english else "text_vi") or ""
    if not words or (estimate or {}).get("state", "open") != "open":
        return "–", words
    return words, words


def _unit() -> str:
    # A function, not a class, so the translation context is named after the module's role.
    return QCoreApplication.translate("SupervisorFormat", "phút")


class NumberTile(QFrame):
    """One of the day's numbers, big enough to read across the desk."""

    def __init__(self, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(f"#tile {{ background: white; border: 1px solid #cfd8dc; "
                           f"border-left: 6px solid {colour}; border-radius: 4px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        self.caption = Label(caption, self)
        self.caption.setStyleSheet("color: #455a64; border: none;")
        self.value = Label("–", self)
        self.set_text_size(11)
        self.value.setStyleSheet(f"color: {colour}; border: none;")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_text_size(self, points: int) -> None:
        caption = QFont(self.font())
        caption.setPointSize(points)
        self.caption.setFont(caption)
        value = QFont(self.font())
        value.setPointSize(round(points * 2.3))
        value.setBold(True)
        self.value.setFont(value)

    def set_value(self, number: int) -> None:
        self.value.setText(QLocale().toString(int(number)))


class HourlyChart(QWidget):
    """Tickets issued per hour of the day as bars, the count written above each bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: list[tuple[int, int]] = []
        self.title = ""
        self.setMinimumSize(300, 100)  # short screens: the counters table keeps its rows
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, issued_by_hour: list[dict]) -> None:
        self.hours = [(int(h["hour"]), int(h["issued"])) for h in issued_by_hour]
        self.update()

    def set_title(self, title: str) -> None:
        self.title = title
        self.update()

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (also what the tests measure)."""
        if not self.hours:
            return []
        top, bottom = self._plot_area()
        width = self.width() - 16
        slot = width / len(self.hours)
        peak = max((n for _, n in self.hours), default=0) or 1
        rects = []
        for i, (_, n) in enumerate(self.hours):
            height = (bottom - top) * n / peak
            rects.append(QRectF(8 + i * slot + slot * 0.15, bottom - height, slot * 0.7, height))
        return rects

    def _plot_area(self) -> tuple[float, float]:
        line = self.fontMetrics().height()
        return 8 + line * 2.2, self.height() - line - 8  # title and counts above, hours below

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(GRID))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        line = self.fontMetrics().height()
        painter.setPen(INK)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft,
                         self.title)
        painter.setFont(self.font())
        top, bottom = self._plot_area()
        painter.setPen(QPen(GRID))
        painter.drawLine(8, int(bottom), self.width() - 8, int(bottom))
        for (hour, n), rect in zip(self.hours, self.bar_rects(), strict=True):
            painter.fillRect(rect, BAR)
            label = QRectF(rect.center().x() - 30, rect.top() - line - 1, 60, line)
            painter.setPen(INK if n else MUTED)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(n))
            painter.setPen(MUTED)
            painter.drawText(QRectF(rect.center().x() - 30, bottom + 2, 60, line),
                             Qt.AlignmentFlag.AlignCenter, f"{hour}h")
        painter.end()


class SuggestionsPanel(QFrame):
    """Staffing suggestions from the hub (`GET /api/suggestions`): which counter to re-skill or
    open, each with the forecast wait before and after ("Quầy 5 hỗ trợ Hộ tịch: chờ dự kiến
    45 → 15 phút"). The hub words each suggestion in both languages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.heading = Label(self.tr("Gợi ý điều phối quầy"), self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.lines = Label(self.tr("Không cần điều chỉnh: thời gian chờ dự kiến đều ngắn."), self)
        self.lines.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines)
        self.items: list[dict] = []

    def set_items(self, items: list[dict], language: str) -> None:
        self.items = items
        if not items:
            self.lines.setText(self.tr("Không cần điều chỉnh: thời gian chờ dự kiến đều ngắn."))
            self.lines.setStyleSheet("")
            return
        self.lines.setText("\n".join(
            "• " + (item.get(f"message_{language}") or item.get("message_vi", ""))
            for item in items))
        self.lines.setStyleSheet("color: #b00020;")
        self._fit()

    def set_text_size(self, heading, lines) -> None:
        """Fonts that grow with the window like the rest of the supervisor's text."""
        self.heading.setFont(heading)
        self.lines.setFont(lines)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # The chart above takes the stretch; without a floor a second suggestion is squeezed
        # onto the first. The floor is the wrapped lines the text needs at this width.
        metrics = self.lines.fontMetrics()
        width = max(self.width() - 8, 300)
        rows = sum(max(1, -(-metrics.horizontalAdvance(line) // width))
                   for line in self.lines.text().splitlines()) or 1
        self.lines.setMinimumHeight(metrics.lineSpacing() * rows + 4)
        # Lay the window out now, not at the next event loop turn: a screen grab (or a
        # glance) right after new suggestions must not catch them squeezed.
        layout = self.window().layout()
        if layout is not None:
            layout.activate()


def table_item(text: str, align_right: bool = False) -> QTableWidgetItem:
    """A read-only cell of the supervisor's tables."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
