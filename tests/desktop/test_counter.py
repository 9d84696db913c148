"""The counter window against a real hub on loopback: sign-in, calling, serving, parking,
transferring and no-shows by button and by shortcut, pause/open, the compact strip, a double
press that must call only one citizen, losing the hub, English, and the screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from onestop.desktop.client import HubClient
from onestop.desktop.counter import CounterWindow
from onestop.desktop.qtapp import application, install_language

WAIT = 15_000
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def desk(qtbot, live_hub):
    """Counter 1's window, showing the hub's data; officer "lan" exists with PIN 123456."""
    live_hub.hub.auth.add_officer("lan", "123456", "Nguyễn Thị Lan")
    application("vi")
    client = HubClient(live_hub.url, live_hub.token("counter", 1))
    window = CounterWindow(client, number=1)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    yield window
    client.stop()


def hub_counter(live_hub, number: int = 1):
    return live_hub.hub.store.counter(number)


def issue(live_hub, service: str = "2.000815", **extra) -> dict:
    with live_hub.client("reception") as rec:
        reply = rec.post("/api/tickets", json={"service": service, **extra})
    assert reply.status_code == 201, reply.text
    return reply.json()["ticket"]


def key(window, key_name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{key_name}"), modifier)


def press(qtbot, w, action: str, key_name: str) -> None:
    """The officer presses the action's key once the action is possible."""
    qtbot.waitUntil(w.buttons[action].isEnabled, timeout=WAIT)
    key(w, key_name)


def sign_in(qtbot, w, pin: str = "123456") -> None:
    qtbot.keyClicks(w.signin.username, "lan")
    w.signin.pin.setText(pin)
    qtbot.keyClick(w.signin.pin, Qt.Key.Key_Return)


def click(qtbot, button) -> None:
    """Click once the button can be used (the previous command has been answered)."""
    qtbot.waitUntil(button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ready_to_call(qtbot, w, live_hub) -> None:
    """Signed in and open, as an officer starts the day."""
    sign_in(qtbot, w)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=WAIT)
    assert w.pause_button.text() == "Mở quầy"
    click(qtbot, w.pause_button)
    qtbot.waitUntil(lambda: w.counter["status"] == "open" and not w.busy, timeout=WAIT)
    assert hub_counter(live_hub).status == "open"


def served_at_counter(qtbot, w, ticket: dict, status: str = "called") -> None:
    qtbot.waitUntil(lambda: w.current is not None and w.current["id"] == ticket["id"]
                    and w.current["status"] == status and not w.busy, timeout=WAIT)


def record_posts(monkeypatch, client) -> list[str]:
    """The path of every POST the window sends through its hub client, recorded as it is sent
    (the send is synchronous, so a key press that sent nothing is known at once: no sleep)."""
    sent: list[str] = []
    original = client.call

    def call(owner, method, path, *args, **kwargs):
        if method == "POST":
            sent.append(path)
        return original(owner, method, path, *args, **kwargs)

    monkeypatch.setattr(client, "call", call)
    return sent


def idle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.busy, timeout=WAIT)


def test_sign_in_bad_pin_then_good_then_sign_out(qtbot, desk, live_hub):
    w = desk
    assert w.pages.currentIndex() == 0  # nobody signed in: the sign-in panel
    assert w.signin.pin.echoMode() == QLineEdit.EchoMode.Password
    assert not w.buttons["next"].isEnabled()
    sign_in(qtbot, w, pin="999999")
    qtbot.waitUntil(lambda: w.signin.error.text() != "", timeout=WAIT)
    assert w.signin.error.text() == "Sai tên đăng nhập hoặc mã PIN"
    assert w.signin.pin.text() == "" and hub_counter(live_hub).officer is None
    w.signin.username.clear()
    sign_in(qtbot, w)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=WAIT)
    assert hub_counter(live_hub).officer == "lan"
    # The full name, not the login (from the sign-in's answer, which may follow its event).
    qtbot.waitUntil(lambda: "Cán bộ: Nguyễn Thị Lan" in w.officer.text(), timeout=WAIT)
    assert "Hôm nay đã phục vụ: 0" in w.officer.text()
    click(qtbot, w.signout_button)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 0, timeout=WAIT)
    assert hub_counter(live_hub).officer is None



def events_of(live_hub, kind: str) -> list[dict]:
    return [e.data for e in live_hub.hub.store.events_since(0, 10_000) if e.type == kind]


def test_next_calls_the_right_ticket_and_shows_it(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    first = issue(live_hub, "2.000815", count=12)
    # A longer certification job second: smart routing calls shorter jobs first, and this
    # test is about the window, not the policy.
    second = issue(live_hub, "local.contract")
    land = issue(live_hub, "1.013831")  # not one of counter 1's groups
    qtbot.waitUntil(lambda: w.queue_panel.backlog_numbers() == [first["number"],
                                                               second["number"]], timeout=WAIT)
    click(qtbot, w.buttons["next"])
    served_at_counter(qtbot, w, first)
    assert hub_counter(live_hub).current == first["id"]
    assert w.current_panel.number.text() == first["number"] == "A001"
    assert w.current_panel.service.text() == "Chứng thực bản sao từ bản chính"
    assert "Nộp hồ sơ" in w.current_panel.details.text()
    assert "Số lượng: 12 trang" in w.current_panel.details.text()
    checklist = live_hub.hub.store.catalog.service("2.000815").checklist_vi
    assert w.current_panel.checklist_items() == list(checklist)
    assert "Đã chờ 0 phút" in w.current_panel.timing.text()
    assert w.current_panel.status.text() == "Đã gọi – chờ công dân đến quầy"
    qtbot.waitUntil(lambda: w.queue_panel.backlog_numbers() == [second["number"]],
                    timeout=WAIT)
    assert land["number"] not in w.queue_panel.backlog_numbers()
    assert not w.buttons["next"].isEnabled()  # one citizen at a time


def test_recall_start_done_with_shortcuts(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    ticket = issue(live_hub, "1.001193", priority="elderly")
    press(qtbot, w, "next", "Space")
    served_at_counter(qtbot, w, ticket)
    assert w.current_panel.priority.text() == "★ Ưu tiên: Người cao tuổi từ đủ 75 tuổi"
    press(qtbot, w, "recall", "F2")
    qtbot.waitUntil(lambda: live_hub.hub.store.ticket(ticket["id"]).recalls == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "đã gọi lại 1 lần" in w.current_panel.timing.text(), timeout=WAIT)
    press(qtbot, w, "start", "F3")
    served_at_counter(qtbot, w, ticket, "serving")
    assert live_hub.hub.store.ticket(ticket["id"]).status == "serving"
    assert not w.buttons["recall"].isEnabled() and not w.buttons["no_show"].isEnabled()
    press(qtbot, w, "done", "F4")
    qtbot.waitUntil(lambda: w.current is None and not w.busy, timeout=WAIT)
    assert live_hub.hub.store.ticket(ticket["id"]).status == "done"
    assert hub_counter(live_hub).current is None
    qtbot.waitUntil(lambda: "Hôm nay đã phục vụ: 1" in w.officer.text(), timeout=WAIT)
    assert w.current_panel.number.text() == "—"
    assert w.buttons["next"].isEnabled()


def test_park_then_return_parked(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    parked = issue(live_hub, "1.000656")
    other = issue(live_hub, "1.000656")
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, parked)
    press(qtbot, w, "park", "F6")
    qtbot.waitUntil(lambda: w.current is None and [t["id"] for t in w.parked] == [parked["id"]],
                    timeout=WAIT)
    assert live_hub.hub.store.ticket(parked["id"]).status == "parked"
    assert w.queue_panel.parked.isVisibleTo(w) and w.queue_panel.parked.rowCount() == 1
    # Meanwhile the next citizen is served and finished.
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, other)
    assert not w.buttons["return"].isEnabled()  # the counter is busy
    press(qtbot, w, "done", "F4")
    # The parked citizen is back with the missing paper: F7, pick, Enter.
    press(qtbot, w, "return", "F7")
    qtbot.waitUntil(lambda: w.parked_dialog is not None and w.parked_dialog.isVisible(),
                    timeout=WAIT)
    assert w.parked_dialog.chosen() == parked["id"]
    QTest.keyClick(w.parked_dialog, Qt.Key.Key_Return)
    served_at_counter(qtbot, w, parked)
    assert hub_counter(live_hub).current == parked["id"]
    assert live_hub.hub.store.ticket(parked["id"]).status == "called"
    qtbot.waitUntil(lambda: w.parked == [] and not w.queue_panel.parked.isVisibleTo(w),
                    timeout=WAIT)
    with live_hub.client("counter", 1) as api:  # the hub read behind the list
        assert api.get("/api/counters/1/parked").json()["parked"] == []
        assert api.get("/api/counters/99/parked").status_code == 404


def test_transfer_to_another_group_keeps_the_place_in_line(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    moved = issue(live_hub, "2.000815")
    later = issue(live_hub, "1.013831")  # issued after: must stay behind the moved one
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, moved)
    press(qtbot, w, "transfer", "F8")
    qtbot.waitUntil(lambda: w.transfer_dialog is not None and w.transfer_dialog.isVisible(),
                    timeout=WAIT)
    dialog = w.transfer_dialog
    dialog.select_group("land")
    labels = [dialog.counter.itemText(i) for i in range(dialog.counter.count())]
    assert labels == ["Bất kỳ quầy nào phục vụ lĩnh vực này", "Quầy 3 – Kinh tế, Xây dựng",
                      "Quầy 4 – Đất đai"]
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current is None and not w.busy, timeout=WAIT)
    now = live_hub.hub.store.ticket(moved["id"])
    assert (now.status, now.group, now.transfers) == ("waiting", "land", 1)
    assert now.issued_at.isoformat() == moved["issued_at"]
    assert hub_counter(live_hub).current is None
    assert w.message.text() == "Đã chuyển số A001 sang Đất đai."
    qtbot.waitUntil(lambda: moved["number"] not in w.queue_panel.backlog_numbers(),
                    timeout=WAIT)
    with live_hub.client("counter", 4) as land_desk:  # the land counter calls it first
        assert land_desk.post("/api/counters/4/open").status_code == 200
        up = land_desk.get("/api/counters/4/upcoming").json()
        assert [t["id"] for t in up["upcoming"]] == [moved["id"], later["id"]]
        assert land_desk.post("/api/counters/4/next").json()["id"] == moved["id"]


def test_no_show_after_a_recall_and_hub_errors_in_vietnamese(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    ticket = issue(live_hub, "2.000884")
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, ticket)
    press(qtbot, w, "no_show", "F5")  # too early: the hub refuses, the officer reads why
    qtbot.waitUntil(lambda: w.message.isVisibleTo(w) and not w.busy, timeout=WAIT)
    assert w.message.text() == "Hãy gọi lại số A001 ít nhất 1 lần trước khi báo vắng mặt"
    assert live_hub.hub.store.ticket(ticket["id"]).status == "called"
    for recalls in (1, 2, 3):
        press(qtbot, w, "recall", "F2")
        qtbot.waitUntil(lambda n=recalls: w.current["recalls"] == n and not w.busy,
                        timeout=WAIT)
    press(qtbot, w, "recall", "F2")
    qtbot.waitUntil(lambda: "hãy báo vắng mặt" in w.message.text() and not w.busy,
                    timeout=WAIT)
    assert w.message.text() == "Đã gọi lại số A001 3 lần; hãy báo vắng mặt"
    press(qtbot, w, "no_show", "F5")
    qtbot.waitUntil(lambda: w.current is None and not w.busy, timeout=WAIT)
    assert live_hub.hub.store.ticket(ticket["id"]).status == "no_show"
    assert not w.message.isVisibleTo(w)  # a success clears the old error


def test_pause_and_open(qtbot, desk, live_hub, monkeypatch):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    issue(live_hub, "2.000815")
    assert w.status_pill.text() == "Đang mở" and w.pause_button.text() == "Tạm dừng"
    click(qtbot, w.pause_button)
    qtbot.waitUntil(lambda: hub_counter(live_hub).status == "paused", timeout=WAIT)
    qtbot.waitUntil(lambda: w.status_pill.text() == "Tạm dừng" and not w.busy, timeout=WAIT)
    assert w.pause_button.text() == "Mở quầy" and not w.buttons["next"].isEnabled()
    posts = record_posts(monkeypatch, w.client)
    key(w, "F1")  # ignored while paused: nothing is sent to the hub
    assert posts == [] and not w.busy
    click(qtbot, w.pause_button)
    assert posts == ["/api/counters/1/open"]  # the recorder sees what the window sends
    qtbot.waitUntil(lambda: hub_counter(live_hub).status == "open", timeout=WAIT)
    qtbot.waitUntil(w.buttons["next"].isEnabled, timeout=WAIT)
    click(qtbot, w.close_button)
    qtbot.waitUntil(lambda: hub_counter(live_hub).status == "closed", timeout=WAIT)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 0, timeout=WAIT)  # closing signs out


def test_compact_strip_keeps_working(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    ticket = issue(live_hub, "2.000815")
    key(w, "M", Qt.KeyboardModifier.ControlModifier)
    strip = w.strip
    qtbot.waitUntil(lambda: strip.isVisible() and not w.isVisible(), timeout=WAIT)
    assert strip.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert strip.width() <= 400 and strip.height() <= 140
    click(qtbot, strip.buttons["next"])
    qtbot.waitUntil(lambda: strip.number.text() == ticket["number"], timeout=WAIT)
    click(qtbot, strip.buttons["recall"])
    qtbot.waitUntil(lambda: live_hub.hub.store.ticket(ticket["id"]).recalls == 1, timeout=WAIT)
    strip.activateWindow()
    qtbot.waitUntil(strip.isActiveWindow, timeout=WAIT)
    qtbot.waitUntil(strip.buttons["done"].isEnabled, timeout=WAIT)
    QTest.keyClick(strip, Qt.Key.Key_F4)  # the shortcuts work on the strip too
    qtbot.waitUntil(lambda: strip.number.text() == "—", timeout=WAIT)
    assert live_hub.hub.store.ticket(ticket["id"]).status == "done"
    QTest.keyClick(strip, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.isVisible() and not strip.isVisible(), timeout=WAIT)


def test_a_double_press_of_next_calls_one_citizen(qtbot, desk, live_hub, monkeypatch):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    first, second = issue(live_hub), issue(live_hub)
    qtbot.waitUntil(w.buttons["next"].isEnabled, timeout=WAIT)
    posts = record_posts(monkeypatch, w.client)
    # A double click, the key and the space bar, all before the hub has answered.
    qtbot.mouseClick(w.buttons["next"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.buttons["next"], Qt.MouseButton.LeftButton)
    key(w, "F1")
    key(w, "Space")
    assert posts == ["/api/counters/1/next"]  # one request sent for four presses
    served_at_counter(qtbot, w, first)  # ... and its answer has arrived
    assert posts == ["/api/counters/1/next"]
    calls = events_of(live_hub, "ticket.called")
    assert [c["ticket"]["id"] for c in calls] == [first["id"]]
    assert live_hub.hub.store.ticket(second["id"]).status == "waiting"
    assert not w.message.isVisibleTo(w)  # no "counter busy" error either


def test_lost_hub_is_shown_and_the_window_resumes(qtbot, desk, live_hub):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    with qtbot.waitSignal(w.client.sig_offline, timeout=20_000):
        live_hub.server.stop()
    qtbot.waitUntil(lambda: w.banner.isVisibleTo(w), timeout=WAIT)
    assert not w.buttons["next"].isEnabled()
    with qtbot.waitSignal(w.client.sig_online, timeout=30_000):
        live_hub.restart()
    ticket = issue(live_hub, "2.000815")  # issued after the restart: known only to the hub
    qtbot.waitUntil(lambda: w.queue_panel.backlog_numbers() == [ticket["number"]],
                    timeout=WAIT)
    assert not w.banner.isVisibleTo(w)
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, ticket)


def test_english_from_settings(qtbot, live_hub):
    app = application("en")
    try:
        client = HubClient(live_hub.url, live_hub.token("counter", 2), language="en")
        w = CounterWindow(client, number=2)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.sig_ready, timeout=WAIT):
            client.start()
            w.show()
        assert w.buttons["next"].text() == "Call next\nF1 / Space"
        assert w.signin.button.text() == "Sign in (Enter)"
        assert w.title.text() == "Counter 2 – Civil status"
        assert w.status_pill.text() == "Closed"
        client.stop()
    finally:
        install_language(app, "vi")


def shots_dir(tmp_path: Path) -> Path:
    if os.environ.get("ONESTOP_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path


def test_screenshots_at_both_sizes_and_the_strip(qtbot, desk, live_hub, tmp_path):
    w = desk
    out = shots_dir(tmp_path)
    for size in (1920, 1366):
        w.resize(size, 1080 if size == 1920 else 768)
        qtbot.wait(200)
        w.grab().save(str(out / f"counter-signin-{size}.png"))
    ready_to_call(qtbot, w, live_hub)
    served = issue(live_hub, "1.001193", priority="small_child")
    for service, extra in (("2.000815", {"count": 12}), ("2.000884", {}), ("1.000894", {}),
                           ("local.contract", {}), ("1.004873", {}),
                           ("2.000815", {"count": 3}), ("1.000656", {"priority": "elderly"})):
        issue(live_hub, service, **extra)
    key(w, "F1")
    served_at_counter(qtbot, w, served)
    key(w, "F3")
    served_at_counter(qtbot, w, served, "serving")
    qtbot.waitUntil(lambda: w.queue_panel.backlog.rowCount() == 7, timeout=WAIT)
    for size in (1920, 1366):
        w.resize(size, 1080 if size == 1920 else 768)
        qtbot.wait(300)
        path = out / f"counter-{size}.png"
        assert w.grab().save(str(path)) and path.stat().st_size > 10_000
    key(w, "M", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.compact, timeout=WAIT)
    qtbot.wait(200)
    assert w.strip.grab().save(str(out / "counter-compact.png"))
    w.toggle_compact()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)
    press(qtbot, w, "transfer", "F8")
    qtbot.waitUntil(lambda: w.transfer_dialog is not None and w.transfer_dialog.isVisible(),
                    timeout=WAIT)
    qtbot.wait(200)
    assert w.transfer_dialog.grab().save(str(out / "counter-transfer.png"))
    w.transfer_dialog.reject()


def test_appointment_slip_for_the_citizen_at_the_counter(qtbot, desk, live_hub, tmp_path):
    from onestop.desktop.counter_slip import SlipDialog
    from onestop.printing.qtprint import printer_names
    from onestop.settings import Settings

    w = desk
    assert w.minimumSizeHint().width() <= 1366  # the slip button still fits a laptop screen
    ready_to_call(qtbot, w, live_hub)
    ticket = issue(live_hub, "2.000815")
    press(qtbot, w, "next", "F1")
    served_at_counter(qtbot, w, ticket)
    from tests.conftest import require

    require("cups-pdf queue", "onestop-test" in printer_names(),
            "no CUPS queue onestop-test (.ci/run adds it)")
    w.settings = Settings(data_dir=tmp_path, printer="onestop-test")
    dialog = SlipDialog(w)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "họ tên" in dialog.status.text()  # a name is needed first
    dialog.name.setText("Lê Thị Bình")
    dialog.official.setText("000.00.01.H26-261205-0001")
    printed: list[str] = []
    dialog.sig_printed.connect(printed.append)
    with qtbot.waitSignals([dialog.sig_recorded, dialog.sig_pdf], timeout=WAIT):
        dialog.submit()
    # One action recorded the dossier (the hub's code, check and due date) and made the PDF.
    recorded = dialog.recorded
    with live_hub.client("supervisor") as sup:
        stored = sup.get(f"/api/dossiers/{recorded['code']}").json()
    assert stored["ticket_id"] == ticket["id"] and stored["state"] == "received"
    assert stored["official_code"] == "000.00.01.H26-261205-0001"
    assert recorded["code"] in dialog.code.text() and recorded["check"] in dialog.code.text()
    due = recorded["due_date"]
    assert dialog.due.text() == f"{due[8:10]}/{due[5:7]}/{due[:4]}"
    qtbot.waitUntil(lambda: printed == ["onestop-test"], timeout=WAIT)
    assert dialog.grab().save(str(shots_dir(tmp_path) / "counter-receipt.png"))
    # Asked again for the same visit (a second dialog): the same dossier, printed again.
    again = SlipDialog(w)
    qtbot.addWidget(again)
    again.name.setText("Lê Thị Bình")
    with qtbot.waitSignal(again.sig_pdf, timeout=WAIT):
        again.submit()
    assert again.recorded["code"] == recorded["code"]
