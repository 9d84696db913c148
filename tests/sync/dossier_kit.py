"""Dossier, recommendation and feedback-case events as a hub sends them (issue 17's shared
contract), built by hand: the hub's dossier register is another branch's work, so these
follow the contract's shapes exactly. No tests here."""

from __future__ import annotations

import uuid

import httpx

from onestop.sync.central.dossiers import ACTION_STATE
from onestop.sync.protocol import ENROL_PATH
from tests.sync.test_central_kit import HubClient

STATE_AFTER = {**ACTION_STATE}


class Dossier:
    """One dossier's life on a hub: each action returns the wire event of the change."""

    def __init__(self, hub: HubClient, code: str, check: str = "4821",
                 service: str = "2.000815", group: str = "A",
                 received_at: str = "2026-11-25T02:00:00+00:00", due: str = "2026-11-27",
                 days: int = 2) -> None:
        self.hub = hub
        self.snapshot = {
            "code": code, "check": check, "ward_code": code.split("-")[0], "service": service,
            "group": group, "state": "received", "received_at": received_at, "due_date": due,
            "original_due_date": due, "result_working_days": days, "paused_working_days": 0,
            "official_code": None, "ready_at": None, "returned_at": None,
            "apology_due_date": None, "changed_at": received_at, "action": "received",
            "reason": None}

    def event(self, action: str, at: str, keep: bool = True, **changes) -> dict:
        """The event of `action` at `at`; `changes` override the snapshot's fields (kept for
        later events unless keep=False: a malformed event that central must refuse)."""
        snap = {**self.snapshot, "action": action, "changed_at": at, "reason": None}
        if action in STATE_AFTER:
            snap["state"] = STATE_AFTER[action]
        if action == "ready":
            snap["ready_at"] = at
        if action == "return":
            snap["returned_at"] = at
        snap.update(changes)
        if keep:
            self.snapshot = snap
        kind = "dossier.received" if action == "received" else "dossier.changed"
        return self.hub.next_event(kind, snap, at)


class DossierHub(HubClient):
    """A hub client that numbers its own events (seq 1, 2, ...)."""

    seq = 0

    def next_event(self, kind: str, data: dict, at: str) -> dict:
        self.seq += 1
        return {"hub_id": self.hub_id, "seq": self.seq, "id": uuid.uuid4().hex, "type": kind,
                "at": at, "schema": 1,
                "data": {**data, "by": {"station": "counter-1", "role": "counter"}}}

    def send(self, *events: dict) -> list[dict]:
        r = self.post(list(events))
        assert r.status_code == 200, r.text
        return r.json()["results"]


def enrol_hub(central, server, ward: str, hub_id: str,
              ward_code: str | None = None) -> DossierHub:
    code = central.auth.create_enrol_code(ward)
    body = {"code": code, "hub_id": hub_id}
    if ward_code:
        body["ward_code"] = ward_code
    r = httpx.post(f"{server.url}{ENROL_PATH}", json=body)
    assert r.status_code == 200, r.text
    return DossierHub(server, hub_id, r.json()["token"])
