"""The first day of today's features, through the windows as a new user meets them (issues 17,
18, 19): an empty data folder and the hub composed as single-PC mode composes it; the
launcher's set-up (the bundled Cửa Nam centre, counter 1 also returning results); a citizen
takes a number at the kiosk in three taps; counter 1's officer signs in, opens the counter
(the idle hint says so first), calls that number, looks a procedure up in the Tra cứu panel
(Ctrl+F), records the citizen's dossier with "Phiếu hẹn" (Ctrl+H), chooses the receipt's
printer in that dialog and prints it through the real print path (the CUPS PDF queue the
printing tests use); reception's board shows the dossier; the supervisor marks its result
ready; reception takes the receipt's code and issues the collect number; counter 1 calls
it, sees the dossier's code, and Done returns the dossier.

Nothing here creates officers, counters, tokens or dossiers except the windows: the test
only reads the hub's API to check what the windows did."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from onestop.commands.local_tokens import provision_local_tokens
from onestop.compose import HubServer, open_hub
from onestop.desktop.announcer import Announcer, RecordingPlayer
from onestop.desktop.counter_slip import SlipDialog
from onestop.desktop.launcher import LauncherWindow
from onestop.desktop.qtapp import application
from onestop.printing.qtprint import printer_names
from onestop.serving import free_port
from onestop.settings import Settings, load_settings
from tests.conftest import require
from tests.desktop.test_first_day import PIN, WAIT, focused, keys, open_from_launcher, type_into

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
PRINTER = "onestop-test"  # the cups-pdf queue .ci/run adds (tests/desktop/test_counter.py)
COPY = "2.000815"  # Chứng thực bản sao từ bản chính


@pytest.fixture
def single_pc(tmp_path):
    """run_single_pc's composition without its blocking front end: hub, local tokens,
    server on loopback. The kiosk's roll printer is off (no ticket printer here); the
    counter's receipt printer is chosen in its window."""
    settings = Settings(data_dir=tmp_path / "data", print_tickets=False)
    hub = open_hub(settings)
    tokens = provision_local_tokens(hub)
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    yield server.url, tokens, settings
    server.stop()
    hub.close()


@pytest.fixture
def utc_pc(monkeypatch):
    """This PC's zone is not the ward's (UTC against UTC+7), as on a hub PC left on UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def read(url: str, tokens: dict, path: str, role: str = "admin") -> dict:
    """Only to check what the windows did: a GET creates nothing."""
    answer = httpx.get(url + path, headers={"Authorization": f"Bearer {tokens[role]}"},
                       timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def shot(qtbot, widget, name: str, size: tuple[int, int] | None = None) -> None:
    """docs/screenshots/first-day-<name>.png with ONESTOP_SCREENSHOTS=1 (looked at)."""
    if size is not None:
        widget.resize(*size)
    qtbot.waitUntil(widget.isVisible, timeout=WAIT)
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"first-day-{name}.png"))


def click(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def set_up_the_ward(qtbot, launcher):
    """The three steps, by keyboard: the bundled centre as it comes (with its address), and
    counter 1 also returning results, as a small ward's desk does."""
    with qtbot.waitSignal(launcher.sig_setup, timeout=WAIT) as opened:
        launcher.show()
    setup = opened.args[0]
    if setup._pending:
        with qtbot.waitSignal(setup.sig_loaded, timeout=WAIT):
            pass
    setup.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is setup, timeout=WAIT)
    assert focused() is setup.ward_edits["name_vi"] and focused().text() == "Phường Cửa Nam"
    for _ in range(4):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into(qtbot, focused(), "35 Hàng Bông, Hà Nội")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert setup.pages.currentIndex() == 1

    assert focused() is setup.count and setup.counters[0]["number"] == 1
    for _ in range(4):  # the list (counter 1 chosen), its two labels, then its fields
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is setup.skills.list
    qtbot.keyClick(focused(), Qt.Key.Key_End)  # "Hướng dẫn, trả kết quả", the last field
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    skills = setup.counters[0]["skills"]
    assert skills[:2] == ["certification", "civil-status"] and len(skills) == 3
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert setup.pages.currentIndex() == 2

    qtbot.keyClicks(focused(), "lan")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    keys(qtbot, focused(), "Nguyễn Thị Lan")
    for pin in (PIN, PIN):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), pin)
    with qtbot.waitSignal(setup.sig_done, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    return skills[2]


def kiosk_number(qtbot, launcher) -> str:
    """Three taps from the kiosk's start screen: the field, the procedure, "Lấy số thứ tự"."""
    kiosk = open_from_launcher(qtbot, launcher, "kiosk")
    procedure = kiosk.catalog.by_code[COPY]
    taps = [kiosk.start_page.field_buttons[kiosk.catalog.field_of(procedure)]]
    click(qtbot, taps[-1])
    taps.append(kiosk.list_page.cards[COPY])
    click(qtbot, taps[-1])
    taps.append(kiosk.card_page.take)
    click(qtbot, taps[-1])
    assert len(taps) == 3
    qtbot.waitUntil(lambda: kiosk.done_page.number.text().startswith("A"), timeout=WAIT)
    number = kiosk.done_page.number.text()
    # This kiosk prints nothing (no roll printer yet): it never says to take a ticket.
    assert kiosk.done_page.hint.text() == ("Mời Ông/Bà ghi nhớ số thứ tự và theo dõi màn "
                                           "hình gọi số.")
    shot(qtbot, kiosk, "kiosk-number", (1080, 1920))
    click(qtbot, kiosk.done_page.finish)  # the next citizen's start screen
    return number


def record_dossier(qtbot, counter, tmp_path) -> dict:
    """Ctrl+H: the citizen's name for the paper, the printer chosen in the dialog, one press
    records the dossier and prints its receipt."""
    qtbot.keyClick(counter, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.findChild(SlipDialog) is not None
                    and counter.findChild(SlipDialog).isVisible(), timeout=WAIT)
    dialog = counter.findChild(SlipDialog)
    index = dialog.printer.findData(PRINTER)
    assert index > 0
    dialog.printer.setCurrentIndex(index)
    dialog.printer.activated.emit(index)  # what choosing it with the mouse sends
    keys(qtbot, dialog.name, "Lê Thị Bình")
    shot(qtbot, dialog, "receipt-dialog")
    pdfs: list[bytes] = []
    dialog.sig_pdf.connect(pdfs.append)
    with qtbot.waitSignal(dialog.sig_printed, timeout=WAIT) as printed:
        click(qtbot, dialog.ok_button)
    assert printed.args == [PRINTER]
    recorded = dialog.recorded
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdfs[0])
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    due = recorded["due_date"]
    assert recorded["code"] in text and f"{due[8:10]}/{due[5:7]}/{due[:4]}" in text
    return recorded


def test_first_day_of_dossiers_kiosk_and_lookup(qtbot, single_pc, utc_pc, monkeypatch,
                                                tmp_path):
    url, tokens, settings = single_pc
    require("cups-pdf queue", PRINTER in printer_names(),
            "no CUPS queue onestop-test (.ci/run adds it)")
    application("vi")
    monkeypatch.setattr(Announcer, "for_data_folder",
                        classmethod(lambda cls, *a, **k: cls(RecordingPlayer())))
    launcher = LauncherWindow(url, tokens, settings)
    qtbot.addWidget(launcher)
    results_group = set_up_the_ward(qtbot, launcher)
    qtbot.waitUntil(lambda: "counter1" in launcher.buttons.buttons
                    and "counter1" in launcher.tokens, timeout=WAIT)
    assert launcher.buttons.buttons["kiosk"].text() == "Ki-ốt tự phục vụ"

    number = kiosk_number(qtbot, launcher)

    # Counter 1: sign in; closed, the hint says to open it first; open, call the number.
    counter = open_from_launcher(qtbot, launcher, "counter1")
    qtbot.keyClicks(counter.signin.username, "lan")
    qtbot.keyClick(counter.signin.username, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.signin.pin, PIN)
    qtbot.keyClick(counter.signin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.pages.currentIndex() == 1, timeout=WAIT)
    hint = counter.current_panel.service
    qtbot.waitUntil(lambda: hint.text() == "Bấm “Mở quầy” để bắt đầu gọi số.", timeout=WAIT)
    assert not counter.buttons["next"].isEnabled()
    shot(qtbot, counter, "counter-closed", (1366, 768))
    click(qtbot, counter.pause_button)  # "Mở quầy"
    qtbot.waitUntil(lambda: hint.text().startswith("Bấm “Gọi số tiếp”"), timeout=WAIT)
    click(qtbot, counter.buttons["next"])
    qtbot.waitUntil(lambda: (counter.current or {}).get("number") == number, timeout=WAIT)
    qtbot.waitUntil(lambda: counter.queue_panel.backlog.rowCount() == 0, timeout=WAIT)

    # Tra cứu (Ctrl+F): another procedure asked about, beside the citizen being served.
    qtbot.keyClick(counter, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    lookup = counter.lookup
    qtbot.waitUntil(lambda: lookup.isVisible() and lookup.question.hasFocus(), timeout=WAIT)
    qtbot.keyClicks(lookup.question, "lam giay khai sinh cho con")
    qtbot.keyClick(lookup.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.list.count() > 0, timeout=WAIT)
    assert lookup.list.item(0).text() == "Đăng ký khai sinh (1.001193)"
    assert "Tờ khai đăng ký khai sinh" in lookup.card.toPlainText()
    assert counter.buttons["done"].isEnabled()  # the queue stays usable
    shot(qtbot, counter, "counter-lookup")
    qtbot.keyClick(lookup.question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not lookup.isVisible(), timeout=WAIT)

    recorded = record_dossier(qtbot, counter, tmp_path)
    code = recorded["code"]
    # The choice is kept for the next receipt on this PC, apart from the ticket printer.
    assert load_settings(settings.data_dir).slip_printer == PRINTER
    assert json.loads(settings.settings_path.read_text())["printer"] is None
    click(qtbot, counter.buttons["done"])
    qtbot.waitUntil(lambda: counter.current is None, timeout=WAIT)

    # Reception's board counts it (due in at most 2 working days: same-day procedure).
    reception = open_from_launcher(qtbot, launcher, "reception")
    board = reception.collect.board
    qtbot.waitUntil(lambda: (board.count("due_today") or 0) + (board.count("due_soon") or 0)
                    == 1, timeout=WAIT)

    # The supervisor marks its result ready from the board.
    supervisor = open_from_launcher(qtbot, launcher, "supervisor")
    counts = supervisor.dossiers
    which = "due_today" if counts.count("due_today") else "due_soon"
    qtbot.waitUntil(lambda: counts.count(which) == 1, timeout=WAIT)
    click(qtbot, counts.buttons[which])
    dialog = counts.dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 0).text() == code
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.sig_acted, timeout=WAIT):
        click(qtbot, dialog.ready_button)
    qtbot.waitUntil(lambda: board.count("ready") == 1, timeout=WAIT)
    shot(qtbot, dialog, "supervisor-ready", (1100, 420))
    dialog.close()
    # "Cập nhật lúc" on the ward's clock like every other time shown, not this PC's zone.
    now = datetime.fromisoformat(supervisor.stats["now"])
    ward_now = now.astimezone(timezone(timedelta(hours=7)))  # Asia/Ho_Chi_Minh
    assert supervisor.updated.text() == f"Cập nhật lúc {ward_now:%H:%M:%S}"

    # The citizen comes back with the receipt: reception types its code, a collect number.
    reception.activateWindow()
    reception.collect.code.setFocus()
    with qtbot.waitSignal(reception.sig_ticket_issued, timeout=WAIT) as issued:
        qtbot.keyClicks(reception.collect.code, code)
        qtbot.keyClick(reception.collect.code, Qt.Key.Key_Return)
    collect = issued.args[0]
    shot(qtbot, reception, "reception-collect", (1366, 768))
    assert collect["ticket"]["kind"] == "collect" and collect["dossier"]["code"] == code
    assert collect["ticket"]["group"] == results_group

    # Counter 1 calls it, sees which dossier, and Done returns it.
    click(qtbot, counter.buttons["next"])
    qtbot.waitUntil(lambda: (counter.current or {}).get("number") == collect["number"],
                    timeout=WAIT)
    qtbot.waitUntil(lambda: counter.current_panel.dossier.text()
                    == f"Trả kết quả hồ sơ {code}", timeout=WAIT)
    qtbot.waitUntil(lambda: counter.queue_panel.backlog.rowCount() == 0, timeout=WAIT)
    shot(qtbot, counter, "counter-collect")
    click(qtbot, counter.buttons["done"])
    qtbot.waitUntil(lambda: read(url, tokens, f"/api/dossiers/{code}", "supervisor")["state"]
                    == "returned", timeout=WAIT)
    qtbot.waitUntil(lambda: board.count("ready") == 0, timeout=WAIT)
    with qtbot.waitSignal(launcher.sig_closed, timeout=WAIT):
        launcher.close()
