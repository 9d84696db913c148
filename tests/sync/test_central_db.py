"""Central's database on SQLite and PostgreSQL: migrations from an old version, exactly-once
under concurrent posts of the same batch, one code spent once under a race, and the CLI's
one-line errors for a bad or unreachable database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest
from sqlalchemy import text

from onestop.cli import main
from onestop.sync.central.db import LATEST, CentralDb
from onestop.sync.central.server import build_central
from onestop.sync.protocol import ENROL_PATH, STATUS_PATH, BatchAnswer
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    enrol,
    hub_events,
    server_fixture,
)

HUB = "c" * 32


def test_migrates_from_version_1_and_backfills_days(db_url):
    old = CentralDb(db_url)
    assert old.migrate(target=1) == 1
    with old.write() as conn:
        conn.execute(text("INSERT INTO hubs (hub_id, ward, token_hash, enrolled_at, acked) "
                          "VALUES ('h1', 'Phường Ba Đình', 'x', '2026-11-01T00:00:00+00:00', 3)"))
        for tid, status, wait, rating in (("t1", "done", 600.0, 3), ("t2", "waiting", None, None),
                                          ("t3", "no_show", 120.0, None)):
            conn.execute(text(
                "INSERT INTO tickets (hub_id, ticket_id, day, status, wait_s, rating, last_seq) "
                "VALUES ('h1', :t, '2026-11-24', :s, :w, :r, 1)"),
                {"t": tid, "s": status, "w": wait, "r": rating})
        for seq, name in ((1, "Phường Ba Đình"), (2, "Phường Ba Đình mới")):  # the latest counts
            conn.execute(text(
                "INSERT INTO events (hub_id, seq, event_id, type, at, event_schema, data, "
                "received_at, status) VALUES ('h1', :s, :i, 'ward.updated', 'x', 1, :d, 'x', "
                "'stored')"), {"s": seq, "i": f"e{seq}",
                               "d": json.dumps({"ward": {"name_vi": name, "hours": []}})})
    old.close()

    central = build_central(db_url)
    try:
        assert central.db.schema_version() == LATEST == 5
        with central.db.read() as conn:  # migration 4: wards, holidays and the phone salt
            ward_row = conn.execute(text("SELECT data, last_seq FROM wards")).one()
            assert (json.loads(ward_row.data)["name_vi"], ward_row.last_seq) == (
                "Phường Ba Đình mới", 2)
            assert conn.execute(text("SELECT count(*) FROM holidays")).scalar_one() >= 20
            salt = conn.execute(text("SELECT value FROM central_secrets")).scalar_one()
            assert len(salt) == 64
            # migration 5: an enrolled hub has no ward code until it enrols again with one
            assert conn.execute(text("SELECT ward_code FROM hubs")).scalar_one() is None
            assert conn.execute(text("SELECT count(*) FROM inbox")).scalar_one() == 0
        (ward,) = central.views.wards("2026-11-24")
        assert (ward.ward, ward.tickets, ward.served, ward.waiting, ward.no_show) == (
            "Phường Ba Đình", 3, 1, 1, 1)
        assert ward.rating_count == 1 and sorted(ward.waits) == [120.0, 600.0]
        assert central.views.hubs()[0]["skew_s"] is None and central.views.hubs()[0]["acked"] == 3
    finally:
        central.close()
    again = build_central(db_url)  # already current: nothing to do, nothing lost
    assert again.db.schema_version() == LATEST
    again.close()


def _together(calls: list) -> list:
    """Run the calls in threads released at the same moment; their results in order."""
    gate = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i: int) -> None:
        gate.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_same_batch_posted_twice_at_once_is_held_once(central, server):
    hub = enrol(central, server, "Phường Cửa Nam", HUB)
    second = enrol(central, server, "Phường Cửa Nam", HUB)  # re-enrolled: use the new token
    events = hub_events(HUB)
    answers = _together([lambda: second.post(events), lambda: second.post(events),
                         lambda: second.post(events)])
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    parsed = [BatchAnswer.model_validate(r.json()) for r in answers]
    per_seq = Counter((res.seq, res.status) for a in parsed for res in a.results)
    for e in events:
        assert per_seq[(e["seq"], "stored")] == 1
        assert per_seq[(e["seq"], "duplicate")] == 2
    assert {a.acked for a in parsed} == {len(events)}
    with central.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar_one() == len(events)
    status = second.http.get(STATUS_PATH).json()
    assert (status["events"], status["acked"]) == (len(events), len(events))
    hub.close()
    second.close()


def test_one_code_spent_once_under_a_race(central, server):
    code = central.auth.create_enrol_code("Phường Hoàn Kiếm")
    answers = _together([
        lambda n=n: httpx.post(f"{server.url}{ENROL_PATH}", json={"code": code, "hub_id": n})
        for n in ("h1", "h2", "h3")])
    assert sorted(r.status_code for r in answers) == [200, 403, 403]


def test_cli_refuses_a_bad_database_url_in_one_line(tmp_data, capsys):
    assert main(["central", "token", "--db", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("onestop: not a database URL") and err.count("\n") == 1
    assert main(["central", "--db", "mysql://u:p@h/db", "token"]) == 2
    err = capsys.readouterr().err
    assert "unsupported database 'mysql'" in err and err.count("\n") == 1


def test_cli_unreachable_postgres_is_one_line_without_the_password(tmp_data, capsys):
    url = "postgresql://onestop:sekrit@127.0.0.1:1/central"
    assert main(["central", "enrol", "--name", "Phường Cửa Nam", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("onestop: cannot use database postgresql://onestop:***@127.0.0.1:1")
    assert "sekrit" not in err and err.count("\n") == 1


def test_cli_enrol_and_token_print_secrets_that_work(db_url, capsys, tmp_data):
    assert main(["central", "--db", db_url, "enrol", "--name", "Phường Ba Đình"]) == 0
    out, err = capsys.readouterr()
    code = out.strip()
    assert len(code) == 14 and "Phường Ba Đình" in err and "Next:" in err
    assert main(["central", "token", "--db", db_url]) == 0
    token = capsys.readouterr().out.strip()
    central = build_central(db_url)
    try:
        assert central.auth.is_admin(token)
        assert central.auth.enrol(code, "h1", None).ward == "Phường Ba Đình"
    finally:
        central.close()


def test_cli_serves_until_stopped(tmp_data):
    from onestop.serving import free_port

    port = free_port("127.0.0.1")
    env = dict(os.environ, ONESTOP_DATA=str(tmp_data))
    proc = subprocess.Popen([sys.executable, "-m", "onestop", "central", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"central did not start: {proc.communicate()}")
                time.sleep(0.05)
        assert r.json()["protocol"] == 1
        assert (tmp_data / "central.db").exists()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f"onestop central on http://127.0.0.1:{port}" in out
