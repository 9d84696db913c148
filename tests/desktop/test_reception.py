"""The reception window against a real hub: search → choose → estimate → issue, by keyboard
only, by touch through the group buttons, and through a hub outage without a double ticket."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.queue.catalog import default_catalog

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WAIT = 15_000


@pytest.fixture
def token(live_hub) -> str:
    return live_hub.token("reception")


@pytest.fixture
def window(qtbot, live_hub, token):
    application()
    client = HubClient(live_hub.url, token)
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


def issue_some(live_hub, service: str, n: int) -> None:
    with live_hub.client("reception") as rec:
        for _ in range(n):
            assert rec.post("/api/tickets", json={"service": service}).status_code == 201


def choose_by_typing(qtbot, w: ReceptionWindow, text: str, code: str) -> None:
    qtbot.keyClicks(w.search_box, text)
    assert w.results.currentItem().data(Qt.ItemDataRole.UserRole) == code
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)
    assert w.service is not None and w.service.code == code


def set_count(qtbot, w: ReceptionWindow, count: int) -> dict:
    """Type the count where the focus already is and wait for its estimate."""
    assert QApplication.focusWidget() in (w.request.count, w.request.count.lineEdit())
    with qtbot.waitSignal(w.sig_estimate, timeout=WAIT,
                          check_params_cb=lambda e: e["request"]["count"] == count) as got:
        qtbot.keyClicks(w.request.count, str(count))
    return got.args[0]


def test_search_choose_count_estimate_and_issue(qtbot, window, live_hub):
    issue_some(live_hub, "2.000815", 2)
    choose_by_typing(qtbot, window, "chung thuc ban sao", "2.000815")
    assert window.request.count_label.text() == "Số lượng (trang)"
    estimate = set_count(qtbot, window, 12)
    assert estimate["people_ahead"] == 2
    assert "2 người phía trước" in window.estimate.ahead.text()
    # No counter is open on a fresh hub: the hub's words, as the ticket and the lobby say.
    assert window.estimate.wait.text() == estimate["estimate"]["text_vi"] \
        == "chưa có quầy mở — chờ trung tâm mở cửa"
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.keyClick(window, Qt.Key.Key_F12)
    answer = issued.args[0]
    ticket = live_hub.hub.store.ticket(answer["ticket"]["id"])
    assert ticket.count == 12 and ticket.service == "2.000815" and ticket.number == "A003"
    assert window.ticket.number.text() == "A003"
    assert "Chứng thực bản sao" in window.ticket.details.text()
    assert answer["public_url"] in window.ticket.url.text().replace("\u200b", "")
    # The form is ready for the next citizen.
    assert window.service is None and window.search_box.text() == ""
    assert window.request.count.value() == 1 and window.search_box.hasFocus()


def test_keyboard_only_flow(qtbot, window, live_hub):
    choose_by_typing(qtbot, window, "khia sinh", "1.001193")  # a typo still finds it
    set_count(qtbot, window, 2)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Bổ sung
    assert window.request.kind == "supplement"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # → "Không ưu tiên"
    assert QApplication.focusWidget() is window.request.priority_buttons[None]
    # Like radio buttons: Tab enters the group, arrows choose within it.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert window.request.priority == "merit"
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    ticket = live_hub.hub.store.ticket(issued.args[0]["ticket"]["id"])
    assert (ticket.service, ticket.kind, ticket.count, ticket.priority) == (
        "1.001193", "supplement", 2, "merit")
    assert "Ưu tiên: Người có công" in window.ticket.details.text()
    # Down/up move through the results; Esc starts over; F9 re-emits the last ticket.
    qtbot.keyClicks(window.search_box, "dang ky")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.results.currentRow() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.service is None
    with qtbot.waitSignal(window.sig_reprint, timeout=WAIT) as again:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert again.args[0]["number"] == issued.args[0]["number"]


def test_group_buttons_for_touch(qtbot, window, live_hub):
    issue_some(live_hub, "1.013225", 3)
    qtbot.waitUntil(lambda: window.groups.buttons["construction"].text().endswith("3 đang chờ"),
                    timeout=WAIT)
    qtbot.mouseClick(window.groups.buttons["civil-status"], Qt.MouseButton.LeftButton)
    civil = default_catalog().services_in("civil-status")
    assert window.results.count() == len(civil) > 5 and "Hộ tịch" in window.list_caption.text()
    item = window.results.item(2)
    rect = window.results.visualItemRect(item)
    qtbot.mouseClick(window.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.service.code == item.data(Qt.ItemDataRole.UserRole)
    # A group with one procedure chooses it at once: this ward offers only the new-house permit.
    others = [x.code for x in default_catalog().services_in("construction") if x.code != "1.013225"]
    with live_hub.client("admin") as admin:
        for code in others:
            assert admin.patch(f"/api/catalog/services/{code}",
                               json={"enabled": False}).status_code == 200
    qtbot.waitUntil(lambda: len(window.catalog.services_in("construction")) == 1, timeout=WAIT)
    with qtbot.waitSignal(window.sig_estimate, timeout=WAIT,
                          check_params_cb=lambda e: e["request"]["service"] == "1.013225"
                          and e["request"]["kind"] == "collect") as got:
        qtbot.mouseClick(window.groups.buttons["construction"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.request.kind_buttons["collect"], Qt.MouseButton.LeftButton)
    # Registration order within a number series (issue 19): a 3-minute collection waits
    # behind the three permit dossiers issued before it in the same series.
    assert got.args[0]["people_ahead"] == 3
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.mouseClick(window.issue_button, Qt.MouseButton.LeftButton)
    assert issued.args[0]["number"] == "Y004"
    assert live_hub.hub.store.ticket(issued.args[0]["ticket"]["id"]).kind == "collect"


def test_hub_down_then_retry_issues_exactly_one_ticket(qtbot, window, live_hub, token):
    keys: list[str | None] = []
    call = window.client.call

    def recording_call(owner, method, path, body=None, **options):
        if method == "POST":
            keys.append(options.get("key"))
        return call(owner, method, path, body, **options)

    window.client.call = recording_call
    choose_by_typing(qtbot, window, "1.001193", "1.001193")
    with qtbot.waitSignal(window.client.sig_offline, timeout=WAIT):
        live_hub.server.stop()
    assert window.banner.isVisibleTo(window)
    for _ in range(2):  # the receptionist presses again while the hub is still down
        with qtbot.waitSignal(window.sig_message, timeout=WAIT,
                              check_params_cb=lambda m: "Chưa cấp được số" in m):
            qtbot.keyClick(window, Qt.Key.Key_F12)
    assert "Không kết nối được" in window.message.text()
    assert "thử lại" in window.message.text() and window.message.isVisible()
    with qtbot.waitSignal(window.client.sig_online, timeout=30_000):
        live_hub.restart()
    # The worst case: the hub had committed an attempt whose answer was lost. Replay the
    # window's own request with its key, as that attempt would have been.
    with httpx.Client(base_url=live_hub.url, headers={"Authorization": f"Bearer {token}"}) as rec:
        lost = rec.post("/api/tickets", json=window.request_body(),
                        headers={"Idempotency-Key": keys[-1]})
    assert lost.status_code == 201
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.keyClick(window, Qt.Key.Key_F12)
    assert len(keys) == 3 and len(set(keys)) == 1
    assert issued.args[0]["replayed"] is True
    assert issued.args[0]["number"] == lost.json()["number"] == "B001"
    assert len(live_hub.hub.store.tickets_of_day(issued.args[0]["ticket"]["day"])) == 1
    # The next citizen gets a new key.
    choose_by_typing(qtbot, window, "khai sinh", "1.001193")
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as second:
        qtbot.keyClick(window, Qt.Key.Key_F12)
    assert second.args[0]["number"] == "B002" and keys[-1] != keys[0]


def test_internal_codes_are_never_shown(qtbot, window):
    """National codes help an officer look a procedure up; a centre's `local.` codes do not."""
    qtbot.keyClicks(window.search_box, "hop dong")
    item = window.results.currentItem()
    assert item.data(Qt.ItemDataRole.UserRole) == "local.contract"
    assert "local." not in item.text() and item.text().endswith("Chứng thực")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert "local." not in window.service_label.text()
    window.start_over()
    qtbot.keyClicks(window.search_box, "khai sinh")
    assert window.results.currentItem().text().endswith("Hộ tịch · 1.001193")


def test_refused_request_shows_the_hubs_reason(qtbot, window):
    choose_by_typing(qtbot, window, "sang ten so do", "1.013831")
    window.service = dataclasses.replace(window.service, code="9.999999")
    with qtbot.waitSignal(window.sig_message, timeout=WAIT,
                          check_params_cb=lambda m: "Chưa cấp được số" in m):
        qtbot.keyClick(window, Qt.Key.Key_F12)
    assert "Không có thủ tục" in window.message.text()
    assert "thử lại" not in window.message.text()  # retrying the same refusal is pointless
    window.start_over()
    with qtbot.waitSignal(window.sig_message, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_F12)  # nothing chosen yet
    assert "chọn thủ tục" in window.message.text()


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_screenshots(qtbot, window, live_hub, tmp_path, size):
    issue_some(live_hub, "2.000815", 4)
    issue_some(live_hub, "1.001193", 2)
    issue_some(live_hub, "1.013831", 1)
    qtbot.waitUntil(lambda: window.groups.buttons["land"].text().endswith("1 đang chờ"),
                    timeout=WAIT)
    window.resize(*size)
    choose_by_typing(qtbot, window, "dang ky khai sinh", "1.001193")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # a priority category
    assert window.request.priority == "elderly"
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_F12)
    choose_by_typing(qtbot, window, "chung thuc", "2.000815")
    set_count(qtbot, window, 12)
    QApplication.processEvents()  # pending layout requests, so the grab shows the final layout
    folder = DOCS if os.environ.get("ONESTOP_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reception-{size[0]}.png"
    image = window.grab()
    assert (image.width(), image.height()) == size
    assert image.save(str(path))


def test_english_from_settings(qtbot, live_hub, token):
    application("en")
    try:
        client = HubClient(live_hub.url, token, language="en")
        w = ReceptionWindow(client)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.sig_ready, timeout=WAIT):
            client.start()
        assert w.issue_button.text() == "ISSUE  (F12)"
        assert w.request.kind_buttons["collect"].text() == "Collect a result"  # the glossary
        assert w.groups.buttons["land"].text() == "Land\n0 waiting"
        with qtbot.waitSignal(w.sig_estimate, timeout=WAIT):
            w.finder.sig_chosen.emit("2.000815")
        assert w.request.count_label.text() == "Quantity (page)"
        assert w.estimate.ahead.text() == "Nobody ahead"
        assert w.estimate.complexity.text().startswith("Simple")
        client.stop()
    finally:
        application("vi")


def test_a_disabled_procedure_is_not_offered(qtbot, live_hub, token):
    with live_hub.client("admin") as admin:
        assert admin.patch("/api/catalog/services/2.000815",
                           json={"enabled": False}).status_code == 200
    application()
    client = HubClient(live_hub.url, token)
    w = ReceptionWindow(client)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.sig_ready, timeout=WAIT):
        client.start()
    try:
        codes = {s.code for s in w.catalog.services}
        assert "2.000815" not in codes and "1.001193" in codes
    finally:
        client.stop()
