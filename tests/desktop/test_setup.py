"""The launcher's first-run set-up against a real hub: a refusal from the hub lands next to the
input it is about with everything typed kept; Esc skips it (the launcher says where the same
settings live); a configured hub does not ask; `onestop admin --screenshot`; and screenshots
of the three steps over the launcher at 1366×768 and 1920×1080."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from onestop.desktop.launcher import LauncherWindow
from onestop.desktop.qtapp import application, install_language
from onestop.settings import Settings

WAIT = 15_000
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


def launcher_for(qtbot, live_hub, tmp_path, language: str = "vi") -> LauncherWindow:
    application(language)
    tokens = {role: live_hub.token(role) for role in ("reception", "display", "supervisor",
                                                      "admin")}
    tokens.update({f"counter{n}": live_hub.token("counter", n) for n in range(1, 6)})
    settings = Settings(data_dir=tmp_path / "onestop", language=language)
    window = LauncherWindow(live_hub.url, tokens, settings)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def setup(qtbot, live_hub, tmp_path):
    launcher = launcher_for(qtbot, live_hub, tmp_path)
    with qtbot.waitSignal(launcher.sig_setup, timeout=WAIT) as opened:
        launcher.show()
    dialog = opened.args[0]
    if dialog._pending:
        with qtbot.waitSignal(dialog.sig_loaded, timeout=WAIT):
            pass
    yield launcher, dialog
    launcher.close()


def test_a_refusal_is_shown_at_its_input_and_nothing_typed_is_lost(qtbot, setup, live_hub):
    launcher, dialog = setup
    dialog.ward_edits["name_vi"].setText("Phường Hàng Trống")
    dialog.go_on()
    dialog.go_on()
    assert dialog.pages.currentIndex() == 2
    dialog.username.setText("Lan Nguyễn")  # a space and an accent: the hub refuses it
    dialog.full_name.setText("Nguyễn Thị Lan")
    dialog.pin.pin.setText("482915")
    dialog.pin.again.setText("482915")
    dialog.submit()
    qtbot.waitUntil(dialog.username_error.isVisible, timeout=WAIT)
    assert "ví dụ" in dialog.username_error.text()  # the hub's rule, in Vietnamese
    assert dialog.isVisible() and dialog.pages.currentIndex() == 2
    assert dialog.ward_edits["name_vi"].text() == "Phường Hàng Trống"
    assert dialog.full_name.text() == "Nguyễn Thị Lan" and dialog.pin.pin.text() == "482915"
    assert live_hub.hub.store.counters()  # and the hub changed nothing
    with live_hub.client("admin") as c:
        assert c.get("/api/setup").json()["needed"] is True
        assert c.get("/api/ward").json()["name_vi"] != "Phường Hàng Trống"
    dialog.username.setText("lan.nguyen")
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        dialog.submit()


def test_escape_skips_and_says_where_the_settings_are(qtbot, setup):
    launcher, dialog = setup
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert "Quản trị" in launcher.message.text()
    qtbot.waitUntil(lambda: launcher.setup is None, timeout=WAIT)


def test_a_configured_hub_does_not_ask(qtbot, live_hub, tmp_path):
    live_hub.hub.auth.add_officer("lan.nguyen", "482915", "Nguyễn Thị Lan")
    with live_hub.client("admin") as c:
        ward = {k: v for k, v in c.get("/api/ward").json().items() if k != "configured"}
        assert c.put("/api/ward", json=ward).status_code == 200
    launcher = launcher_for(qtbot, live_hub, tmp_path)
    with qtbot.waitSignal(launcher.sig_setup_checked, timeout=WAIT) as checked:
        launcher.show()
    assert checked.args == [False] and launcher.setup is None
    launcher.close()


def test_admin_command_screenshot(live_hub, tmp_path):
    shot = tmp_path / "admin.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "onestop", "--data", str(tmp_path), "admin", "--hub",
         live_hub.url, "--token", live_hub.token("admin"), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots(qtbot, setup, size):
    launcher, dialog = setup
    launcher.resize(*size)
    qtbot.waitUntil(lambda: launcher.size().width() == size[0], timeout=WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.username.setText("lan.nguyen")
    dialog.full_name.setText("Nguyễn Thị Lan")
    for index, name in enumerate(("ward", "counters", "officer")):
        dialog.show_page(index)
        if name == "counters":
            dialog.counter_list.setCurrentRow(0)
        QApplication.processEvents()
        back = launcher.grab()
        front = dialog.grab()
        assert front.width() <= size[0] and front.height() <= size[1]
        painter = QPainter(back)
        painter.fillRect(back.rect(), QColor(0, 0, 0, 90))  # the launcher behind, dimmed
        painter.drawPixmap(QPoint((back.width() - front.width()) // 2,
                                  (back.height() - front.height()) // 2), front)
        painter.end()
        assert back.save(str(SHOTS / f"setup-{name}-{size[0]}.png"))


def test_english(qtbot, live_hub, tmp_path):
    try:
        launcher = launcher_for(qtbot, live_hub, tmp_path, "en")
        with qtbot.waitSignal(launcher.sig_setup, timeout=WAIT) as opened:
            launcher.show()
        dialog = opened.args[0]
        assert dialog.step.text() == "Step 1/3: Ward name and address"
        assert (dialog.skip.text(), dialog.next.text()) == ("&Skip", "&Next")
        assert launcher.buttons.buttons["admin"].text() == "Administration"
        launcher.close()
    finally:
        install_language(application("vi"), "vi")  # the one QApplication is shared by tests


def test_counter_buttons_and_local_tokens_follow_the_counters(qtbot, live_hub, tmp_path):
    launcher = launcher_for(qtbot, live_hub, tmp_path)
    with qtbot.waitSignal(launcher.sig_ready, timeout=WAIT):
        launcher.show()
    saved = launcher.settings.data_dir / "local-stations.json"
    with live_hub.client("admin") as admin:  # as the admin window on another PC would
        added = admin.post("/api/counters", json={"label_vi": "Quầy 6", "label_en": "Counter 6",
                                                  "skills": ["land"]})
        assert added.status_code == 201, added.text
        qtbot.waitUntil(lambda: "counter6" in launcher.tokens, timeout=WAIT)
        assert json.loads(saved.read_text())["counter6"] == launcher.tokens["counter6"]
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert launcher.buttons.buttons["counter6"].text() == "Quầy 6"
        with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
            launcher.buttons.buttons["counter6"].click()
        assert opened.args[1].client.token == launcher.tokens["counter6"]
        opened.args[1].close()
        assert admin.delete("/api/counters/6").status_code == 200
    qtbot.waitUntil(lambda: "counter6" not in launcher.buttons.buttons, timeout=WAIT)
    assert "counter6" not in launcher.tokens
    assert "counter6" not in json.loads(saved.read_text())
    launcher.close()
