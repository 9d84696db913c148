"""The dossier register on a real hub (loopback uvicorn, real SQLite file, injected clock):
receive, due dates with pauses, idempotent POST, 404/409 shapes, roles, outbox events."""

from __future__ import annotations

import pytest

from onestop.compose import HubServer, build_hub
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.livehub import LiveHub

SNAPSHOT_KEYS = {"code", "check", "ward_code", "service", "group", "state", "received_at",
                 "due_date", "original_due_date", "result_working_days", "paused_working_days",
                 "official_code", "ready_at", "returned_at", "apology_due_date", "changed_at",
                 "action", "reason"}


@pytest.fixture
def clock():
    return FakeClock(hanoi(2026, 12, 7, 9, 0))  # Monday


@pytest.fixture
def hub(tmp_path, clock):
    settings = Settings(data_dir=tmp_path / "data")
    built = build_hub(settings, clock=clock)
    port = free_port()
    server = HubServer(built, "127.0.0.1", port)
    server.start()
    live = LiveHub(built, server, "127.0.0.1", port)
    yield live
    live.stop()


def serve(hub, service="1.001612", counter=3):
    """A citizen at `counter` (signed-in officer), served for `service`; the ticket."""
    sup, rec = hub.client("supervisor"), hub.client("reception")
    c = hub.client("counter", counter)
    sup.post(f"/api/counters/{counter}/open")
    if not hub.hub.store.counter(counter).officer:
        hub.hub.auth.add_officer(f"officer{counter}", "246813", "Trần Văn Hùng")
        c.post(f"/api/counters/{counter}/sign-in",
               json={"username": f"officer{counter}", "pin": "246813"})
    rec.post("/api/tickets", json={"service": service})
    return c, c.post(f"/api/counters/{counter}/next").json()


def events(hub, kind):
    return [e for e in hub.hub.store.events_since(0, 10_000) if e.type.startswith(kind)]


def test_receive_pause_resume_ready_return(hub, clock):
    c3, t = serve(hub)
    key = {"Idempotency-Key": "k-1"}
    first = c3.post("/api/dossiers", json={"ticket_id": t["id"]}, headers=key)
    assert first.status_code == 201, first.text
    d = first.json()
    assert d["code"] == "CUANAM-261207-0001" and len(d["check"]) == 4
    assert d["due_date"] == "2026-12-10" and d["state"] == "received"  # Mon + 3 working days
    assert d["lookup_url"] == f"{hub.url}/lookup?code={d['code']}&check={d['check']}"
    again = c3.post("/api/dossiers", json={"ticket_id": t["id"]}, headers=key)
    assert again.json() == d and again.headers.get("Idempotent-Replay") == "true"
    twice = c3.post("/api/dossiers", json={"ticket_id": t["id"]})
    assert twice.status_code == 409 and twice.json()["code"] == "dossier_exists"

    clock.now = hanoi(2026, 12, 8, 10)  # Tuesday: supplement requested
    assert c3.post(f"/api/dossiers/{d['code']}/supplement").json()["state"] == \
        "supplement_requested"
    clock.now = hanoi(2026, 12, 10, 14)  # Thursday: resumed, Wed and Thu paused
    resumed = c3.post(f"/api/dossiers/{d['code']}/resume").json()
    assert resumed["paused_working_days"] == 2
    assert resumed["due_date"] == "2026-12-14" and resumed["original_due_date"] == "2026-12-10"
    bad = c3.post(f"/api/dossiers/{d['code']}/return")
    assert bad.status_code == 409 and bad.json()["code"] == "dossier_bad_state"
    assert set(bad.json()) >= {"code", "message", "message_vi"}
    clock.now = hanoi(2026, 12, 11, 9)
    ready = c3.post(f"/api/dossiers/{d['code']}/ready").json()
    assert ready["state"] == "result_ready" and ready["timeliness"] == "early"
    assert c3.post(f"/api/dossiers/{d['code']}/return").json()["state"] == "returned"

    shown = hub.client("reception").get(f"/api/dossiers/{d['code'].lower()}").json()
    assert [h["action"] for h in shown["history"]] == ["received", "supplement", "resume",
                                                       "ready", "return"]
    sent = events(hub, "dossier.")
    assert [e.type for e in sent] == ["dossier.received"] + ["dossier.changed"] * 4
    for e in sent:
        # No name, ID number or phone: none is kept. `by` is the audit (station, officer).
        assert set(e.data) - {"by"} == SNAPSHOT_KEYS
    assert sent[0].data["by"]["officer"] == "officer3"
    assert sent[-1].data["action"] == "return" and sent[-1].data["returned_at"]
    assert sent[0].data["received_at"].endswith("+00:00")


def test_refusals_and_roles(hub, clock):
    c3, t = serve(hub)
    rec = hub.client("reception")
    assert rec.post("/api/dossiers", json={"ticket_id": t["id"]}).status_code == 403
    other = hub.client("counter", 1).post("/api/dossiers", json={"ticket_id": t["id"]})
    assert other.status_code == 409 and other.json()["code"] == "ticket_not_at_counter"
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"], "official_code": "000.00.01.H26"
                                                                            "-261207-0001"}).json()
    missing = rec.get("/api/dossiers/CUANAM-261207-0099")
    assert missing.status_code == 404 and missing.json()["code"] == "dossier_not_found"
    assert rec.get("/api/dossiers/not-a-code").json()["code"] == "dossier_not_found"
    no_reason = c3.post(f"/api/dossiers/{d['code']}/reject")
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "reason_required"
    assert rec.post(f"/api/dossiers/{d['code']}/ready").status_code == 403
    assert hub.client("display").get("/api/dossiers").status_code == 403
    withdrawn = c3.post(f"/api/dossiers/{d['code']}/withdraw",
                        json={"reason": "Công dân xin rút để bổ sung giấy tờ"}).json()
    assert withdrawn["state"] == "withdrawn" and withdrawn["official_code"].startswith("000.")
    assert c3.post(f"/api/dossiers/{d['code']}/resume").status_code == 409


def test_public_lookup_wrong_check_is_unknown(hub):
    c3, t = serve(hub)
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    public = hub.client("display")  # any client; the route needs no token
    ok = public.get(f"/api/public/dossiers/{d['code']}", params={"check": d["check"]})
    assert ok.status_code == 200 and ok.json()["state"] == "received"
    assert "check" not in ok.json() and "ticket_id" not in ok.json()
    wrong = f"{(int(d['check']) + 1) % 10000:04d}"
    a = public.get(f"/api/public/dossiers/{d['code']}", params={"check": wrong})
    b = public.get("/api/public/dossiers/CUANAM-261207-0042", params={"check": d["check"]})
    assert a.status_code == b.status_code == 404
    assert {k: v for k, v in a.json().items() if k != "details"} == \
        {k: v for k, v in b.json().items() if k != "details"}
    page = public.get("/lookup", params={"code": d["code"], "check": d["check"]})
    assert page.status_code == 200 and "Mới tiếp nhận" in page.text and "10/12/2026" in page.text
    assert public.get("/lookup", params={"code": d["code"], "check": wrong}).status_code == 404


def test_boards_filters_follow_the_clock(hub, clock):
    c3, t = serve(hub, service="2.000815", counter=1)  # same day
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    assert d["due_date"] == "2026-12-07"
    sup = hub.client("supervisor")
    assert sup.get("/api/dossiers", params={"filter": "due_today"}).json()["counts"] == {
        "open": 1, "due_today": 1, "overdue": 0, "due_soon": 0, "ready": 0}
    clock.now = hanoi(2026, 12, 8, 0, 0, 30)  # just past midnight: overdue
    listed = sup.get("/api/dossiers", params={"filter": "overdue"}).json()
    assert [x["code"] for x in listed["dossiers"]] == [d["code"]] and listed["dossiers"][0][
        "overdue"]
    bad = sup.get("/api/dossiers", params={"filter": "late"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_filter"
    # An apology keeps the lateness: the due date stays, the new date is recorded.
    early = c3.post(f"/api/dossiers/{d['code']}/apology",
                    json={"new_due_date": "2026-12-07", "reason": "x"})
    assert early.status_code == 422 and early.json()["code"] == "invalid_new_due_date"
    sorry = c3.post(f"/api/dossiers/{d['code']}/apology",
                    json={"new_due_date": "2026-12-09", "reason": "Chờ ký duyệt"}).json()
    assert sorry["apology_due_date"] == "2026-12-09" and sorry["due_date"] == "2026-12-07"
    clock.now = hanoi(2026, 12, 9, 9)
    assert c3.post(f"/api/dossiers/{d['code']}/ready").json()["timeliness"] == "late"
    # The daily report's figures (hub/dossiers.py day_counts): late stays late.
    from datetime import date

    from onestop.hub.dossiers import day_counts

    assert day_counts(hub.hub.store, date(2026, 12, 9)) == {
        "received": 0, "ready": 1, "early": 0, "on_time": 0, "late": 1, "returned": 0,
        "apologies": 0, "open": 0, "overdue": 0}
    assert day_counts(hub.hub.store, date(2026, 12, 8))["apologies"] == 1
    pdf = c3.post(f"/api/dossiers/{d['code']}/apology-slip", json={"citizen_name": "Lê Bình"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_enrolled_hub_points_the_receipt_at_central(hub, clock):
    hub.hub.outbox.enrolled("https://hanoi.example.vn/", "tok", "Phường Cửa Nam", None, 0,
                            clock())
    c3, t = serve(hub)
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    assert d["lookup_url"] == (f"https://hanoi.example.vn/lookup?code={d['code']}"
                               f"&check={d['check']}")
    # The ward code set by the admin starts the next day's codes; sequences restart per day.
    hub.client("admin").put("/api/ward", json={"ward_code": "CN"})
    clock.now = hanoi(2026, 12, 8, 9)
    c3.post(f"/api/tickets/{t['id']}/done")
    c3, t2 = serve(hub)
    second = c3.post("/api/dossiers", json={"ticket_id": t2["id"]}).json()
    assert second["code"] == "CN-261208-0001"
    assert second["due_date"] == "2026-12-11"
