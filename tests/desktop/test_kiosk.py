"""The self-service kiosk against a real hub on loopback (issue 18 part 3): real clicks from
the start screen to a printed ticket in three taps, the question box, the idle reset driven by
its clock, a booking checked in, a hub that cannot be reached; screenshots at 1080x1920 and
1920x1080 (docs/screenshots/kiosk-*.png with ONESTOP_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from onestop.desktop import ticket_printer
from onestop.desktop.client import HubClient
from onestop.desktop.station import build_window
from onestop.settings import Settings
from tests.desktop.test_reception import DOCS, WAIT
from tests.desktop.test_reception_bookings import KEY, code_at
from tests.desktop.test_reception_bookings import live_hub as booking_hub  # noqa: F401

CLICK = Qt.MouseButton.LeftButton


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def jobs(monkeypatch):
    """The print path of the ticket-printing tests (ticket_printer.print_pdf), recorded:
    (pdf bytes, printer, title) per job."""
    sent: list[tuple[bytes, str | None, str]] = []

    def print_pdf(pdf: bytes, printer=None, title="onestop") -> str:
        sent.append((pdf, printer, title))
        return printer or "default"

    monkeypatch.setattr(ticket_printer, "print_pdf", print_pdf)
    return sent


def open_kiosk(qtbot, hub, tmp_path, size=(1080, 1920), clock=None):
    settings = Settings(data_dir=tmp_path / "kiosk", printer="kiosk-roll")
    client = HubClient(hub.url, hub.token("kiosk"))
    window = build_window("kiosk", client, settings=settings)
    if clock is not None:
        window.idle.clock = clock
        window.idle.touched()
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        window.show()
    return window


def field_of(window, code: str):
    """The start screen's button of the field (lĩnh vực) that lists `code`."""
    return window.start_page.field_buttons[window.catalog.field_of(window.catalog.by_code[code])]


def tap(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT)
    QTest.mouseClick(widget, CLICK)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "job.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def test_three_taps_from_the_start_screen_issue_and_print_a_ticket(qtbot, live_hub, tmp_path,
                                                                   jobs):
    live_hub.client("supervisor").post("/api/counters/1/open")
    window = open_kiosk(qtbot, live_hub, tmp_path)
    taps = [field_of(window, "1.001193")]
    tap(qtbot, taps[0])
    taps.append(window.list_page.cards["1.001193"])
    tap(qtbot, taps[1])
    assert "Đăng ký khai sinh" in window.card_page.title.text()
    assert "Lệ phí" in window.card_page.facts.text()
    taps.append(window.card_page.take)
    tap(qtbot, taps[2])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done_page, timeout=WAIT)
    assert len(taps) == 3
    [ticket] = live_hub.hub.store.waiting()
    assert (ticket.number, ticket.service, ticket.channel) == ("B001", "1.001193", "walk_in")
    assert window.done_page.number.text() == "B001"
    issued = window.last_issued  # the hub's words, shown as given
    assert issued["estimate"]["text_vi"] in window.done_page.wait.text()
    qtbot.waitUntil(lambda: len(jobs) == 1, timeout=WAIT)
    pdf, printer, title = jobs[0]
    assert (printer, title) == ("kiosk-roll", "onestop-B001")
    printed = " ".join(pdf_text(pdf, tmp_path).split())
    checklist = live_hub.hub.store.catalog.service("1.001193").checklist_vi
    assert len(checklist) > 0 and all(" ".join(item.split())[:30] in printed
                                      for item in checklist)  # every document, not 6
    qtbot.waitUntil(lambda: "Đã in phiếu" in window.done_page.printing.text(), timeout=WAIT)
    tap(qtbot, window.done_page.finish)
    assert window.stack.currentWidget() is window.start_page


def test_print_the_checklist_alone_takes_no_number(qtbot, live_hub, tmp_path, jobs):
    window = open_kiosk(qtbot, live_hub, tmp_path)
    tap(qtbot, field_of(window, "2.000815"))
    tap(qtbot, window.list_page.cards["2.000815"])
    tap(qtbot, window.card_page.print_list)
    qtbot.waitUntil(lambda: len(jobs) == 1, timeout=WAIT)
    text = pdf_text(jobs[0][0], tmp_path)
    assert "DANH MỤC GIẤY TỜ" in text and "Chứng thực bản sao" in text
    assert live_hub.hub.store.waiting() == []


def test_a_printer_failure_keeps_the_number_on_screen(qtbot, live_hub, tmp_path, monkeypatch):
    from onestop.printing.qtprint import PrintError

    def broken(*_a, **_k):
        raise PrintError("no_printer", "no printer", "Không tìm thấy máy in")

    monkeypatch.setattr(ticket_printer, "print_pdf", broken)
    window = open_kiosk(qtbot, live_hub, tmp_path)
    tap(qtbot, field_of(window, "1.012786"))
    tap(qtbot, window.list_page.cards["1.012786"])
    tap(qtbot, window.card_page.take)
    qtbot.waitUntil(lambda: "sự cố" in window.done_page.printing.text(), timeout=WAIT)
    assert "L001" in window.done_page.printing.text()
    assert live_hub.hub.store.waiting()[0].number == "L001"


def test_idle_reset_after_a_minute_by_its_clock(qtbot, live_hub, tmp_path):
    clock = Clock()
    window = open_kiosk(qtbot, live_hub, tmp_path, clock=clock)
    qtbot.keyClicks(window.start_page.question, "khai sinh")
    tap(qtbot, window.language)
    assert window.start_page.title.text() == "What procedure do you need?"
    tap(qtbot, field_of(window, "1.001776"))
    assert window.stack.currentWidget() is window.list_page
    clock.now += 59
    window.idle.timer.timeout.emit()
    assert window.stack.currentWidget() is window.list_page
    clock.now += 1
    window.idle.timer.timeout.emit()
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.question.text() == ""  # nothing of the last person stays
    assert window.start_page.title.text() == "Ông/Bà cần làm thủ tục gì?"
    clock.now += 30
    QTest.keyClick(window.start_page.question, Qt.Key.Key_A)  # input restarts the minute
    clock.now += 59
    window.idle.timer.timeout.emit()
    assert window.start_page.question.text() == "a"


def test_keyboard_only_enter_and_escape(qtbot, live_hub, tmp_path, jobs):
    window = open_kiosk(qtbot, live_hub, tmp_path)
    window.activateWindow()
    button = field_of(window, "1.001612")
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.list_page
    card = window.list_page.cards["1.001612"]
    QTest.keyClick(card, Qt.Key.Key_Enter)
    assert window.stack.currentWidget() is window.card_page
    QTest.keyClick(window.card_page.take, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.list_page
    QTest.keyClick(window.list_page, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.start_page


def test_question_box_answers_from_the_guide(qtbot, live_hub, tmp_path):
    window = open_kiosk(qtbot, live_hub, tmp_path)
    qtbot.keyClicks(window.start_page.question, "lam giay khai sinh cho con")
    QTest.keyClick(window.start_page.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page, timeout=WAIT)
    assert next(iter(window.list_page.cards)) == "1.001193"
    tap(qtbot, window.home)
    qtbot.keyClicks(window.start_page.question, "nop phat vi pham giao thong")  # not a ward's
    QTest.keyClick(window.start_page.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_page.note.isVisibleTo(window.list_page), timeout=WAIT)
    assert window.list_page.cards == {} and "hỏi cán bộ" in window.list_page.note.text()


def test_hub_unreachable_says_so_and_loses_nothing(qtbot, live_hub, tmp_path):
    window = open_kiosk(qtbot, live_hub, tmp_path)
    tap(qtbot, field_of(window, "1.000894"))
    tap(qtbot, window.list_page.cards["1.000894"])
    live_hub.server.stop()
    tap(qtbot, window.card_page.take)
    qtbot.waitUntil(lambda: "không kết nối được máy chủ" in window.notice.text(), timeout=WAIT)
    assert window.stack.currentWidget() is window.card_page and window.card_page.take.isEnabled()
    key = window._key
    live_hub.restart()
    tap(qtbot, window.card_page.take)  # the same request again: one ticket, never two
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done_page, timeout=WAIT)
    assert key is not None and [t.number for t in live_hub.hub.store.waiting()] == ["B001"]


def test_booked_citizen_checks_in_by_code(qtbot, booking_hub, tmp_path, jobs):  # noqa: F811
    from onestop.hub import bookings
    from onestop.hub.outbox import Outbox

    store = booking_hub.hub.store
    Outbox(store).enrolled("http://central.invalid", "t", "Cửa Nam", None, 0, store.clock(),
                           booking_key=KEY.hex())
    booking = code_at(store, 0)
    bookings.merge_pulled(store, [booking])
    window = open_kiosk(qtbot, booking_hub, tmp_path)
    qtbot.keyClicks(window.start_page.code, booking["code"])
    tap(qtbot, window.start_page.code_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done_page, timeout=WAIT)
    assert window.done_page.number.text() == "B001"
    [ticket] = store.waiting()
    assert ticket.channel == "booked"
    tap(qtbot, window.done_page.finish)
    qtbot.keyClicks(window.start_page.code, booking["code"])  # the same code again
    QTest.keyClick(window.start_page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.notice.isVisibleTo(window), timeout=WAIT)
    assert window.stack.currentWidget() is window.start_page
    assert len(store.waiting()) == 1
    early = code_at(store, 180, serial=2)  # three hours early: the hub says when to come
    bookings.merge_pulled(store, [early])
    window.start_page.code.clear()
    qtbot.keyClicks(window.start_page.code, early["code"])
    tap(qtbot, window.start_page.code_button)
    qtbot.waitUntil(lambda: "mời quay lại từ 11:00" in window.notice.text(), timeout=WAIT)
    assert len(store.waiting()) == 1


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_screenshots(qtbot, live_hub, tmp_path, jobs, size):
    supervisor = live_hub.client("supervisor")
    for counter in live_hub.hub.store.counters():
        supervisor.post(f"/api/counters/{counter.number}/open")
    for _ in range(4):  # a few citizens ahead, so the wait is a real one
        supervisor.post("/api/tickets", json={"service": "1.013831"})
    window = open_kiosk(qtbot, live_hub, tmp_path, size=size)
    folder = DOCS if os.environ.get("ONESTOP_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    shape = "portrait" if size[0] < size[1] else "landscape"

    def shot(name: str) -> None:
        QApplication.processEvents()
        image = window.grab()
        assert (image.width(), image.height()) == size
        assert image.save(str(folder / f"kiosk-{name}-{shape}.png"))

    shot("start")
    tap(qtbot, field_of(window, "1.013831"))
    shot("list")
    tap(qtbot, window.list_page.cards["1.013831"])
    shot("card")
    tap(qtbot, window.card_page.take)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done_page, timeout=WAIT)
    qtbot.waitUntil(lambda: "Đã in" in window.done_page.printing.text(), timeout=WAIT)
    shot("number")
    tap(qtbot, window.done_page.finish)
    qtbot.keyClicks(window.start_page.question, "dang ky ket hon va lam giay khai sinh")
    tap(qtbot, window.start_page.ask_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page, timeout=WAIT)
    shot("answers")
    tap(qtbot, window.language)  # the same question, asked again in English
    qtbot.waitUntil(lambda: window.list_page.title.text().startswith("Results"), timeout=WAIT)
    shot("answers-en")


def test_an_unverified_entry_says_so_on_its_card(qtbot, live_hub, tmp_path):
    window = open_kiosk(qtbot, live_hub, tmp_path)
    entries = window.catalog.services
    unsure = next(s for s in entries if s.get("verified") is False)
    sure = next((s for s in entries if s.get("verified") is True), None)
    tap(qtbot, field_of(window, unsure["code"]))
    tap(qtbot, window.list_page.cards[unsure["code"]])
    assert "chưa được đối chiếu" in window.card_page.facts.text()
    if sure is not None:
        window.open_service(sure["code"])
        assert "chưa được đối chiếu" not in window.card_page.facts.text()
