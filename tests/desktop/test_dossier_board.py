"""The dossier board, the apology and collecting a result through the windows, on a real hub on
loopback with an injected clock (issue 17): an overdue dossier reaches the supervisor's board
within a minute of its deadline with no event at all (the board's minute tick, fired here by
the test, never slept for); the supervisor prints the apology slip and marks the result
ready; reception finds the dossier by its code and issues the linked collect number; the
counter that calls it shows the dossier's code and Done returns the dossier."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.compose import HubServer, build_hub
from onestop.desktop import dossier_board_dialog
from onestop.desktop.client import HubClient
from onestop.desktop.counter import CounterWindow
from onestop.desktop.dossier_board import TICK_MS
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.desktop.reception_collect import dossier_code
from onestop.desktop.supervisor import SupervisorWindow
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


@pytest.fixture
def ward(tmp_path):
    """A hub whose clock says Monday 7/12/2026 09:00, with one dossier received at counter 3
    for 1.001612 (3 working days: due Thursday 10/12)."""
    clock = FakeClock(hanoi(2026, 12, 7, 9, 0))
    hub = build_hub(Settings(data_dir=tmp_path / "data", print_tickets=False), clock=clock)
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    store = hub.store
    from onestop.hub import dossiers
    from onestop.queue.operations import IssueRequest

    hub.auth.add_officer("hung", "246813", "Trần Văn Hùng")
    store.set_counter_status(3, "open")
    store.sign_in(3, "hung")
    store.issue(IssueRequest("1.001612"))
    ticket = store.call_next(3)
    row = dossiers.receive(store, ticket.id, 3, "CUANAM")
    store.act(ticket.id, "done")
    yield server, hub, clock, row["code"]
    server.stop()
    hub.close()


def open_window(qtbot, server, hub, cls, role, counter=None, **options):
    application("vi")
    client = HubClient(server.url, hub.auth.create_token(role, counter))
    window = cls(client, **options)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    return window


def test_overdue_within_a_minute_apology_and_ready(qtbot, ward, monkeypatch):
    server, hub, clock, code = ward
    clock.now = hanoi(2026, 12, 10, 23, 59, 30)  # the due day's last minute
    w = open_window(qtbot, server, hub, SupervisorWindow, "supervisor")
    counts = w.dossiers
    qtbot.waitUntil(lambda: counts.count("due_today") == 1, timeout=WAIT)
    assert counts.count("overdue") == 0 and counts.count("ready") == 0

    assert counts.feed.tick.isActive() and counts.feed.tick.interval() <= 60_000 == TICK_MS
    clock.advance(seconds=60)  # midnight passes: no event, no one touches anything
    counts.feed.tick.timeout.emit()  # the minute tick the window runs by itself
    qtbot.waitUntil(lambda: counts.count("overdue") == 1, timeout=WAIT)
    assert counts.count("due_today") == 0

    printed: list[bytes] = []
    monkeypatch.setattr(dossier_board_dialog, "print_pdf",
                        lambda pdf, **_kw: printed.append(pdf) or "PDF")
    counts.buttons["overdue"].click()
    board = counts.dialog
    qtbot.waitUntil(lambda: board.table.rowCount() == 1, timeout=WAIT)
    assert board.table.item(0, 0).text() == code
    assert board.table.item(0, 4).text() == "10/12/2026"
    assert not board.apology_button.isEnabled()
    board.table.selectRow(0)
    assert board.apology_button.isEnabled() and board.ready_button.isEnabled()
    board.resize(1100, 420)
    _save(board, "supervisor-dossier-board.png")
    board.open_apology()
    apology = board.apology
    apology.submit()  # no reason: refused in the dialog, nothing sent
    assert "lý do" in apology.status.text()
    apology.reason.setPlainText("Chờ xác minh thông tin từ phường khác")
    from PySide6.QtCore import QDate

    apology.new_date.setDate(QDate(2026, 12, 15))
    _save(apology, "supervisor-apology.png")
    with qtbot.waitSignal(apology.sig_printed, timeout=WAIT):
        apology.submit()
    assert printed and printed[0].startswith(b"%PDF")
    row = hub.store.db.execute("SELECT apology_due_date, due_date FROM dossiers").fetchone()
    assert row == ("2026-12-15", "2026-12-10")  # the promise recorded, lateness kept

    clock.now = hanoi(2026, 12, 11, 9, 0)
    board.table.selectRow(0)
    with qtbot.waitSignal(board.sig_acted, timeout=WAIT):
        board.mark_ready()
    qtbot.waitUntil(lambda: counts.count("ready") == 1 and counts.count("overdue") == 0,
                    timeout=WAIT)  # the hub's push refreshed the window's counts
    report = hub.store.db.execute(
        "SELECT count(*) FROM dossier_history WHERE action = 'apology'").fetchone()[0]
    assert report == 1


def test_reception_collects_and_the_counter_returns(qtbot, ward):
    server, hub, clock, code = ward
    hub.store.set_counter_status(5, "open")
    hub.auth.add_officer("lan", "246813", "Nguyễn Thị Lan")
    hub.store.sign_in(5, "lan")
    r = open_window(qtbot, server, hub, ReceptionWindow, "reception")
    r.resize(1366, 768)
    qtbot.waitUntil(lambda: r.collect.board.count("ready") == 0, timeout=WAIT)
    issued: list[dict] = []
    r.sig_ticket_issued.connect(issued.append)

    with qtbot.waitSignal(r.sig_message, timeout=WAIT):  # not ready: a date, no number
        r.collect.code.setText(code.lower())
        r.collect.collect()
    assert r.message.text() == "Hồ sơ chưa có kết quả, hẹn ngày 10/12/2026"
    assert r.collect.guidance.isVisibleTo(r) and not issued
    _save(r, "reception-collect-not-ready.png")
    with qtbot.waitSignal(r.sig_ticket_issued, timeout=WAIT):  # the citizen wants guidance
        r.collect.guidance.click()
    assert issued[-1]["ticket"]["kind"] == "guidance"
    assert issued[-1]["ticket"]["service"] == "1.001612" and not r.collect.guidance.isVisible()
    issued.clear()

    hub.store.set_counter_status(3, "open")
    from onestop.hub import dossiers

    dossiers.act(hub.store, code, "ready")
    qtbot.waitUntil(lambda: r.collect.board.count("ready") == 1, timeout=WAIT)
    with qtbot.waitSignal(r.sig_ticket_issued, timeout=WAIT):
        # the scanner types the receipt's QR (the lookup address) into the search box
        r.search_box.setText(f"http://127.0.0.1/lookup?code={code}&check=1234")
    answer = issued[-1]
    assert answer["ticket"]["kind"] == "collect" and answer["dossier"]["code"] == code
    assert r.search_box.text() == "" and not r.collect.guidance.isVisibleTo(r)
    assert r.ticket.isVisible()
    _save(r, "reception-collect.png")

    c = open_window(qtbot, server, hub, CounterWindow, "counter", 5, number=5)
    c.trigger("next")
    panel = c.current_panel
    qtbot.waitUntil(lambda: panel.dossier.text() == f"Trả kết quả hồ sơ {code}", timeout=WAIT)
    assert panel.number.text() == answer["number"]
    c.resize(1366, 768)
    _save(c, "counter-collect.png")
    c.trigger("done")
    qtbot.waitUntil(lambda: hub.store.db.execute(
        "SELECT state FROM dossiers").fetchone()[0] == "returned", timeout=WAIT)
    qtbot.waitUntil(lambda: r.collect.board.count("ready") == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not panel.dossier.isVisibleTo(c), timeout=WAIT)


def _save(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


@given(ward=st.from_regex(r"[A-Z0-9]{2,8}", fullmatch=True),
       day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       seq=st.integers(1, 9999), check=st.from_regex(r"[0-9]{4}", fullmatch=True),
       host=st.sampled_from(["https://tracuu.hanoi.gov.vn", "http://10.0.0.5:8700"]))
def test_a_scanned_receipt_or_a_typed_code_names_its_dossier(ward, day, seq, check, host):
    """Oracle: the code built by hand from its parts, whatever form reception receives."""
    code = f"{ward}-{day:%y%m%d}-{seq:04d}"
    assert dossier_code(code) == code
    assert dossier_code(f"  {code.lower()} ") == code
    assert dossier_code(f"{host}/lookup?code={code}&check={check}") == code


@given(st.text(max_size=60))
def test_anything_else_typed_at_reception_is_no_dossier_or_a_valid_one(text):
    found = dossier_code(text)
    assert found is None or re.fullmatch(r"[A-Z0-9]{2,8}-\d{6}-\d{4}", found)
