"""The kiosk's paper, through the same TicketPrinter as reception (desktop/ticket_printer.py):
a ticket carries every document of the checklist (nobody stands by to explain the rest), and
"In danh mục giấy tờ" prints the checklist slip (printing/checklist.py). A printer problem is
told on the screen; the ticket stays issued and its number stays shown."""

from __future__ import annotations

from onestop.settings import Settings

from .kiosk_data import checklist_print, local_now, ticket_state
from .reception_printing import read_logo
from .ticket_printer import TicketPrinter, ticket_print_from


class KioskPrinter:
    def __init__(self, window, printer: TicketPrinter, settings: Settings | None = None) -> None:
        self.window, self.printer = window, printer
        self.ward_name = settings.ward_name if settings is not None else ""
        self.logo = read_logo(settings)
        self.enabled = settings.print_tickets if settings is not None else True
        printer.setParent(window)
        printer.sig_printed.connect(lambda number, _name: window.printed(number))
        printer.sig_failed.connect(lambda number, _message: window.print_failed(number))

    def send_ticket(self, answer: dict) -> None:
        if not self.enabled:
            self.window.printed_nothing()
            return
        catalog = self.window.catalog.doc if self.window.catalog is not None else {}
        ward = self.window.ward
        now = local_now()
        self.printer.print_ticket(ticket_print_from(
            answer, catalog, ticket_state(ward, now), ward.get("name_vi") or self.ward_name,
            self.logo, checklist_items=None))

    def send_checklist(self, service: dict) -> None:
        self.printer.print_checklist(checklist_print(self.window.catalog, service,
                                                     self.window.ward or {
                                                         "name_vi": self.ward_name},
                                                     local_now()))


def attach_printer(window, settings: Settings | None = None) -> KioskPrinter:
    printer = TicketPrinter(settings.printer if settings else None,
                            settings.ticket_width_mm if settings else 80)
    window.ticket_printer = KioskPrinter(window, printer, settings)
    return window.ticket_printer
