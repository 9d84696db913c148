"""Reception + printer: every issued ticket (and every reprint) goes to the printer in the
background; a printer problem shows at reception in words, and the ticket stays issued."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut

from onestop.settings import Settings

from .reception import ReceptionWindow
from .ticket_printer import TicketPrinter, ticket_print_from

log = logging.getLogger(__name__)


def read_logo(settings: Settings | None) -> bytes | None:
    """The ward's emblem for tickets; a missing or unreadable file prints without it."""
    if settings is None or not settings.logo_path:
        return None
    try:
        return Path(settings.logo_path).read_bytes()
    except OSError:
        log.warning("ticket logo %s cannot be read; printing without it", settings.logo_path)
        return None


def attach_printer(window: ReceptionWindow, printer: TicketPrinter, ward_name: str,
                   settings: Settings | None = None) -> None:
    enabled = {"on": settings.print_tickets if settings else True}
    logo = read_logo(settings)

    def send(answer: dict) -> None:
        if not enabled["on"]:
            return
        catalog = window.catalog.to_dict() if window.catalog is not None else {}
        ward = (window.client.state or {}).get("ward", {}).get("name_vi") or ward_name
        printer.print_ticket(ticket_print_from(answer, catalog, window.client.state, ward, logo))

    window.sig_ticket_issued.connect(send)
    window.sig_reprint.connect(send)
    printer.sig_failed.connect(lambda _number, message: window.show_message(message, error=True))
    printer.setParent(window)
    window.ticket_printer = printer
    if settings is not None:
        def open_settings() -> None:
            from .printer_settings import PrinterSettingsDialog

            dialog = PrinterSettingsDialog(window.printer_settings, printer, window)
            dialog.sig_reprint.connect(window.reprint)
            dialog.sig_saved.connect(lambda s: (setattr(window, "printer_settings", s),
                                                enabled.update(on=s.print_tickets)))
            dialog.open()

        window.printer_settings = settings
        window.open_printer_settings = open_settings
        shortcut = QShortcut(QKeySequence("Ctrl+P"), window)
        shortcut.activated.connect(open_settings)
