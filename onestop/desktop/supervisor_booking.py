"""The supervisor's booked figures of the day (issue 16): how many numbers were booked and their
share of those issued, and the mean wait of booked citizens against walk-ins — are appointments
kept, and at what cost to the people who walked in? From `GET /api/stats` ("booking")."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from .plain import Label, tooltip
from .supervisor_widgets import minutes_text


class BookingFigures(QFrame):
    """One line in the window's head, so the tables below keep every row at 1366x768."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 16, 0)
        layout.setSpacing(16)
        self.heading = Label(self.tr("Đặt lịch hôm nay"), self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.share = Label("", self)
        self.waits = Label("", self)
        for label in (self.heading, self.share, self.waits):
            layout.addWidget(label)
        self.setToolTip(tooltip(self.tr(
            "Số đặt lịch hôm nay và tỉ lệ trong các số đã cấp; thời gian chờ trung bình của "
            "người đặt lịch (tính từ giờ hẹn) và của người lấy số thường")))
        self.figures: dict = {}
        self.set_figures(None)

    def set_figures(self, figures: dict | None) -> None:
        self.figures = f = figures or {}
        share = f.get("booked_share")
        percent = "–" if share is None else f"{QLocale().toString(float(share), 'f', 0)}%"
        self.share.setText(self.tr("%1 số (%2)")
                           .replace("%1", str(f.get("booked", 0))).replace("%2", percent))
        self.waits.setText(self.tr("chờ TB %1 · số thường %2")
                           .replace("%1", minutes_text(f.get("booked_mean_wait_minutes")))
                           .replace("%2", minutes_text(f.get("walk_in_mean_wait_minutes"))))
        self._fit()

    def set_text_size(self, heading, lines) -> None:
        """Fonts that grow with the window like the rest of the supervisor's text."""
        self.heading.setFont(heading)
        self.share.setFont(lines)
        self.waits.setFont(lines)
        self._fit()

    def _fit(self) -> None:
        # The window's title takes the stretch: the figures keep their whole text.
        for label in (self.heading, self.share, self.waits):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(label.text()) + 8)
        self.layout().invalidate()
        self.updateGeometry()
        for widget in (self.parentWidget(), self.window()):
            layout = widget.layout() if widget is not None else None
            if layout is not None:  # now, not at the next turn of the event loop (a grab)
                layout.activate()
