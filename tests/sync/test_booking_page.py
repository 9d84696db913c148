"""The public booking page /book in headless Chromium at phone width with JavaScript OFF:
ward → group → day → slot → phone → confirmation (code, inline QR, checklist, .ics, cancel),
and cancelling from the page. Screenshots when ONESTOP_SCREENSHOTS=1 (docs/screenshots)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from onestop.queue.booking_codes import read_code
from tests.conftest import require
from tests.sync.test_booking_central import HUB, _enrol, _groups, _slots
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_pages_answer_without_a_browser(central, server):
    _enrol(central, server)
    group = _groups(central)[0]
    _slots(central, group, 4)
    home = httpx.get(f"{server.url}/book")
    assert home.status_code == 200 and "Phường Cửa Nam" in home.text
    assert "<script" not in home.text.lower() and "http" not in home.text.split("<body>")[1]
    csp = home.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp
    assert "Choose the ward" in httpx.get(f"{server.url}/book?lang=en").text
    bad = httpx.post(f"{server.url}/book", data={"hub": HUB, "group": group,
                                                 "day": "2026-11-26", "slot": "09:00",
                                                 "phone": "123"})
    assert bad.status_code == 422 and "10 chữ số" in bad.text
    missing = httpx.get(f"{server.url}/book", params={"hub": "nope"})
    assert missing.status_code == 404 and "Không có phường" in missing.text
    assert httpx.get(f"{server.url}/book/AAAA-AAAA-AAAA-AAAA.ics").status_code == 404


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_book_on_a_phone_without_javascript(central, server):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    _hub, key = _enrol(central, server)
    groups = _groups(central)
    for g in groups[:4]:
        _slots(central, g, 4)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      java_script_enabled=False)
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(f"{server.url}/book")
        page.click("text=Phường Cửa Nam")
        page.locator("details").first.click()  # procedures and their checklists
        page.screenshot(path=str(SHOTS / "book-groups.png"), full_page=True)
        page.locator("a.opt").first.click()
        page.click("text=26/11/2026")
        page.screenshot(path=str(SHOTS / "book-slots.png"), full_page=True)
        page.click("a.slot >> text=09:00")
        page.fill("#phone", "0901 234 567")
        page.click("button.primary")
        assert page.locator("h1").first.inner_text() == "Đặt lịch thành công"
        code = page.locator("p.code").inner_text()
        assert page.locator(".qr svg path").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SHOTS / "book-confirmation.png"), full_page=True)
        ref = read_code(key, HUB, groups, code)
        assert (ref.day.isoformat(), ref.slot.strftime("%H:%M")) == ("2026-11-26", "09:00")
        href = page.locator("a[href$='.ics']").get_attribute("href")
        ics = httpx.get(f"{server.url}{href}")
        assert ics.status_code == 200 and "text/calendar" in ics.headers["content-type"]
        assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261126T090000" in ics.text
        assert re.search(rf"DESCRIPTION:.*{code}", ics.text)
        # Cancel from the same page: the code is filled in, the phone is asked again.
        page.fill("#cphone", "0901234567")
        page.click("form[action='/book/cancel'] button")
        assert code in page.locator("h1").inner_text()
        assert not failed, failed
        browser.close()
    assert (SHOTS / "book-confirmation.png").stat().st_size > 10_000
