"""The public lookup page /lookup (issue 17) in headless Chromium at phone width with
JavaScript OFF: pre-filled from the receipt QR's query string, shows the state and the
history with dates, sends a complaint with a phone (which reaches the ward's inbox), and
says the same thing for a wrong check as for an unknown code. Screenshots when
ONESTOP_SCREENSHOTS=1 (docs/screenshots)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from onestop.sync.protocol import INBOX_PATH
from tests.conftest import require
from tests.sync.dossier_kit import Dossier, enrol_hub
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
CODE = "CUANAM-261125-0007"


def _dossier(central, server):
    hub = enrol_hub(central, server, "Phường Cửa Nam", "a" * 32, "CUANAM")
    d = Dossier(hub, CODE, check="3190", due="2026-11-27")
    hub.send(d.event("received", "2026-11-25T02:10:00+00:00"),
             d.event("supplement", "2026-11-25T08:00:00+00:00"),
             d.event("resume", "2026-11-26T01:30:00+00:00", due_date="2026-11-30",
                     paused_working_days=1))
    return hub


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_lookup_page_without_a_browser(central, server):
    _dossier(central, server)
    page = httpx.get(f"{server.url}/lookup", params={"code": CODE, "check": "3190"})
    assert page.status_code == 200 and "Đang xử lý" in page.text
    assert "<script" not in page.text.lower() and "http" not in page.text.split("<body>")[1]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    wrong = httpx.get(f"{server.url}/lookup", params={"code": CODE, "check": "3191"})
    unknown = httpx.get(f"{server.url}/lookup", params={"code": "CUANAM-261125-0099",
                                                        "check": "3191"})
    assert wrong.status_code == unknown.status_code == 404
    assert "Không tìm thấy hồ sơ" in wrong.text
    assert wrong.text.replace(CODE, "") == unknown.text.replace("CUANAM-261125-0099", "")
    english = httpx.get(f"{server.url}/lookup", params={"code": CODE, "check": "3190",
                                                        "lang": "en"})
    assert "Processing" in english.text and "Result due on" in english.text
    empty = httpx.get(f"{server.url}/lookup")
    assert empty.status_code == 200 and 'name=check' in empty.text


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_lookup_on_a_phone_and_send_a_complaint(central, server):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    hub = _dossier(central, server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      java_script_enabled=False)
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        # The receipt's QR opens the page with both fields filled in.
        page.goto(f"{server.url}/lookup?code={CODE}&check=3190")
        assert page.input_value("#code") == CODE and page.input_value("#check") == "3190"
        assert page.inner_text("#state") == "Đang xử lý"
        steps = page.locator("#history li").all_inner_texts()
        assert [s.splitlines()[0] for s in steps] == [
            "Mới tiếp nhận", "Yêu cầu bổ sung", "Đang xử lý"]
        assert steps[0].endswith("09:10 25/11/2026") and "30/11/2026" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SHOTS / "lookup.png"), full_page=True)

        page.check("input[value=complaint]")
        page.fill("#text", "Đã quá ngày hẹn mà chưa được báo bổ sung gì thêm.")
        page.check("input[name=want_reply]")
        page.fill("#phone", "0912 345 678")
        page.click("button.primary >> text=Gửi ý kiến")
        assert "Đã gửi ý kiến" in page.content() and CODE in page.content()
        page.screenshot(path=str(SHOTS / "lookup-feedback-sent.png"), full_page=True)

        page.goto(f"{server.url}/lookup?code={CODE}&check=3190&lang=en")
        assert page.inner_text("#state") == "Processing"
        page.screenshot(path=str(SHOTS / "lookup-en.png"), full_page=True)
        page.goto(f"{server.url}/lookup?code={CODE}&check=0000")
        assert "Không tìm thấy hồ sơ" in page.content()
        assert page.input_value("#code") == CODE  # what was typed stays to correct it
        page.screenshot(path=str(SHOTS / "lookup-not-found.png"), full_page=True)
        browser.close()
    assert failed == []
    items = hub.http.get(INBOX_PATH).json()["items"]
    complaint = [i["data"] for i in items if i["kind"] == "feedback"]
    assert len(complaint) == 1 and complaint[0]["kind"] == "complaint"
    assert complaint[0]["phone"] == "0912345678" and complaint[0]["dossier_code"] == CODE
