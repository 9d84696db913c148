"""`onestop doctor`: each check on real files, a real hub and the real CLI."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest

from onestop.ops import doctor
from onestop.serving import free_port
from onestop.settings import SettingsError, load_settings
from tests.conftest import require
from tests.ops.opsenv import onestop, overwrite_middle, seeded_db, write_settings

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _by_id(checks) -> dict:
    return {c["id"] if isinstance(c, dict) else c.id: c for c in checks}


def _healthy(data):
    seeded_db(data)
    write_settings(data, print_tickets=False, hub_port=free_port())


def test_healthy_folder_json(tmp_data):
    _healthy(tmp_data)
    run = onestop("doctor", "--json", data=tmp_data)
    report = json.loads(run.stdout)
    checks = _by_id(report["checks"])
    for ok in ("data_dir", "database", "fonts", "voice", "timezone"):
        assert checks[ok]["status"] == "ok", checks[ok]
    assert checks["hub"]["status"] == "warn"  # not running: a warning when checking locally
    assert checks["sync"]["status"] == "info"  # not enrolled
    assert checks["printer"]["status"] != "fault"  # print_tickets false
    faults = [c for c in report["checks"] if c["status"] == "fault"]
    assert report["ok"] == (not faults)
    assert run.returncode == (1 if faults else 0)


def test_text_output_vietnamese_then_english(tmp_data):
    _healthy(tmp_data)
    vi = onestop("doctor", data=tmp_data).stdout.splitlines()
    assert any(line.startswith("✓ Phông chữ có đủ dấu tiếng Việt") for line in vi)
    assert vi[-1].startswith(("ỔN: sẵn sàng", "CÓ LỖI"))
    en = onestop("doctor", "--lang", "en", data=tmp_data).stdout.splitlines()
    assert "✓ Fonts carry Vietnamese glyphs (DejaVu Sans)" in en
    assert en[-1].startswith(("OK: ready", "FAULT"))


def test_damaged_database_is_a_fault_naming_restore(tmp_data):
    _healthy(tmp_data)
    overwrite_middle(seeded_db(tmp_data, tickets=300))
    run = onestop("doctor", "--lang", "en", data=tmp_data)
    assert run.returncode == 1
    line = next(x for x in run.stdout.splitlines() if "hub.db" in x)
    assert line.startswith("✗ hub.db is damaged (") and "onestop restore" in line
    assert run.stdout.splitlines()[-1].startswith("FAULT: fix the ✗ lines")


def test_running_hub_and_unreachable_hub(live_hub, tmp_path):
    tmp_data = tmp_path / "station"
    tmp_data.mkdir()
    ok = onestop("doctor", "--json", "--hub", live_hub.url, data=tmp_data)
    assert _by_id(json.loads(ok.stdout)["checks"])["hub"]["status"] == "ok"
    gone = onestop("doctor", "--json", "--hub", f"http://127.0.0.1:{free_port()}",
                   data=tmp_data)
    assert _by_id(json.loads(gone.stdout)["checks"])["hub"]["status"] == "fault"
    assert gone.returncode == 1  # asked for that hub by name: not answering is a fault


def test_missing_data_folder(tmp_path):
    check = doctor.check_data_dir(load_settings(tmp_path / "nowhere"), en)
    assert check.status == "fault" and "does not exist" in check.message


def test_read_only_data_folder(tmp_data):
    """Root writes through permissions, so as root the folder is a read-only tmpfs instead."""
    import os
    import subprocess

    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1M", "tmpfs",
                               str(tmp_data)], capture_output=True)
        require("a read-only tmpfs mount", done.returncode == 0,
                f"cannot mount a read-only tmpfs: {done.stderr.decode().strip()}")
        mounted = True
    else:
        tmp_data.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        check = doctor.check_data_dir(load_settings(tmp_data), en)
        assert check.status == "fault" and "Cannot write" in check.message
    finally:
        if mounted:
            subprocess.run(["umount", str(tmp_data)], check=True)
        else:
            tmp_data.chmod(stat.S_IRWXU)


def _state(data, **sync):
    db = seeded_db(data)
    conn = sqlite3.connect(db)
    cols = ", ".join(f"{k} = ?" for k in sync)
    conn.execute(f"UPDATE sync_state SET {cols} WHERE id = 1", list(sync.values()))
    conn.commit()
    conn.close()
    return doctor.read_state(db)


def en(vi, en_):
    return en_


def test_sync_checks(tmp_path):
    assert doctor.check_sync(_state(tmp_path / "a", needs_enrolment=1), NOW, en).status == "fault"
    stale = _state(tmp_path / "b", central_token="t", central_url="http://c", acked_seq=0,
                   last_success=(NOW - timedelta(hours=30)).isoformat())
    check = doctor.check_sync(stale, NOW, en)
    assert check.status == "warn" and "events unsent" in check.message
    fresh = _state(tmp_path / "c", central_token="t", central_url="http://c", acked_seq=0,
                   last_success=(NOW - timedelta(hours=1)).isoformat())
    assert doctor.check_sync(fresh, NOW, en).status == "ok"


@pytest.mark.parametrize(("skew", "status"), [(30, "ok"), (-300, "warn"), (700, "fault")])
def test_clock_skew(tmp_path, skew, status):
    state = _state(tmp_path, skew_s=skew)
    checks = _by_id(doctor.check_clock(load_settings(tmp_path), state, en))
    assert checks["clock"].status == status
    assert checks["timezone"].status == "ok"


def test_invalid_timezone(tmp_data):
    # settings.json refuses it at load (one line, exit 2: tests/test_cli_hostile.py); the
    # doctor's own check still faults a Settings made some other way.
    write_settings(tmp_data, timezone="Mars/Olympus")
    with pytest.raises(SettingsError, match="Mars/Olympus"):
        load_settings(tmp_data)
    bad = dataclasses.replace(load_settings(tmp_data.parent), timezone="Mars/Olympus")
    checks = _by_id(doctor.check_clock(bad, None, en))
    assert checks["timezone"].status == "fault"


def test_disk_thresholds(tmp_data, monkeypatch):
    s = load_settings(tmp_data)
    assert doctor.check_disk(s, en).status in ("ok", "warn", "fault")
    monkeypatch.setattr(doctor, "DISK_FAULT_MB", 10**12)
    check = doctor.check_disk(s, en)
    assert check.status == "fault" and "Disk nearly full" in check.message


def _fake_lpstat(folder, printers: list[str]):
    script = folder / "lpstat"
    script.write_text("#!/bin/sh\n" + "".join(f"echo '{p}'\n" for p in printers))
    script.chmod(0o755)


def test_printers_through_lpstat(tmp_data, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    _fake_lpstat(bin_dir, [])
    s = load_settings(tmp_data)
    assert doctor.check_printers(s, en).status == "fault"  # print_tickets defaults to true
    write_settings(tmp_data, print_tickets=False)
    assert doctor.check_printers(load_settings(tmp_data), en).status == "warn"
    _fake_lpstat(bin_dir, ["XP-80C", "Office"])
    write_settings(tmp_data, printer="Office")
    check = doctor.check_printers(load_settings(tmp_data), en)
    assert check.status == "ok" and check.message == "Printer: Office"
    write_settings(tmp_data, printer="Gone")
    assert doctor.check_printers(load_settings(tmp_data), en).status == "fault"


def test_missing_voice_clip_in_the_centres_folder_falls_back(tmp_data):
    (tmp_data / "voice").mkdir()
    (tmp_data / "voice" / "digit_1.wav").write_bytes(b"RIFF")  # the centre's own recording
    voice = _by_id(doctor.check_voice(load_settings(tmp_data), en))["voice"]
    assert voice.status == "ok"
