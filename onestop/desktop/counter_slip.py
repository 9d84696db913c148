"""The receipt from the counter (Ctrl+H, "Phiếu hẹn"): for a dossier received but not settled
on the spot, one action records the dossier in the hub's register and prints the A5 "Giấy tiếp
nhận hồ sơ và hẹn trả kết quả". The hub gives the dossier code, the check number and the due
date (the officer never types a date); the citizen's name and phone are printed, never stored.
The official code of the city's one-stop system may be typed when the ward also uses it."""

from __future__ import annotations

import dataclasses
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QVBoxLayout,
)

from onestop.printing.qtprint import PrintError, default_printer, print_pdf, printer_names
from onestop.settings import load_settings, save_settings

from .client import HubError
from .plain import Label
from .worker import run_in_background


class SlipDialog(QDialog):
    sig_recorded = Signal(dict)
    """The hub recorded the dossier: {code, check, due_date, state, lookup_url, dossier}."""
    sig_pdf = Signal(bytes)
    """The hub made the receipt; these are its PDF bytes (printing starts right after)."""
    sig_printed = Signal(str)
    """The receipt went to this printer."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"))
        ticket = window.current
        self.ticket_id = ticket["id"] if ticket else None
        self.recorded: dict | None = None
        # One key for this dialog's "record" request: pressing again after a lost answer gets
        # the same dossier back from the hub, never a second one.
        self._key = uuid.uuid4().hex
        self.name = QLineEdit(self)
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("Họ và tên người nộp hồ sơ (chỉ in, không lưu)"))
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(20)
        self.official = QLineEdit(self)
        self.official.setMaxLength(64)
        self.official.setPlaceholderText(self.tr("Nếu có, theo Hệ thống một cửa điện tử"))
        self.code = Label("–", self)
        self.due = Label(self.tr("Máy chủ tính theo ngày làm việc"), self)
        self.status = Label(self)
        self.status.setWordWrap(True)
        self.printer = self._printer_choice()
        form = QFormLayout()
        form.addRow(self.tr("Số"), Label(ticket["number"] if ticket else "–", self))
        form.addRow(self.tr("Người nộp"), self.name)
        form.addRow(self.tr("Điện thoại"), self.phone)
        form.addRow(self.tr("Mã hồ sơ một cửa"), self.official)
        form.addRow(self.tr("Mã hồ sơ"), self.code)
        form.addRow(self.tr("Hạn trả kết quả"), self.due)
        form.addRow(self.tr("Máy in giấy hẹn"), self.printer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Tiếp nhận và in giấy hẹn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog grows with a printer's message rather than squeezing the fields, and is
        # wide enough for the placeholders to be read whole.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.name.setMinimumWidth(self.name.fontMetrics().horizontalAdvance(
            self.name.placeholderText()) + 24)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if self.ticket_id is None:
            self.status.setText(self.tr("Chưa có công dân tại quầy."))
            self.ok_button.setEnabled(False)

    def _printer_choice(self) -> QComboBox:
        """Which printer takes the A5 receipt: a counter PC has no other place to say so (the
        roll printer of reception is another machine). Kept in settings.json as
        `slip_printer`; until chosen, the ticket printer's setting, else the system default."""
        choice = QComboBox(self)
        system_default = default_printer()
        choice.addItem(self.tr("Máy in mặc định của hệ thống") +
                       (f" ({system_default})" if system_default else ""), "")
        for name in printer_names():
            choice.addItem(name, name)
        choice.setCurrentIndex(max(0, choice.findData(self._printer_name() or "")))
        choice.activated.connect(lambda _i: self._remember_printer(choice.currentData()))
        return choice

    def _printer_name(self) -> str | None:
        settings = getattr(self.window, "settings", None)
        return (getattr(settings, "slip_printer", None) or getattr(settings, "printer", None)
                if settings is not None else None)

    def _remember_printer(self, name: str) -> None:
        settings = getattr(self.window, "settings", None)
        if settings is None:
            return
        # Read the file again: reception on this PC may have saved its printer meanwhile.
        saved = dataclasses.replace(load_settings(settings.data_dir), slip_printer=name or None)
        save_settings(saved)
        self.window.settings = dataclasses.replace(settings, slip_printer=name or None)

    def submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.status.setText(self.tr("Nhập họ tên người nộp hồ sơ."))
            return
        if self.recorded is not None:  # recorded already: print (again)
            self._print_receipt()
            return
        self.status.setText(self.tr("Đang tiếp nhận hồ sơ…"))
        self.ok_button.setEnabled(False)
        body = {"ticket_id": self.ticket_id}
        if self.official.text().strip():
            body["official_code"] = self.official.text().strip()
        self.window.client.call(self, "POST", "/api/dossiers", body, key=self._key,
                                done=self._recorded, failed=self._not_recorded)

    def _not_recorded(self, error: HubError) -> None:
        self.ok_button.setEnabled(True)
        existing = error.details.get("dossier") if error.code == "dossier_exists" else None
        if existing:  # this visit's dossier was recorded before: print its receipt
            self.window.client.call(self, "GET", f"/api/dossiers/{existing}",
                                    done=self._recorded, failed=self.show_hub_error)
            return
        self.show_hub_error(error)

    def _recorded(self, answer: object) -> None:
        self.recorded = answer if isinstance(answer, dict) else {}
        dossier = self.recorded.get("dossier", self.recorded)
        due = str(dossier.get("due_date", ""))
        self.code.setText(self.tr("{code} – mã kiểm tra {check}").format(
            code=dossier.get("code", ""), check=dossier.get("check", "")))
        self.due.setText(f"{due[8:10]}/{due[5:7]}/{due[:4]}" if len(due) == 10 else due)
        self.official.setEnabled(False)
        self.sig_recorded.emit(self.recorded)
        self._print_receipt()

    def _print_receipt(self) -> None:
        dossier = self.recorded.get("dossier", self.recorded)
        self.status.setText(self.tr("Đang tạo giấy tiếp nhận…"))
        self.ok_button.setEnabled(False)
        self.window.client.call(
            self, "POST", f"/api/dossiers/{dossier['code']}/slip",
            {"citizen_name": self.name.text().strip(), "phone": self.phone.text().strip()},
            done=self._made, raw=True)

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows the hub's refusal of this dossier or its receipt."""
        self.ok_button.setEnabled(True)
        self.status.setText(error.message)

    def _made(self, pdf: object) -> None:
        self.sig_pdf.emit(pdf)
        printer = self.printer.currentData() or None

        def failed(exc: Exception) -> None:
            self.ok_button.setText(self.tr("In lại giấy hẹn"))
            self.ok_button.setEnabled(True)
            self.status.setText((exc.message_vi if self.window.client.language == "vi"
                                 else exc.message) if isinstance(exc, PrintError)
                                else str(exc))
            self.printer.setFocus()  # another printer can be chosen before printing again

        def printed(name: str) -> None:
            self.sig_printed.emit(name)
            self.accept()

        self.status.setText(self.tr("Đang in giấy tiếp nhận…"))
        run_in_background(lambda: print_pdf(pdf, printer=printer, title="onestop-giay-hen"),
                          printed, failed, owner=self)
