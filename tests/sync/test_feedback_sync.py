"""Recommendations and case counts reach a real central (SQLite and PostgreSQL) through a faulty
link exactly once (issue 17 part 7): written while the link is down, delivered when it is up,
never twice, and a case's text and phone never leave the hub."""

from __future__ import annotations

import json
import random

from sqlalchemy import text

from onestop.hub import dialogue, feedback
from onestop.queue.operations import IssueRequest
from onestop.sync.pusher import SyncWorker
from tests.sync.faultproxy import FaultProxy
from tests.sync.syncenv import assert_exactly_once, drain, enrol_hub, new_hub


def central_events(env, hub_id: str, kind: str) -> list[dict]:
    with env.central.db.read() as conn:
        return [json.loads(d) if isinstance(d, str) else d for (d,) in conn.execute(text(
            "SELECT data FROM events WHERE hub_id = :h AND type = :t ORDER BY seq"),
            {"h": hub_id, "t": kind})]


def test_recommendation_and_cases_arrive_once_through_faults(central, tmp_path):
    hub = new_hub(tmp_path / "hub")
    try:
        with FaultProxy(central.url, path_prefix="/api/sync/", hang_s=2.0) as proxy:
            enrol_hub(hub, central, "Phường Cửa Nam", url=proxy.url)
            worker = SyncWorker(hub.outbox, clock=hub.store.clock, timeout=1.0,
                                rng=random.Random(7))
            proxy.chaos({"drop_request": 1.0}, seed=1)  # the link is down
            rec = dialogue.send_recommendation(hub.store, "Bổ sung máy lấy số",
                                               "Sáng thứ Hai người dân chờ lâu.")
            ticket = hub.store.issue(IssueRequest("2.000815")).ticket
            case = feedback.submit_from_ticket(hub.store, ticket.token, "complaint",
                                               "Cán bộ trả lời cộc lốc", True, "0912345678")
            worker.run_cycle()
            assert worker.state == "retrying" and not dialogue.recommendations(
                hub.store)[0]["delivered"]
            proxy.heal()
            proxy.plan(["drop_response", "duplicate", "ok"])  # a lost answer, a resend
            for _ in range(3):
                worker.run_cycle()
            feedback.act(hub.store, case["id"], "close", note="Đã nhắc nhở cán bộ")
            drain(worker)
        assert_exactly_once(central, hub)
        (sent,) = central_events(central, hub.store.hub_id, "recommendation.sent")
        assert sent["recommendation_id"] == rec["id"] and sent["subject"] == "Bổ sung máy lấy số"
        cases = central_events(central, hub.store.hub_id, "feedback.case")
        assert [c["state"] for c in cases] == ["open", "closed"]
        held = json.dumps(cases, ensure_ascii=False)
        assert "0912345678" not in held and "cộc lốc" not in held and "nhắc nhở" not in held
        assert dialogue.recommendations(hub.store)[0]["delivered"] is True
    finally:
        hub.close()
