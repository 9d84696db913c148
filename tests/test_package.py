"""The frozen app (build.spec, docs/packaging.md): PyInstaller builds dist/onestop into a temp
folder once (about 1-2 minutes), then the tests run the executable the way a ward PC would,
with no Python and no venv: the CLI, the doctor with every Qt module it needs, a ticket PDF
with Vietnamese text, a hub answering HTTP and stopping on Ctrl+C, and a station window
rendered offscreen."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from onestop import __version__
from onestop.serving import free_port
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 900  # seconds; a build takes 1-2 minutes on a CI runner

pytestmark = [pytest.mark.slow, pytest.mark.timeout(BUILD_TIMEOUT + 120)]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Iterator[Path]:
    """Path of the frozen `onestop` executable, built once for this module (and deleted
    afterwards: it is 300 MB, and pytest keeps the last three runs' temp folders)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        require("pyinstaller", False, "PyInstaller not installed (pip install -e '.[package]')")
    qm = list((ROOT / "onestop" / "assets" / "i18n").glob("*.qm"))
    require("compiled translations", bool(qm), "no .qm files: run bash scripts/setup.sh")
    out = tmp_path_factory.mktemp("frozen")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    print(f"frozen build took {time.monotonic() - started:.0f} s")
    exe = out / "dist" / "onestop" / ("onestop.exe" if os.name == "nt" else "onestop")
    assert exe.is_file()
    yield exe
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """A clean environment: own data folder, offscreen Qt, nothing pointing at this venv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "QT_", "VIRTUAL_ENV"))}
    data = tmp_path / "data"
    data.mkdir()  # as `onestop` would leave it; doctor counts a missing folder as a fault
    env["ONESTOP_DATA"] = str(data)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(exe: Path, env: dict[str, str], *args: str, timeout: float = 60):
    return subprocess.run([str(exe), *args], env=env, cwd=exe.parent.parent,
                          capture_output=True, text=True, timeout=timeout)


def test_version_and_help(frozen, env):
    result = run(frozen, env, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"onestop {__version__}"
    result = run(frozen, env, "--help")
    assert result.returncode == 0, result.stderr
    for command in ("hub", "reception", "counter", "display", "supervisor", "token",
                    "sync", "central", "ticket", "report"):
        assert command in result.stdout


def test_doctor_finds_every_qt_module_it_needs(frozen, env):
    """The frozen doctor: no check fails on a CI machine. Warnings are allowed (no database
    yet, no sound card), but none may come from a Qt module missing from the build: the
    audio check imports QtMultimedia, and the printer check QtPrintSupport without CUPS."""
    result = run(frozen, env, "doctor", "--json", "--lang", "en", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert {"audio", "printer", "fonts", "voice"} <= set(checks), list(checks)
    assert [c for c in checks.values() if "Qt" in c["message"]] == [], checks
    assert "No module named" not in result.stderr, result.stderr[-2000:]
    human = run(frozen, env, "doctor", "--lang", "en", timeout=120)
    assert human.returncode == 0 and "(no Qt)" not in human.stdout, human.stdout


def test_ticket_pdf_has_vietnamese_text(frozen, env, tmp_path):
    require("poppler-utils", bool(shutil.which("pdftotext")), "pdftotext not installed")
    pdf = tmp_path / "ticket.pdf"
    result = run(frozen, env, "ticket", "--sample", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # Bundled DejaVu embedded by reportlab: tone marks and đ/ư/ơ survive as text.
    assert "SỐ THỨ TỰ" in text
    assert "Chứng thực bản sao từ bản chính" in text


def test_hub_serves_and_stops_on_ctrl_c(frozen, env, tmp_path):
    port = free_port()
    hub = subprocess.Popen([str(frozen), "hub", "--port", str(port)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}", hub)
        assert health["status"] == "ok" and health["version"] == __version__

        # A station token, a reception window on the frozen Qt: fonts, plugins, translations.
        token = run(frozen, env, "token", "create", "--role", "reception")
        assert token.returncode == 0, token.stderr
        shot = tmp_path / "reception.png"
        result = run(frozen, env, "reception", "--hub", f"http://127.0.0.1:{port}",
                     f"--token={token.stdout.strip()}", "--screenshot", str(shot))
        assert result.returncode == 0, result.stderr
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 20_000  # a blank or failed window is a few KB
        assert "could not load bundled font" not in result.stderr
    finally:
        hub.send_signal(signal.SIGINT)
        try:
            out, err = hub.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            hub.kill()
            raise
    assert hub.returncode == 0, err
    assert "stopped" in out + err


def _wait_for_health(url: str, proc: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"frozen hub exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            return httpx.get(f"{url}/api/health", timeout=2).json()
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("frozen hub did not answer /api/health within 30 s")
