"""Printer settings at reception (Ctrl+P): which OS printer, 80 or 58 mm roll, printing on or
off, a test print of the sample ticket, and a reprint of the last ticket."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.printing.qtprint import default_printer, printer_names
from onestop.printing.ticket import sample_ticket
from onestop.settings import Settings, save_settings

from .plain import Label
from .ticket_printer import TicketPrinter

DEFAULT = ""  # combo value meaning "the system's default printer"


class PrinterSettingsDialog(QDialog):
    sig_saved = Signal(object)
    """The settings were saved; the argument is the new Settings."""
    sig_reprint = Signal()
    """The receptionist asked to print the last ticket again."""

    def __init__(self, settings: Settings, printer: TicketPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.printer = printer
        self.setWindowTitle(self.tr("Cài đặt máy in"))
        self.choice = QComboBox(self)
        system_default = default_printer()
        self.choice.addItem(self.tr("Máy in mặc định của hệ thống") +
                            (f" ({system_default})" if system_default else ""), DEFAULT)
        for name in printer_names():
            self.choice.addItem(name, name)
        index = self.choice.findData(settings.printer or DEFAULT)
        self.choice.setCurrentIndex(max(0, index))
        self.width = QComboBox(self)
        self.width.addItem(self.tr("Giấy cuộn 80 mm"), 80)
        self.width.addItem(self.tr("Giấy cuộn 58 mm"), 58)
        self.width.setCurrentIndex(0 if settings.ticket_width_mm == 80 else 1)
        self.enabled = QCheckBox(self.tr("In phiếu khi cấp số"), self)
        self.enabled.setChecked(settings.print_tickets)
        self.status = Label("", self)
        self.status.setWordWrap(True)
        test = QPushButton(self.tr("In thử"), self)
        test.clicked.connect(self.test_print)
        reprint = QPushButton(self.tr("In lại số vừa rồi"), self)
        reprint.clicked.connect(self.sig_reprint.emit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Máy in"), self.choice)
        form.addRow(self.tr("Khổ giấy"), self.width)
        form.addRow("", self.enabled)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(test)
        layout.addWidget(reprint)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        printer.sig_printed.connect(self._printed)
        printer.sig_failed.connect(lambda _n, message: self.status.setText(message))

    def chosen(self) -> Settings:
        return replace(self.settings, printer=self.choice.currentData() or None,
                       ticket_width_mm=int(self.width.currentData()),
                       print_tickets=self.enabled.isChecked())

    def _apply(self, settings: Settings) -> None:
        self.printer.printer = settings.printer
        self.printer.width_mm = settings.ticket_width_mm

    def test_print(self) -> None:
        self._apply(self.chosen())
        self.status.setText(self.tr("Đang gửi trang in thử…"))
        self.printer.print_ticket(replace(sample_ticket(), ward_name=self.settings.ward_name))

    def _printed(self, number: str, printer: str) -> None:
        self.status.setText(self.tr("Đã gửi số {n} tới máy in {p}.").format(n=number, p=printer))

    def save(self) -> None:
        settings = self.chosen()
        try:
            save_settings(settings)
        except OSError as exc:
            self.status.setText(self.tr("Không lưu được cài đặt: {e}").format(e=exc))
            return
        self._apply(settings)
        self.settings = settings
        self.sig_saved.emit(settings)
        self.accept()
