"""Reception's booked numbers (issue 16): check a booking in from its code, and today's list.

A USB QR scanner is a keyboard: it types the code and Enter into the focused field. The code
field takes it (the window also moves a whole code typed into the search box here), sends
`POST /api/check-in` and shows the ticket like any other. Too early: the time to come back.
Too late: one key (F8, or Enter on the offered button) issues a walk-in number of the same
group. Today's bookings: expected, late, checked in (with the number), released, cancelled —
folded by default behind the "Lịch hẹn (n)" button at the end of the code's row (F7), so the
procedures' search results above keep their rows at 1366x768.
"""

from __future__ import annotations

import re
import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .client import HubClient, HubError, ignore
from .plain import Label

# 16 Crockford symbols in four groups (queue/booking_codes.py); dashes and spaces optional.
CODE_PATTERN = re.compile(r"^\s*[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}[- ]?"
                          r"[0-9A-Za-z]{4}\s*$")
REFRESH_MS = 60_000  # "late" follows the clock; a booking event refreshes at once

STATE_WORDS = {
    "booked": QT_TRANSLATE_NOOP("BookingPanel", "Chờ đến"),
    "late": QT_TRANSLATE_NOOP("BookingPanel", "Đang trễ"),
    "checked_in": QT_TRANSLATE_NOOP("BookingPanel", "Đã nhận số"),
    "released": QT_TRANSLATE_NOOP("BookingPanel", "Hủy (vắng)"),
    "cancelled": QT_TRANSLATE_NOOP("BookingPanel", "Đã hủy"),
}
STATE_COLOURS = {"booked": "#1f5fa8", "late": "#b36b00", "checked_in": "#1b7f3b",
                 "released": "#8a8f98", "cancelled": "#8a8f98"}


def looks_like_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text))


class BookingPanel(QWidget):
    sig_checked_in = Signal(dict)
    """A booking was checked in; the hub's answer (as for an issued ticket, plus `booking`)."""
    sig_walk_in = Signal(str)
    """Reception chose a walk-in number for a late citizen; the argument is the group id."""
    sig_message = Signal(str, bool)
    """Text to show in the window's message line, and whether it is an error."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.bookings: list[dict] = []
        self.counts: dict[str, int] = {}
        self.group_names: dict[str, str] = {}
        self.late_group: str | None = None
        self._busy = False
        self._key: str | None = None
        self._key_code: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()  # one row while the list is folded: no height to spare at 768
        self.code = QLineEdit(self)
        self.code.setObjectName("bookingCode")
        self.code.setPlaceholderText(self.tr("Quét mã QR hoặc gõ mã đặt lịch, rồi Enter"))
        self.code.setMaxLength(40)
        self.code.returnPressed.connect(self.check_in)
        row.addWidget(self.code, 1)
        self.check_button = QPushButton(self.tr("Nhận lịch"), self)
        self.check_button.clicked.connect(self.check_in)
        row.addWidget(self.check_button)
        # In the same row, in place of "Nhận lịch": the column has no height to spare at 768.
        self.walk_in_button = QPushButton(self)
        self.walk_in_button.setObjectName("walkInButton")
        self.walk_in_button.setVisible(False)
        self.walk_in_button.clicked.connect(self.offer_walk_in)
        row.addWidget(self.walk_in_button)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("bookingToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner's Enter stays here
        self.toggle.toggled.connect(self.show_list)
        row.addWidget(self.toggle)
        layout.addLayout(row)
        # Unfolded: the day's summary, then the list.
        self.summary = Label(self.tr("Lịch hẹn trực tuyến"), self)
        self.summary.setObjectName("sectionTitle")
        self.summary.setMinimumWidth(1)  # a long summary is cut, never widens the window
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("bookingTable")
        self.table.setHorizontalHeaderLabels([self.tr("Giờ"), self.tr("Lĩnh vực"),
                                              self.tr("Trạng thái"), self.tr("Số")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setMinimumHeight(36)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.show_list(False)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self.refresh)

    # --- check-in ------------------------------------------------------------------------------
    def take_code(self, text: str) -> None:
        """A whole code typed (scanned) elsewhere: put it here, where its Enter checks in."""
        self.code.setText(text.strip())
        self.code.setFocus()

    def check_in(self) -> None:
        text = self.code.text().strip()
        if self._busy or not text:
            return
        if text != self._key_code:  # a retry of the same code after a lost answer: same key
            self._key, self._key_code = uuid.uuid4().hex, text
        self._busy = True
        self._offer(False)
        self.late_group = None
        self.client.call(self, "POST", "/api/check-in", {"code": text}, done=self._done,
                         failed=self._failed, key=self._key)

    def _done(self, answer: object) -> None:
        self._busy = False
        self._key = self._key_code = None
        if not isinstance(answer, dict):
            return
        self.code.clear()
        booking = answer.get("booking", {})
        self.sig_checked_in.emit(answer)  # shown and printed like any ticket (clears the form)
        self.sig_message.emit(self.tr("Đã nhận lịch hẹn {slot}: số {n}.").format(
            slot=booking.get("slot", ""), n=answer.get("number", "")), False)
        self.refresh()

    def _failed(self, error: HubError) -> None:
        self._busy = False
        if error.status in (409, 422):
            self._key = self._key_code = None  # the hub answered: a new try is a new request
        text = error.message
        if error.code == "booking_late" and error.details.get("group"):
            self.late_group = str(error.details["group"])
            name = self.group_names.get(self.late_group, self.late_group)
            self.walk_in_button.setText(self.tr("Số thường {g} (F8)").format(g=name))
            self._offer(True)
            self.walk_in_button.setFocus()  # Enter or Space presses it: one key
        else:
            self.code.selectAll()
            self.code.setFocus()
        self.sig_message.emit(text, True)

    def offer_walk_in(self) -> None:
        if self.late_group is None:
            return
        group, self.late_group = self.late_group, None
        self._offer(False)
        self.code.clear()
        self.sig_walk_in.emit(group)

    def _offer(self, walk_in: bool) -> None:
        self.walk_in_button.setVisible(walk_in)
        self.check_button.setVisible(not walk_in)

    # --- today's list ----------------------------------------------------------------------------
    def show_list(self, shown: bool) -> None:
        """Unfold (or fold) today's list; folded, the panel is the code's row alone."""
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)  # comes back here through `toggled`
            return
        self.summary.setVisible(shown)
        self.table.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._label_toggle()

    def _label_toggle(self) -> None:
        self.toggle.setText(self.tr("Lịch hẹn ({n})").format(n=len(self.bookings)))
        self.toggle.setToolTip(self.summary.text() + " (F7)")

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/bookings?day=today", done=self._on_list,
                         failed=ignore)

    def _on_event(self, event: dict) -> None:
        if str(event.get("type", "")).startswith("booking."):
            self.refresh()

    def _on_list(self, answer: object) -> None:
        if not isinstance(answer, dict) or not isinstance(answer.get("bookings"), list):
            return
        self.bookings = [b for b in answer["bookings"] if isinstance(b, dict)]
        self.counts = {str(k): int(v) for k, v in (answer.get("counts") or {}).items()}
        self.table.setRowCount(len(self.bookings))
        for row, b in enumerate(self.bookings):
            state = str(b.get("state", ""))
            words = STATE_WORDS.get(state)
            cells = [str(b.get("slot", "")),
                     self.group_names.get(str(b.get("group")), str(b.get("group", ""))),
                     QCoreApplication.translate("BookingPanel", words) if words else state,
                     str(b.get("number") or "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2 and state in STATE_COLOURS:
                    item.setForeground(Qt.GlobalColor.black)
                    item.setData(Qt.ItemDataRole.ForegroundRole,
                                 _colour(STATE_COLOURS[state]))
                self.table.setItem(row, col, item)
        c = self.counts
        self.summary.setText(self.tr(
            "Lịch hẹn {n} · chờ {b} · trễ {l} · đã nhận {i} · vắng {r}").format(
                n=len(self.bookings), b=c.get("booked", 0), l=c.get("late", 0),
                i=c.get("checked_in", 0), r=c.get("released", 0)))
        self._label_toggle()


def _colour(name: str):
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(name))
