"""The hub's own dossier lookup page (the receipt's QR while the hub is not enrolled) in a real
Chromium on a phone-sized screen: code + check show the state, due date and history; a wrong
check reads like an unknown code. Screenshot to docs/screenshots/ with ONESTOP_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

from tests.hub.test_pages_browser import SHOTS, browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.needs("chromium")


def test_lookup_page_on_a_phone(browser, live_hub):  # noqa: F811
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    c3 = live_hub.client("counter", 3)
    sup.post("/api/counters/3/open")
    rec.post("/api/tickets", json={"service": "1.001612"})
    t = c3.post("/api/counters/3/next").json()
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    c3.post(f"/api/dossiers/{d['code']}/supplement")
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    try:
        page.goto(d["lookup_url"])
        body = page.inner_text("body")
        assert d["code"] in body and "Yêu cầu bổ sung" in body
        assert "Đăng ký thành lập hộ kinh doanh" in body and "Quá trình xử lý" in body
        assert "tạm dừng trong khi chờ Ông/Bà bổ sung hồ sơ" in body
        due = d["due_date"]
        assert f"{due[8:10]}/{due[5:7]}/{due[:4]}" in body
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lookup-hub.png"), full_page=True)
        page.click("text=English")
        page.wait_for_load_state()
        english = page.inner_text("body")
        assert "Supplement requested" in english and "Due date" in english
        wrong = f"{(int(d['check']) + 1) % 10000:04d}"
        page.goto(f"{live_hub.url}/lookup?code={d['code']}&check={wrong}")
        assert "Không tìm thấy hồ sơ" in page.inner_text("body")
        page.fill("input[name=check]", d["check"])
        page.click("button")
        page.wait_for_load_state()
        assert "Yêu cầu bổ sung" in page.inner_text("body")
    finally:
        page.close()
