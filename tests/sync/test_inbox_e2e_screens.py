"""What people see at both ends of the inbox (issue 17 parts 6-7), with a real central and a
real hub: a citizen sends a complaint from central's /lookup page in headless Chromium (no
JavaScript, phone width), the hub pulls it, and the supervisor's "Góp ý, phản ánh" window
shows it as a case from the lookup page with the dossier's code and the phone; the city's
notice and the reply to the ward's recommendation in the same window. Screenshots when
ONESTOP_SCREENSHOTS=1 (docs/screenshots): lookup-after-feedback.png,
supervisor-feedback-lookup.png, supervisor-city-reply.png."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from onestop.compose import HubServer
from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.supervisor import SupervisorWindow
from onestop.hub import dialogue, feedback
from onestop.serving import free_port
from tests.conftest import require
from tests.sync.inboxkit import (
    PHONE,
    ZONE,
    City,
    pull,
    push,
    record_dossier,
    ward_hub,
)

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
COMPLAINT = "Đã quá ngày hẹn trả kết quả mà chưa được báo bổ sung giấy tờ gì."


def _complain_on_the_lookup_page(url: str, code: str, check: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 390, "height": 844},
                                   java_script_enabled=False).new_page()
        page.goto(f"{url}/lookup?code={code}&check={check}")
        assert page.inner_text("#state") == "Mới tiếp nhận"
        assert "từ 5 đến 1.000 ký tự" in page.content()  # the ward's own limits
        page.check("input[value=complaint]")
        page.fill("#text", COMPLAINT)
        page.check("input[name=want_reply]")
        page.fill("#phone", "0912 345 678")
        page.click("button.primary >> text=Gửi ý kiến")
        assert "Đã gửi ý kiến" in page.content()
        page.goto(f"{url}/lookup?code={code}&check={check}")  # what the citizen sees afterwards
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SHOTS / "lookup-after-feedback.png"), full_page=True)
        browser.close()


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("central_url", ["sqlite"], indirect=True)
def test_a_lookup_complaint_in_the_supervisor_window(qtbot, central, central_url, tmp_path,
                                                     capsys):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    city = City(central, central_url, tmp_path / "city", capsys)
    hub = ward_hub(tmp_path / "hub", central)
    port = free_port()
    server = HubServer(hub, "127.0.0.1", port)
    server.start()
    try:
        code, check = record_dossier(hub)
        rec = dialogue.send_recommendation(hub.store, "Đề nghị bổ sung máy lấy số",
                                           "Sáng thứ Hai người dân chờ lâu ở quầy tiếp nhận.")
        push(hub)
        _complain_on_the_lookup_page(central.url, code, check)
        city.run("notice", "publish", "--title", "Lịch nghỉ Tết Nguyên đán", "--body",
                 "Bộ phận một cửa nghỉ từ 14/02 đến 22/02, làm việc lại sáng 23/02.",
                 "--ticker")
        city.run("reply", rec["id"], "Thành phố cấp thêm một máy lấy số trong quý I.")
        assert pull(hub) == 4  # the calendar, the complaint, the notice, the reply
        assert city.phones_held() == 1 and pull(hub) == 0 and city.phones_held() == 0

        application("vi")
        client = HubClient(f"http://127.0.0.1:{port}", hub.auth.create_token("supervisor", None))
        window = SupervisorWindow(client)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
            client.start()
            window.show()
        qtbot.waitUntil(lambda: window.buttons["feedback"].text() == "Góp ý, phản ánh (1)…",
                        timeout=WAIT)
        window.open_feedback()
        panel = window.feedback
        cases = panel.cases
        qtbot.waitUntil(lambda: cases.table.rowCount() == 1, timeout=WAIT)
        assert cases.table.item(0, 2).text() == "Trang tra cứu"
        qtbot.waitUntil(lambda: COMPLAINT in cases.text.toPlainText(), timeout=WAIT)
        shown = cases.text.toPlainText()
        assert f"Phản ánh – Trang tra cứu – hồ sơ {code}" in shown and PHONE in shown
        # On the ward's clock, as the lookup page and the receipt, whatever this PC's zone.
        opened = hub.store.clock().astimezone(ZoneInfo(ZONE)).strftime("%d/%m %H:%M")
        assert f"{opened}  Tiếp nhận" in shown
        panel.resize(1100, 640)
        qtbot.wait(50)
        assert panel.grab().save(str(SHOTS / "supervisor-feedback-lookup.png"))

        panel.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: panel.notices.table.rowCount() == 1, timeout=WAIT)
        assert panel.notices.table.item(0, 1).text() == "Lịch nghỉ Tết Nguyên đán"
        panel.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: panel.recommendations.table.rowCount() == 1, timeout=WAIT)
        assert panel.recommendations.table.item(0, 2).text() == "Đã gửi"
        panel.recommendations.table.selectRow(0)
        qtbot.waitUntil(lambda: "cấp thêm một máy" in
                        panel.recommendations.detail.toPlainText(), timeout=WAIT)
        qtbot.wait(50)
        assert panel.grab().save(str(SHOTS / "supervisor-city-reply.png"))

        feedback.act(hub.store, feedback.cases(hub.store)["cases"][0]["id"], "close",
                     note="Đã gọi điện hướng dẫn bổ sung")
        client.stop()
    finally:
        server.stop()
        hub.close()
        city.close()
