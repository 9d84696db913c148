"""Collecting a result on a real hub (loopback uvicorn, real SQLite, injected clock): reception
finds the ready dossier by its code, the "Nhận kết quả" ticket is linked to it, the counter
reads the link, and Done returns the dossier in the ticket's transaction, with its event."""

from __future__ import annotations

import pytest

from onestop.compose import HubServer, build_hub
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.hub.test_api_dossiers import events, serve
from tests.livehub import LiveHub


@pytest.fixture
def clock():
    return FakeClock(hanoi(2026, 12, 7, 9, 0))  # Monday


@pytest.fixture
def hub(tmp_path, clock):
    built = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    port = free_port()
    server = HubServer(built, "127.0.0.1", port)
    server.start()
    live = LiveHub(built, server, "127.0.0.1", port)
    yield live
    live.stop()


@pytest.fixture
def ready(hub, clock):
    c3, t = serve(hub)
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    c3.post(f"/api/tickets/{t['id']}/done")
    return c3, d


def test_not_ready_is_refused_with_the_promised_day_and_no_ticket(hub, ready):
    _c3, d = ready
    rec = hub.client("reception")
    before = len(hub.hub.store.events_since(0, 10_000))
    refused = rec.post(f"/api/dossiers/{d['code'].lower()}/collect")
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert body["code"] == "dossier_not_ready"
    assert body["message_vi"] == "Hồ sơ chưa có kết quả, hẹn ngày 10/12/2026"
    assert body["details"]["service"] == "1.001612"
    assert len(hub.hub.store.events_since(0, 10_000)) == before  # nothing issued
    unknown = rec.post("/api/dossiers/CUANAM-261207-0099/collect")
    assert unknown.status_code == 404 and unknown.json()["code"] == "dossier_not_found"


def test_collect_ticket_is_linked_and_done_returns_the_dossier(hub, ready, clock):
    c3, d = ready
    clock.now = hanoi(2026, 12, 9, 10)
    assert c3.post(f"/api/dossiers/{d['code']}/ready").status_code == 200
    clock.now = hanoi(2026, 12, 10, 8, 30)
    rec = hub.client("reception")
    first = rec.post(f"/api/dossiers/{d['code']}/collect")
    assert first.status_code == 201, first.text
    got = first.json()
    assert got["ticket"]["service"] == "local.result" and got["ticket"]["kind"] == "collect"
    assert got["number"].startswith("Q") and got["dossier"]["code"] == d["code"]
    again = rec.post(f"/api/dossiers/{d['code']}/collect")  # a second scan: the same number
    assert again.status_code == 200 and again.json()["number"] == got["number"]
    assert again.json()["replayed"] is True

    hub.client("supervisor").post("/api/counters/5/open")
    hub.hub.auth.add_officer("officer5", "246813", "Lê Thị Hoa")
    c1 = hub.client("counter", 5)
    c1.post("/api/counters/5/sign-in", json={"username": "officer5", "pin": "246813"})
    called = c1.post("/api/counters/5/next").json()
    assert called["id"] == got["ticket"]["id"]
    linked = c1.get(f"/api/tickets/{called['id']}/dossier")
    assert linked.status_code == 200 and linked.json()["code"] == d["code"]
    other = c1.get(f"/api/tickets/{d['code']}/dossier")
    assert other.status_code == 404
    seq = hub.hub.store.last_event_seq()
    assert c1.post(f"/api/tickets/{called['id']}/done").status_code == 200
    after = hub.hub.store.events_since(seq, 100)
    assert [e.type for e in after] == ["ticket.done", "dossier.changed"]
    assert after[1].data["action"] == "return" and after[1].data["state"] == "returned"
    shown = rec.get(f"/api/dossiers/{d['code']}").json()
    assert shown["state"] == "returned" and shown["timeliness"] == "early"
    closed = rec.post(f"/api/dossiers/{d['code']}/collect")
    assert closed.status_code == 409 and closed.json()["code"] == "dossier_closed"


def test_done_rolls_back_with_the_dossier(hub, ready, clock, monkeypatch):
    """One transaction: when returning the dossier fails, the ticket's Done is undone too."""
    c3, d = ready
    c3.post(f"/api/dossiers/{d['code']}/ready")
    got = hub.client("reception").post(f"/api/dossiers/{d['code']}/collect").json()
    hub.client("supervisor").post("/api/counters/5/open")
    hub.hub.auth.add_officer("officer5", "246813", "Lê Thị Hoa")
    c1 = hub.client("counter", 5)
    c1.post("/api/counters/5/sign-in", json={"username": "officer5", "pin": "246813"})
    c1.post("/api/counters/5/next")
    from onestop.hub import dossiers

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dossiers, "act", broken)
    with pytest.raises(RuntimeError):
        hub.hub.store.act(got["ticket"]["id"], "done")
    assert hub.hub.store.ticket(got["ticket"]["id"]).status == "called"
    assert not [e for e in events(hub, "dossier.changed") if e.data["action"] == "return"]


def test_daily_report_counts_the_apologies(hub, ready, clock, tmp_path):
    """The apology slip is counted in the day's report, beside the register's day."""
    import shutil
    import subprocess
    from datetime import date

    from tests.conftest import require

    c3, d = ready
    clock.now = hanoi(2026, 12, 11, 8, 10)  # the day after the due date: overdue
    sup = hub.client("supervisor")
    refused = sup.post(f"/api/dossiers/{d['code']}/apology",
                       json={"new_due_date": "2026-12-10", "reason": "x"})
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_new_due_date"
    assert sup.post(f"/api/dossiers/{d['code']}/apology", json={
        "new_due_date": "2026-12-15", "reason": "Chờ xác minh"}).status_code == 200
    from onestop.hub.dossiers import day_counts

    figures = day_counts(hub.hub.store, date(2026, 12, 11))
    assert figures["apologies"] == 1 and figures["received"] == 0 and figures["overdue"] == 1
    assert day_counts(hub.hub.store, date(2026, 12, 7))["received"] == 1
    pdf = sup.get("/api/report?format=pdf")
    assert pdf.status_code == 200
    tool = shutil.which("pdftotext")
    require("pdftotext", tool is not None, "poppler-utils not installed")
    (tmp_path / "r.pdf").write_bytes(pdf.content)
    text = subprocess.run([tool, "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "8. Hồ sơ và hạn trả kết quả" in text
    assert " ".join(text.split()).count("Phiếu xin lỗi và hẹn lại ngày trả kết quả 1") == 1


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_report_of_a_far_day_has_empty_dossier_lines(hub, day):
    answer = hub.client("supervisor").get(f"/api/report?date={day}")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
