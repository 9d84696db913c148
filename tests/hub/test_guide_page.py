"""The public /guide page on the hub: the question box, answer cards with checklist, fee, time
and legal basis, "ask an officer" when the assistant is not sure, the English switch, the link
from the ticket page; in a real Chromium at a phone's size against a real hub on loopback, with
a screenshot for a person to look at (docs/screenshots/guide-phone-*.png)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import require
from tests.livehub import live_hub  # noqa: F401

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
PHONE = {"width": 390, "height": 844}


def test_the_page_answers_over_http(live_hub):  # noqa: F811
    with httpx.Client(base_url=live_hub.url, timeout=30) as c:
        empty = c.get("/guide")
        assert empty.status_code == 200 and 'name="q"' in empty.text
        r = c.get("/guide", params={"q": "làm giấy khai sinh cho con"})
        assert r.status_code == 200
        assert "Đăng ký khai sinh" in r.text and "Hồ sơ cần chuẩn bị" in r.text
        assert "Lệ phí" in r.text and "Căn cứ pháp lý" in r.text
        assert r.headers["cache-control"] == "no-store"
        refused = c.get("/guide", params={"q": "làm hộ chiếu"})
        assert "Xin Ông/Bà hỏi cán bộ tại quầy hướng dẫn" in refused.text
        en = c.get("/guide", params={"q": "dang ky ket hon", "lang": "en"})
        assert "Marriage registration" in en.text and "Documents to bring" in en.text
        assert c.get("/guide", params={"q": "x" * 301}).status_code == 400
        assert "<script" not in r.text and "&lt;b&gt;" in c.get(
            "/guide", params={"q": "<b>khai tử</b>"}).text
    with live_hub.client("supervisor") as staff:
        rows = staff.get("/api/guide/unanswered").json()["questions"]
    assert [row["question"] for row in rows] == ["lam ho chieu"]


def test_the_ticket_page_links_to_the_guide(live_hub):  # noqa: F811
    with live_hub.client("reception") as reception:
        issued = reception.post("/api/tickets", json={"service": "2.000815"}).json()
    page = httpx.get(issued["public_url"].replace(live_hub.hub.public_base, live_hub.url)
                     if live_hub.hub.public_base else issued["public_url"], timeout=30)
    assert 'href="/guide"' in page.text and "Hỏi thủ tục" in page.text


@pytest.mark.needs("chromium")
def test_the_phone_page_in_chromium(live_hub):  # noqa: F811
    require("chromium", shutil.which("chromium") is not None, "chromium is not installed")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        page.goto(f"{live_hub.url}/guide")
        page.fill("input[name=q]", "làm giấy khai sinh cho con")
        page.keyboard.press("Enter")
        page.wait_for_selector("details.answer[open]")
        assert "Đăng ký khai sinh" in page.inner_text("details.answer[open] summary")
        overflow = page.evaluate("() => document.documentElement.scrollWidth > innerWidth")
        assert overflow is False  # nothing wider than the phone
        page.screenshot(path=str(SHOTS / "guide-phone-vi.png"), full_page=True)
        page.fill("input[name=q]", "đăng ký xe máy")
        page.keyboard.press("Enter")
        page.wait_for_selector("section.officer")
        page.screenshot(path=str(SHOTS / "guide-phone-officer.png"))
        page.click("header a[lang=en]")
        page.fill("input[name=q]", "marriage registration")
        page.keyboard.press("Enter")
        page.wait_for_selector("details.answer[open]")
        assert "Marriage registration" in page.inner_text("details.answer[open] summary")
        page.screenshot(path=str(SHOTS / "guide-phone-en.png"), full_page=True)
        browser.close()
