"""A new station PC pairs with a one-time code from the supervisor and keeps its token."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from onestop.desktop.pairing import pair, saved_token
from onestop.errors import CliError
from onestop.settings import Settings


def code_for(live_hub, role: str, counter: int | None = None) -> str:
    with live_hub.client("supervisor") as sup:
        return sup.post("/api/pairing-codes", json={"role": role, "counter": counter}).json()[
            "code"]


def test_pair_saves_a_working_token(live_hub, tmp_path):
    settings = Settings(data_dir=tmp_path)
    token = pair(settings, live_hub.url, code_for(live_hub, "counter", 2), "counter2")
    assert saved_token(settings, live_hub.url, "counter2") == token
    assert live_hub.hub.auth.authenticate(token).counter == 2
    with pytest.raises(CliError, match="pairing refused"):  # one time only
        pair(settings, live_hub.url, "AAAA-BBBB", "counter2")


def test_a_code_for_another_station_is_refused(live_hub, tmp_path):
    with pytest.raises(CliError, match="counter2 station, not counter3"):
        pair(Settings(data_dir=tmp_path), live_hub.url, code_for(live_hub, "counter", 2),
             "counter3")


def test_station_command_pairs_then_reuses_the_token(live_hub, tmp_path):
    code = code_for(live_hub, "display")
    run = [sys.executable, "-m", "onestop", "--data", str(tmp_path), "display", "--hub",
           live_hub.url, "--screenshot", str(tmp_path / "d.png")]
    first = subprocess.run([*run, "--pair", code], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "d.png").stat().st_size > 0
    again = subprocess.run(run, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert again.returncode == 0, again.stderr
