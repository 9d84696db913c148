"""The supervisor's "Góp ý, phản ánh" window against a real hub on loopback (issue 17 parts
6-7): a "Không hài lòng" rating raises the alert in an open window by push, the case is taken,
noted and closed from the keyboard-usable panel, a recommendation is written and listed as
waiting for the link, and a screenshot of the panel for a person to look at."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt

from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.supervisor import SupervisorWindow
from onestop.hub import admin, feedback

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


def served_ticket(live_hub) -> dict:
    with live_hub.client("reception") as rec:
        ticket = rec.post("/api/tickets", json={"service": "2.000815"}).json()["ticket"]
    with live_hub.client("supervisor") as sup:
        assert sup.post("/api/counters/1/open").status_code == 200
    with live_hub.client("counter", 1) as c:
        c.post("/api/counters/1/next")
        assert c.post(f"/api/tickets/{ticket['id']}/done").status_code == 200
    return ticket


def test_unhappy_rating_alerts_the_open_window_and_the_case_is_handled(qtbot, live_hub):
    store = live_hub.hub.store
    admin.add_officer(store, "lan.nguyen", "Nguyễn Thị Lan", "123456", 6)
    application("vi")
    client = HubClient(live_hub.url, live_hub.token("supervisor"))
    window = SupervisorWindow(client)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    ticket = served_ticket(live_hub)
    other = served_ticket(live_hub)
    feedback.submit_from_ticket(store, other["token"], "complaint",
                                "Phòng chờ quá nóng, quạt không chạy", True, "0912345678")
    assert not window.alert.isVisible() or "Phản ánh" in window.alert.text()
    qtbot.waitUntil(lambda: window.buttons["feedback"].text() == "Góp ý, phản ánh (1)…",
                    timeout=WAIT)  # the active cases at a glance

    with qtbot.waitSignal(window.alert.sig_alerted, timeout=WAIT,
                          check_params_cb=lambda d: d["kind"] == "unhappy") as alerted:
        started = time.monotonic()
        with live_hub.client("reception") as phone:  # any client: the page is public
            r = phone.post(f"/t/{ticket['token']}/rate",
                           data={"rating": "1", "comment": "Chờ lâu, không ai hướng dẫn"})
        assert r.status_code == 303
    print(f"unhappy rating -> supervisor alert: {1000 * (time.monotonic() - started):.0f} ms")
    assert window.alert.isVisible() and "KHÔNG HÀI LÒNG" in window.alert.text()
    case_id = alerted.args[0]["case_id"]
    qtbot.waitUntil(lambda: window.buttons["feedback"].text() == "Góp ý, phản ánh (2)…",
                    timeout=WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "supervisor-unhappy-alert.png"))

    assert window.buttons["feedback"].shortcut().toString() == "Ctrl+F"
    window.buttons["feedback"].click()
    panel = window.feedback
    assert panel is not None and panel.isVisible() and not window.alert.isVisible()
    cases = panel.cases
    qtbot.waitUntil(lambda: cases.table.rowCount() == 2 and cases.owner.count() == 1,
                    timeout=WAIT)
    cases.select_case(case_id)
    qtbot.waitUntil(lambda: "Chờ lâu" in cases.text.toPlainText(), timeout=WAIT)
    qtbot.keyClick(cases.take, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: feedback.case(store, case_id)["state"] == "in_progress",
                    timeout=WAIT)
    cases.note.setText("")
    cases.close_case.click()
    assert "Xin nhập" in cases.error.text()  # a resolution is required; nothing sent
    cases.note.setText("Đã gọi điện xin lỗi, hướng dẫn lại")
    cases.close_case.click()
    qtbot.waitUntil(lambda: feedback.case(store, case_id)["state"] == "closed", timeout=WAIT)
    qtbot.waitUntil(lambda: cases.table.rowCount() == 1, timeout=WAIT)  # the complaint left
    qtbot.waitUntil(lambda: window.buttons["feedback"].text() == "Góp ý, phản ánh (1)…",
                    timeout=WAIT)
    assert "quá hạn" not in cases.table.item(0, 5).text()

    recs = panel.recommendations
    panel.tabs.setCurrentIndex(2)
    recs.subject.setText("Đề nghị bổ sung máy lấy số")
    recs.text.setPlainText("Giờ cao điểm sáng thứ Hai người dân chờ lâu ở quầy tiếp nhận.")
    recs.send.click()
    qtbot.waitUntil(lambda: recs.table.rowCount() == 1, timeout=WAIT)
    assert recs.table.item(0, 2).text() == "Chờ gửi"  # not enrolled: waits for the link
    assert recs.subject.text() == ""

    panel.tabs.setCurrentIndex(0)
    panel.resize(1100, 640)
    qtbot.wait(50)
    assert panel.grab().save(str(SHOTS / "supervisor-feedback.png"))
    client.stop()


def test_a_city_notice_and_a_reply_reach_the_open_panel_by_push(qtbot, live_hub):
    """What the inbox brings (hub/dialogue.py) shows in an open panel without a click."""
    from onestop.hub import dialogue

    store = live_hub.hub.store
    application("en")
    client = HubClient(live_hub.url, live_hub.token("supervisor"), language="en")
    window = SupervisorWindow(client)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        client.start()
        window.show()
    rec = dialogue.send_recommendation(store, "Thêm máy lấy số", "Giờ cao điểm")
    window.open_feedback()
    panel = window.feedback
    qtbot.waitUntil(lambda: panel.recommendations.table.rowCount() == 1, timeout=WAIT)
    assert panel.tabs.tabText(1) == "City notices"
    dialogue.apply_inbox(store, [
        {"id": 1, "kind": "notice", "at": "2026-11-25T02:00:00+00:00", "data": {
            "notice_id": "n1", "title_vi": "Lịch nghỉ Tết", "body_vi": "Nghỉ từ 14/02",
            "title_en": "Tet holiday", "body_en": "Closed from 14 Feb", "ticker": True,
            "expires_on": None}},
        {"id": 2, "kind": "reply", "at": "2026-11-25T02:00:00+00:00", "data": {
            "recommendation_id": rec["id"], "text": "Đã bố trí", "replied_at": None}}])
    qtbot.waitUntil(lambda: panel.notices.table.rowCount() == 1, timeout=WAIT)
    assert panel.notices.table.item(0, 1).text() == "Tet holiday"
    qtbot.waitUntil(lambda: panel.recommendations.table.item(0, 3).text() == "Replied",
                    timeout=WAIT)
    client.stop()
    application("vi")
