"""The dossier board (bảng theo dõi hồ sơ) of reception and the supervisor, docs/dossiers.md
"Boards": four counts - overdue, due today, due within 2 working days, result ready - and the
list behind each.

The hub computes every count and list (`GET /api/dossiers?filter=…`, with the ward calendar
and the hub's clock); the board only draws them. It asks again when the hub pushes a dossier
or holiday event (gathered for DEBOUNCE_MS), after a lost hub comes back, and every TICK_MS:
a dossier becomes overdue when the ward's day turns, with no event at all, so the board
shows it within a minute of its deadline without anyone touching it.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .client import HubClient, ignore

TICK_MS = 60_000  # a deadline passes with no event: the board asks the hub once a minute
DEBOUNCE_MS = 300  # a burst of dossier events is one fetch
FILTERS = ("overdue", "due_today", "due_soon", "ready")
TITLES = {
    "overdue": QT_TRANSLATE_NOOP("DossierBoard", "Quá hạn"),
    "due_today": QT_TRANSLATE_NOOP("DossierBoard", "Đến hạn hôm nay"),
    "due_soon": QT_TRANSLATE_NOOP("DossierBoard", "Đến hạn trong 2 ngày làm việc"),
    "ready": QT_TRANSLATE_NOOP("DossierBoard", "Có kết quả, chờ trả"),
}
COLOURS = {"overdue": "#b00020", "due_today": "#b36b00", "due_soon": "#1f5fa8",
           "ready": "#1b7f3b"}


def title(which: str) -> str:
    return QCoreApplication.translate("DossierBoard", TITLES[which])


def day_text(iso: str | None) -> str:
    return f"{date.fromisoformat(iso):%d/%m/%Y}" if iso else ""


def received_day(code: str) -> str:
    """The local day of receipt, as the code states it (WARD-YYMMDD-NNNN)."""
    try:
        return f"{datetime.strptime(code.split('-')[1], '%y%m%d'):%d/%m/%Y}"
    except (IndexError, ValueError):
        return ""


class BoardFeed(QObject):
    """The hub's board for one filter, asked again on pushes and on the minute tick."""

    sig_board = Signal(dict)
    """A fresh answer of GET /api/dossiers: filter, today, counts, dossiers."""

    def __init__(self, client: HubClient, parent: QObject, which: str = "overdue") -> None:
        super().__init__(parent)
        self.client = client
        self.which = which
        self.board: dict | None = None
        self._in_flight = self._again = False
        self.tick = QTimer(self, interval=TICK_MS)
        self.tick.timeout.connect(self.refresh)
        self.tick.start()
        self._soon = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._soon.timeout.connect(self.refresh)
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self.refresh)
        QTimer.singleShot(0, self.refresh)

    def _on_event(self, event: dict) -> None:
        if str(event.get("type", "")).startswith(("dossier.", "holidays.")) \
                and not self._soon.isActive():
            self._soon.start()

    def show(self, which: str) -> None:
        self.which = which
        self.refresh()

    def refresh(self) -> None:
        if self._in_flight:
            self._again = True  # asked while asking: once more when the answer is in
            return
        self._in_flight = True
        self.client.call(self, "GET", f"/api/dossiers?filter={self.which}", done=self._got,
                         failed=self._failed)

    def _got(self, answer: object) -> None:
        self._in_flight = False
        if isinstance(answer, dict):
            self.board = answer
            self.sig_board.emit(answer)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error) -> None:
        self._in_flight = self._again = False
        ignore(error)  # the next push, tick or reconnection asks again


class BoardStrip(QWidget):
    """Four buttons "Quá hạn  3" …, one per filter; a press opens that list."""

    sig_open = Signal(str)
    """The filter whose list was asked for."""

    def __init__(self, parent: QWidget | None = None, height: int = 44) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for which in FILTERS:
            button = QPushButton(self)
            button.setObjectName(f"board_{which}")
            button.setFixedHeight(height)
            button.clicked.connect(lambda _=False, w=which: self.sig_open.emit(w))
            self.buttons[which] = button
            row.addWidget(button, 1)
        self.set_counts({})

    def set_counts(self, counts: dict) -> None:
        for which, button in self.buttons.items():
            n = counts.get(which)
            button.setText(f"{title(which)}: {'…' if n is None else n}")
            alert = bool(n) and which in ("overdue", "due_today")
            colour = COLOURS[which] if n else "#4a5868"
            button.setStyleSheet(f"QPushButton {{ color: {colour}; font-weight: "
                                 f"{'bold' if n else 'normal'}; padding: 2px 8px; "
                                 f"{'border: 2px solid ' + colour + ';' if alert else ''} }}")

    def count(self, which: str) -> int | None:
        text = self.buttons[which].text().rsplit(":", 1)[-1].strip()
        return int(text) if text.isdigit() else None


class BoardTable(QTableWidget):
    """The dossiers of one filter: code, procedure, state, received, due date, new date."""

    HEADERS = (QT_TRANSLATE_NOOP("DossierBoard", "Mã hồ sơ"),
               QT_TRANSLATE_NOOP("DossierBoard", "Thủ tục"),
               QT_TRANSLATE_NOOP("DossierBoard", "Tình trạng"),
               QT_TRANSLATE_NOOP("DossierBoard", "Ngày nhận"),
               QT_TRANSLATE_NOOP("DossierBoard", "Hạn trả kết quả"),
               QT_TRANSLATE_NOOP("DossierBoard", "Hẹn lại"))

    def __init__(self, english: bool, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.english = english
        self.rows: list[dict] = []
        self.setHorizontalHeaderLabels([QCoreApplication.translate("DossierBoard", h)
                                        for h in self.HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: list[dict]) -> None:
        chosen = (self.selected() or {}).get("code")
        self.rows = rows
        self.setRowCount(len(rows))
        for r, d in enumerate(rows):
            cells = [d["code"], d["service_en" if self.english else "service_vi"],
                     d["state_en" if self.english else "state_vi"], received_day(d["code"]),
                     day_text(d["due_date"]), day_text(d.get("apology_due_date"))]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 4 and d.get("overdue"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.setItem(r, c, item)
            if d["code"] == chosen:
                self.selectRow(r)

    def selected(self) -> dict | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None
