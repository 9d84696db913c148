"""A ward's first day, through the windows as a person would (issue 12): an empty data folder,
the hub composed exactly as single-PC mode composes it (local tokens made at start, then the
launcher with those tokens), the launcher's set-up filled by keyboard - ward, counters (one
more than the bundled centre), the first officer - then reception issues a ticket, the new
counter's window (its token made by the launcher over the API) signs in with that officer and
calls it, the lobby display shows it, the officer finishes it, and the supervisor sees one
citizen served.

Nothing here creates officers, counters or tokens except the windows: the test only reads
the hub's store to check what the windows did."""

from __future__ import annotations

import json
import stat

import httpx
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from onestop.commands.local_tokens import provision_local_tokens
from onestop.compose import HubServer, open_hub
from onestop.desktop.announcer import Announcer, RecordingPlayer
from onestop.desktop.launcher import LauncherWindow
from onestop.desktop.qtapp import application
from onestop.serving import free_port
from onestop.settings import Settings

WAIT = 15_000
PIN = "482915"


@pytest.fixture
def single_pc(tmp_path):
    """run_single_pc's composition, without its blocking front end: hub, local tokens,
    server on loopback; yields (url, tokens, settings, hub)."""
    settings = Settings(data_dir=tmp_path / "data", print_tickets=False)  # no printer here
    hub = open_hub(settings)
    tokens = provision_local_tokens(hub)
    port = free_port()
    server = HubServer(hub, "127.0.0.1", port)
    server.start()
    yield f"http://127.0.0.1:{port}", tokens, settings, hub
    server.stop()
    hub.close()


def read(url: str, tokens: dict, path: str) -> dict:
    """Only to check what the windows did: a GET creates nothing."""
    answer = httpx.get(url + path, headers={"Authorization": f"Bearer {tokens['admin']}"},
                       timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def keys(qtbot, widget, text: str) -> None:
    """Type `text` key by key. QTest knows ASCII keys only (it aborts the process on "ư"):
    other letters arrive as a Vietnamese keyboard (Unikey, ibus) delivers them, as key
    events that carry the composed letter."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         char))


def type_into(qtbot, widget, text: str) -> None:
    """Select what the field holds and type over it, as a person does (Ctrl+A, then keys)."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, widget, text)


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None  # QTest aborts the process on a key sent to no widget
    return widget


def open_from_launcher(qtbot, launcher, key: str):
    with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(launcher.buttons.buttons[key], Qt.MouseButton.LeftButton)
    window = opened.args[1]
    if not window.is_ready:
        with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
            pass
    return window


def test_first_day_through_the_windows(qtbot, single_pc, monkeypatch):
    url, tokens, settings, hub = single_pc
    assert read(url, tokens, "/api/setup")["needed"] is True
    application("vi")
    # The lobby display speaks through the recording player: no sound card in a test.
    monkeypatch.setattr(Announcer, "for_data_folder",
                        classmethod(lambda cls, *a, **k: cls(RecordingPlayer())))
    launcher = LauncherWindow(url, tokens, settings)
    qtbot.addWidget(launcher)
    with qtbot.waitSignal(launcher.sig_setup, timeout=WAIT) as opened:
        launcher.show()
    setup = opened.args[0]
    if setup._pending:
        with qtbot.waitSignal(setup.sig_loaded, timeout=WAIT):
            pass
    assert setup.isVisible() and setup.pages.currentIndex() == 0
    setup.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is setup, timeout=WAIT)

    # Step 1: the ward, field after field with Tab, Enter to go on.
    assert focused() is setup.ward_edits["name_vi"]
    type_into(qtbot, focused(), "Phường Hàng Trống")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into(qtbot, focused(), "Hang Trong Ward")
    # The office's name follows the ward's name as it is typed; Tab goes past it.
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().text() == "Trung tâm Phục vụ hành chính công phường Hàng Trống"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().text() == "Public Administrative Service Centre, Hang Trong Ward"
    for text in ("12 Hàng Trống, Hoàn Kiếm, Hà Nội", "12 Hang Trong, Hoan Kiem, Hanoi"):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        type_into(qtbot, focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert setup.pages.currentIndex() == 1

    # Step 2: the bundled centre's five counters are there; one more for the new officer.
    assert focused() is setup.count and setup.count.value() == 5
    type_into(qtbot, setup.count.lineEdit(), "6")
    assert [c["number"] for c in setup.counters] == [1, 2, 3, 4, 5, 6]
    assert setup.counters[5]["skills"] == ["certification"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is setup.counter_list
    qtbot.keyClick(focused(), Qt.Key.Key_End)  # the new counter, last in the list
    assert setup.counter_list.currentRow() == 5
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into(qtbot, focused(), "Quầy 6 – Chứng thực nhanh")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into(qtbot, focused(), "Counter 6 – Quick certification")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is setup.skills.list
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # also civil status, second
    for _ in range(3):  # past Lên and Xuống to the fast-lane box
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is setup.fast_lane
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert setup.counters[5] == {"number": 6, "label_vi": "Quầy 6 – Chứng thực nhanh",
                                 "label_en": "Counter 6 – Quick certification",
                                 "skills": ["certification", "civil-status"],
                                 "fast_lane": True}
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert setup.pages.currentIndex() == 2

    # Step 3: the first officer; a PIN typed differently twice is caught before the hub.
    assert focused() is setup.username
    qtbot.keyClicks(focused(), "Lan.Nguyen")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    keys(qtbot, focused(), "Nguyễn Thị Lan")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is setup.pin.pin
    assert "6" in setup.pin.rule_label.text()  # the PIN rule is shown
    qtbot.keyClicks(focused(), PIN)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "482916")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert setup.pin.error.text() == "Hai lần nhập mã PIN không khớp."
    assert setup.username.text() == "Lan.Nguyen"  # nothing typed is lost
    type_into(qtbot, setup.pin.again, PIN)
    with qtbot.waitSignal(setup.sig_done, timeout=WAIT):
        qtbot.keyClick(setup.pin.again, Qt.Key.Key_Return)

    officers = read(url, tokens, "/api/officers")["officers"]
    assert [(o["username"], o["display_name"]) for o in officers] == [
        ("lan.nguyen", "Nguyễn Thị Lan")]
    assert read(url, tokens, "/api/setup")["needed"] is False
    ward = read(url, tokens, "/api/ward")
    assert (ward["name_en"], ward["address_vi"]) == ("Hang Trong Ward",
                                                     "12 Hàng Trống, Hoàn Kiếm, Hà Nội")
    assert ward["office_name_vi"] == "Trung tâm Phục vụ hành chính công phường Hàng Trống"
    six = read(url, tokens, "/api/counters")[-1]
    assert (six["number"], six["skills"], six["fast_lane"]) == (
        6, ["certification", "civil-status"], True)
    assert "lan.nguyen" in launcher.message.text()
    qtbot.waitUntil(lambda: launcher.title.text() == "onestop – Phường Hàng Trống", timeout=WAIT)
    # The new counter's button follows the live list, and its token is made and saved (0600).
    qtbot.waitUntil(lambda: "counter6" in launcher.buttons.buttons
                    and "counter6" in launcher.tokens, timeout=WAIT)
    path = settings.data_dir / "local-stations.json"
    assert json.loads(path.read_text())["counter6"] == launcher.tokens["counter6"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert launcher.buttons.buttons["counter6"].text() == "Quầy 6 – Chứng thực nhanh"

    # Reception issues a ticket, by keyboard.
    reception = open_from_launcher(qtbot, launcher, "reception")
    reception.search_box.setFocus()
    qtbot.keyClicks(reception.search_box, "chung thuc ban sao")
    qtbot.keyClick(reception.search_box, Qt.Key.Key_Return)
    with qtbot.waitSignal(reception.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.keyClick(reception, Qt.Key.Key_F12)
    number = issued.args[0]["number"]

    display = open_from_launcher(qtbot, launcher, "display")

    # Counter 6: the officer signs in with the username and PIN from the set-up, opens, calls.
    counter = open_from_launcher(qtbot, launcher, "counter6")
    qtbot.keyClicks(counter.signin.username, "lan.nguyen")
    qtbot.keyClick(counter.signin.username, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.signin.pin, PIN)
    qtbot.keyClick(counter.signin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.pages.currentIndex() == 1, timeout=WAIT)
    assert hub.store.counter(6).officer == "lan.nguyen"
    qtbot.waitUntil(counter.pause_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(counter.pause_button, Qt.MouseButton.LeftButton)  # "Mở quầy"
    qtbot.waitUntil(counter.buttons["next"].isEnabled, timeout=WAIT)
    qtbot.mouseClick(counter.buttons["next"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.current is not None and counter.current["number"] == number,
                    timeout=WAIT)

    # The lobby display shows the call at counter 6.
    qtbot.waitUntil(lambda: any(c["number"] == number for c in display.calls), timeout=WAIT)
    qtbot.waitUntil(lambda: display.recent.rows[:1] == [(number, "Quầy 6")],
                    timeout=WAIT)

    # Done, and the supervisor sees one citizen served.
    qtbot.waitUntil(counter.buttons["done"].isEnabled, timeout=WAIT)
    qtbot.mouseClick(counter.buttons["done"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.current is None, timeout=WAIT)
    supervisor = open_from_launcher(qtbot, launcher, "supervisor")
    qtbot.waitUntil(lambda: supervisor.tiles["served"].value.text() == "1", timeout=WAIT)
    with qtbot.waitSignal(launcher.sig_closed, timeout=WAIT):
        launcher.close()
