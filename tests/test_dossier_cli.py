"""`onestop dossier ...` and `onestop holidays ...` as IT staff use them: real subprocesses, a
live hub serving the folder (the commands talk to it) and, for holidays, no hub at all."""

from __future__ import annotations

import pytest

from onestop.commands.local_tokens import local_admin_token
from onestop.oslayer.instance_lock import acquire
from tests.test_admin_cli import ok, refused


@pytest.fixture
def served(live_hub):
    data = live_hub.hub.settings.data_dir
    lock = acquire(data)
    local_admin_token(live_hub.hub)
    lock.record(live_hub.url)
    yield live_hub
    lock.release()


def test_dossier_commands_on_the_running_hub(served):
    data = served.hub.settings.data_dir
    with served.client("counter", 1) as counter:
        counter.post("/api/counters/1/open")
        with served.client("reception") as reception:
            reception.post("/api/tickets", json={"service": "1.004873"})
        t = counter.post("/api/counters/1/next").json()
        d = counter.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    assert d["code"] in ok(data, "dossier", "list")
    shown = ok(data, "dossier", "show", d["code"].lower())
    assert f"check {d['check']}" in shown and "received" in shown
    assert "result_ready" in ok(data, "dossier", "ready", d["code"])
    line = refused(data, "dossier", "resume", d["code"])
    assert "không thực hiện được" in line
    assert "Không tìm thấy hồ sơ" in refused(data, "dossier", "show", "CUANAM-991231-0001")
    pdf = data.parent / "receipt.pdf"
    assert "written" in ok(data, "dossier", "slip", d["code"], "--pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "returned" in ok(data, "dossier", "return", d["code"])
    assert served.hub.store.events_since(0, 10_000)[-1].type == "dossier.changed"


def test_holidays_with_no_hub_running(tmp_path):
    data = tmp_path / "data"
    assert "2026-02-17" in ok(data, "holidays", "list")
    ok(data, "holidays", "add", "2026-12-24", "Nghỉ sinh hoạt chính trị của phường")
    assert "2026-12-24  ward  Nghỉ sinh hoạt chính trị" in ok(data, "holidays", "list")
    assert "removed" in ok(data, "holidays", "remove", "2026-12-24")
    assert "2026-12-24" in refused(data, "holidays", "remove", "2026-12-24")
    assert "YYYY-MM-DD" in refused(data, "holidays", "add", "24/12/2026", "X")
