"""The inbox under faults (issue 17): a hub-like puller reaches central through the fault
proxy (dropped requests and answers, 5xx, 429, cut bodies, duplicates) while the city keeps
writing, and applies each page with its cursor in one SQLite transaction (a real file), as the
contract asks of the hub. After healing, every item of its ward is applied exactly once and
the feedback phones are gone from central."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest
from sqlalchemy import text

from onestop.sync.protocol import INBOX_PATH
from tests.sync.dossier_kit import Dossier, enrol_hub
from tests.sync.faultproxy import FaultProxy
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

CODE = "CUANAM-261125-0001"


class Puller:
    """The contract's hub side, reduced: apply items and store the cursor together."""

    def __init__(self, path, url: str, token: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("CREATE TABLE applied (id INTEGER PRIMARY KEY, kind TEXT, data TEXT)")
        self.db.execute("CREATE TABLE cursor (after INTEGER NOT NULL)")
        self.db.execute("INSERT INTO cursor VALUES (0)")
        self.http = httpx.Client(base_url=url, timeout=5,
                                 headers={"Authorization": f"Bearer {token}"})

    @property
    def after(self) -> int:
        return self.db.execute("SELECT after FROM cursor").fetchone()[0]

    def pull_once(self) -> int | None:
        """One request: the number of items in the page applied, None after a fault."""
        try:
            r = self.http.get(INBOX_PATH, params={"after": self.after})
            page = r.json() if r.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        if page is None:
            return None
        self.db.execute("BEGIN IMMEDIATE")
        for item in page["items"]:
            if item["id"] > self.after:  # an id already applied is skipped
                self.db.execute("INSERT INTO applied VALUES (?, ?, ?)",
                                (item["id"], item["kind"], json.dumps(item["data"])))
        self.db.execute("UPDATE cursor SET after = max(after, ?)", (page["next"],))
        self.db.execute("COMMIT")
        return len(page["items"])


@pytest.mark.parametrize("seed", [1, 2])
def test_inbox_exactly_once_through_faults(central, server, tmp_path, seed):
    central.feedback_rate = (500, 60.0)
    hub = enrol_hub(central, server, "Phường Cửa Nam", "a" * 32, "CUANAM")
    enrol_hub(central, server, "Phường Hoàn Kiếm", "b" * 32, "HOANKIEM")
    hub.send(Dossier(hub, CODE).event("received", "2026-11-25T02:00:00+00:00"))
    faults = {"drop_request": 0.1, "drop_response": 0.15, "500": 0.1, "429": 0.05,
              "close_mid_body": 0.1, "duplicate": 0.1}
    with FaultProxy(server.url, path_prefix=INBOX_PATH, hang_s=1.0) as proxy:
        proxy.chaos(faults, seed=seed)
        puller = Puller(tmp_path / "hub.db", proxy.url, hub.token)
        for round_ in range(30):  # the city writes while the hub pulls through faults
            with central.db.write() as conn:
                central.inbox.add(conn, ("Phường Cửa Nam", None, "Phường Hoàn Kiếm")[round_ % 3],
                                  "notice", {"notice_id": round_})
            if round_ % 5 == 0:
                r = httpx.post(f"{server.url}/api/public/feedback", json={
                    "dossier_code": CODE, "check": "4821", "kind": "suggestion",
                    "text": f"Ý kiến {round_}", "want_reply": True, "phone": "0987654321"})
                assert r.status_code == 201
            puller.pull_once()
        proxy.heal()
        while puller.pull_once() != 0:  # until an empty page: that pull hands over
            pass
        assert sum(proxy.stats[k] for k in faults) > 5  # the faults did happen
    with central.db.read() as conn:
        mine = conn.execute(text("SELECT id FROM inbox WHERE ward IS NULL OR ward = :w "
                                 "ORDER BY id"), {"w": "Phường Cửa Nam"}).scalars().all()
        held = conn.execute(text("SELECT count(*) FROM inbox WHERE data LIKE '%0987654321%'"
                                 )).scalar_one()
    applied = [r[0] for r in puller.db.execute("SELECT id FROM applied ORDER BY id")]
    assert applied == mine  # every item of the ward, each once, none of the other ward's
    assert held == 0
    phones = [json.loads(r[0])["phone"] for r in puller.db.execute(
        "SELECT data FROM applied WHERE kind = 'feedback'")]
    assert phones and all(p == "0987654321" for p in phones)  # the hub has them
