"""One hub per data folder, as processes: a second `onestop`, `onestop hub`, restore or sync
push on a served folder says which pid and address serve it and exits 2; `onestop doctor` finds
that hub from <data>/hub.json; kill -9 frees the folder at once; a stop by SIGTERM leaves a
checkpointed database; and the data folder and its files are private (0700/0600)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from onestop.oslayer import file_modes
from onestop.oslayer.instance_lock import read_address, running_hub
from onestop.serving import free_port, port_free
from onestop.settings import DATA_ENV
from tests.ops.opsenv import ROOT, one_line, onestop, seeded_db, write_settings

HEADLESS = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}


def start(data: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`onestop [args]` without a display, up to the line with its address."""
    env = {**os.environ, DATA_ENV: str(data), "PYTHONPATH": str(ROOT)}
    for name in HEADLESS:
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "onestop", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    assert "http://127.0.0.1:" in first, (first, proc.stderr.read() if proc.poll() else "")
    return proc, first


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> tuple[int, str]:
    proc.send_signal(sig)
    try:
        rc = proc.wait(timeout=60)
    finally:
        proc.kill()
    return rc, proc.stderr.read()


def url_of(line: str) -> str:
    return next(w for w in line.split() if w.startswith("http://127.0.0.1:"))


def assert_clean(data: Path) -> None:
    conn = sqlite3.connect(data / "hub.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    wal = data / "hub.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "WAL not checkpointed"
    assert running_hub(data) is None and read_address(data) is None


def test_second_writer_is_refused_with_pid_and_address(tmp_data, tmp_path):
    write_settings(tmp_data, hub_port=free_port(), print_tickets=False)
    first, line = start(tmp_data)
    url = url_of(line)
    try:
        held_by = f"already served by process {first.pid} at {url}"
        assert running_hub(tmp_data).url == url
        second = onestop(data=tmp_data, env={"DISPLAY": "", "QT_QPA_PLATFORM": ""})
        assert second.returncode == 2 and held_by in one_line(second.stderr)
        hub = onestop("hub", "--port", str(free_port()), data=tmp_data)
        assert hub.returncode == 2 and held_by in one_line(hub.stderr)
        copy = tmp_path / "copy.db"
        assert onestop("backup", "--out", str(copy), data=tmp_data).returncode == 0
        restore = onestop("restore", str(copy), "--yes", data=tmp_data)
        assert restore.returncode == 2 and held_by in one_line(restore.stderr)
        push = onestop("sync", "push", data=tmp_data)
        assert push.returncode == 2
        assert held_by in one_line(push.stderr) and "sync now" in push.stderr
        assert onestop("sync", "status", data=tmp_data).returncode == 0  # reading is fine
        # The doctor checks the hub of its data folder, on whatever port it runs.
        doctor = onestop("doctor", "--json", "--lang", "en", data=tmp_data)
        hub_check = next(c for c in json.loads(doctor.stdout)["checks"] if c["id"] == "hub")
        assert hub_check["status"] == "ok" and url in hub_check["message"], hub_check
    finally:
        rc, err = stop(first)
    assert rc == 0, err
    assert port_free("127.0.0.1", int(url.rsplit(":", 1)[1]))
    assert_clean(tmp_data)


def test_kill_9_frees_the_folder_at_once(tmp_data):
    port = free_port()
    first, _ = start(tmp_data, "hub", "--port", str(port))
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    assert running_hub(tmp_data) is None  # the OS released the lock with the process
    assert read_address(tmp_data).pid == first.pid  # its hub.json is left, and not believed
    again, line = start(tmp_data, "hub", "--port", str(free_port()))
    try:
        assert httpx.get(f"{url_of(line)}/api/health", timeout=10).status_code == 200
        assert read_address(tmp_data).pid == again.pid
    finally:
        rc, err = stop(again)
    assert rc == 0 and "stopped" in err, err
    assert port_free("127.0.0.1", port)
    assert_clean(tmp_data)


def modes(data: Path) -> dict[str, int]:
    return {str(p.relative_to(data)): stat.S_IMODE(p.stat().st_mode)
            for p in [data, *data.rglob("*")]}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows uses profile ACLs")
def test_an_existing_folder_is_made_private_and_the_doctor_says_so(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    seeded_db(data)
    (data / "backups").mkdir()
    (data / "backups" / "hub-2026-11-24.db").write_bytes((data / "hub.db").read_bytes())
    os.chmod(data / "hub.db", 0o644)
    write_settings(data, print_tickets=False, hub_port=free_port())
    before = onestop("doctor", "--lang", "en", data=data)
    warning = next(x for x in before.stdout.splitlines() if "Readable by others" in x)
    assert warning.startswith("! ") and "hub.db" in warning
    hub, _ = start(data, "hub", "--port", str(free_port()))
    rc, err = stop(hub, signal.SIGINT)
    assert rc == 0, err
    out = tmp_path / "out"
    out.mkdir()
    assert onestop("backup", "--out", str(out), data=data).returncode == 0
    found = modes(data)
    assert found["."] == 0o700
    assert {m for name, m in found.items() if (data / name).is_dir()} == {0o700}
    assert {m for name, m in found.items() if (data / name).is_file()} == {0o600}, found
    for name in ("hub.db", "backups/hub-2026-11-24.db", "logs/onestop.log", "hub.lock",
                 "settings.json"):
        assert found[name] == 0o600, name
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}
    after = onestop("doctor", "--lang", "en", data=data)
    assert "Readable by others" not in after.stdout
    assert "Only this user can read the data folder" in after.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_secure_folder_never_follows_links_or_loosens(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    os.chmod(outside, 0o644)
    data = tmp_path / "new" / "data"
    data.parent.mkdir()
    umask = os.umask(0o022)
    try:
        check_secure_folder(data, outside)
    finally:
        os.umask(umask)  # secure_folder sets the process's umask: not for the other tests


def check_secure_folder(data: Path, outside: Path) -> None:
    file_modes.secure_folder(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    (data / "link").symlink_to(outside)
    strict = data / "strict"
    strict.write_text("y")
    os.chmod(strict, 0o400)
    file_modes.secure_folder(data)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644  # not ours: untouched
    assert stat.S_IMODE(strict.stat().st_mode) == 0o400  # tighter already: left so
    assert file_modes.exposed(data) == []
