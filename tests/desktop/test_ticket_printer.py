"""Tickets printed from a station: built from the hub's answer, printed off the GUI thread,
and a missing printer reported without losing the ticket."""

from __future__ import annotations

from onestop.desktop.ticket_printer import TicketPrinter, ticket_print_from
from onestop.printing.qtprint import printer_names


def issue(live_hub) -> tuple[dict, dict, dict]:
    rec = live_hub.client("reception")
    live_hub.client("supervisor").post("/api/counters/1/open")
    issued = rec.post("/api/tickets", json={"service": "2.000815", "count": 12,
                                            "priority": "elderly"}).json()
    return issued, rec.get("/api/catalog").json(), rec.get("/api/state").json()


def test_ticket_from_the_hub_answer(live_hub):
    issued, catalog, state = issue(live_hub)
    t = ticket_print_from(issued, catalog, state, "Phường Cửa Nam")
    assert t.number == "A001" and t.service_vi == "Chứng thực bản sao từ bản chính"
    assert t.priority_vi == "ƯU TIÊN" and t.count == 12 and t.unit_vi  # never the category
    assert t.counters_vi.startswith("Quầy 1") and t.checklist
    assert t.url == issued["public_url"] and "/t/" in t.url
    assert t.office_name == "Trung tâm Phục vụ hành chính công phường Cửa Nam"  # the ward identity


def test_a_local_code_is_never_printed(live_hub):
    issued, catalog, state = issue(live_hub)
    catalog["services"] = []  # the service has left the catalogue since the ticket was issued
    issued["ticket"]["service"] = "local.contract"
    assert ticket_print_from(issued, catalog, state, "Phường Cửa Nam").service_vi == ""
    issued["ticket"]["service"] = "2.000815"
    assert ticket_print_from(issued, catalog, state, "Phường Cửa Nam").service_vi == "2.000815"


def test_missing_printer_is_reported_and_the_ticket_kept(qtbot, live_hub):
    issued, catalog, state = issue(live_hub)
    printer = TicketPrinter(printer="no-such-printer")
    with qtbot.waitSignal(printer.sig_failed, timeout=20_000) as failed:
        printer.print_ticket(ticket_print_from(issued, catalog, state, "Phường Cửa Nam"))
    number, message = failed.args
    assert number == "A001" and "Không tìm thấy máy in" in message
    assert live_hub.hub.store.ticket(issued["ticket"]["id"]).status == "waiting"


def test_printing_to_the_cups_queue_reports_success(qtbot, live_hub):
    from tests.conftest import require

    require("cups-pdf queue", "onestop-test" in printer_names(),
            "no CUPS queue onestop-test (.ci/run adds it)")
    issued, catalog, state = issue(live_hub)
    printer = TicketPrinter(printer="onestop-test")
    with qtbot.waitSignal(printer.sig_printed, timeout=30_000) as printed:
        printer.print_ticket(ticket_print_from(issued, catalog, state, "Phường Cửa Nam"))
    assert printed.args == ["A001", "onestop-test"]


def test_reception_prints_each_issued_ticket_and_reports_a_missing_printer(qtbot, live_hub,
                                                                            tmp_path):
    from onestop.desktop.client import HubClient
    from onestop.desktop.station import build_window
    from onestop.settings import Settings

    live_hub.client("supervisor").post("/api/counters/1/open")
    settings = Settings(data_dir=tmp_path, printer="no-such-printer")
    client = HubClient(live_hub.url, live_hub.token("reception"))
    window = build_window("reception", client, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=15_000):
        client.start()
    window.choose(window.catalog.service("2.000815"))
    with qtbot.waitSignal(window.ticket_printer.sig_failed, timeout=20_000) as failed:
        window.issue()
    assert failed.args[0] == "A001"
    assert "Không tìm thấy máy in" in window.message.text()
    assert live_hub.hub.store.waiting()[0].number == "A001"  # issued and kept
    client.stop()


def test_printer_settings_dialog_test_print_and_save(qtbot, tmp_path):
    import json

    from onestop.desktop.printer_settings import PrinterSettingsDialog
    from onestop.settings import Settings
    from tests.conftest import require

    settings = Settings(data_dir=tmp_path, printer="no-such-printer")
    printer = TicketPrinter(settings.printer)
    dialog = PrinterSettingsDialog(settings, printer)
    qtbot.addWidget(dialog)
    assert dialog.choice.currentData() == ""  # an unknown saved printer falls back to default
    require("cups-pdf queue", "onestop-test" in printer_names(),
            "no CUPS queue onestop-test (.ci/run adds it)")
    dialog.choice.setCurrentIndex(dialog.choice.findData("onestop-test"))
    dialog.width.setCurrentIndex(dialog.width.findData(58))
    with qtbot.waitSignal(printer.sig_printed, timeout=30_000):
        dialog.test_print()
    assert "onestop-test" in dialog.status.text()
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        dialog.save()
    assert saved.args[0].printer == "onestop-test" and saved.args[0].ticket_width_mm == 58
    stored = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert stored["printer"] == "onestop-test" and stored["ticket_width_mm"] == 58
