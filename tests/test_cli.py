"""The command line as IT staff and scripts see it: real subprocesses, real exit codes."""

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from onestop import __version__
from onestop.cli import COMMANDS, build_parser
from onestop.serving import free_port


def onestop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "onestop", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version(tmp_data):
    result = onestop("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"onestop {__version__}"


def test_help_lists_every_command(tmp_data):
    result = onestop("--help")
    assert result.returncode == 0, result.stderr
    assert "usage: onestop" in result.stdout
    for command in ("hub", "reception", "counter", "display", "supervisor", "token",
                    "simulate", "central", "report"):
        assert command in result.stdout


def test_unknown_command_is_one_line_on_stderr(tmp_data):
    result = onestop("frobnicate")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "frobnicate" in lines[0] and "Traceback" not in result.stderr


def test_bad_argument_is_one_line(tmp_data):
    result = onestop("counter", "zero")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "counter" in result.stderr


def start_onestop(*args: str) -> tuple[subprocess.Popen, str]:
    """Start a long-running onestop command; return it and the first line it printed."""
    proc = subprocess.Popen([sys.executable, "-m", "onestop", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    return proc, proc.stdout.readline()


def wait_up(url: str) -> None:
    for _ in range(200):
        try:
            httpx.get(f"{url}/api/health", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)  # polling a starting subprocess, not timing anything
    raise AssertionError(f"{url} did not come up")


def stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=30)
    finally:
        proc.kill()


def test_no_command_runs_the_single_pc_hub(tmp_data):
    proc, first = start_onestop()
    try:
        assert "hub running at http://127.0.0.1:" in first, proc.stderr.read()
        url = first.split("hub running at ")[1].split()[0]
        assert str(tmp_data) in first
        health = httpx.get(f"{url}/api/health", timeout=10).json()
        assert health["status"] == "ok" and health["version"] == __version__
        tokens = json.loads((tmp_data / "local-stations.json").read_text())
        assert {"reception", "display", "supervisor", "counter1"} <= set(tokens)
        state = httpx.get(f"{url}/api/state", params={"token": tokens["display"]}, timeout=10)
        assert state.status_code == 200 and len(state.json()["counters"]) == 5
    finally:
        assert stop(proc) == 0
    assert (tmp_data / "logs" / "onestop.log").is_file()


def test_single_pc_takes_a_free_port_when_8700_is_busy(tmp_data):
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            busy.bind(("127.0.0.1", 8700))
            busy.listen()
        except OSError:
            pass  # something already holds 8700: the test stands as it is
        proc, first = start_onestop()
        try:
            assert "hub running at http://127.0.0.1:" in first
            assert ":8700" not in first.split()[4]
        finally:
            stop(proc)


def test_token_create_and_headless_hub(tmp_data):
    made = onestop("token", "create", "--role", "counter", "--counter", "2")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert len(token) >= 40
    bad = onestop("token", "create", "--role", "counter")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    port = str(free_port())
    proc, first = start_onestop("hub", "--port", port)
    try:
        assert f"http://127.0.0.1:{port}" in first
        wait_up(f"http://127.0.0.1:{port}")
        headers = {"Authorization": f"Bearer {token}"}
        assert httpx.post(f"http://127.0.0.1:{port}/api/counters/2/open", headers=headers,
                          timeout=10).status_code == 200
        assert httpx.post(f"http://127.0.0.1:{port}/api/counters/3/open", headers=headers,
                          timeout=10).status_code == 403
    finally:
        assert stop(proc) == 0


def test_unusable_data_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = onestop("--data", str(blocker / "data"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"onestop: cannot use data folder {blocker / 'data'}")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_bad_settings_file_is_one_line_not_a_traceback(tmp_data):
    (tmp_data / "settings.json").write_text('{"hub_prot": 8700}', encoding="utf-8")
    result = onestop("token", "create", "--role", "display")
    assert result.returncode == 2
    assert result.stderr.startswith("onestop: ")
    assert "hub_prot" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["hub", "--port", "8701"],
        ["counter", "3", "--hub", "http://127.0.0.1:8700"],
        ["token", "create", "--role", "counter", "--counter", "2"],
        ["simulate", "--scenario", "day.json", "--policy", "fifo", "--json"],
        ["central", "--db", "sqlite:///x.db", "--port", "8800"],
        ["report", "--date", "2025-07-01", "--out", "r.pdf"],
    ],
)
def test_design_commands_parse(argv):
    # Every command line of the contracts (docs/architecture.md) must parse, wired or not.
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]


def test_every_command_is_wired_to_a_handler():
    """Every command of the table resolves to a function: a typo in a "module:function"
    string would otherwise only show when someone runs that command."""
    import importlib

    for name, target in COMMANDS.items():
        assert target is not None, f"onestop {name} is not wired"
        module, _, func = target.partition(":")
        assert callable(getattr(importlib.import_module(module), func)), name


def test_token_list_and_revoke_a_lost_station(tmp_data):
    """IT staff revoke a stolen counter PC's token: it stops working; the list shows it."""
    from onestop.compose import build_hub
    from onestop.hub.auth import AuthError

    token = onestop("token", "create", "--role", "counter", "--counter", "2").stdout.strip()
    listed = onestop("token", "list")
    assert listed.returncode == 0 and "counter 2" in listed.stdout and "active" in listed.stdout
    assert token not in listed.stdout  # only hashes are kept, never shown
    # The first station is the folder's local admin (the command line's own token).
    station_id = next(line.split()[0] for line in listed.stdout.splitlines()
                      if "counter 2" in line)
    own = onestop("token", "revoke", listed.stdout.split()[0][:8])
    assert own.returncode == 2 and "chính mình" in own.stderr  # not its own token
    assert onestop("token", "revoke", station_id[:8]).returncode == 0
    assert "revoked" in onestop("token", "list").stdout
    hub = build_hub()
    try:
        with pytest.raises(AuthError):
            hub.auth.authenticate(token)
    finally:
        hub.close()
    unknown = onestop("token", "revoke", "zzzz")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


def test_sync_push_batch_out_of_range_is_one_line(tmp_data):
    for bad in ("0", "2001", "lots"):
        result = onestop("sync", "push", "--batch", bad)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert len(result.stderr) < 200 and "--batch" in result.stderr


def test_simulate_with_staffing_prints_moves_and_reserve_hours(tmp_path):
    """`onestop simulate --staffing plan` (issue 19): the table's staffing and fairness lines,
    the JSON's `staffing` object; a mode that does not exist is one line and exit 2."""
    scenario = str(Path(__file__).parents[1] / "scenarios" / "cua-nam-monday.json")
    table = onestop("simulate", "--scenario", scenario, "--policy", "smart", "--days", "1",
                    "--staffing", "plan", "--data", str(tmp_path))
    assert table.returncode == 0, table.stderr
    assert "staffing plan: " in table.stdout and "reserve officers" in table.stdout
    assert "overtaken by a later number of their series: 0 " in table.stdout
    answer = onestop("simulate", "--scenario", scenario, "--policy", "fifo", "--days", "1",
                     "--staffing", "suggest", "--json", "--data", str(tmp_path))
    staffing = json.loads(answer.stdout)["staffing"]
    assert staffing["mode"] == "suggest" and set(staffing) == {
        "mode", "moves", "reserve_hours", "counter_hours"}
    bad = onestop("simulate", "--scenario", scenario, "--policy", "smart", "--staffing",
                  "magic", "--data", str(tmp_path))
    assert bad.returncode == 2 and "magic" in bad.stderr
