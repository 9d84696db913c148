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
