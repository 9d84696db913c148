"""Dossiers on central (issue 17), against a real server on loopback, on SQLite and
PostgreSQL: dossier events projected (latest snapshot wins, one history row per change) and
bad ones parked with a reason; the public lookup (right check 200, wrong check and unknown
code the same 404, 429 past the limit); the ward code's uniqueness at enrolment."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from onestop.sync.protocol import ENROL_PATH
from tests.sync.dossier_kit import Dossier, enrol_hub
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

WARD, OTHER = "Phường Cửa Nam", "Phường Hoàn Kiếm"
CODE = "CUANAM-261125-0001"


def _life(hub) -> Dossier:
    """Received Wednesday, supplement asked, resumed, ready on its due day, returned."""
    d = Dossier(hub, CODE)
    results = hub.send(
        d.event("received", "2026-11-25T02:00:00+00:00"),
        d.event("supplement", "2026-11-25T03:00:00+00:00"),
        d.event("resume", "2026-11-26T02:00:00+00:00", due_date="2026-11-28",
                paused_working_days=1),
        d.event("ready", "2026-11-28T03:00:00+00:00"),
        d.event("return", "2026-11-28T09:00:00+00:00"))
    assert [r["status"] for r in results] == ["stored"] * 5
    return d


def test_dossier_events_are_projected_and_bad_ones_parked(central, server):
    hub = enrol_hub(central, server, WARD, "a" * 32, "CUANAM")
    d = _life(hub)
    with central.db.read() as conn:
        row = conn.execute(text("SELECT * FROM dossiers WHERE code = :c"), {"c": CODE}).one()
        history = conn.execute(text("SELECT state, action FROM dossier_history WHERE code = :c "
                                    "ORDER BY seq"), {"c": CODE}).all()
    assert (row.state, row.due_date, row.original_due_date, row.paused_working_days) == (
        "returned", "2026-11-28", "2026-11-27", 1)
    assert row.ready_at.startswith("2026-11-28T03:00") and row.check_digits == "4821"
    assert [tuple(h) for h in history] == [
        ("received", "received"), ("supplement_requested", "supplement"),
        ("processing", "resume"), ("result_ready", "ready"), ("returned", "return")]

    # A snapshot older than the one held (an earlier changed_at) does not win, even later.
    stale = d.event("apology", "2026-11-27T01:00:00+00:00", state="processing",
                    apology_due_date="2026-12-01", reason="thiếu cán bộ thẩm định")
    later = "2026-11-29T01:00:00+00:00"
    bad = [
        d.event("ready", later, False, check="12a4"),
        d.event("ready", later, False, ward_code="HOANKIEM",
                code="HOANKIEM-261125-0001"),  # not this hub's ward code
        d.event("ready", later, False, citizen_name="Nguyễn Văn A"),
        d.event("ready", later, False, due_date="28/11/2026"),
        d.event("return", later, False, state="processing"),
        d.event("ready", later, False, code="CUANAM-261345-0001"),
        d.event("ready", later, False, result_working_days=-1),
        d.event("ready", later, False, changed_at="yesterday"),
    ]
    results = hub.send(stale, *bad)
    assert results[0]["status"] == "stored"
    reasons = [r["reason"] for r in results[1:]]
    assert all(r["status"] == "rejected" for r in results[1:]), results
    for reason, words in zip(reasons, ("check must be 4 digits", "not this hub's ward code",
                                       "unknown field data.citizen_name", "due_date",
                                       "cannot leave the dossier processing", "data.code",
                                       "result_working_days", "changed_at"), strict=True):
        assert words in reason, reason
    with central.db.read() as conn:
        held = conn.execute(text("SELECT state, last_seq FROM dossiers")).one()
        rows = conn.execute(text("SELECT count(*) FROM dossier_history")).scalar_one()
    assert held.state == "returned" and held.last_seq == 5 and rows == 6  # apology recorded


def test_another_wards_hub_cannot_overwrite_a_dossier(central, server):
    ours = enrol_hub(central, server, WARD, "a" * 32)  # an older hub: no ward code sent
    theirs = enrol_hub(central, server, OTHER, "b" * 32)
    d = Dossier(ours, CODE)
    ours.send(d.event("received", "2026-11-25T02:00:00+00:00"))
    forged = Dossier(theirs, CODE)
    forged.snapshot = dict(d.snapshot)
    theirs.send(forged.event("withdraw", "2026-11-26T02:00:00+00:00"))
    with central.db.read() as conn:
        assert conn.execute(text("SELECT state, hub_id FROM dossiers")).one() == (
            "received", "a" * 32)
        assert conn.execute(text("SELECT count(*) FROM dossier_history")).scalar_one() == 1


def test_public_lookup_and_identical_404s(central, server, clock):
    hub = enrol_hub(central, server, WARD, "a" * 32, "CUANAM")
    _life(hub)
    url = f"{server.url}/api/public/dossiers"
    r = httpx.get(f"{url}/{CODE.lower()}", params={"check": "4821"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {k: body[k] for k in ("code", "service", "ward", "state", "state_vi", "received_date",
                                 "due_date", "timeliness")} == {
        "code": CODE, "service": "2.000815", "ward": WARD, "state": "returned",
        "state_vi": "Đã trả kết quả", "received_date": "2026-11-25", "due_date": "2026-11-28",
        "timeliness": "on_time"}
    assert body["name_vi"] and body["name_en"] and body["state_en"] == "Result returned"
    assert [h["state"] for h in body["history"]][-2:] == ["result_ready", "returned"]
    assert "check" not in body and "reason" not in str(body)
    wrong = httpx.get(f"{url}/{CODE}", params={"check": "4822"})
    unknown = httpx.get(f"{url}/CUANAM-261125-0999", params={"check": "4821"})
    garbage = httpx.get(f"{url}/nonsense", params={"check": "x" * 300})
    missing = httpx.get(f"{url}/{CODE}")
    for refused in (wrong, unknown, garbage, missing):
        assert refused.status_code == 404
        assert refused.content == wrong.content
    assert wrong.json()["code"] == "dossier_not_found"


def test_lookup_is_rate_limited_per_address(central, server):
    central.lookup_rate = (5, 3600.0)
    url = f"{server.url}/api/public/dossiers/{CODE}"
    answers = [httpx.get(url, params={"check": f"{n:04d}"}).status_code for n in range(7)]
    assert answers == [404] * 5 + [429] * 2
    limited = httpx.get(url, params={"check": "0000"})
    assert limited.json()["code"] == "slow_down" and int(limited.headers["retry-after"]) > 0
    page = httpx.get(f"{server.url}/lookup", params={"code": CODE, "check": "4821"})
    assert page.status_code == 429 and "vui lòng đợi" in page.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_timeliness_overdue_and_paused(central, server, clock):
    hub = enrol_hub(central, server, WARD, "a" * 32, "CUANAM")
    late = Dossier(hub, "CUANAM-261120-0001", due="2026-11-24")
    paused = Dossier(hub, "CUANAM-261120-0002", due="2026-11-24")
    early = Dossier(hub, "CUANAM-261120-0003", due="2026-11-26")
    hub.send(late.event("received", "2026-11-20T02:00:00+00:00"),
             paused.event("received", "2026-11-20T02:00:00+00:00"),
             paused.event("supplement", "2026-11-21T02:00:00+00:00"),
             early.event("received", "2026-11-20T02:00:00+00:00"),
             early.event("ready", "2026-11-25T02:00:00+00:00"))
    look = lambda d: httpx.get(  # noqa: E731
        f"{server.url}/api/public/dossiers/{d.snapshot['code']}",
        params={"check": "4821"}).json()["timeliness"]
    assert (look(late), look(paused), look(early)) == ("overdue", None, "early")
    # Ready after the due day (local day of ready_at), then an apology: still late.
    hub.send(late.event("ready", "2026-11-25T16:30:00+00:00"),  # 23:30 in Hanoi, the 25th
             late.event("apology", "2026-11-26T01:00:00+00:00", apology_due_date="2026-11-27",
                        reason="quá tải"))
    assert look(late) == "late"


def test_ward_codes_are_unique_among_wards(central, server):
    enrol_hub(central, server, WARD, "a" * 32, "CUANAM")
    code = central.auth.create_enrol_code(OTHER)
    taken = httpx.post(f"{server.url}{ENROL_PATH}",
                       json={"code": code, "hub_id": "b" * 32, "ward_code": "CUANAM"})
    assert taken.status_code == 409 and taken.json()["code"] == "ward_code_taken"
    assert "CUANAM" in taken.json()["message"]
    bad = httpx.post(f"{server.url}{ENROL_PATH}",
                     json={"code": code, "hub_id": "b" * 32, "ward_code": "cửa nam"})
    assert bad.status_code == 422
    # The code stayed unused: the ward enrols with its own short code, or none at all.
    enrol_hub(central, server, WARD, "c" * 32, "CUANAM")  # same ward, second hub: fine
    ok = httpx.post(f"{server.url}{ENROL_PATH}",
                    json={"code": code, "hub_id": "b" * 32, "ward_code": "HOANKIEM"})
    assert ok.status_code == 200, ok.text
    enrol_hub(central, server, "Phường Ba Đình", "d" * 32)  # an older hub: no ward code
    with central.db.read() as conn:
        codes = dict(conn.execute(text("SELECT hub_id, ward_code FROM hubs")).all())
    assert codes == {"a" * 32: "CUANAM", "b" * 32: "HOANKIEM", "c" * 32: "CUANAM",
                     "d" * 32: None}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_real_hub_enrols_with_its_ward_code(tmp_path, db_url):
    from onestop.sync.pusher import SyncError, enrol
    from tests.sync.syncenv import new_hub, start_central

    env = start_central(db_url)
    first, second = new_hub(tmp_path / "one"), new_hub(tmp_path / "two")
    try:
        enrol(first.outbox, env.url, env.code(WARD), clock=first.store.clock,
              ward_code="CUANAM")
        assert env.hub_row(first.outbox.hub_id)["ward_code"] == "CUANAM"
        with pytest.raises(SyncError) as refused:
            enrol(second.outbox, env.url, env.code(OTHER), clock=second.store.clock,
                  ward_code="CUANAM")
        assert "CUANAM" in str(refused.value) and "\n" not in str(refused.value)
        enrol(second.outbox, env.url, env.code(OTHER), clock=second.store.clock)  # none sent
    finally:
        first.close()
        second.close()
        env.stop()
