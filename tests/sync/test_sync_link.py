"""The hub's link to a real central: enrolment over HTTPS with a private CA (and refused without
it), the token kept out of every log, re-enrolment after a revoked token, and the catalogue
pulled with its ETag, merged with the ward's override, and refused when invalid."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess

import pytest

from onestop.queue.catalog import default_catalog
from onestop.sync.pusher import SyncError, SyncWorker, enrol
from tests.conftest import require
from tests.sync.syncenv import (
    assert_exactly_once,
    drain,
    enrol_hub,
    new_hub,
    seed_days,
    start_central,
)


def make_ca_and_server_cert(folder) -> tuple[str, str, str]:
    """A private CA and a certificate for 127.0.0.1 signed by it (openssl)."""
    require("openssl", shutil.which("openssl") is not None, "openssl not installed")
    ca_key, ca, key, csr, cert = (str(folder / n) for n in (
        "ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = folder / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca,
        "-days", "2", "-subj", "/CN=So TTTT Ha Noi test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
        "-subj", "/CN=127.0.0.1")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
        "-out", cert, "-days", "2", "-extfile", str(ext))
    return ca, cert, key


def test_https_with_a_private_ca_and_the_token_never_logged(tmp_path, caplog):
    from onestop.sync.central.server import CentralServer, build_central

    ca, cert, key = make_ca_and_server_cert(tmp_path)
    central = build_central(f"sqlite:///{tmp_path / 'central.db'}")
    server = CentralServer(central, tls_cert=cert, tls_key=key)
    server.start()
    hub = new_hub(tmp_path / "hub")
    caplog.set_level(logging.DEBUG)
    try:
        assert server.url.startswith("https://")
        code = central.auth.create_enrol_code("Phường Cửa Nam")
        with pytest.raises(SyncError, match="(?i)certificate"):
            enrol(hub.outbox, server.url, code, clock=hub.store.clock)  # system CAs only
        answer = enrol(hub.outbox, server.url, code, ca_file=ca, clock=hub.store.clock)
        seed_days(hub, 1, tickets=30)
        drain(SyncWorker(hub.outbox, clock=hub.store.clock))
        with central.db.read() as conn:
            from sqlalchemy import text
            held = conn.execute(text("SELECT count(*) FROM events")).scalar()
        assert held == hub.store.last_event_seq() > 0
        token = hub.outbox.link().token
        assert token and token != code and answer.token == token
        logged = caplog.text
        assert token not in logged and code not in logged
        assert token not in json.dumps(hub.sync_status())
    finally:
        hub.close()
        server.stop()
        central.close()


def test_a_revoked_token_asks_for_enrolment_and_a_new_code_resumes(central, tmp_path):
    hub = new_hub(tmp_path / "hub")
    try:
        enrol_hub(hub, central, "Phường Cửa Nam")
        seed_days(hub, 1, tickets=20)
        worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=50)
        worker.push_pending(max_batches=1)
        sent = hub.outbox.acked()
        enrol(hub.outbox, central.url, central.code("Phường Cửa Nam"), clock=hub.store.clock)
        assert hub.outbox.acked() == sent  # central says what it holds: nothing resent
        hub.outbox.enrolled(central.url, "revoked-or-forged-token-000000000000", "x", None,
                            sent, hub.store.clock())
        worker.run_cycle()
        assert worker.state == "needs_enrolment" and hub.sync_status()["needs_enrolment"]
        enrol_hub(hub, central, "Phường Cửa Nam")
        drain(worker)
        assert_exactly_once(central, hub)
    finally:
        hub.close()


def catalogue_with(version: str, **service_changes) -> dict:
    data = default_catalog().to_dict()
    data["version"] = version
    data["services"][0] = {**data["services"][0], **service_changes}
    return data


def test_catalogue_pull_etag_override_and_refusal(central, tmp_path):
    from onestop.compose import build_sync

    hub = new_hub(tmp_path / "hub")
    try:
        enrol_hub(hub, central, "Phường Ba Đình")
        pull = build_sync(hub).catalog
        link = hub.outbox.link()
        assert pull.pull(link) in ("same-version", "updated")
        assert pull.pull(link) == "unchanged"  # If-None-Match: 304
        city = catalogue_with("2026.12-city", name_vi="Chứng thực bản sao (mẫu mới)")
        central.central.catalogs.publish(city)
        assert pull.pull(link) == "updated"
        assert hub.store.catalog.version == "2026.12-city"
        first = hub.store.catalog.services[0]
        assert first.name_vi == "Chứng thực bản sao (mẫu mới)"

        # The ward's own result counter stays whatever the city publishes.
        local = {**city["services"][1], "name_vi": "Trả kết quả tại quầy 5 (phường)"}
        (tmp_path / "hub" / "catalog-override.json").write_text(
            json.dumps({"services": [local]}, ensure_ascii=False), encoding="utf-8")
        central.central.catalogs.publish(catalogue_with("2026.12b-city"))
        assert pull.pull(link) == "updated"
        assert hub.store.catalog.version == "2026.12b-city+local"
        assert hub.store.catalog.service(local["code"]).name_vi.startswith("Trả kết quả")

        # An override that breaks the catalogue is refused; the one in use stays.
        broken = {**local, "group": "no-such-group"}
        (tmp_path / "hub" / "catalog-override.json").write_text(
            json.dumps({"services": [broken]}), encoding="utf-8")
        central.central.catalogs.publish(catalogue_with("2026.12c-city"))
        with pytest.raises(SyncError, match="catalogue refused"):
            pull.pull(link)
        assert hub.store.catalog.version == "2026.12b-city+local"
        events = [e.type for e in hub.store.events_since(0, 10**6)]
        assert events.count("catalog.updated") >= 2
    finally:
        hub.close()


def test_the_catalogue_travels_with_the_worker_loop(central, tmp_path):
    """The running worker pushes, then pulls a newly published catalogue on its schedule."""
    hub = new_hub(tmp_path / "hub")
    try:
        enrol_hub(hub, central, "Phường Cửa Nam")
        seed_days(hub, 1, tickets=20)
        central.central.catalogs.publish(catalogue_with("2027.01-city"))
        worker = hub.start_sync()
        worker.sync_now()
        import time
        deadline = time.monotonic() + 20
        while hub.store.catalog.version != "2027.01-city" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert hub.store.catalog.version == "2027.01-city"
        assert hub.sync_status()["catalog_etag"]
        # And it pushed: central holds the day's events once each, the catalogue's own
        # `catalog.updated` included (the worker wakes for it).
        deadline = time.monotonic() + 20
        while hub.outbox.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert_exactly_once(central, hub)
    finally:
        hub.close()


def test_start_central_fixture_is_independent(tmp_path):
    env = start_central(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        assert env.url.startswith("http://127.0.0.1:")
    finally:
        env.stop()


def test_health_shows_sync_progress_but_not_where_central_is(live_hub):
    import httpx

    from onestop.queue.operations import IssueRequest

    hub = live_hub.hub
    hub.outbox.enrolled("https://central.hanoi.example/", "secret-token-0123456789abcdef",
                        "Phường Cửa Nam", None, 0, hub.store.clock())
    hub.store.issue(IssueRequest("2.000815", "submit", 1, None))
    health = httpx.get(f"{live_hub.url}/api/health", timeout=10).json()
    assert health["sync"]["pending"] >= 1 and health["sync"]["configured"] is True
    assert "central.hanoi" not in json.dumps(health) and "secret-token" not in json.dumps(health)
    with live_hub.client("supervisor") as sup:
        full = sup.get("/api/sync").json()
    assert full["central_url"] == "https://central.hanoi.example/"
    assert "secret-token" not in json.dumps(full)
    with live_hub.client("display") as display:
        assert display.get("/api/sync").status_code == 403
