"""Issue 13, finding 1: a hub's identity cannot be taken over with another ward's enrolment
code, and a re-enrolled hub never counts events it did not send as delivered. Real central
(SQLite and PostgreSQL) on loopback, real hubs and their sync worker."""

from __future__ import annotations

import uuid

import httpx

from onestop.sync.protocol import ENROL_PATH, EVENTS_PATH, STATUS_PATH
from onestop.sync.pusher import SyncWorker, enrol
from tests.sync.syncenv import assert_exactly_once, drain, enrol_hub, new_hub, seed_days

WARD_A, WARD_B = "Phường Cửa Nam", "Phường Hàng Bạc"


def _post_enrol(central, code: str, hub_id: str) -> httpx.Response:
    return httpx.post(f"{central.url}{ENROL_PATH}", json={"code": code, "hub_id": hub_id})


def test_another_wards_code_cannot_take_over_a_hub(central, tmp_path):
    hub = new_hub(tmp_path / "a")
    seed_days(hub, 1, tickets=30)
    enrol_hub(hub, central, WARD_A)
    worker = SyncWorker(hub.outbox, clock=hub.store.clock)
    drain(worker)
    hub_id = hub.store.hub_id  # public: the hub's GET /api/health shows it

    # The attack: a code made for ward B, presented with ward A's hub id.
    code_b = central.code(WARD_B)
    r = _post_enrol(central, code_b, hub_id)
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "other_ward"
    assert central.hub_row(hub_id)["ward"] == WARD_A
    # Hub A's token still works and its events still land, exactly once.
    seed_days(hub, 1, tickets=10, seed=7)
    drain(worker)
    assert_exactly_once(central, hub)
    # The refused code was not spent: ward B can still enrol its own hub with it.
    r = _post_enrol(central, code_b, uuid.uuid4().hex)
    assert r.status_code == 200 and r.json()["ward"] == WARD_B, r.text

    # Same ward, a new code: a reinstalled hub PC re-enrols (the old token stops working).
    enrol(hub.outbox, central.url, central.code(WARD_A), clock=hub.store.clock)
    assert central.hub_row(hub_id)["ward"] == WARD_A

    # Moving a hub to another ward is an admin's explicit decision on central.
    moving = central.central.auth.create_enrol_code(WARD_B, moves_hub=hub_id)
    answer = enrol(hub.outbox, central.url, moving, clock=hub.store.clock)
    assert answer.ward == WARD_B and central.hub_row(hub_id)["ward"] == WARD_B
    assert answer.acked == hub.store.last_event_seq()
    # ...and that code moves only that hub.
    other = new_hub(tmp_path / "b")
    enrol_hub(other, central, WARD_A)
    r = _post_enrol(central, central.central.auth.create_enrol_code(WARD_B, moves_hub=hub_id),
                    other.store.hub_id)
    assert r.status_code == 409 and r.json()["code"] == "other_ward", r.text
    hub.close()
    other.close()


def test_reenrolled_hub_resends_from_its_own_cursor_and_parks_conflicts(central, tmp_path):
    hub = new_hub(tmp_path / "a")
    seed_days(hub, 1, tickets=30)
    enrol_hub(hub, central, WARD_A)
    worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=10)
    worker.push_pending(max_batches=1)
    assert hub.outbox.acked() == 10
    hub_id = hub.store.hub_id

    # Someone else gets a token for this hub id (here a second code of its own ward) and
    # pushes 50 fabricated events under the seqs the real hub has not sent yet.
    r = _post_enrol(central, central.code(WARD_A), hub_id)
    assert r.status_code == 200, r.text
    forged = [{**e, "id": uuid.uuid4().hex} for e in hub.outbox.batch(60)[:50]]
    assert [e["seq"] for e in forged] == list(range(11, 61))
    with httpx.Client(base_url=central.url,
                      headers={"Authorization": f"Bearer {r.json()['token']}"}) as client:
        pushed = client.post(EVENTS_PATH, json={"protocol": 1, "hub_id": hub_id,
                                                "sent_at": "2026-11-23T01:00:00+00:00",
                                                "events": forged})
        assert pushed.status_code == 200 and pushed.json()["acked"] == 60, pushed.text

    # The real hub's token was revoked by that enrolment; it enrols again. Central says it
    # holds 60, but the hub sent only 10: it resumes from its own cursor.
    answer = enrol(hub.outbox, central.url, central.code(WARD_A), clock=hub.store.clock)
    assert answer.acked == 60
    assert hub.outbox.acked() == 10
    drain(worker)

    # Nothing lost: each of the hub's events is on central, or parked here as a conflict.
    held = {seq: event_id for seq, event_id, _ in central.held(hub_id)}
    parked = {p.seq: p.reason for p in hub.outbox.parked()}
    assert sorted(parked) == list(range(11, 61))
    assert all(reason.startswith("conflict") for reason in parked.values())
    for seq, event_id in [(e.seq, e.id) for e in hub.store.events_since(0, 10**9)]:
        assert seq in parked or held[seq] == event_id, seq
    status = hub.outbox.status()
    assert (status["pending"], status["parked"]) == (0, 50)
    with httpx.Client(base_url=central.url,
                      headers={"Authorization": f"Bearer {answer.token}"}) as client:
        assert client.get(STATUS_PATH).json()["acked"] == hub.store.last_event_seq()
    hub.close()


def test_two_wards_racing_for_one_new_hub_id_one_wins(central):
    from tests.sync.test_central_db import _together

    hub_id = uuid.uuid4().hex
    codes = [central.code(ward) for _ in range(3) for ward in (WARD_A, WARD_B)]
    answers = _together([lambda c=c: _post_enrol(central, c, hub_id) for c in codes])
    won = {r.json()["ward"] for r in answers if r.status_code == 200}
    assert len(won) == 1, [r.text for r in answers]
    loser = ({WARD_A, WARD_B} - won).pop()
    assert all(r.json()["code"] == "other_ward" for r in answers if r.status_code != 200), \
        [(r.status_code, r.text[:60]) for r in answers]
    assert central.hub_row(hub_id)["ward"] != loser


def test_cli_makes_a_code_that_may_move_one_hub(tmp_data, capsys):
    from onestop.cli import main
    from onestop.sync.central.server import build_central

    url = f"sqlite:///{tmp_data / 'central.db'}"
    assert main(["central", "enrol", "--name", WARD_B, "--move", "abc123", "--db", url]) == 0
    out = capsys.readouterr()
    assert "may move hub abc123" in out.err
    central = build_central(url)
    try:
        central.auth.create_enrol_code(WARD_A)
        central.auth.enrol(central.auth.create_enrol_code(WARD_A), "abc123", None)
        moved = central.auth.enrol(out.out.strip(), "abc123", None)
        assert moved.ward == WARD_B
    finally:
        central.close()
