"""Single-PC mode's whole life on a real X server (Xvfb), as a person uses it: `onestop` opens
the launcher, three station windows are opened from it with the mouse, a second `onestop`
brings the launcher forward instead of starting a second hub, and a stop (SIGTERM, as Ctrl+C
or a logout sends) closes every window, stops the hub and exits 0: no process, no port, a
checkpointed database."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onestop.oslayer.instance_lock import read_address, running_hub
from onestop.serving import free_port, port_free
from onestop.settings import DATA_ENV
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 30
# Where the launcher's buttons are on its 1024x720 window (bundled font, no window manager).
BUTTONS = {"reception": (186, 150), "counter1": (837, 218), "counter2": (186, 286)}
# Window titles as xdotool regexes, in ASCII (its matching of UTF-8 titles follows the locale).
TITLES = {"reception": "^Ti.*p nh", "counter1": "^Qu.*y 1 .* onestop$",
          "counter2": "^Qu.*y 2 .* onestop$"}
LAUNCHER = "^onestop .* kh"
SETUP = "^Thi.*t l.*p ban"  # the first-run set-up a fresh data folder opens over the launcher


@pytest.fixture
def xvfb():
    """A private X server. Its number is picked at random among those nobody answers on:
    X's abstract sockets are shared by every process in the network namespace, so an X
    server of another test run (even one whose /tmp we cannot see) may hold :0."""
    require("Xvfb", shutil.which("Xvfb") is not None, "Xvfb is not installed (apt-get install "
            "xvfb)")
    require("xdotool", shutil.which("xdotool") is not None, "xdotool is not installed "
            "(apt-get install xdotool)")
    rng = random.Random()
    for _ in range(20):
        display = f":{rng.randrange(200, 900)}"
        if Path(f"/tmp/.X11-unix/X{display[1:]}").exists() or answers(display):
            continue
        proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                                 "tcp", "-noreset"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        up = poll_briefly(lambda p=proc, d=display: p.poll() is not None or answers(d), 10)
        if up and proc.poll() is None:
            break
        proc.kill()
        proc.wait(30)
    else:
        pytest.fail("no free X display found for Xvfb")
    yield display
    proc.terminate()
    proc.wait(30)


def answers(display: str) -> bool:
    return bool(xdo(display, "getdisplaygeometry"))


def xdo(display: str, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


def windows(display: str, title: str) -> list[str]:
    return xdo(display, "search", "--onlyvisible", "--name", title).split()


def poll(condition, what: str, deadline_s: float = DEADLINE_S):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"not within {deadline_s} s: {what}")


def onestop(display: str, data: Path, **popen) -> subprocess.Popen:
    env = {**os.environ, "DISPLAY": display, DATA_ENV: str(data), "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)  # the real X11 platform, not offscreen
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.Popen([sys.executable, "-m", "onestop"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def open_station(display: str, launcher: str, key: str) -> None:
    """Click the launcher's button until the station window shows (counter buttons appear
    once the hub's state has arrived)."""
    def opened() -> bool:
        if windows(display, TITLES[key]):
            return True
        xdo(display, "windowraise", launcher)
        xdo(display, "mousemove", "--window", launcher, *map(str, BUTTONS[key]), "click", "1")
        return bool(poll_briefly(lambda: windows(display, TITLES[key])))

    poll(opened, f"the {key} window")


def skip_setup(display: str) -> None:
    """A fresh data folder opens the first-run set-up over the launcher; a person who only
    wants to look around presses Esc ("Bỏ qua"), which this test does too."""
    dialog = poll(lambda: windows(display, SETUP), "the first-run set-up")[0]

    def gone() -> bool:
        if not windows(display, SETUP):
            return True
        xdo(display, "windowfocus", "--sync", dialog)
        xdo(display, "key", "--window", dialog, "Escape")
        return bool(poll_briefly(lambda: not windows(display, SETUP)))

    poll(gone, "the set-up skipped with Esc")


def poll_briefly(condition, seconds: float = 3.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_three_windows_then_a_stop_leaves_nothing(xvfb, tmp_data):
    port = free_port()
    (tmp_data / "settings.json").write_text(f'{{"hub_port": {port}}}', encoding="utf-8")
    proc = onestop(xvfb, tmp_data)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "launcher window open" in line or "no display" in line:
                break
        assert "launcher window open" in lines[-1], lines
        launcher = poll(lambda: windows(xvfb, LAUNCHER), "the launcher")[0]
        skip_setup(xvfb)
        for key in ("reception", "counter1", "counter2"):
            open_station(xvfb, launcher, key)
        assert running_hub(tmp_data).pid == proc.pid

        # Started again from the desktop: the launcher comes forward, no second hub.
        again = onestop(xvfb, tmp_data)
        out, err = again.communicate(timeout=60)
        assert again.returncode == 0, err
        assert f"already running (process {proc.pid} at http://127.0.0.1:{port})" in out
        assert "brought to the front" in out

        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=60)
    finally:
        proc.kill()
    err = proc.stderr.read()
    assert rc == 0, err
    assert "launcher closed" in err and "stopping" in err
    assert port_free("127.0.0.1", port)
    for title in (LAUNCHER, *TITLES.values()):
        assert windows(xvfb, title) == []
    conn = sqlite3.connect(tmp_data / "hub.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    wal = tmp_data / "hub.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert running_hub(tmp_data) is None and read_address(tmp_data) is None
