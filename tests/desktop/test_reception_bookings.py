"""Reception's booked numbers through the window against a real hub (issue 16): a scanner
(or the officer) types the code and Enter; too late offers a walk-in number in one key; the
day's bookings list; the screenshot docs/screenshots/reception-bookings-vi.png."""

from __future__ import annotations

import os
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from onestop.compose import HubServer, build_hub
from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.hub import bookings
from onestop.hub.outbox import Outbox
from onestop.queue.booking_codes import BookingRef, group_list, make_code
from onestop.queue.numbering import service_day
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.desktop.test_reception import DOCS, WAIT
from tests.livehub import LiveHub

KEY = bytes(range(32))


def code_at(store, minutes_from_now: int, group="civil-status", serial=1) -> dict:
    """A booking of today's slot starting `minutes_from_now` (the clock is at 09:00)."""
    tz = ZoneInfo(store.rules.timezone)
    local = store.clock().astimezone(tz) + timedelta(minutes=minutes_from_now)
    day = service_day(store.clock(), store.rules.timezone)
    slot = time(local.hour, local.minute)
    groups = group_list([g.id for g in store.base_catalog.groups])
    ref = BookingRef(group, day, slot, serial)
    return {"code": make_code(KEY, store.hub_id, groups, ref), "group": group,
            "day": day.isoformat(), "slot": f"{slot:%H:%M}", "serial": serial,
            "status": "booked"}


@pytest.fixture
def live_hub(tmp_path):
    """The real hub on loopback with a set clock: 09:00 in Hanoi (the check-in window is
    decided by the hub's clock, never the machine's)."""
    hub = build_hub(Settings(data_dir=tmp_path / "data"),
                    clock=FakeClock(hanoi(2026, 12, 7, 9, 0)))
    host, port = "127.0.0.1", free_port()
    server = HubServer(hub, host, port)
    server.start()
    live = LiveHub(hub, server, host, port)
    yield live
    live.stop()


@pytest.fixture
def window(qtbot, live_hub):
    store = live_hub.hub.store
    Outbox(store).enrolled("http://central.invalid", "t", "Cửa Nam", None, 0, store.clock(),
                           booking_key=KEY.hex())
    application()
    client = HubClient(live_hub.url, live_hub.token("reception"))
    w = ReceptionWindow(client)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.sig_ready, timeout=WAIT):
        client.start()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=WAIT)
    yield w
    client.stop()


def test_scan_check_in_reuse_and_late_walk_in(qtbot, window, live_hub):
    store = live_hub.hub.store
    now_booking = code_at(store, 0, serial=1)
    late = code_at(store, -40, serial=2)
    land = code_at(store, 50, "land", 3)
    bookings.merge_pulled(store, [now_booking, land])
    # The scanner types into the booking field, then Enter.
    qtbot.mouseClick(window.booking.code, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as got:
        qtbot.keyClicks(window.booking.code, now_booking["code"])
        qtbot.keyClick(window.booking.code, Qt.Key.Key_Return)
    answer = got.args[0]
    ticket = store.ticket(answer["ticket"]["id"])
    assert str(ticket.channel) == "booked" and ticket.group == "civil-status"
    assert window.ticket.isVisible() and answer["number"] in window.message.text()
    qtbot.waitUntil(lambda: window.booking.counts.get("checked_in") == 1, timeout=WAIT)
    # The same code again, scanned while the focus is in the search box: refused in words.
    window.search_box.setFocus()
    with qtbot.waitSignal(window.sig_message, timeout=WAIT,
                          check_params_cb=lambda m: "đã được dùng" in m):
        qtbot.keyClicks(window.search_box, now_booking["code"].lower())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.search_box.text() == ""
    # Too late: a walk-in number of the same group in one key (F8).
    with qtbot.waitSignal(window.sig_message, timeout=WAIT,
                          check_params_cb=lambda m: "số thường" in m):
        qtbot.keyClicks(window.booking.code, late["code"])
        qtbot.keyClick(window.booking.code, Qt.Key.Key_Return)
    assert window.booking.walk_in_button.isVisible()
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as got:
        qtbot.keyClick(window, Qt.Key.Key_F8)
    walk_in = store.ticket(got.args[0]["ticket"]["id"])
    assert str(walk_in.channel) == "walk_in" and walk_in.group == "civil-status"
    # An altered code: the hub's words, the field ready for another scan.
    altered = now_booking["code"][:-1] + ("0" if now_booking["code"][-1] != "0" else "1")
    with qtbot.waitSignal(window.sig_message, timeout=WAIT,
                          check_params_cb=lambda m: "không hợp lệ" in m):
        qtbot.keyClicks(window.booking.code, altered)
        qtbot.keyClick(window.booking.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.booking.table.rowCount() == 2, timeout=WAIT)
    states = [window.booking.table.item(r, 2).text() for r in range(2)]
    assert states == ["Đã nhận số", "Chờ đến"]
    # 50 minutes early for 09:50: accepted, standing in line from 09:50.
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as got:
        qtbot.keyClicks(window.booking.code, land["code"])
        qtbot.keyClick(window.booking.code, Qt.Key.Key_Return)
    early = store.ticket(got.args[0]["ticket"]["id"])
    assert early.issued_at == early.queued_at == hanoi(2026, 12, 7, 9, 50)
    qtbot.waitUntil(lambda: window.booking.counts.get("checked_in") == 2, timeout=WAIT)
    # The smallest screen reception is made for: it still fits. (The style scales with the
    # window's height, so a window shown taller shrinks in steps as its fonts shrink.)
    for _ in range(10):
        window.resize(1366, 768)
        QApplication.processEvents()
    image = window.grab()
    assert (image.width(), image.height()) == (1366, 768)
    if os.environ.get("ONESTOP_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        image.save(str(DOCS / "reception-bookings-vi.png"))


def visible_rows(results) -> float:
    """How many result rows the procedures' list has room for."""
    return results.viewport().height() / max(1, results.sizeHintForRow(0))


def test_bookings_list_folds_so_the_results_keep_their_rows(qtbot, window, live_hub):
    """At 1366x768 the bookings are the code's row alone until unfolded (the button or F7):
    the procedures' search results keep at least 6 rows."""
    store = live_hub.hub.store
    bookings.merge_pulled(store, [code_at(store, 30, serial=1), code_at(store, 60, "land", 2)])
    window.booking.refresh()  # a pull is not an event: the list is asked again every minute
    qtbot.waitUntil(lambda: window.booking.toggle.text() == "Lịch hẹn (2)", timeout=WAIT)
    for _ in range(10):
        window.resize(1366, 768)
        QApplication.processEvents()
    results = window.finder.results
    assert results.count() >= 6 and not window.booking.table.isVisible()
    assert visible_rows(results) >= 6, visible_rows(results)
    assert "chờ 2" in window.booking.toggle.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.booking.table.isVisible() and window.booking.summary.isVisible()
    assert window.booking.table.rowCount() == 2
    QApplication.processEvents()
    assert window.booking.table.viewport().height() >= 2 * window.booking.table.rowHeight(0)
    if os.environ.get("ONESTOP_SCREENSHOTS"):
        window.grab().save(str(DOCS / "reception-bookings-open-vi.png"))
    qtbot.mouseClick(window.booking.toggle, Qt.MouseButton.LeftButton)
    assert not window.booking.table.isVisible()
