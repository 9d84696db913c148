"""Central's sync API (protocol v1) against a real server on loopback, on SQLite and
PostgreSQL: enrolment, exactly-once batches, rejected and conflicting events, the acked
cursor over gaps, and every whole-request error as JSON."""

from __future__ import annotations

import json
from datetime import datetime

import httpx
from sqlalchemy import text

from onestop.sync.protocol import (
    ENROL_PATH,
    EVENTS_PATH,
    MAX_BATCH_BYTES,
    MAX_BATCH_EVENTS,
    STATUS_PATH,
    BatchAnswer,
    SyncStatusAnswer,
)
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    HubClient,
    batch,
    central_fixture,
    clock_fixture,
    db_url_fixture,
    enrol,
    hub_events,
    server_fixture,
    ticket_events,
)

WARD = "Phường Cửa Nam"
HUB = "a" * 32


def _answer(r: httpx.Response) -> BatchAnswer:
    assert r.status_code == 200, r.text
    return BatchAnswer.model_validate(r.json())


def _statuses(answer: BatchAnswer) -> list[str]:
    return [r.status for r in answer.results]


def _error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["message"]


def test_enrol_once_then_reenrol_revokes_old_token(central, server, clock):
    code = central.auth.create_enrol_code(WARD)
    first = httpx.post(f"{server.url}{ENROL_PATH}",
                       json={"code": code.lower(), "hub_id": HUB, "version": "0.9"})
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["ward"] == WARD and answer["hub_id"] == HUB and answer["acked"] == 0
    key = answer["booking_key"]  # the ward's booking key (docs/booking.md), 32 bytes hex
    assert len(bytes.fromhex(key)) == 32
    hub = HubClient(server, HUB, answer["token"])
    status = SyncStatusAnswer.model_validate(hub.http.get(STATUS_PATH).json())
    assert (status.ward, status.acked, status.events, status.last_sync_at) == (WARD, 0, 0, None)

    again = httpx.post(f"{server.url}{ENROL_PATH}", json={"code": code, "hub_id": "other"})
    _error(again, 403, "code_used")
    _error(httpx.post(f"{server.url}{ENROL_PATH}", json={"code": "NOPE-NOPE", "hub_id": HUB}),
           401, "bad_code")
    stale = central.auth.create_enrol_code(WARD)
    clock.advance(minutes=8 * 24 * 60)
    _error(httpx.post(f"{server.url}{ENROL_PATH}", json={"code": stale, "hub_id": HUB}),
           403, "code_expired")

    _answer(hub.post(hub_events(HUB)[:5]))
    renewed = enrol(central, server, WARD, HUB)  # same hub id, a new code
    assert renewed.token != hub.token
    assert renewed.http.get(STATUS_PATH).json()["acked"] == 5
    # Kept across re-enrolment: codes already given to citizens stay valid.
    assert renewed.http.get(STATUS_PATH).json()["booking_key"] == key
    _error(hub.http.get(STATUS_PATH), 401, "unauthorised")  # the old token is revoked
    hub.close()
    renewed.close()


def test_batch_stored_then_duplicate_with_projections(central, server):
    hub = enrol(central, server, WARD, HUB)
    events = hub_events(HUB)
    first = _answer(hub.post(events, sent_at="2026-11-25T08:59:58+00:00"))
    assert _statuses(first) == ["stored"] * len(events)
    assert first.acked == len(events) and first.skew_s == 2.0
    assert first.received_at.startswith("2026-11-25T09:00:00")
    again = _answer(hub.post(events, sent_at="not a time"))
    assert _statuses(again) == ["duplicate"] * len(events)
    assert again.acked == len(events) and again.skew_s is None

    status = hub.http.get(STATUS_PATH).json()
    assert (status["acked"], status["events"], status["rejected"]) == (len(events), len(events), 0)
    (ward,) = central.views.wards("2026-11-25")
    assert (ward.ward, ward.tickets, ward.served, ward.waiting, ward.no_show) == (
        WARD, 14, 10, 2, 1)
    assert ward.rating_count == 7
    # Waits come from the last state of each called ticket: from taking the number to being
    # called (called_at - issued_at), as the daily report counts them.
    last = {}
    for e in ticket_events(events):
        last[e["data"]["ticket"]["id"]] = e["data"]["ticket"]
    expected = sorted(
        (datetime.fromisoformat(t["called_at"]) - datetime.fromisoformat(t["issued_at"]))
        .total_seconds() for t in last.values() if t["called_at"])
    assert sorted(ward.waits) == expected and len(expected) == 11
    hub.close()


def test_invalid_events_are_parked_and_do_not_block(central, server):
    hub = enrol(central, server, WARD, HUB)
    events = hub_events(HUB)[:8]
    events[1]["schema"] = 99                    # newer than central understands
    events[2]["hub_id"] = "someone-else"        # not the batch's hub
    del events[3]["type"]                       # not a WireEvent
    ticket = next(i for i, e in enumerate(events) if e.get("type") == "ticket.issued" and i > 3)
    events[ticket]["data"] = {"nothing": True}  # a ticket event without its ticket
    answer = _answer(hub.post(events))
    reasons = {r.seq: r.reason for r in answer.results if r.status == "rejected"}
    assert sorted(reasons) == [2, 3, 4, ticket + 1]
    assert "schema 99" in reasons[2] and "hub_id" in reasons[3]
    assert "type" in reasons[4] and "data.ticket" in reasons[ticket + 1]
    assert answer.acked == 8  # parked events count as held: they never block the rest
    with central.db.read() as conn:
        parked = conn.execute(text("SELECT seq, reason FROM events WHERE status = 'rejected' "
                                   "ORDER BY seq")).all()
    assert [p.seq for p in parked] == [2, 3, 4, ticket + 1]
    status = hub.http.get(STATUS_PATH).json()
    assert (status["events"], status["rejected"]) == (4, 4)
    hub.close()


def test_conflicting_event_is_rejected_and_original_stays(central, server):
    hub = enrol(central, server, WARD, HUB)
    events = hub_events(HUB)[:5]
    _answer(hub.post(events))
    forged = dict(events[2], id="f" * 32)
    answer = _answer(hub.post([forged, events[3]]))
    assert _statuses(answer) == ["rejected", "duplicate"]
    assert answer.results[0].reason.startswith("conflict:")
    # Inside one batch: the first copy is stored, a copy is a duplicate, a clash a conflict.
    six = hub_events(HUB)[5]
    inner = _answer(hub.post([six, six, dict(six, id="e" * 32)]))
    assert _statuses(inner) == ["stored", "duplicate", "rejected"]
    with central.db.read() as conn:
        held = conn.execute(text("SELECT event_id FROM events WHERE seq IN (3, 6) "
                                 "ORDER BY seq")).scalars().all()
    assert held == [events[2]["id"], six["id"]]
    hub.close()


def test_gaps_hold_acked_until_filled_and_seq_orders_tickets(central, server):
    hub = enrol(central, server, WARD, HUB)
    events = hub_events(HUB)
    late = _answer(hub.post(events[30:]))
    assert _statuses(late) == ["stored"] * len(events[30:]) and late.acked == 0
    middle = _answer(hub.post(events[10:30]))
    assert middle.acked == 0
    first = _answer(hub.post(events[:10]))
    assert first.acked == len(events)
    # Earlier states arrived last: the projection keeps each ticket's highest-seq state.
    (ward,) = central.views.wards("2026-11-25")
    assert (ward.tickets, ward.served, ward.waiting) == (14, 10, 2)
    hub.close()


def test_request_errors_are_json_never_5xx(central, server):
    hub = enrol(central, server, WARD, HUB)
    other = enrol(central, server, "Phường Hoàn Kiếm", "b" * 32)
    events = hub_events(HUB)[:3]
    _error(hub.post(events, hub_id=other.hub_id), 403, "wrong_hub")
    _error(httpx.post(f"{server.url}{EVENTS_PATH}", json=batch(HUB, events)), 401,
           "unauthorised")
    _error(httpx.post(f"{server.url}{EVENTS_PATH}", json=batch(HUB, events),
                      headers={"Authorization": "Bearer not-a-token"}), 401, "unauthorised")
    _error(hub.http.post(EVENTS_PATH, content=b"{not json"), 400, "bad_batch")
    _error(hub.http.post(EVENTS_PATH, json={**batch(HUB, events), "protocol": 2}), 400,
           "bad_batch")
    _error(hub.http.post(EVENTS_PATH, json={"hub_id": HUB}), 400, "bad_batch")
    _error(hub.post([{"id": "x"}]), 400, "bad_batch")                   # no seq at all
    _error(hub.post([dict(events[0], seq=2**70)]), 400, "bad_batch")   # not a BIGINT
    _error(hub.post([7]), 400, "bad_batch")
    _error(hub.post([dict(events[0], seq=n) for n in range(1, MAX_BATCH_EVENTS + 2)]),
           413, "too_large")
    huge = json.dumps(batch(HUB, [dict(events[0], data={"pad": "x" * MAX_BATCH_BYTES})]))
    _error(hub.http.post(EVENTS_PATH, content=huge), 413, "too_large")
    _error(httpx.post(f"{server.url}{ENROL_PATH}", json={"code": 1}), 422, "invalid")
    _error(httpx.get(f"{server.url}/api/nothing"), 404, "not_found")
    # A NUL in a ticket's text would abort a PostgreSQL transaction: parked, not a 500.
    nul = dict(events[2], data={"ticket": {**events[2]["data"].get("ticket", {}),
                                           "id": "t", "day": "2026-11-25", "status": "waiting",
                                           "number": "A\x00"}}, type="ticket.issued")
    parked = _answer(hub.post([events[0], nul]))
    assert _statuses(parked) == ["stored", "rejected"]
    hub.close()
    other.close()
