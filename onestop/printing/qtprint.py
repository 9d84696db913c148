"""Printing through the operating system's print system via Qt (CUPS on Linux, the Windows
spooler on Windows): the ticket PDF is rasterised at the printer's resolution with QtPdf and
painted onto a QPrinter page of the roll's size.

Safe to call from a worker thread (QPrinter and QPainter on a paged device are not GUI
objects). A missing, stopped or failing printer raises PrintError with a message for the
receptionist; the ticket stays issued and can be reprinted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

log = logging.getLogger(__name__)
MAX_DPI = 300  # thermal heads are 203 dpi; more only makes bigger spool files


class PrintError(Exception):
    def __init__(self, code: str, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.code, self.message, self.message_vi = code, message, message_vi


def printer_names() -> list[str]:
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def default_printer() -> str | None:
    return QPrinterInfo.defaultPrinterName() or None


def _printer_info(name: str | None) -> QPrinterInfo:
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        wanted = name or "mặc định"
        raise PrintError("printer_missing", f"printer {name or '(default)'} not found",
                         f"Không tìm thấy máy in {wanted}. Kiểm tra máy in đã bật và được "
                         "cài trên máy này; số vẫn được giữ, bấm In lại khi máy in sẵn sàng.")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintError("printer_error", f"printer {info.printerName()} reports an error",
                         f"Máy in {info.printerName()} đang báo lỗi (hết giấy, kẹt giấy hoặc "
                         "tắt nguồn). Số vẫn được giữ, bấm In lại sau khi xử lý.")
    return info


def print_pdf(pdf: bytes, *, printer: str | None = None, title: str = "onestop") -> str:
    """Print every page of `pdf` on `printer` (default printer when None); return its name."""
    info = _printer_info(printer)
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError("bad_document", "the document to print could not be read",
                         "Không đọc được tài liệu cần in")
    device = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    device.setDocName(title)
    device.setFullPage(True)
    first = document.pagePointSize(0)
    device.setPageLayout(QPageLayout(QPageSize(QSizeF(first.width(), first.height()),
                                               QPageSize.Unit.Point, title),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("printer_error", f"cannot start a job on {info.printerName()}",
                         f"Không gửi được lệnh in tới máy in {info.printerName()}")
    try:
        dpi = min(device.resolution(), MAX_DPI)
        for page in range(document.pageCount()):
            if page:
                device.newPage()
            size = document.pagePointSize(page)
            pixels = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
            image = document.render(page, pixels)
            target = QRectF(painter.viewport())
            painter.drawImage(target, image)
    finally:
        painter.end()
    log.info("printed %s on %s", title, info.printerName())
    return info.printerName()
