"""The appointment slip from the counter (Ctrl+H): for a dossier received but not settled on
the spot, the officer types the citizen's name and the result time; the hub makes the A5 PDF
(the name is printed, never stored) and it goes to the counter's printer in the background."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from onestop.printing.qtprint import PrintError, print_pdf

from .client import HubError
from .plain import Label
from .worker import run_in_background


class SlipDialog(QDialog):
    sig_pdf = Signal(bytes)
    """The hub made the slip; these are its PDF bytes (printing starts right after)."""
    sig_printed = Signal(str)
    """The slip went to this printer."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Phiếu hẹn trả kết quả"))
        ticket = window.current
        self.ticket_id = ticket["id"] if ticket else None
        self.name = QLineEdit(self)
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("Họ và tên người nộp hồ sơ"))
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(20)
        self.days = QSpinBox(self)
        self.days.setRange(0, 60)
        self.days.setSuffix(self.tr(" ngày làm việc"))
        self.days.setSpecialValueText(self.tr("Trong ngày"))
        self.status = Label(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Số"), Label(ticket["number"] if ticket else "–", self))
        form.addRow(self.tr("Người nộp"), self.name)
        form.addRow(self.tr("Điện thoại"), self.phone)
        form.addRow(self.tr("Trả kết quả sau"), self.days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("In phiếu hẹn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if self.ticket_id is None:
            self.status.setText(self.tr("Chưa có công dân tại quầy."))
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.status.setText(self.tr("Nhập họ tên người nộp hồ sơ."))
            return
        self.status.setText(self.tr("Đang tạo phiếu hẹn…"))
        self.window.client.call(
            self, "POST", f"/api/slips/{self.ticket_id}",
            {"citizen_name": name, "result_days": self.days.value(),
             "phone": self.phone.text().strip()}, done=self._made, raw=True)

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows the hub's refusal of this slip."""
        self.status.setText(error.message)

    def _made(self, pdf: object) -> None:
        self.sig_pdf.emit(pdf)
        settings = getattr(self.window, "settings", None)
        printer = getattr(settings, "printer", None)

        def failed(exc: Exception) -> None:
            self.status.setText(exc.message_vi if isinstance(exc, PrintError) else str(exc))

        def printed(name: str) -> None:
            self.sig_printed.emit(name)
            self.accept()

        self.status.setText(self.tr("Đang in phiếu hẹn…"))
        run_in_background(lambda: print_pdf(pdf, printer=printer, title="onestop-phieu-hen"),
                          printed, failed, owner=self)
