"""Issue 13, findings 3 and 8: a display token (it sits in the lobby TV's URL) reads numbers
only. Every read endpoint and the live feed are asked with it, over a day that has every
kind of ticket: none answers a citizen page token or link (with it the holder could rate for
the citizen), a citizen's comment or an officer's typed reason. The desks still get them."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.sync.client import connect

SERVICE = "2.000815"
COMMENT = "Cán bộ nhiệt tình, số điện thoại tôi 0912345678"
REASONS = ("=HYPERLINK(\"http://x\")", "thiếu giấy tờ bản gốc", "công dân bỏ về")


@pytest.fixture
def busy_day(live_hub):
    """Tickets waiting, called, parked (by counter 4), cancelled, done and rated."""
    auth = live_hub.hub.auth
    auth.add_officer("lan", "246810", "Nguyễn Thị Lan")
    rec, sup = live_hub.client("reception"), live_hub.client("supervisor")
    c1, c2 = live_hub.client("counter", 1), live_hub.client("counter", 4)
    for n, station in ((1, c1), (4, c2)):
        assert station.post(f"/api/counters/{n}/open").status_code == 200
    issued = [rec.post("/api/tickets", json={"service": SERVICE}).json() for _ in range(8)]
    served = c1.post("/api/counters/1/next").json()
    assert c1.post(f"/api/tickets/{served['id']}/done",
                   json={"reason": REASONS[0]}).status_code == 200
    rated = httpx.post(f"{live_hub.url}/t/{served['token']}/rate",
                       data={"rating": "3", "comment": COMMENT})
    assert rated.status_code in (200, 303), rated.text
    parked = c2.post("/api/counters/4/next").json()
    assert c2.post(f"/api/tickets/{parked['id']}/park",
                   json={"reason": REASONS[1]}).status_code == 200
    waiting = issued[-1]["ticket"]
    assert rec.post(f"/api/tickets/{waiting['id']}/cancel",
                    json={"reason": REASONS[2]}).status_code == 200
    c1.post("/api/counters/1/next")  # one called and held
    for client in (rec, sup, c1, c2):
        client.close()
    secrets = [t["ticket"]["token"] for t in issued] + [COMMENT, *REASONS, "/t/"]
    return {"tickets": [t["ticket"]["id"] for t in issued], "secrets": secrets}


def _clean(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text, secret
    for key in ('"token"', '"public_url"', '"rating_comment"', '"outcome"'):
        assert key not in text, key


def test_every_read_endpoint_with_a_display_token(live_hub, busy_day):
    secrets = busy_day["secrets"]
    with live_hub.client("display") as display:
        paths = ["/api/state", "/api/counters", "/api/catalog"]
        paths += [f"/api/tickets/{tid}" for tid in busy_day["tickets"]]
        for n in (1, 2, 4):
            paths += [f"/api/counters/{n}/upcoming?limit=30", f"/api/counters/{n}/parked"]
        for path in paths:
            r = display.get(path)
            assert r.status_code == 200, (path, r.text)
            _clean(r.text, secrets)
        parked = display.get("/api/counters/4/parked").json()["parked"]
        assert [t["number"] for t in parked] and "token" not in parked[0]
        assert display.get("/api/counters/1/upcoming").json()["upcoming"]
        assert display.get("/api/tickets?day=today").status_code == 403  # search: desks only
    # The desks still get the links they print as QR codes.
    with live_hub.client("counter", 4) as desk:
        mine = desk.get("/api/counters/4/parked").json()["parked"]
        assert mine[0]["token"] and mine[0]["public_url"].endswith(mine[0]["token"])


def test_the_display_feed_carries_no_tokens_comments_or_reasons(live_hub, busy_day):
    """The replay from since=0 holds every event of the day, rating.given included."""
    head = live_hub.hub.store.last_event_seq()
    kinds, texts = set(), []
    with connect(f"{live_hub.ws_url}/api/events?since=0&token={live_hub.token('display')}",
                 open_timeout=10) as ws:
        seq = 0
        while seq < head:
            text = ws.recv(timeout=10)
            message = json.loads(text)
            if message["kind"] == "event":
                seq = message["event"]["seq"]
                kinds.add(message["event"]["type"])
                texts.append(text)
    assert {"rating.given", "ticket.parked", "ticket.cancelled", "ticket.done"} <= kinds
    _clean("\n".join(texts), busy_day["secrets"])
    # A supervisor's feed is whole: the comment is there.
    with connect(f"{live_hub.ws_url}/api/events?since=0&token="
                 f"{live_hub.token('supervisor')}", open_timeout=10) as ws:
        seen = ""
        while COMMENT not in seen:
            seen = ws.recv(timeout=10)
