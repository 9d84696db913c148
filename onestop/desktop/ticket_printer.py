"""Printing tickets from a station: the hub's answer to `POST /api/tickets` becomes a
TicketPrint, rendered and sent to the printer in the background so the reception window never
waits. A missing or failing printer is reported with a clear message; the ticket stays issued
and can be reprinted."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QObject, Signal

from onestop.printing.checklist import ChecklistPrint, render_checklist
from onestop.printing.qtprint import PrintError, print_pdf
from onestop.printing.ticket import TicketPrint, render_ticket
from onestop.queue.catalog import public_code

from .worker import run_in_background

log = logging.getLogger(__name__)
# The paper says only that the holder has priority: which category (age, pregnancy,
# disability…) is personal and stays off a slip anyone in the hall can read.
PRIORITY_MARK = "ƯU TIÊN"


def ticket_print_from(issued: dict, catalog: dict, state: dict | None,
                      ward_name: str, logo: bytes | None = None,
                      checklist_items: int | None = 6) -> TicketPrint:
    """Build the printed ticket from the API's answer, the catalogue and the hub's state.
    Reception's tickets carry the first 6 documents (the officer explains the rest); the
    kiosk's carry them all (`checklist_items=None`): nobody is there to explain."""
    t = issued["ticket"]
    service = next((s for s in catalog.get("services", []) if s["code"] == t["service"]), {})
    group = next((g for g in catalog.get("groups", []) if g["id"] == t["group"]), {})
    offset = (state or {}).get("utc_offset_minutes", 420)
    issued_at = datetime.fromisoformat(t["issued_at"]).astimezone(
        timezone(timedelta(minutes=offset))).replace(tzinfo=None)
    counters = [c for c in (state or {}).get("counters", []) if t["group"] in c["skills"]]
    counters.sort(key=lambda c: (c["skills"].index(t["group"]), c["number"]))
    estimate = issued.get("estimate") or {}
    ward = (state or {}).get("ward") or {}  # the ward identity: the office's name, the address
    return TicketPrint(
        number=t["number"], service_vi=service.get("name_vi") or public_code(t["service"]),
        group_vi=group.get("name_vi", t["group"]), kind=t["kind"], count=t["count"],
        unit_vi=service.get("unit_vi", ""), issued_at=issued_at, url=issued["public_url"],
        ward_name=ward_name, office_name=ward.get("office_name_vi") or "",
        address=ward.get("address_vi") or "",
        priority_vi=PRIORITY_MARK if t.get("priority") else None,
        complexity=t.get("complexity"), people_ahead=issued.get("people_ahead"),
        wait_vi=estimate.get("text_vi") or "",
        counters_vi=", ".join(f"Quầy {c['number']}" for c in counters[:4]),
        checklist=tuple(service.get("checklist_vi", ()))[:checklist_items], logo=logo)


class TicketPrinter(QObject):
    sig_printed = Signal(str, str)
    """A ticket went to the printer: (ticket number, printer name)."""
    sig_failed = Signal(str, str)
    """A ticket could not be printed: (ticket number, message for the receptionist)."""

    def __init__(self, printer: str | None = None, width_mm: int = 80,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.width_mm = width_mm

    def print_ticket(self, ticket: TicketPrint) -> None:
        number = ticket.number

        def work() -> str:
            return print_pdf(render_ticket(ticket, self.width_mm), printer=self.printer,
                             title=f"onestop-{number}")

        def failed(exc: Exception) -> None:
            message = exc.message_vi if isinstance(exc, PrintError) else (
                f"Lỗi khi in số {number}: {exc}. Số vẫn được giữ, bấm In lại.")
            self.sig_failed.emit(number, message)

        run_in_background(work, lambda name: self.sig_printed.emit(number, name), failed)

    def print_checklist(self, slip: ChecklistPrint) -> None:
        """The checklist alone (the kiosk's "In danh mục giấy tờ"); reported on the same
        signals with an empty number."""
        def work() -> str:
            return print_pdf(render_checklist(slip, self.width_mm), printer=self.printer,
                             title="onestop-checklist")

        def failed(exc: Exception) -> None:
            message = exc.message_vi if isinstance(exc, PrintError) else (
                f"Lỗi khi in danh mục giấy tờ: {exc}.")
            self.sig_failed.emit("", message)

        run_in_background(work, lambda name: self.sig_printed.emit("", name), failed)
