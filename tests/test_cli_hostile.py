"""Issue 13, finding 10: hostile command lines and settings are one line on stderr and exit
2, never a traceback; markup in the ward's name is text in the report (CLI and hub API)."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import require

WARD = "Phường <b>X</i> & <font size=40>Y"


def onestop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "onestop", *args], capture_output=True,
                          text=True, timeout=120)


def _one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize("where", ["file", "/dev/null", "/proc/self/x", ""])
def test_data_that_is_not_a_usable_folder(tmp_data, where):
    if where == "file":
        where = str(tmp_data / "a-file")
        (tmp_data / "a-file").write_text("x")
    for command in (["token", "list"], ["report", "--out", str(tmp_data / "r.pdf")]):
        result = onestop(*command, "--data", where)
        _one_line(result, "data folder")


def test_absurd_counter_numbers(tmp_data):
    big = "99999999999999999999"
    _one_line(onestop("token", "create", "--role", "counter", "--counter", big), "1-999")
    _one_line(onestop("counter", big, "--hub", "http://127.0.0.1:9"), "1-999")


def test_unknown_time_zone_is_refused_when_settings_load(tmp_data):
    (tmp_data / "settings.json").write_text(json.dumps({"timezone": "Mars/Olympus"}))
    _one_line(onestop("token", "list"), "timezone", "Mars/Olympus")
    (tmp_data / "settings.json").write_text(json.dumps({"timezone": "../../etc/passwd"}))
    _one_line(onestop("token", "list"), "timezone")


def test_markup_in_the_ward_name_is_text_in_the_report(tmp_data, tmp_path):
    (tmp_data / "settings.json").write_text(json.dumps({"ward_name": WARD}), encoding="utf-8")
    out = tmp_path / "r.pdf"
    result = onestop("report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_report_endpoint_with_markup_in_the_ward_name_is_a_pdf(live_hub, monkeypatch,
                                                               tmp_path):
    settings = dataclasses.replace(live_hub.hub.settings, ward_name=WARD)
    monkeypatch.setattr(live_hub.hub, "settings", settings)
    with live_hub.client("supervisor") as sup:
        r = sup.get("/api/report")
    assert r.status_code == 200, r.text
    tool = shutil.which("pdftotext")
    require("pdftotext", tool is not None, "poppler-utils not installed")
    (tmp_path / "r.pdf").write_bytes(r.content)
    text = subprocess.run([tool, str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Phường <b>X</i> & <font size=40>Y" in " ".join(text.split())
