"""The lobby display and the citizen page in a real Chromium against a real hub on loopback:
a call reaches the screen by push within a second, the display survives a hub restart without
a reload, and screenshots of both pages land in docs/screenshots/ for a person to look at."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import require

pytestmark = pytest.mark.needs("chromium")

# Screenshots go to docs/screenshots/ when ONESTOP_SCREENSHOTS=1 (to refresh the documented
# ones), else to a temporary folder so a test run leaves the work tree clean.
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TV = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def browser():
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Desk:
    """The stations' HTTP calls, as the reception, supervisor and counter windows make them."""

    def __init__(self, live) -> None:
        self.live = live
        self.reception = live.client("reception")
        self.supervisor = live.client("supervisor")

    def issue(self, service: str = "2.000815", **extra) -> dict:
        r = self.reception.post("/api/tickets",
                                json={"service": service, "kind": "submit", "count": 1,
                                      **extra})
        assert r.status_code == 201, r.text
        return r.json()

    def open(self, counter: int) -> None:
        r = self.supervisor.post(f"/api/counters/{counter}/open")
        assert r.status_code == 200, r.text

    def next(self, counter: int) -> dict:
        with self.live.client("counter", counter) as c:
            r = c.post(f"/api/counters/{counter}/next")
        assert r.status_code == 200, r.text
        return r.json()

    def close(self) -> None:
        self.reception.close()
        self.supervisor.close()

    def act(self, counter: int, ticket_id: str, action: str) -> None:
        with self.live.client("counter", counter) as c:
            assert c.post(f"/api/tickets/{ticket_id}/{action}").status_code == 200


# Waits are written as functions: a bare expression string is polled through eval(), which the
# display's Content-Security-Policy (script-src 'self') rightly refuses.
def open_display(browser, live, viewport=TV, query: str = ""):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{live.url}/display?token={live.token('display')}{query}")
    page.wait_for_function("() => window.onestopDisplay && window.onestopDisplay.state !== null",
                           timeout=10_000)
    page.evaluate("document.fonts.ready")
    return page


def wait_for_call(page, number: str, timeout: float = 5_000) -> None:
    page.wait_for_function("n => window.onestopDisplay.calls.some(c => c.number === n)",
                           arg=number, timeout=timeout)


def test_call_reaches_the_display_within_a_second(browser, live_hub):
    desk = Desk(live_hub)
    page = open_display(browser, live_hub)
    try:
        number = desk.issue()["number"]
        desk.open(1)
        called = desk.next(1)
        posted = time.perf_counter()
        # The issue's requirement is a deadline: the display shows the call within a second
        # of the POST returning (measured latency lives in bench/bench_call_latency.py).
        wait_for_call(page, called["number"], timeout=1_000)
        print(f"\ncall {called['number']} on the display "
              f"{(time.perf_counter() - posted) * 1000:.0f} ms after the POST")
        assert called["number"] == number

        call = page.evaluate("window.onestopDisplay.calls[0]")
        assert call["number"] == number and call["counter"] == 1 and call["at"]
        tile = page.locator('.tile[data-counter="1"]')
        assert number in tile.inner_text() and "Quầy 1" in tile.inner_text()
        assert "flash" in tile.get_attribute("class")
        assert f"Mời số {number} đến Quầy 1" in page.locator("#banner").inner_text()
        # Readable across a room: the number is at least 12 % of the screen's height.
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                             "'.tile .num')).fontSize)")
        assert size >= 0.12 * TV["height"], size
        # The shipped font, not whatever the TV has, draws the Vietnamese text.
        assert page.evaluate("document.fonts.check('700 40px OnestopSans', 'Quầy Số ữ')")
        assert page.evaluate("[...document.fonts].some(f => f.family.includes('OnestopSans')"
                             " && f.status === 'loaded')")
        page.wait_for_function(  # the state message follows the event: the list updates
            "n => document.getElementById('recent').textContent.includes(n)", arg=number)
    finally:
        page.close()


def populate(desk: Desk) -> list[dict]:
    """A morning in progress: four counters open, citizens called, served and waiting."""
    for counter in (1, 2, 3, 4):
        desk.open(counter)
    for service in ("2.000815", "2.000815", "2.000884", "1.001193", "1.000894", "1.001612",
                    "1.013831", "2.000815", "1.001193", "1.001776", "2.000815", "1.004873",
                    "1.013831", "1.013225", "local.guidance"):
        desk.issue(service)
    calls = [desk.next(n) for n in (2, 3, 4, 1)]
    desk.act(2, calls[0]["id"], "start")
    return calls


def test_screenshots_of_the_display(browser, live_hub):
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk = Desk(live_hub)
    page = open_display(browser, live_hub, viewport={"width": 1366, "height": 768})
    try:
        calls = populate(desk)
        wait_for_call(page, calls[-1]["number"])
        page.wait_for_function(
            "() => window.onestopDisplay.state.counters.filter(c => c.ticket).length === 4")
        page.wait_for_selector(".tile.flash", state="detached", timeout=10_000)  # calm board
        page.screenshot(path=SHOTS / "display-1366.png")
        assert_nothing_spills(page)

        page.set_viewport_size(TV)
        desk.act(1, calls[-1]["id"], "start")
        desk.act(1, calls[-1]["id"], "done")
        desk.issue("2.000815", priority="elderly")
        fresh = desk.next(1)["number"]  # one new call, caught mid-flash: a priority number
        wait_for_call(page, fresh)
        page.wait_for_function("n => document.getElementById('recent').textContent.includes(n)",
                               arg=fresh)
        page.screenshot(path=SHOTS / "display-1920.png")
        assert_nothing_spills(page)
        # Why a priority number goes ahead, and the calling order in force (issue 19).
        assert "Ưu tiên: người cao tuổi" in page.locator('.tile[data-counter="1"]').inner_text()
        assert "Thứ tự gọi: " in page.locator("#notice").inner_text()
        for counter in (1, 2, 3, 4):
            text = page.locator(f'.tile[data-counter="{counter}"]').inner_text()
            assert f"Quầy {counter}" in text
        assert page.locator(".tile.flash").count() == 1
        assert f"Mời số {fresh} đến Quầy 1" in page.inner_text("#banner")
    finally:
        page.close()


def assert_nothing_spills(page) -> None:
    """Tiles, banner, recent calls and the waiting line all fit inside their boxes, and the
    ticket numbers stay at least 12 % of the screen's height with four counters open."""
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.tile .num'))"
                         ".fontSize) / innerHeight")
    assert size >= 0.12, size
    overflow = page.evaluate("""[...document.querySelectorAll(
        '.tile .num, .tile .label, #banner-text, .recent li, .groups li, .top .ward')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 ||
                     e.getBoundingClientRect().right > innerWidth ||
                     e.getBoundingClientRect().bottom > innerHeight)
        .map(e => e.className + ':' + e.textContent)""")
    assert overflow == []


def test_screenshots_of_the_citizen_page(browser, live_hub):
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk = Desk(live_hub)
    desk.open(1)
    for _ in range(3):
        desk.issue()
    mine = desk.issue()
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    try:
        url = mine["public_url"]
        assert url.startswith(live_hub.url + "/t/")
        page.goto(url)
        assert "Còn 3 người chờ trước" in page.inner_text("body")
        page.screenshot(path=SHOTS / "citizen-waiting.png")
        for _ in range(4):
            called = desk.next(1)
            if called["id"] != mine["ticket"]["id"]:
                desk.act(1, called["id"], "start")
                desk.act(1, called["id"], "done")
        page.goto(url)
        assert "Đã đến lượt – mời Ông/Bà đến Quầy 1" in page.inner_text("body")
        page.screenshot(path=SHOTS / "citizen-called.png")
        desk.act(1, mine["ticket"]["id"], "start")
        desk.act(1, mine["ticket"]["id"], "done")
        page.goto(url)
        page.fill("textarea", "Cán bộ hướng dẫn tận tình, chu đáo.")
        page.screenshot(path=SHOTS / "citizen-rate.png", full_page=True)
        with page.expect_navigation():
            page.click("button[value='3']")
        assert "Xin cảm ơn Ông/Bà đã đánh giá" in page.inner_text("body")
        rated = live_hub.hub.store.ticket(mine["ticket"]["id"])
        assert rated.rating == 3 and rated.rating_comment == "Cán bộ hướng dẫn tận tình, chu đáo."
        # Fits a 360 px phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()


def test_display_catches_up_after_the_hub_restarts(browser, live_hub):
    desk = Desk(live_hub)
    desk.open(1)
    page = open_display(browser, live_hub)
    try:
        page.evaluate("window.notReloaded = true")
        live_hub.server.stop()  # the hub goes away: the screen says so, discreetly
        page.wait_for_selector("#offline", state="visible", timeout=10_000)
        assert "Mất kết nối – đang kết nối lại…" in page.inner_text("#offline")
        live_hub.restart()
        desk = Desk(live_hub)  # the restarted hub's auth is a new object on the same database
        number = desk.issue()["number"]
        posted = time.perf_counter()
        assert desk.next(1)["number"] == number
        wait_for_call(page, number, timeout=20_000)
        print(f"\nafter the restart, call {number} on the display "
              f"{time.perf_counter() - posted:.1f} s after the POST")
        page.wait_for_selector("#offline", state="hidden", timeout=5_000)
        assert page.evaluate("window.notReloaded === true")
        assert page.evaluate("window.onestopDisplay.disconnects") >= 1
        page.wait_for_function(
            "n => document.querySelector('.tile[data-counter=\"1\"]').innerText.includes(n)",
            arg=number)
    finally:
        page.close()


def test_display_notice_and_bad_token(browser, live_hub):
    page = open_display(browser, live_hub, query="&notice=%3Cb%3EH%E1%BB%8Dp%20t%E1%BB%95%3C/b%3E")
    try:
        assert page.inner_text("#notice") == "<b>Họp tổ</b>"  # shown as text, never as HTML
    finally:
        page.close()
    page = browser.new_page(viewport=TV)
    try:
        page.goto(f"{live_hub.url}/display?token=not-a-token")
        page.wait_for_function(
            "() => document.getElementById('offline').textContent.includes('không hợp lệ')",
            timeout=10_000)
    finally:
        page.close()


def test_display_page_is_public_html_without_token(live_hub):
    r = httpx.get(f"{live_hub.url}/display")
    assert r.status_code == 200 and "?token=" in r.text


def test_citizen_sends_a_complaint_from_the_ticket_page(browser, live_hub):
    """The suggestion / complaint form in a real phone-sized Chromium: a refusal keeps what was
    typed, a good form opens a case the supervisor sees (issue 17)."""
    from onestop.hub import feedback

    SHOTS.mkdir(parents=True, exist_ok=True)
    desk = Desk(live_hub)
    mine = desk.issue()
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    try:
        page.goto(mine["public_url"])
        with page.expect_navigation():
            page.click("text=Gửi góp ý, phản ánh")
        page.check("input[value='complaint']")
        page.fill("#text", "Phòng chờ nóng, quạt trần không chạy.")
        page.check("#want_reply")
        page.fill("#phone", "0912 345")  # too short: refused, nothing lost
        with page.expect_navigation():
            page.click("button.send")
        body = page.inner_text("body")
        assert "số di động Việt Nam" in body
        assert page.input_value("#text") == "Phòng chờ nóng, quạt trần không chạy."
        assert page.is_checked("input[value='complaint']") and page.is_checked("#want_reply")
        page.fill("#phone", "0912 345 678")
        page.screenshot(path=SHOTS / "citizen-feedback.png", full_page=True)
        with page.expect_navigation():
            page.click("button.send")
        assert "Trung tâm đã nhận ý kiến của Ông/Bà (mã vụ việc 1)" in page.inner_text("body")
    finally:
        page.close()
        desk.close()
    (case,) = feedback.cases(live_hub.hub.store)["cases"]
    assert (case["kind"], case["phone"], case["source"]) == ("complaint", "0912345678", "ticket")
