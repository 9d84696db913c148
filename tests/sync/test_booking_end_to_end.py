"""Booking end to end (issue 16): a real central on loopback and a real hub enrolled to it.

A citizen books on central's /book page (headless Chromium, JavaScript off); the hub pulls the
ward's bookings with its sync worker; reception checks the code in (the window: the code, then
Enter) before the slot; walk-ins come after; before the slot the counter serves walk-ins, at
the slot it calls the booked citizen ahead of every walk-in still waiting; the hub pushes and
central shows the booking checked in exactly once. Also with central unreachable at check-in:
the code alone is enough, and central learns it once when it is reachable again.

The hub's clock is a fake one (Thursday 2026-11-26 in Hanoi); central's is the day before."""

from __future__ import annotations

import shutil
from datetime import date

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from onestop.compose import HubServer, build_hub, build_sync
from onestop.desktop.client import HubClient as StationClient
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.hub import bookings
from onestop.hub.reporting import report_input
from onestop.queue.booking_codes import normalise, read_code
from onestop.queue.booking_slots import SlotSettings
from onestop.queue.operations import IssueRequest
from onestop.serving import free_port
from onestop.settings import Settings
from onestop.sync.pusher import enrol
from tests.clock import FakeClock, hanoi
from tests.conftest import require
from tests.desktop.test_reception import WAIT
from tests.livehub import LiveHub
from tests.sync.syncenv import drain
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

WARD = "Phường Cửa Nam"
DAY = "2026-11-26"  # central's clock is 2026-11-25 16:00 in Hanoi: tomorrow


@pytest.fixture
def hub_clock() -> FakeClock:
    return FakeClock(hanoi(2026, 11, 26, 8, 30))


@pytest.fixture
def ward(tmp_path, central, server, hub_clock):
    """The ward's hub on loopback, enrolled with central (one group bookable, 2 places a slot),
    its sync worker driven by the test (no thread)."""
    hub = build_hub(Settings(data_dir=tmp_path / "hub"), clock=hub_clock)
    host, port = "127.0.0.1", free_port()
    hub_server = HubServer(hub, host, port)
    hub_server.start()
    live = LiveHub(hub, hub_server, host, port)
    enrol(hub.outbox, server.url, central.auth.create_enrol_code(WARD), clock=hub_clock)
    group = central.bookings.catalog().groups[0].id
    with central.db.write() as conn:
        central.bookings.set_slots(conn, hub.store.hub_id, group, SlotSettings(4, 30, 6, 0.5),
                                   "test")
    yield live, build_sync(hub), group
    live.stop()


@pytest.fixture
def reception(qtbot, ward):
    live, _worker, _group = ward
    application()
    client = StationClient(live.url, live.token("reception"))
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


def book_on_the_page(url: str, phone: str, slot: str) -> str:
    """The citizen's way: ward → group → day → slot → phone; the code on the confirmation."""
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 390, "height": 844},
                                   java_script_enabled=False).new_page()
        page.goto(f"{url}/book")
        page.click(f"text={WARD}")
        page.locator("a.opt").first.click()
        page.click("text=26/11/2026")
        page.click(f"a.slot >> text={slot}")
        page.fill("#phone", phone)
        page.click("button.primary")
        assert page.locator("h1").first.inner_text() == "Đặt lịch thành công"
        code = page.locator("p.code").inner_text()
        browser.close()
    return code


def check_in_at_reception(qtbot, window, code: str) -> dict:
    qtbot.mouseClick(window.booking.code, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sig_ticket_issued, timeout=WAIT) as got:
        qtbot.keyClicks(window.booking.code, code)
        qtbot.keyClick(window.booking.code, Qt.Key.Key_Return)
    return got.args[0]


def central_booking(central, code: str) -> tuple[str, int]:
    """(central's status of the booking, how many checked_in events central holds for it)."""
    with central.db.read() as conn:
        status = conn.execute(text("SELECT status FROM bookings WHERE code = :c"),
                              {"c": normalise(code)}).scalar_one()
        datas = conn.execute(text("SELECT data FROM events WHERE type = 'booking.checked_in'"))
        held = sum(normalise(code) in str(d) for (d,) in datas)
    return status, held


def walk_in(store, service: str) -> str:
    return store.issue(IssueRequest(service)).ticket.id


def one_counter_for(store, group: str) -> int:
    """Counter 1 serves the group alone, open; the others stay closed."""
    store.update_counter(1, skills=(group,))
    store.set_counter_status(1, "open")
    return 1


def service_of(store, group: str) -> str:
    return next(s.code for s in store.catalog.services if s.group == group)


class Unreachable(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("central unreachable (test)", request=request)


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_book_pull_check_in_call_and_push(qtbot, central, server, ward, reception, hub_clock):
    live, worker, group = ward
    store = live.hub.store
    code = book_on_the_page(server.url, "0901 234 567", "09:00")
    assert read_code(bookings.booking_key(store), store.hub_id, bookings.groups_for_codes(store),
                     code).group == group
    # The hub pulls the ward's bookings: reception's list shows the citizen is expected.
    drain(worker)
    with store.reading() as db:
        pulled = db.execute("SELECT status, source FROM bookings WHERE code = ?",
                            [normalise(code)]).fetchall()
    assert pulled == [("booked", "central")]

    hub_clock.now = hanoi(2026, 11, 26, 8, 40)  # 20 minutes early
    answer = check_in_at_reception(qtbot, reception, code)
    booked = store.ticket(answer["ticket"]["id"])
    assert str(booked.channel) == "booked" and booked.group == group
    assert booked.issued_at == hanoi(2026, 11, 26, 9, 0)  # in line from the slot's start

    counter = one_counter_for(store, group)
    service = service_of(store, group)
    hub_clock.now = hanoi(2026, 11, 26, 8, 45)
    first = walk_in(store, service)  # after the check-in, before the slot
    hub_clock.now = hanoi(2026, 11, 26, 8, 50)
    # Before the slot the booked citizen does not stand in line yet: the walk-in goes first.
    assert store.call_next(counter).id == first
    store.act(first, "start")
    hub_clock.now = hanoi(2026, 11, 26, 8, 55)
    second = walk_in(store, service)  # also before the slot: registered before 09:00
    hub_clock.now = hanoi(2026, 11, 26, 9, 1)
    later = [walk_in(store, service) for _ in range(2)]  # after the slot's start
    store.act(first, "done")
    with live.client("counter", counter) as http:
        calls = []
        for minutes in (2, 6, 10, 14):
            hub_clock.now = hanoi(2026, 11, 26, 9, minutes)
            r = http.post(f"/api/counters/{counter}/next")
            assert r.status_code == 200, r.text
            calls.append(r.json()["id"])
            store.act(calls[-1], "start")
            store.act(calls[-1], "done")
    # The slot has come: the booked citizen is called first (routing's appointment rule, the
    # hub's default policy), ahead of the walk-in who came at 08:55 and of those after 09:00.
    names = {second: 'second', booked.id: 'booked', later[0]: 'l0', later[1]: 'l1'}
    assert [names.get(c, c) for c in calls] == ['booked', 'second', 'l0', 'l1']

    drain(worker)
    assert central_booking(central, code) == ("checked_in", 1)
    # Pushing again changes nothing; central's list for the hub says checked in.
    drain(worker)
    assert central_booking(central, code) == ("checked_in", 1)
    r = httpx.get(f"{server.url}/api/hub/bookings", params={"from": DAY, "to": DAY},
                  headers={"Authorization": f"Bearer {live.hub.outbox.link().token}"})
    assert [b["status"] for b in r.json() if b["code"] == normalise(code)] == ["checked_in"]
    # The day's report counts it: one booked number, called on time (09:02, slot 09:00).
    stats = report_input(store, date(2026, 11, 26), live.hub.ward_name_vi).stats
    assert (stats.booked, stats.booked_called, stats.booked_on_time) == (1, 1, 1)
    assert stats.booking_no_shows == 0


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_check_in_while_central_is_unreachable(qtbot, central, server, ward, reception,
                                               hub_clock):
    live, worker, group = ward
    store = live.hub.store
    drain(worker)  # the hub pulled before the booking was made: it does not know it
    code = book_on_the_page(server.url, "0912 345 678", "09:30")
    worker.transport = Unreachable()
    hub_clock.now = hanoi(2026, 11, 26, 9, 20)
    answer = check_in_at_reception(qtbot, reception, code)
    assert str(store.ticket(answer["ticket"]["id"]).channel) == "booked"
    with store.reading() as db:  # checked in from the code alone: never pulled
        assert db.execute("SELECT source, status FROM bookings WHERE code = ?",
                          [normalise(code)]).fetchall() == [("code", "checked_in")]
    worker.run_cycle()
    assert worker.state == "retrying"
    assert worker.outbox.pending() > 0
    assert central_booking(central, code) == ("booked", 0)
    # Reachable again: the check-in reaches central once, even pushed twice over.
    worker.transport = None
    hub_clock.advance(minutes=3)
    drain(worker)
    worker.sync_now()
    drain(worker)
    assert central_booking(central, code) == ("checked_in", 1)
