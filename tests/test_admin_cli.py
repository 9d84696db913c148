"""The administration commands as IT staff use them over SSH: real subprocesses on a real data
folder, with no hub running (the command serves one in-process under the folder's lock) and
with a live hub serving the folder (the command talks to it; never a second writer). Bad input
is one line on stderr in the settings' language, exit code 2, and changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from onestop.commands.local_tokens import local_admin_token
from onestop.compose import build_hub
from onestop.oslayer.instance_lock import acquire, running_hub
from onestop.serving import free_port
from onestop.settings import Settings


def onestop(data, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "onestop", *args, "--data", str(data)],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def ok(data, *args: str) -> str:
    done = onestop(data, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(data, *args: str) -> str:
    done = onestop(data, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("onestop: "), done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


def _officers(data) -> list[dict]:
    return json.loads(ok(data, "officer", "list", "--json"))["officers"]


def test_officers_on_an_empty_folder_with_no_hub(tmp_path):
    data = tmp_path / "data"
    out = ok(data, "officer", "add", "nguyen.lan", "--name", "Nguyễn Thị Lan", "--pin", "246813")
    assert "nguyen.lan" in out
    assert running_hub(data) is None  # the command's own hub stopped and let go of the lock
    assert "đã có" in refused(data, "officer", "add", "NGUYEN.LAN", "--name", "X",
                              "--pin", "111111")
    assert "6 đến 12 chữ số" in refused(data, "officer", "add", "le.chi", "--name", "Lê Chi",
                                        "--pin", "1234")
    assert "--pin" in refused(data, "officer", "add", "le.chi", "--name", "Lê Chi")  # no tty
    assert [o["username"] for o in _officers(data)] == ["nguyen.lan"]

    ok(data, "officer", "rename", "nguyen.lan", "--name", "Nguyễn Thị Lan Anh")
    ok(data, "officer", "reset-pin", "nguyen.lan", "--pin", "97531864")
    ok(data, "officer", "disable", "nguyen.lan")
    listed = ok(data, "officer", "list")
    assert "nguyen.lan" in listed and "disabled" in listed and "Lan Anh" in listed
    ok(data, "officer", "enable", "nguyen.lan")
    assert "Không có cán bộ" in refused(data, "officer", "disable", "nobody")

    hub = build_hub(Settings(data_dir=data))
    try:
        assert hub.auth.check_officer("nguyen.lan", "97531864") == "nguyen.lan"
        kinds = [e.type for e in hub.store.events_since(0, 1000)]
        assert kinds == ["officer.added", "officer.renamed", "officer.pin_reset",
                         "officer.disabled", "officer.enabled"]
        by = hub.store.events_since(0, 1)[0].data["by"]
        assert by["role"] == "admin" and by["station"].startswith("local admin")
    finally:
        hub.close()


def test_english_messages_from_the_settings(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    assert "6 to 12 digits" in refused(data, "officer", "add", "lan", "--name", "Lan",
                                       "--pin", "12")


def test_counters_ward_and_catalogue_with_no_hub(tmp_path):
    data = tmp_path / "data"
    out = ok(data, "counter-config", "add", "--label-vi", "Quầy 6", "--label-en", "Counter 6",
             "--skills", "general,civil-status", "--fast-lane")
    assert "counter 6 added" in out
    line = refused(data, "counter-config", "add", "--label-vi", "Q", "--label-en", "C",
                   "--skills", "general,moon")
    assert "'moon'" in line and "certification" in line
    ok(data, "counter-config", "set", "6", "--label-vi", "Quầy trả kết quả", "--no-fast-lane")
    counters = json.loads(ok(data, "counter-config", "list", "--json"))
    six = next(c for c in counters if c["number"] == 6)
    assert six["label_vi"] == "Quầy trả kết quả" and six["fast_lane"] is False
    assert "removed" in ok(data, "counter-config", "remove", "6")

    ok(data, "ward", "set", "--name-vi", "Phường Hàng Bông", "--name-en", "Hang Bong Ward",
       "--hours", "0-4 07:30-11:30; 0-4 13:30-17:00; 5 07:30-11:30")
    ward = json.loads(ok(data, "ward", "show", "--json"))
    assert ward["configured"] and ward["hours"][2] == {"days": [5], "open": "07:30",
                                                       "close": "11:30"}
    assert ward["office_name_vi"] == "Trung tâm Phục vụ hành chính công phường Hàng Bông"
    ok(data, "ward", "set", "--office-name-vi", "Bộ phận Một cửa phường Hàng Bông")
    assert "Bộ phận Một cửa phường Hàng Bông" in ok(data, "ward", "show")
    assert "17:00" in refused(data, "ward", "set", "--hours", "0 17:00-08:00")
    assert "--hours" in refused(data, "ward", "set", "--hours", "weekdays")

    exported = tmp_path / "catalog.json"
    ok(data, "catalog", "set", "2.000815", "--disable", "--fee-vi", "Miễn phí")
    ok(data, "catalog", "export", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    service = next(s for s in doc["services"] if s["code"] == "2.000815")
    assert service["enabled"] is False and service["fee_vi"] == "Miễn phí"
    broken = json.loads(exported.read_text(encoding="utf-8"))
    broken["services"][0]["complexity"] = "hard"
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    line = refused(data, "catalog", "import", str(tmp_path / "broken.json"))
    assert broken["services"][0]["code"] in line and "hard" in line
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    assert "line 1" in refused(data, "catalog", "import", str(tmp_path / "junk.json"))
    assert "installed" in ok(data, "catalog", "import", str(exported))
    ok(data, "catalog", "export", str(tmp_path / "again.json"))
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8")) == doc


@pytest.fixture
def served(live_hub):
    """The live hub holding its data folder's lock, its address recorded, as `onestop hub`
    does, with the folder's local admin token."""
    data = live_hub.hub.settings.data_dir
    lock = acquire(data)
    local_admin_token(live_hub.hub)
    lock.record(live_hub.url)
    yield live_hub
    lock.release()


def test_commands_talk_to_the_running_hub(served):
    hub, data = served.hub, served.hub.settings.data_dir
    seq = hub.store.last_event_seq()
    ok(data, "officer", "add", "tran.binh", "--name", "Trần Văn Bình", "--pin", "135790")
    # The running hub wrote it (its store, its event feed), no second hub on the file.
    assert hub.store.events_since(seq, 10)[0].type == "officer.added"
    assert hub.auth.check_officer("tran.binh", "135790") == "tran.binh"

    with served.client("counter", 1) as counter:
        assert counter.post("/api/counters/1/open").status_code == 200
        with served.client("reception") as reception:
            assert reception.post("/api/tickets", json={"service": "2.000815"}) \
                .status_code == 201
        assert counter.post("/api/counters/1/next").status_code == 200
    line = refused(data, "counter-config", "remove", "1")
    assert "Chưa xóa được quầy 1" in line
    assert 1 in [c.number for c in hub.store.counters()]
    token = ok(data, "token", "create", "--role", "display").strip()
    assert httpx.get(f"{served.url}/api/state", params={"token": token}).status_code == 200
    listed = ok(data, "token", "list")
    display_id = next(line.split()[0] for line in listed.splitlines() if " display " in line)
    assert "revoked" in ok(data, "token", "revoke", display_id[:8])
    assert httpx.get(f"{served.url}/api/state", params={"token": token}).status_code == 401


def test_a_hub_that_is_still_starting_is_one_line(tmp_path):
    data = tmp_path / "data"
    with acquire(data):  # locked, no address recorded yet
        assert "starting" in refused(data, "officer", "list")


def test_first_day_from_the_command_line(tmp_path):
    """A fresh data folder: the officer, the station tokens and the ward come from commands
    alone; then the headless hub runs, reception issues B001 and counter 2's officer signs in
    with that PIN and calls it; the counter window (headless --screenshot) shows it."""
    from tests.test_cli import start_onestop, stop, wait_up

    data = tmp_path / "data"
    ok(data, "officer", "add", "nguyen.lan", "--name", "Nguyễn Thị Lan", "--pin", "246813")
    ok(data, "ward", "set", "--name-vi", "Phường Hàng Bông", "--name-en", "Hang Bong Ward")
    counter_token = ok(data, "token", "create", "--role", "counter", "--counter", "2").strip()
    reception_token = ok(data, "token", "create", "--role", "reception").strip()
    port = str(free_port())
    proc, first = start_onestop("hub", "--port", port, "--data", str(data))
    url = f"http://127.0.0.1:{port}"
    try:
        assert url in first, proc.stderr.read() if proc.poll() is not None else first
        wait_up(url)
        with httpx.Client(base_url=url, timeout=30, headers={
                "Authorization": f"Bearer {reception_token}"}) as reception:
            issued = reception.post("/api/tickets", json={"service": "1.001193"}).json()
        assert issued["number"] == "B001"
        with httpx.Client(base_url=url, timeout=30, headers={
                "Authorization": f"Bearer {counter_token}"}) as counter:
            signed = counter.post("/api/counters/2/sign-in",
                                  json={"username": "nguyen.lan", "pin": "246813"})
            assert signed.status_code == 200 and signed.json()["officer"] == "nguyen.lan"
            assert counter.post("/api/counters/2/open").status_code == 200
            called = counter.post("/api/counters/2/next").json()
            assert called["number"] == "B001" and called["officer"] == "nguyen.lan"
            assert counter.get("/api/state").json()["ward"]["name_vi"] == "Phường Hàng Bông"
        shot = tmp_path / "counter2.png"
        window = subprocess.run(
            [sys.executable, "-m", "onestop", "--data", str(tmp_path / "station"), "counter",
             "2", "--hub", url, "--token", counter_token, "--screenshot", str(shot)],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert window.returncode == 0, window.stderr
        assert shot.read_bytes().startswith(b"\x89PNG")
    finally:
        assert stop(proc) == 0
