"""`onestop <station> --screenshot` works on a machine with no screen at all (as in CI and on
a headless hub PC): it renders offscreen instead of letting Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys


def test_screenshot_without_any_display(live_hub, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    shot = tmp_path / "reception.png"
    done = subprocess.run(
        [sys.executable, "-m", "onestop", "--data", str(tmp_path), "reception", "--hub",
         live_hub.url, "--token", live_hub.token("reception"), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_kiosk_pairs_and_saves_a_portrait_screenshot(live_hub, tmp_path):
    """`onestop kiosk --hub URL --pair CODE`: the code a supervisor made becomes a kiosk token
    kept in the data folder; the window (1080x1920 offscreen) is saved without a screen."""
    from PySide6.QtGui import QImage

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = live_hub.client("supervisor").post("/api/pairing-codes",
                                              json={"role": "kiosk"}).json()["code"]
    shot = tmp_path / "kiosk.png"
    done = subprocess.run(
        [sys.executable, "-m", "onestop", "--data", str(tmp_path), "kiosk", "--hub",
         live_hub.url, "--pair", code, "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1080, 1920)
    assert "kiosk" in (tmp_path / "paired-stations.json").read_text(encoding="utf-8")
    assert any(s["role"] == "kiosk" for s in live_hub.hub.auth.stations())
