"""The launcher of single-PC mode against a real hub: it opens station windows in-process, each
with its own connection, shows the hub address with a QR that scans, the data folder and the
sync state, switches language; and `onestop` with no command opens it when there is a display,
runs the hub alone when there is none, and stops the hub cleanly either way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from onestop import __version__
from onestop.desktop.launcher import LauncherWindow
from onestop.desktop.qtapp import application, install_language
from onestop.settings import Settings, load_settings
from tests.conftest import require

WAIT = 15_000
LAN = "http://192.168.1.10:8700"
SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


@pytest.fixture
def launcher(qtbot, live_hub, tmp_path):
    application("vi")
    tokens = {role: live_hub.token(role) for role in ("reception", "display", "supervisor",
                                                      "admin", "kiosk")}
    tokens.update({f"counter{n}": live_hub.token("counter", n) for n in range(1, 6)})
    settings = Settings(data_dir=tmp_path / "onestop", hub_host="0.0.0.0")
    settings.data_dir.mkdir()
    window = LauncherWindow(live_hub.url, tokens, settings, lan_url=LAN, lan_open=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        window.show()
    yield window
    window.close()


def scanned(pixmap) -> str:
    require("zbarimg", shutil.which("zbarimg") is not None,
            "zbar-tools is not installed (apt-get install zbar-tools)")
    path = Path(tempfile.mkdtemp()) / "qr.png"
    assert pixmap.save(str(path))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True,
                         timeout=30)
    return out.stdout.strip()


def wait_ready(qtbot, window) -> None:
    """Until the station window shows the hub's data (it may already)."""
    if not window.is_ready:
        with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
            pass


def test_shows_hub_address_qr_folder_and_sync(launcher):
    assert launcher.address.text() == LAN
    assert scanned(launcher.qr.pixmap()) == LAN
    assert launcher.folder.text() == str(launcher.settings.data_dir)
    assert "Chưa kết nối máy chủ trung tâm" in launcher.sync.text()
    assert launcher.title.text() == "onestop – Phường Cửa Nam"
    counters = [k for k in launcher.buttons.buttons if k.startswith("counter")]
    assert counters == [f"counter{n}" for n in range(1, 6)]
    assert launcher.buttons.buttons["counter1"].text() == "Quầy 1 – Chứng thực"


def test_opens_reception_and_counter_windows_in_process(qtbot, launcher, live_hub):
    with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
        launcher.buttons.buttons["reception"].click()
    key, reception = opened.args
    assert key == "reception"
    wait_ready(qtbot, reception)
    assert reception.isVisible()
    assert reception.client.token == launcher.tokens["reception"]
    with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
        launcher.buttons.buttons["counter2"].click()
    key, counter = opened.args
    assert key == "counter2" and counter.client.token == launcher.tokens["counter2"]
    assert counter.client is not reception.client  # each window has its own connection
    wait_ready(qtbot, counter)
    assert launcher.open_station("reception") is reception  # brought forward, not doubled
    reception.close()
    qtbot.waitUntil(lambda: set(launcher.stations) == {"counter2"}, timeout=WAIT)
    with qtbot.waitSignal(launcher.sig_closed, timeout=WAIT):
        launcher.close()
    assert not counter.isVisible()


def test_opens_the_kiosk_without_the_event_stream(qtbot, launcher):
    button = launcher.buttons.buttons["kiosk"]
    assert button.text() == "Ki-ốt tự phục vụ"
    with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
        button.click()
    key, kiosk = opened.args
    assert key == "kiosk" and kiosk.client.token == launcher.tokens["kiosk"]
    wait_ready(qtbot, kiosk)  # the catalogue arrived over REST
    assert kiosk.start_page.field_buttons and not kiosk.client.online  # no socket opened


def test_supervisor_opens_as_admin(qtbot, launcher):
    with qtbot.waitSignal(launcher.sig_opened, timeout=WAIT) as opened:
        launcher.buttons.buttons["supervisor"].click()
    supervisor = opened.args[1]
    assert supervisor.client.token == launcher.tokens["admin"]
    wait_ready(qtbot, supervisor)


def test_language_switch_is_saved(qtbot, launcher):
    try:
        launcher.language.setCurrentIndex(launcher.language.findData("en"))
        assert load_settings(launcher.settings.data_dir).language == "en"
        assert launcher.windows_box.title() == "Open a station window"
        assert launcher.buttons.buttons["counter1"].text() == "Counter 1 – Certification"
        assert "central server" in launcher.sync.text()
    finally:
        install_language(application("vi"), "vi")  # the one QApplication is shared by tests
    launcher.language.setCurrentIndex(launcher.language.findData("vi"))
    assert launcher.windows_box.title() == "Mở cửa sổ trạm"


def test_lan_switch_is_saved_for_the_next_start(launcher):
    launcher.lan_switch.setChecked(False)
    assert load_settings(launcher.settings.data_dir).hub_host == "127.0.0.1"
    launcher.lan_switch.setChecked(True)
    assert load_settings(launcher.settings.data_dir).hub_host == "0.0.0.0"
    assert "Khởi động lại" in launcher.message.text()


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_screenshots(qtbot, launcher, size):
    launcher.resize(*size)
    qtbot.waitUntil(lambda: launcher.size().width() == size[0], timeout=WAIT)
    image = launcher.grab()
    assert image.width() == size[0]
    for button in launcher.buttons.buttons.values():
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SHOTS / f"launcher-{size[0]}.png"))


# --- `onestop` with no command, as a process ---------------------------------------------------
def start(env_changes: dict[str, str | None], data: Path) -> tuple[subprocess.Popen, list[str]]:
    env = {**os.environ, "ONESTOP_DATA": str(data)}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    proc = subprocess.Popen([sys.executable, "-m", "onestop"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in proc.stdout:  # up to the line saying which front end runs
        lines.append(line)
        if "no display" in line or "launcher window open" in line:
            break
    return proc, lines


def stop(proc: subprocess.Popen) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(timeout=30)
    finally:
        proc.kill()
    return rc, proc.stderr.read()


def hub_url(lines: list[str]) -> str:
    return lines[0].split("hub running at ")[1].split()[0]


def test_single_pc_without_a_display_runs_the_hub_alone(tmp_path):
    proc, lines = start({"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None},
                        tmp_path)
    try:
        assert "no display available: the hub runs alone" in lines[-1], lines
        health = httpx.get(f"{hub_url(lines)}/api/health", timeout=10).json()
        assert health["version"] == __version__
    finally:
        rc, err = stop(proc)
    assert rc == 0, err
    assert "launcher closed" not in err


def test_single_pc_with_a_display_opens_the_launcher_and_stops_with_it(tmp_path):
    proc, lines = start({"QT_QPA_PLATFORM": "offscreen"}, tmp_path)
    try:
        assert "launcher window open" in lines[-1], (lines, proc.stderr)
        url = hub_url(lines)
        tokens = json.loads((tmp_path / "local-stations.json").read_text())
        state = httpx.get(f"{url}/api/state", params={"token": tokens["supervisor"]}, timeout=10)
        assert state.status_code == 200
    finally:
        rc, err = stop(proc)  # Ctrl+C closes the launcher, which stops the hub
    assert rc == 0, err
    assert "launcher closed" in err and "stopping" in err
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/health", timeout=2)
