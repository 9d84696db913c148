"""The parts of the counter window: the officer's sign-in, the citizen being served, the
counter's own backlog and parked tickets, and the big action buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onestop.queue.labels import complexity_label, kind_label

from .counter_data import DeskCatalog, HubClock
from .counter_widgets import CheckRow, FitLabel, fill_table, make_label, make_table, set_font
from .qtapp import current_language

CARD = "QFrame#card { background:#ffffff; border:1px solid #c9d3dd; border-radius:8px; }"
PRIORITY_STYLE = "background:#fff1d6; color:#8a4b00; border-radius:4px; padding:2px 8px;"


class CounterWords(QObject):
    """The words of the queue in the window's language (kinds, complexity, statuses)."""

    def kind(self, kind: str) -> str:
        return kind_label(kind, current_language())

    def complexity(self, complexity: str) -> str:
        return complexity_label(complexity, current_language())

    def ticket_status(self, status: str) -> str:
        return {"called": self.tr("Đã gọi – chờ công dân đến quầy"),
                "serving": self.tr("Đang phục vụ"), "waiting": self.tr("Đang chờ"),
                "parked": self.tr("Tạm gác")}.get(status, status)

    def counter_status(self, status: str) -> str:
        return {"open": self.tr("Đang mở"), "paused": self.tr("Tạm dừng"),
                "closed": self.tr("Đã đóng")}.get(status, status)


class SignInPanel(QFrame):
    """Username and PIN. The PIN is masked and digits only; Enter signs in."""

    sig_submit = Signal(str, str)
    """The officer asked to sign in with this username and PIN."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD)
        self.setMinimumWidth(500)
        self.setMaximumWidth(600)
        box = QVBoxLayout(self)
        box.setContentsMargins(36, 30, 36, 30)
        box.setSpacing(12)
        box.addWidget(make_label(self.tr("Đăng nhập cán bộ"), 30, bold=True))
        box.addWidget(make_label(self.tr("Nhập tên đăng nhập và mã PIN để bắt đầu làm việc tại "
                                     "quầy."), 17))
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("Tên đăng nhập"))
        self.pin = QLineEdit()
        self.pin.setPlaceholderText(self.tr("Mã PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}")))
        for caption, field in ((self.tr("Tên đăng nhập"), self.username),
                               (self.tr("Mã PIN"), self.pin)):
            box.addWidget(make_label(caption, 17, bold=True))
            set_font(field, 22)
            field.setMinimumHeight(48)
            box.addWidget(field)
        self.error = make_label("", 17)
        self.error.setStyleSheet("color:#b00020;")
        box.addWidget(self.error)
        self.button = QPushButton(self.tr("Đăng nhập (Enter)"))
        set_font(self.button, 20, bold=True)
        self.button.setMinimumHeight(56)
        self.button.setStyleSheet(
            "QPushButton { background:#0b5cab; color:white; border-radius:6px; } "
            "QPushButton:disabled { background:#9bb3cc; }")
        box.addWidget(self.button)
        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

    def submit(self) -> None:
        user, pin = self.username.text().strip(), self.pin.text()
        if not user:
            self.username.setFocus()
        elif not pin:
            self.pin.setFocus()
        else:
            self.error.clear()
            self.sig_submit.emit(user, pin)

    def refused(self, message: str) -> None:
        self.error.setText(message)
        self.pin.clear()
        self.pin.setFocus()

    def reset(self) -> None:
        self.error.clear()
        self.pin.clear()


class CurrentPanel(QFrame):
    """The citizen at the counter: the number huge, then what they came for, how long they
    have waited, and the service's document checklist to check the dossier against."""

    def __init__(self, words: CounterWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.setObjectName("card")
        self.setStyleSheet(CARD)
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 16, 24, 16)
        grid.setHorizontalSpacing(28)
        self.status = make_label("", 18, bold=True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = FitLabel()
        self.service = make_label("", 26, bold=True)
        self.details = make_label("", 19)
        self.priority = make_label("", 18, bold=True)
        self.priority.setStyleSheet(PRIORITY_STYLE)
        self.timing = make_label("", 19)
        self.dossier = make_label("", 19, bold=True)  # a collect ticket's dossier code
        self.dossier.setObjectName("collectDossier")
        info = QVBoxLayout()
        info.setSpacing(8)
        for widget in (self.details, self.priority, self.dossier, self.timing):
            info.addWidget(widget)
        info.addStretch(1)
        grid.addWidget(self.status, 0, 0, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.service, 0, 1, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.number, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(info, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.checklist_title = make_label(self.tr("Giấy tờ cần kiểm tra"), 18, bold=True)
        self.checklist = QWidget()
        self.checklist_box = QVBoxLayout(self.checklist)
        self.checklist_box.setContentsMargins(0, 0, 0, 0)
        self.checklist_box.setSpacing(4)
        scroll = QScrollArea()
        scroll.setWidget(self.checklist)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        self.checklist.setAutoFillBackground(False)
        self.notes = make_label("", 15)
        self.notes.setStyleSheet("color:#3d4f60;")
        grid.addWidget(self.checklist_title, 2, 0, 1, 2)
        grid.addWidget(scroll, 3, 0, 1, 2)
        grid.addWidget(self.notes, 4, 0, 1, 2)
        grid.setRowStretch(3, 1)
        self.ticket: dict | None = None
        self.scale_number(140)
        self.show_ticket(None, None, None)

    def scale_number(self, px: int) -> None:
        self.number.set_max_px(px)

    def show_dossier(self, code: str | None) -> None:
        """The dossier a "Nhận kết quả" ticket was issued for (Done returns it)."""
        self.dossier.setText(self.tr("Trả kết quả hồ sơ {code}").format(code=code)
                             if code else "")
        self.dossier.setVisible(bool(code))

    def show_ticket(self, ticket: dict | None, catalog: DeskCatalog | None,
                    clock: HubClock | None, *, is_open: bool = True) -> None:
        """The citizen at the counter; with none, what to press next (a closed or paused
        counter calls nobody: "Gọi số tiếp" stays grey until "Mở quầy")."""
        same = (ticket is not None and self.ticket is not None
                and ticket["id"] == self.ticket["id"])
        self.ticket = ticket
        if not same:
            self.show_dossier(None)
        if ticket is None or catalog is None or clock is None:
            self.status.setText(self.tr("Chưa có công dân tại quầy"))
            self.status.setStyleSheet("color:#5a6b7b;")
            self.number.setText("—")
            self.number.setStyleSheet("color:#9aa8b5;")
            self.service.setText(
                self.tr("Bấm “Gọi số tiếp” (F1 / Phím cách) để mời công dân tiếp theo.")
                if is_open else self.tr("Bấm “Mở quầy” để bắt đầu gọi số."))
            for widget in (self.details, self.timing, self.priority, self.notes):
                widget.clear()
            self.priority.setVisible(False)
            self.checklist_title.setVisible(False)
            self._fill_checklist([])
            return
        serving = ticket["status"] == "serving"
        self.status.setText(self.words.ticket_status(ticket["status"]))
        self.status.setStyleSheet("color:#0a7a3d;" if serving else "color:#0b5cab;")
        self.number.setText(ticket["number"])
        self.number.setStyleSheet("color:#0a7a3d;" if serving else "color:#0b5cab;")
        self.service.setText(catalog.service_name(ticket["service"]))
        parts = [self.words.kind(ticket["kind"]),
                 self.tr("Mức độ: {c} (khoảng {m} phút)").format(
                     c=self.words.complexity(ticket["complexity"]),
                     m=round(ticket.get("expected_minutes") or 0))]
        if ticket.get("count", 1) > 1:
            parts.append(self.tr("Số lượng: {n} {unit}").format(
                n=ticket["count"], unit=catalog.unit(ticket["service"])))
        if ticket.get("transfers"):
            parts.append(self.tr("Được chuyển đến"))
        self.details.setText(" · ".join(parts))
        priority = ticket.get("priority")
        self.priority.setVisible(bool(priority))
        self.priority.setText(self.tr("★ Ưu tiên: {who}").format(
            who=catalog.priority_name(priority)) if priority else "")
        self.checklist_title.setVisible(True)
        notes = []
        if catalog.fee(ticket["service"]):
            notes.append(self.tr("Lệ phí: {fee}").format(fee=catalog.fee(ticket["service"])))
        if catalog.result(ticket["service"]):
            notes.append(self.tr("Trả kết quả: {when}").format(
                when=catalog.result(ticket["service"])))
        self.notes.setText("\n".join(notes))
        if not same:
            self._fill_checklist(catalog.checklist(ticket["service"]))
        self.tick(clock)

    def tick(self, clock: HubClock) -> None:
        """Refresh the minutes (every 15 s, and on each change)."""
        t = self.ticket
        if t is None:
            return
        parts = [self.tr("Đã chờ {m} phút").format(m=clock.minutes_since(t["issued_at"])),
                 self.tr("lấy số {t}").format(t=clock.local_hhmm(t["issued_at"]))]
        if t.get("called_at"):
            parts.append(self.tr("gọi {t}").format(t=clock.local_hhmm(t["called_at"])))
        if t.get("recalls"):
            parts.append(self.tr("đã gọi lại {n} lần").format(n=t["recalls"]))
        self.timing.setText(" · ".join(parts))

    def _fill_checklist(self, items: list[str]) -> None:
        while self.checklist_box.count():
            widget = self.checklist_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._checks = [CheckRow(text) for text in items]
        for row in self._checks:
            self.checklist_box.addWidget(row)
        self.checklist_box.addStretch(1)

    def checklist_items(self) -> list[str]:
        return [row.text.text() for row in self._checks]


class QueuePanel(QFrame):
    """The counter's own backlog (what "next" would bring) and the tickets it has parked."""

    sig_return = Signal(str)
    """The officer double-clicked this parked ticket id to call it back."""

    def __init__(self, words: CounterWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.setObjectName("card")
        self.setStyleSheet(CARD)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        box.setSpacing(8)
        self.title = make_label(self.tr("Số tiếp theo của quầy"), 20, bold=True)
        self.summary = make_label("", 17)
        self.summary.setStyleSheet("color:#3d4f60;")
        self.backlog = make_table([self.tr("Số"), self.tr("Thủ tục"), self.tr("Yêu cầu"),
                               self.tr("Đã chờ")], stretch=1)
        self.parked_title = make_label(self.tr("Số đang tạm gác (F7 để gọi)"), 18, bold=True)
        self.parked = make_table([self.tr("Số"), self.tr("Thủ tục"), self.tr("Đã chờ")], stretch=1)
        self.parked.setMaximumHeight(150)
        self.parked.cellDoubleClicked.connect(
            lambda row, _col: self.sig_return.emit(
                self.parked.item(row, 0).data(Qt.ItemDataRole.UserRole)))
        for widget in (self.title, self.summary, self.backlog, self.parked_title, self.parked):
            box.addWidget(widget)
        box.setStretch(2, 1)

    def show_backlog(self, tickets: list[dict], waiting: int, catalog: DeskCatalog,
                     clock: HubClock, limit: int = 12) -> None:
        rows = []
        for t in tickets[:limit]:
            mark = "★ " if t.get("priority") else ""
            rows.append((t["id"], [mark + t["number"], catalog.service_name(t["service"]),
                                   self.words.kind(t["kind"]),
                                   self.tr("{m} phút").format(
                                       m=clock.minutes_since(t.get("issued_at")))]))
        fill_table(self.backlog, rows)
        if waiting > len(rows):
            text = self.tr("Đang chờ ở lĩnh vực của quầy: {n} (hiện {k} số đầu)").format(
                n=waiting, k=len(rows))
        elif waiting:
            text = self.tr("Đang chờ ở lĩnh vực của quầy: {n}").format(n=waiting)
        else:
            text = self.tr("Không có ai đang chờ ở lĩnh vực của quầy")
        self.summary.setText(text)

    def backlog_numbers(self) -> list[str]:
        return [self.backlog.item(r, 0).text().lstrip("★ ")
                for r in range(self.backlog.rowCount())]

    def show_parked(self, tickets: list[dict], catalog: DeskCatalog, clock: HubClock) -> None:
        fill_table(self.parked, [(t["id"], [t["number"], catalog.service_name(t["service"]),
                                       self.tr("{m} phút").format(
                                           m=clock.minutes_since(t.get("issued_at")))])
                            for t in tickets])
        self.parked_title.setVisible(bool(tickets))
        self.parked.setVisible(bool(tickets))
