"""The counter's lookup panel against a real hub on loopback: Ctrl+F opens it, a question
typed there (spaces included) calls nobody, Enter shows the procedure card from /api/guide,
F1 still calls the next citizen while the panel is open, Esc closes it; the screenshot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_counter import (  # noqa: F401  (the desk fixture and the officer's moves)
    WAIT,
    desk,
    issue,
    key,
    ready_to_call,
    record_posts,
    served_at_counter,
    shots_dir,
)

from tests.livehub import live_hub  # noqa: F401


def test_an_officer_looks_up_a_procedure_without_leaving_the_queue(qtbot, desk, live_hub,  # noqa: F811
                                                                   monkeypatch, tmp_path):
    w = desk
    ready_to_call(qtbot, w, live_hub)
    waiting = issue(live_hub, "2.000815")  # counter 1 serves certification
    for service in ("2.000884", "local.contract", "2.000815"):
        issue(live_hub, service)
    sent = record_posts(monkeypatch, w.client)
    key(w, "F", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.lookup.isVisible() and w.lookup.question.hasFocus(), timeout=WAIT)
    qtbot.keyClicks(w.lookup.question, "dk ket hon voi nguoi nuoc ngoai")
    assert sent == []  # the space bar typed spaces: nobody was called
    assert w.lookup.question.text() == "dk ket hon voi nguoi nuoc ngoai"
    qtbot.keyClick(w.lookup.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.lookup.list.count() > 0, timeout=WAIT)
    assert w.lookup.answers[0]["service"] == "2.000806"  # with a foreigner
    card = w.lookup.card.toPlainText()
    assert "Đăng ký kết hôn có yếu tố nước ngoài" in card
    assert "Hồ sơ cần chuẩn bị" in card and "Lệ phí" in card
    key(w, "F1")  # the queue goes on with the panel open
    served_at_counter(qtbot, w, waiting)
    assert sent == ["/api/counters/1/next"]
    w.resize(1366, 768)
    qtbot.wait(300)
    assert w.grab().save(str(shots_dir(tmp_path) / "counter-lookup-1366.png"))
    w.lookup.question.selectAll()
    qtbot.keyClicks(w.lookup.question, "lam ho chieu")  # QTest types Latin-1 only
    qtbot.keyClick(w.lookup.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Không tìm thấy" in w.lookup.status.text(), timeout=WAIT)
    assert w.lookup.list.count() == 0
    qtbot.keyClick(w.lookup.question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.lookup.isVisible(), timeout=WAIT)
