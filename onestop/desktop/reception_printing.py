"""Reception + printer: every issued ticket (and every reprint) goes to the printer in the
background; a printer problem shows at reception in words, and the ticket stays issued."""

from __future__ import annotations

from .reception import ReceptionWindow
from .ticket_printer import TicketPrinter, ticket_print_from


def attach_printer(window: ReceptionWindow, printer: TicketPrinter, ward_name: str) -> None:
    def send(answer: dict) -> None:
        catalog = window.catalog.to_dict() if window.catalog is not None else {}
        ward = (window.client.state or {}).get("ward", {}).get("name_vi") or ward_name
        printer.print_ticket(ticket_print_from(answer, catalog, window.client.state, ward))

    window.sig_ticket_issued.connect(send)
    window.sig_reprint.connect(send)
    printer.sig_failed.connect(lambda _number, message: window.show_message(message, error=True))
    printer.setParent(window)
    window.ticket_printer = printer
