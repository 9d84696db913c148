"""The lobby display's "Đã có kết quả" strip (issue 17): off by default, switched on in the admin
window's ward tab, then the short codes of the results waiting appear on the display window and
on the browser display (headless Chromium), live as dossiers become ready and are collected.
Only codes reach the display: no procedure, no name. Screenshots when ONESTOP_SCREENSHOTS=1."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from onestop.compose import HubServer, build_hub
from onestop.desktop.admin import AdminWindow
from onestop.desktop.announcer import Announcer, RecordingPlayer
from onestop.desktop.client import HubClient
from onestop.desktop.display import DisplayWindow
from onestop.desktop.qtapp import application
from onestop.hub import dossiers
from onestop.queue.operations import IssueRequest
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.conftest import require

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


@pytest.fixture
def ward(tmp_path):
    """A hub on Monday 7/12/2026 with three dossiers received at counter 3, none ready."""
    clock = FakeClock(hanoi(2026, 12, 7, 9, 0))
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    hub.auth.add_officer("hung", "246813", "Trần Văn Hùng")
    hub.store.set_counter_status(3, "open")
    hub.store.sign_in(3, "hung")
    codes = []
    for _ in range(3):
        hub.store.issue(IssueRequest("1.001612"))
        ticket = hub.store.call_next(3)
        codes.append(dossiers.receive(hub.store, ticket.id, 3, "CUANAM")["code"])
        hub.store.act(ticket.id, "done")
    yield server, hub, codes
    server.stop()
    hub.close()


def started(qtbot, window, client):
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    return window


def test_switched_on_in_the_ward_tab_then_live_on_the_display(qtbot, ward):
    server, hub, codes = ward
    application("vi")
    display_client = HubClient(server.url, hub.auth.create_token("display"))
    display = started(qtbot, DisplayWindow(display_client,
                                           announcer=Announcer(RecordingPlayer())),
                      display_client)
    display.resize(1920, 1080)
    for code in codes[:2]:
        dossiers.act(hub.store, code, "ready")
    qtbot.waitUntil(lambda: display_client.state["seq"] == hub.store.last_event_seq(),
                    timeout=WAIT)
    assert display_client.state["results_ready"] is None  # off until the ward says so
    assert not display.results.isVisibleTo(display)

    admin_client = HubClient(server.url, hub.auth.create_token("admin"))
    admin = started(qtbot, AdminWindow(admin_client), admin_client)
    tab = admin.ward
    admin.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.edits["name_vi"].text() != "", timeout=WAIT)
    assert not tab.results_strip.isChecked()
    tab.results_strip.setChecked(True)
    tab.submit()
    qtbot.waitUntil(lambda: display.results.codes == ["261207-0001", "261207-0002"],
                    timeout=WAIT)
    assert display.results.isVisibleTo(display)
    display.grab()  # paints: the codes that fit are recorded
    assert display.results.shown == ["261207-0001", "261207-0002"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert display.grab().save(str(SHOTS / "display-results.png"))

    dossiers.act(hub.store, codes[0], "return")  # collected: leaves the strip at once
    qtbot.waitUntil(lambda: display.results.codes == ["261207-0002"], timeout=WAIT)
    dossiers.act(hub.store, codes[1], "return")
    qtbot.waitUntil(lambda: not display.results.isVisibleTo(display), timeout=WAIT)


@pytest.mark.needs("chromium")
def test_the_browser_display_shows_the_strip(ward):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    server, hub, codes = ward
    for code in codes:
        dossiers.act(hub.store, code, "ready")
    from onestop.hub import ward as ward_identity

    ward_identity.set_ward(hub.store, {"results_strip": True}, hub.ward_defaults)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{server.url}/display?token={hub.auth.create_token('display')}")
        page.wait_for_function("() => !document.getElementById('results').hidden",
                               timeout=10_000)
        shown = page.locator("#result-codes li").all_inner_texts()
        assert shown == ["261207-0001", "261207-0002", "261207-0003"]
        box = page.locator("#results").bounding_box()
        assert box["height"] >= 1080 * 0.07  # readable from across the hall
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "display-results-browser.png"))
        dossiers.act(hub.store, codes[0], "return")
        page.wait_for_function(
            "() => document.querySelectorAll('#result-codes li').length === 2", timeout=10_000)
        browser.close()
