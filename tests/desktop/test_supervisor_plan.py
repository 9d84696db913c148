"""The supervisor's "Kế hoạch ngày mai" against a real hub on loopback with a seeded history
(issue 19 part 3): the expected tickets per hour and field, the plan hour by hour with the
reserve officer's column, the saved A4 PDF, and a screenshot of the dialog."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from onestop.compose import HubServer, build_hub
from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.supervisor import SupervisorWindow
from onestop.desktop.supervisor_plan import MOVED, RESERVE
from onestop.hub.planning import save_staffing
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.planseed import SETTINGS, seed_history

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


@pytest.fixture
def planned(tmp_path):
    clock = FakeClock(hanoi(2026, 10, 1, 7, 0))
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    seed_history(hub.store, clock)
    save_staffing(hub.store, SETTINGS)
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    yield server, hub
    server.stop()
    hub.close()


def open_plan(qtbot, server, hub, language="vi"):
    application(language)
    client = HubClient(server.url, hub.auth.create_token("supervisor"))
    w = SupervisorWindow(client)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.sig_stats, timeout=WAIT):
        client.start()
        w.show()
    w.buttons["plan"].click()
    dialog = w.dialog
    with qtbot.waitSignal(dialog.sig_plan, timeout=WAIT):
        pass
    return w, dialog


def cell(table, row: int, header: str):
    col = next(c for c in range(table.columnCount())
               if table.horizontalHeaderItem(c).text() == header)
    return table.item(row, col)


def test_the_plan_for_tomorrow_in_the_supervisor_window(qtbot, planned, tmp_path):
    server, hub = planned
    w, dialog = open_plan(qtbot, server, hub)
    try:
        assert dialog.plan["day"] == "2026-12-08"  # the hub's tomorrow, not the PC's
        assert dialog.day.date().toString("yyyy-MM-dd") == "2026-12-08"
        assert "ngày thường" in dialog.heading.text()
        assert cell(dialog.arrivals, 0, "Bảo trợ xã hội").text() == "30"
        assert cell(dialog.arrivals, 1, "Tổng").text() == "18"
        assert "từ 3 ngày đã qua" in dialog.summary.text()
        reserve = cell(dialog.table, 0, "Cán bộ dự phòng 1")
        assert reserve.text() == "Bảo trợ xã hội" and reserve.background().color() == RESERVE
        moved = [dialog.table.item(r, c) for r in range(dialog.table.rowCount())
                 for c in range(1, dialog.table.columnCount())
                 if dialog.table.item(r, c).background().color() == MOVED]
        assert moved and all(i.text() == "Bảo trợ xã hội" for i in moved)
        assert "gọi lúc 07:45" in dialog.reserves.text()
        for table in (dialog.arrivals, dialog.table):  # nothing cut off
            for c in range(table.columnCount()):
                for r in range(table.rowCount()):
                    item = table.item(r, c)
                    assert table.fontMetrics().horizontalAdvance(item.text()) <= \
                        table.columnWidth(c), item.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "supervisor-plan.png"))

        path = tmp_path / "ke-hoach.pdf"
        with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
            dialog.save_pdf(str(path))
        assert path.read_bytes().startswith(b"%PDF")

        # Another day: the payout Thursday reads the payout days.
        dialog.day.setDate(dialog.day.date().addDays(2))
        with qtbot.waitSignal(dialog.sig_plan, timeout=WAIT):
            dialog.show_button.click()
        assert dialog.plan["payout_day"] and "chi trả trợ cấp" in dialog.heading.text()
    finally:
        w.client.stop()


def test_the_plan_in_english(qtbot, planned):
    server, hub = planned
    w, dialog = open_plan(qtbot, server, hub, "en")
    try:
        assert dialog.windowTitle() == "Plan for tomorrow"
        assert dialog.table.horizontalHeaderItem(1).text() == "Counter 1"
        assert "Reserve officer 1" in dialog.reserves.text()
    finally:
        w.client.stop()
        application("vi")
