"""The admin window against a real hub on loopback: officers (add by keyboard, refusals next to
the input, rename, reset PIN, disable/enable), counters (add, relabel - live on another
station's state -, a busy counter refused, remove), ward and notice, the catalogue (a broken
file refused with its entry and nothing changed, export and import back, a procedure off and
edited), stations (revoke, pairing code), the admin role, and the screenshots."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from onestop.desktop.admin import AdminWindow
from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application, install_language
from onestop.hub import bookings
from onestop.queue.booking_slots import SlotSettings

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


def open_window(qtbot, live_hub, role: str = "admin") -> AdminWindow:
    application("vi")
    client = HubClient(live_hub.url, live_hub.token(role))
    window = AdminWindow(client)
    client.setParent(window)  # the connection dies with its window, as in the launcher
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    return window


@pytest.fixture
def admin(qtbot, live_hub):
    window = open_window(qtbot, live_hub)
    yield window
    window.client.stop()


def hub_get(live_hub, path: str):
    with live_hub.client("admin") as c:
        answer = c.get(path)
    assert answer.status_code == 200, answer.text
    return answer.json()


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def select(table, first_cell: str) -> None:
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == first_cell)
    table.selectRow(row)


def test_needs_the_admin_role(qtbot, live_hub):
    window = open_window(qtbot, live_hub, "supervisor")
    assert window.allowed is False and window.pages.currentWidget() is window.refused
    assert "quyền quản trị" in window.refused.text()
    window.client.stop()


def test_officers_add_refusals_rename_pin_disable(qtbot, admin, live_hub):
    tab = admin.officers
    assert "chữ số" in tab.rule_label.text()  # the PIN rule, from the hub
    dialog = tab.open_dialog("add")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    assert QApplication.focusWidget() is dialog.username
    qtbot.keyClicks(dialog.username, "lan.nguyen")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.full_name
    dialog.full_name.insert("Nguyễn Thị Lan")  # QTest types ASCII only
    dialog.pin.pin.setText("12")
    dialog.pin.again.setText("12")
    qtbot.keyClick(dialog.pin.again, Qt.Key.Key_Return)
    assert dialog.pin.error.text() == dialog.pin.rule_label.text()  # too short: the rule
    assert dialog.isVisible() and dialog.username.text() == "lan.nguyen"
    dialog.pin.pin.setText("482915")
    dialog.pin.again.setText("482915")
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        qtbot.keyClick(dialog.pin.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [r[0] for r in rows(tab.table)] == ["lan.nguyen"], timeout=WAIT)
    assert rows(tab.table)[0][1:] == ["Nguyễn Thị Lan", "Đang dùng", "–"]

    again = tab.open_dialog("add")  # the same username: refused next to it, form kept
    again.username.setText("lan.nguyen")
    again.full_name.setText("Người khác")
    again.pin.pin.setText("111111")
    again.pin.again.setText("111111")
    again.submit()
    qtbot.waitUntil(again.username_error.isVisible, timeout=WAIT)
    assert "lan.nguyen" in again.username_error.text() and again.isVisible()
    assert again.full_name.text() == "Người khác"
    again.reject()

    select(tab.table, "lan.nguyen")
    rename = tab.open_dialog("rename")
    rename.full_name.setText("Nguyễn Thị Lan Anh")
    with qtbot.waitSignal(rename.sig_done, timeout=WAIT):
        rename.submit()
    qtbot.waitUntil(lambda: rows(tab.table)[0][1] == "Nguyễn Thị Lan Anh", timeout=WAIT)
    pin = tab.open_dialog("pin")
    pin.pin.pin.setText("246810")
    pin.pin.again.setText("246810")
    with qtbot.waitSignal(pin.sig_done, timeout=WAIT):
        pin.submit()
    assert "246810" not in tab.status.text() and "lan.nguyen" in tab.status.text()
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.toggle.click()
    qtbot.waitUntil(lambda: rows(tab.table)[0][2] == "Đã vô hiệu hóa", timeout=WAIT)
    assert tab.toggle.text() == "&Kích hoạt lại"
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.toggle.click()
    qtbot.waitUntil(lambda: rows(tab.table)[0][2] == "Đang dùng", timeout=WAIT)


def test_counters_add_relabel_refuse_busy_remove(qtbot, admin, live_hub):
    tab = admin.counters
    admin.activateWindow()
    qtbot.waitUntil(admin.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(admin, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # "&2 Quầy"
    assert admin.tabs.currentWidget() is tab
    assert [r[0] for r in rows(tab.table)] == ["1", "2", "3", "4", "5"]
    dialog = tab.open_dialog(edit=False)
    dialog.label_vi.setText("Quầy 6 – Hộ tịch")
    dialog.label_en.setText("Counter 6 – Civil status")
    dialog.skills.list.setCurrentRow(1)
    dialog.skills.list.currentItem().setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        dialog.submit()
    qtbot.waitUntil(lambda: len(rows(tab.table)) == 6, timeout=WAIT)
    assert rows(tab.table)[5][:3] == ["6", "Quầy 6 – Hộ tịch", "Counter 6 – Civil status"]

    # Relabel counter 1: every station's state (here the display's) has it at once.
    watcher = HubClient(live_hub.url, live_hub.token("display"))
    labels = []
    watcher.sig_state.connect(lambda s: labels.append(s["counters"][0]["label_vi"]))
    watcher.start()
    qtbot.waitUntil(lambda: bool(labels), timeout=WAIT)
    select(tab.table, "1")
    edit = tab.open_dialog(edit=True)
    edit.label_vi.setText("Quầy 1 – Một cửa")
    with qtbot.waitSignal(edit.sig_done, timeout=WAIT):
        edit.submit()
    qtbot.waitUntil(lambda: labels[-1] == "Quầy 1 – Một cửa", timeout=WAIT)
    watcher.stop()

    with live_hub.client("supervisor") as sup:  # counter 2 is open: it cannot be removed
        assert sup.post("/api/counters/2/open").status_code == 200
    tab.ask = lambda *_a: True
    qtbot.waitUntil(lambda: rows(tab.table)[1][5] == "Đang mở", timeout=WAIT)
    select(tab.table, "2")
    tab.remove_selected()
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=WAIT)
    assert "quầy 2" in tab.error.text().lower()
    assert len(rows(tab.table)) == 6
    select(tab.table, "6")
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.remove_selected()
    qtbot.waitUntil(lambda: len(rows(tab.table)) == 5, timeout=WAIT)
    assert tab.error.isHidden()


def test_ward_identity_hours_and_notice(qtbot, admin, live_hub):
    tab = admin.ward
    tab.edits["name_vi"].setText("Phường Hàng Trống")
    tab.edits["notice_vi"].setText("Chiều thứ Sáu nghỉ họp từ 15:00")
    tab._edited()
    tab.add_hours.click()  # Saturday mornings
    saturday = tab.hours[-1]
    for day, box in enumerate(saturday.days):
        box.setChecked(day == 5)
    saturday.close.setTime(QTime(11, 30))
    assert tab.policy.currentData() == "smart"  # the calling order (issue 19)
    tab.policy.setCurrentIndex(tab.policy.findData("fifo"))
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.save.click()
    ward = hub_get(live_hub, "/api/ward")
    assert ward["policy"] == "fifo"
    assert live_hub.hub.store.policy.__name__ == "fifo"
    assert ward["name_vi"] == "Phường Hàng Trống"
    assert ward["notice_vi"] == "Chiều thứ Sáu nghỉ họp từ 15:00"
    assert ward["hours"][-1] == {"days": [5], "open": "08:00", "close": "11:30"}
    qtbot.waitUntil(lambda: admin.heading.text() == "Quản trị – Phường Hàng Trống",
                    timeout=WAIT)


def test_catalogue_refuses_a_broken_file_exports_imports_edits(qtbot, admin, live_hub,
                                                              tmp_path):
    tab = admin.catalog
    before = hub_get(live_hub, "/api/catalog")
    exported = tmp_path / "catalog.json"
    with qtbot.waitSignal(tab.sig_exported, timeout=WAIT):
        tab.export_file(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert {s["code"] for s in doc["services"]} == {s["code"] for s in before["services"]}
    broken = dict(doc, services=[dict(doc["services"][0], group="no-such-group"),
                                 *doc["services"][1:]])
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    tab.import_file(bad)
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=WAIT)
    assert doc["services"][0]["code"] in tab.error.text()  # the entry, and the problem
    assert hub_get(live_hub, "/api/catalog") == before  # nothing changed
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.import_file(exported)
    assert tab.error.isHidden()

    select(tab.table, "2.000815")
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.toggle.click()
    qtbot.waitUntil(lambda: tab.selected() and tab.selected().get("enabled") is False,
                    timeout=WAIT)
    dialog = tab.open_dialog()
    dialog.minutes.setValue(7.5)
    dialog.checklist["vi"].setPlainText("Bản chính\nBản sao cần chứng thực")
    dialog.texts["fee_vi"].setText("2.000 đồng/trang")
    assert dialog.result_days.value() == 0  # the catalogue's "Trong ngày"
    dialog.result_days.setValue(1)
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        dialog.submit()
    service = next(s for s in hub_get(live_hub, "/api/catalog")["services"]
                   if s["code"] == "2.000815")
    assert (service["minutes"], service["checklist_vi"], service["fee_vi"],
            service["result_working_days"]) == (
        7.5, ["Bản chính", "Bản sao cần chứng thực"], "2.000 đồng/trang", 1)


def test_holidays_add_and_remove(qtbot, admin, live_hub):
    from PySide6.QtCore import QDate

    tab = admin.holidays
    qtbot.waitUntil(lambda: len(tab.days) > 10, timeout=WAIT)
    assert ["17/02/2026", "Tết Nguyên đán", "Thành phố"] in rows(tab.table)
    tab.submit()
    assert "tên" in tab.error.text()  # a name is needed; nothing sent
    tab.day.setDate(QDate(2026, 12, 24))
    tab.name_vi.setText("Nghỉ theo quyết định của phường")
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.submit()
    qtbot.waitUntil(lambda: ["24/12/2026", "Nghỉ theo quyết định của phường", "Phường"]
                    in rows(tab.table), timeout=WAIT)
    assert {"day": "2026-12-24", "name_vi": "Nghỉ theo quyết định của phường",
            "name_en": "Nghỉ theo quyết định của phường", "origin": "ward"} in hub_get(
        live_hub, "/api/holidays")["holidays"]
    select(tab.table, "24/12/2026")
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.remove.click()
    qtbot.waitUntil(lambda: all(r[0] != "24/12/2026" for r in rows(tab.table)), timeout=WAIT)


def test_stations_revoke_and_pairing_code(qtbot, admin, live_hub):
    tab = admin.stations
    spare = live_hub.hub.auth.create_token("display", name="old lobby TV")
    tab.refresh()
    qtbot.waitUntil(lambda: "old lobby TV" in [r[0] for r in rows(tab.table)], timeout=WAIT)
    select(tab.table, "old lobby TV")
    tab.ask = lambda *_a: True
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.revoke_selected()
    qtbot.waitUntil(lambda: "old lobby TV" not in [r[0] for r in rows(tab.table)],
                    timeout=WAIT)
    with live_hub.client("display") as c:  # a fresh token works; the revoked one does not
        c.headers["Authorization"] = f"Bearer {spare}"
        assert c.get("/api/state").status_code == 401
    dialog = tab.open_pairing()
    dialog.role.setCurrentIndex(dialog.role.findData("display"))
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT) as made:
        dialog.submit()
    assert dialog.code.text() == made.args[0]["code"]
    dialog.reject()


def test_booking_slots_saved_with_the_hub_and_refusals_in_place(qtbot, admin, live_hub):
    tab = admin.booking
    admin.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == len(hub_get(live_hub, "/api/admin/slots")["groups"])
    assert {r[5] for r in rows(tab.table)} == {"không nhận"}  # nothing set: no booking
    tab.table.selectRow(0)
    group = tab.selected()["group"]
    tab.minutes.setCurrentIndex(tab.minutes.findData(20))
    tab.capacity.setValue(9)
    tab.days.setValue(4)
    tab.share.setValue(25)
    assert tab.places.text() == "Mỗi khung giờ nhận 2 lịch hẹn."  # floor(9 × 0.25)
    with qtbot.waitSignal(tab.sig_changed, timeout=WAIT):
        tab.save.click()
    saved = next(g for g in hub_get(live_hub, "/api/admin/slots")["groups"]
                 if g["group"] == group)
    assert (saved["slot_minutes"], saved["capacity"], saved["days_ahead"],
            saved["booked_share"], saved["places"]) == (20, 9, 4, 0.25, 2)
    qtbot.waitUntil(lambda: rows(tab.table)[0][1:] == ["20", "9", "4", "25 %", "2"],
                    timeout=WAIT)
    [event] = [e for e in live_hub.hub.store.events_since(0, 10**9)
               if e.type == "booking.slots_set"]  # for central: the one slot model
    assert {k: v for k, v in event.data.items() if k != "by"} == {
        "group": group, "capacity": 9, "slot_minutes": 20, "days_ahead": 4, "booked_share": 0.25}

    tab.minutes.addItem("25", 25)  # a length the hub does not take: its refusal, in place
    tab.minutes.setCurrentIndex(tab.minutes.count() - 1)
    tab.save.click()
    qtbot.waitUntil(lambda: tab.field_error.isVisible(), timeout=WAIT)
    assert "slot_minutes" in tab.field_error.text() and "5, 10, 15" in tab.field_error.text()
    assert tab.minutes.hasFocus() or not admin.isActiveWindow()
    tab.table.selectRow(0)  # choosing again clears the line and shows what the hub holds
    tab._selection()
    assert not tab.field_error.isVisible() and tab.minutes.currentData() == 20


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots(qtbot, admin, live_hub, size):
    live_hub.hub.auth.add_officer("lan.nguyen", "482915", "Nguyễn Thị Lan")
    admin.officers.refresh()
    first = live_hub.hub.store.catalog.groups[0].id
    bookings.set_slots(live_hub.hub.store, first, SlotSettings(12, 30, 6, 0.5))
    admin.booking.refresh()
    qtbot.waitUntil(lambda: admin.booking.groups and admin.booking.groups[0]["capacity"] == 12,
                    timeout=WAIT)
    admin.booking.table.selectRow(0)
    qtbot.waitUntil(lambda: admin.officers.table.rowCount() == 1, timeout=WAIT)
    admin.resize(*size)
    qtbot.waitUntil(lambda: admin.size().width() == size[0], timeout=WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(("officers", "counters", "ward", "catalog", "stations",
                                  "booking", "holidays")):
        admin.tabs.setCurrentIndex(index)
        QApplication.processEvents()  # the layout requests the new text size posted
        image = admin.grab()
        assert image.width() == size[0]
        assert image.save(str(SHOTS / f"admin-{name}-{size[0]}.png"))


@pytest.fixture
def english():
    application("en")
    yield
    install_language(application("vi"), "vi")  # the one QApplication is shared by tests


def test_english(qtbot, live_hub, english):
    client = HubClient(live_hub.url, live_hub.token("admin"), language="en")
    window = AdminWindow(client)
    client.setParent(window)  # the connection dies with its window, as in the launcher
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    assert [window.tabs.tabText(i) for i in range(5)] == [
        "&1 Officers", "&2 Counters", "&3 Ward and opening hours", "&4 Procedure catalogue",
        "&5 Stations and tokens"]
    assert window.tabs.tabText(5) == "&6 Booking"
    assert window.tabs.tabText(6) == "&7 Holidays"
    assert window.holidays.add.text() == "&Add the day off"
    assert window.booking.save.text() == "&Save slots"
    assert window.officers.rule_label.text() == "A PIN is 6 to 12 digits."
    assert window.counters.add.text() == "&Add counter…"
    assert rows(window.counters.table)[0][3] == "Certification, Civil status"
    assert window.heading.text() == "Administration – Cua Nam Ward"


def test_catalogue_tab_lists_the_questions_the_assistant_could_not_answer(qtbot, admin,
                                                                          live_hub):
    import httpx

    for q in ("làm hộ chiếu ở đâu", "Làm hộ chiếu ở đâu", "đăng ký xe máy"):
        assert httpx.get(f"{live_hub.url}/api/guide", params={"q": q}).json()["confident"] \
            is False
    tab = admin.catalog
    tab.refresh()
    qtbot.waitUntil(lambda: tab.unanswered.rowCount() == 2, timeout=WAIT)
    assert rows(tab.unanswered)[0][:2] == ["lam ho chieu o dau", "2"]
