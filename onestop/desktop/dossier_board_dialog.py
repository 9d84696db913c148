"""The dossier board's lists, opened from the counts of reception or the supervisor window.

Reception reads. The supervisor also acts on the chosen dossier: "Đã có kết quả" marks its
result ready (`POST /api/dossiers/{code}/ready`), and for an overdue one "Xin lỗi và hẹn lại…"
records the apology (new date, reason required: `POST …/apology`) and prints the "Phiếu xin lỗi
và hẹn lại ngày trả kết quả" the hub renders (`POST …/apology-slip`), on this PC's printer.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from onestop.printing.qtprint import PrintError, print_pdf

from .client import HubClient, HubError
from .dossier_board import BoardFeed, BoardStrip, BoardTable, day_text, title
from .plain import Label
from .worker import run_in_background


class BoardDialog(QDialog):
    sig_acted = Signal(dict)
    """The hub accepted an action on a dossier; its answer (the dossier as it is now)."""

    def __init__(self, client: HubClient, which: str, parent, *, actions: bool) -> None:
        super().__init__(parent)
        self.client = client
        self.settings = getattr(parent, "settings", None)
        self.setWindowTitle(self.tr("Theo dõi hồ sơ"))
        self.apology: ApologyDialog | None = None
        layout = QVBoxLayout(self)
        self.strip = BoardStrip(self)
        self.strip.sig_open.connect(self.show_filter)
        layout.addWidget(self.strip)
        self.heading = Label("", self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(self.heading)
        self.table = BoardTable(client.language == "en", self)
        self.table.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.table, 1)
        self.status = Label("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.ready_button = QPushButton(self.tr("Đã có kết quả"), self)
        self.ready_button.clicked.connect(self.mark_ready)
        self.apology_button = QPushButton(self.tr("Xin lỗi và hẹn lại…"), self)
        self.apology_button.clicked.connect(self.open_apology)
        close = QPushButton(self.tr("Đóng"), self)
        close.clicked.connect(self.accept)
        for button in (self.ready_button, self.apology_button):
            button.setVisible(actions)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.feed = BoardFeed(client, self, which)
        self.feed.sig_board.connect(self._show)
        self.resize(1100, 560)
        self._enable()

    def show_filter(self, which: str) -> None:
        self.feed.show(which)

    def _show(self, board: dict) -> None:
        self.strip.set_counts(board.get("counts", {}))
        which = board.get("filter", self.feed.which)
        self.heading.setText(f"{title(which)} ({len(board.get('dossiers', []))})"
                             if which in self.strip.buttons else "")
        self.table.set_rows(board.get("dossiers", []))
        self._enable()

    def _enable(self) -> None:
        chosen = self.table.selected()
        state = (chosen or {}).get("state")
        self.ready_button.setEnabled(state in ("received", "processing"))
        self.apology_button.setEnabled(bool(chosen and chosen.get("overdue")))

    def show_hub_error(self, error: HubError) -> None:
        self.say(error.message, error=True)

    def say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if error
                                  else "color: #1b7f3b;")
        self.status.setText(text)

    def mark_ready(self) -> None:
        chosen = self.table.selected()
        if chosen is None:
            return

        def done(answer: object) -> None:
            self.say(self.tr("Hồ sơ {code}: đã có kết quả, chờ trả.").format(
                code=chosen["code"]))
            self.sig_acted.emit(answer if isinstance(answer, dict) else {})
            self.feed.refresh()

        self.client.call(self, "POST", f"/api/dossiers/{chosen['code']}/ready", done=done)

    def open_apology(self) -> None:
        chosen = self.table.selected()
        if chosen is None:
            return
        self.apology = ApologyDialog(self, chosen)
        self.apology.sig_recorded.connect(self.sig_acted)
        self.apology.sig_recorded.connect(lambda _d: self.feed.refresh())
        self.apology.open()


class ApologyDialog(QDialog):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: a new date and the reason, then the slip."""

    sig_recorded = Signal(dict)
    """The hub recorded the apology; the dossier as it is now."""
    sig_pdf = Signal(bytes)
    """The hub made the apology slip; its PDF (printing starts right after)."""
    sig_printed = Signal(str)
    """The slip went to this printer."""

    def __init__(self, board: BoardDialog, dossier: dict) -> None:
        super().__init__(board)
        self.board, self.dossier = board, dossier
        self.recorded = False  # the hub has the apology: a retry only prints again
        self.setWindowTitle(self.tr("Phiếu xin lỗi và hẹn lại ngày trả kết quả"))
        self.new_date = QDateEdit(self)
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("dd/MM/yyyy")
        today = QDate.fromString(board.feed.board["today"], "yyyy-MM-dd") \
            if board.feed.board else QDate.currentDate()
        self.new_date.setMinimumDate(today)
        self.new_date.setDate(today.addDays(3 if today.dayOfWeek() >= 4 else 1))
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Lý do chậm trả kết quả (bắt buộc)"))
        self.reason.setFixedHeight(90)
        self.citizen = QLineEdit(self)
        self.citizen.setMaxLength(120)
        self.citizen.setPlaceholderText(self.tr("Chỉ in trên phiếu, không lưu"))
        self.status = Label("", self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Mã hồ sơ"), Label(dossier["code"], self))
        form.addRow(self.tr("Hạn trả kết quả"), Label(day_text(dossier["due_date"]), self))
        form.addRow(self.tr("Ngày hẹn mới"), self.new_date)
        form.addRow(self.tr("Lý do"), self.reason)
        form.addRow(self.tr("Họ và tên công dân"), self.citizen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Ghi nhận và in phiếu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows the hub's refusal (a date that is no working day…)."""
        self.status.setText(error.message)

    def submit(self) -> None:
        reason = " ".join(self.reason.toPlainText().split())
        if not reason:
            self.status.setText(self.tr("Nhập lý do chậm trả kết quả."))
            return
        self.ok.setEnabled(False)
        if self.recorded:  # the apology is on record; only the printing is tried again
            self._print_slip()
            return
        body = {"new_due_date": self.new_date.date().toString("yyyy-MM-dd"), "reason": reason}
        code = self.dossier["code"]

        def recorded(answer: object) -> None:
            self.recorded = True
            self.sig_recorded.emit(answer if isinstance(answer, dict) else {})
            self._print_slip()

        self.board.client.call(self, "POST", f"/api/dossiers/{code}/apology", body,
                               done=recorded, failed=self._failed)

    def _print_slip(self) -> None:
        self.status.setText(self.tr("Đang tạo phiếu xin lỗi…"))
        self.board.client.call(self, "POST", f"/api/dossiers/{self.dossier['code']}/apology-slip",
                               {"citizen_name": self.citizen.text().strip()},
                               done=self._made, raw=True, failed=self._failed)

    def _failed(self, error: HubError) -> None:
        self.ok.setEnabled(True)
        self.status.setText(error.message)

    def _made(self, pdf: object) -> None:
        self.sig_pdf.emit(pdf)
        printer = getattr(self.board.settings, "printer", None)

        def failed(exc: Exception) -> None:
            self.ok.setEnabled(True)
            self.status.setText(exc.message_vi if isinstance(exc, PrintError) else str(exc))

        def printed(name: str) -> None:
            self.sig_printed.emit(name)
            self.board.say(self.tr("Đã in phiếu xin lỗi, hẹn lại ngày {day}.").format(
                day=self.new_date.date().toString("dd/MM/yyyy")))
            self.accept()

        self.status.setText(self.tr("Đang in phiếu xin lỗi…"))
        run_in_background(lambda: print_pdf(pdf, printer=printer,
                                            title="onestop-phieu-xin-loi"),
                          printed, failed, owner=self)


class DossierCounts(BoardStrip):
    """The board's four counts in a station window, kept fresh by its own feed; a press
    opens the list (with the supervisor's actions when `actions`)."""

    def __init__(self, client: HubClient, parent, *, actions: bool, height: int = 40) -> None:
        super().__init__(parent, height)
        self.client, self.actions = client, actions
        self.dialog: BoardDialog | None = None
        self.feed = BoardFeed(client, self)
        self.feed.sig_board.connect(lambda board: self.set_counts(board.get("counts", {})))
        self.sig_open.connect(self.open_board)

    def open_board(self, which: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_filter(which)
        else:
            self.dialog = BoardDialog(self.client, which, self.window(), actions=self.actions)
            self.dialog.show()
        self.dialog.raise_()
