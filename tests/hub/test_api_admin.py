"""Administration over the API against a real hub on loopback: officers, counters, stations and
the first-run set-up (docs/administration.md). Each refusal leaves the hub exactly as it was:
no row changed and no event written."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.sync.client import connect

SERVICE = "2.000815"  # certification: counter 1 serves it


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["message"] and body["message_vi"], body
    return body


def _unchanged(live_hub):
    """A snapshot of everything an admin call may touch, to compare after a refusal."""
    with live_hub.hub.store.reading() as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("officers", "counters", "ward", "catalog", "catalog_edits", "events")}


@pytest.fixture
def admin(live_hub):
    with live_hub.client("admin") as client:
        yield client


def test_officers_add_rename_reset_disable_enable(live_hub, admin):
    r = admin.post("/api/officers", json={"username": " Nguyen.Lan ", "pin": "246813",
                                          "display_name": "Nguyễn Thị Lan"})
    assert r.status_code == 201, r.text
    assert r.json() == {"username": "nguyen.lan", "display_name": "Nguyễn Thị Lan",
                        "active": True, "created_at": r.json()["created_at"],
                        "last_sign_in_at": None}
    listed = admin.get("/api/officers").json()
    assert listed["pin"] == {"min_length": 6, "max_length": 12}
    assert [o["username"] for o in listed["officers"]] == ["nguyen.lan"]

    counter = live_hub.client("counter", 1)
    assert counter.post("/api/counters/1/sign-in",
                        json={"username": "nguyen.lan", "pin": "246813"}).status_code == 200
    seen = admin.get("/api/officers").json()["officers"][0]
    assert seen["last_sign_in_at"] is not None

    assert admin.patch("/api/officers/nguyen.lan",
                       json={"display_name": "Nguyễn Thị Lan Anh"}).json()["display_name"] \
        == "Nguyễn Thị Lan Anh"
    assert admin.post("/api/officers/nguyen.lan/pin", json={"pin": "97531864"}).status_code == 200
    _error(counter.post("/api/counters/1/sign-in",
                        json={"username": "nguyen.lan", "pin": "246813"}), 401, "bad_credentials")

    # Disabled while signed in at counter 1: signed out at once, and cannot sign in again.
    assert live_hub.hub.store.counter(1).officer == "nguyen.lan"
    assert admin.post("/api/officers/nguyen.lan/disable").json()["active"] is False
    assert live_hub.hub.store.counter(1).officer is None
    _error(counter.post("/api/counters/1/sign-in",
                        json={"username": "nguyen.lan", "pin": "97531864"}), 401,
           "bad_credentials")
    assert admin.post("/api/officers/nguyen.lan/enable").json()["active"] is True
    assert counter.post("/api/counters/1/sign-in", json={"username": "nguyen.lan",
                                                         "pin": "97531864"}).status_code == 200
    _error(admin.post("/api/officers/nobody/disable"), 404, "unknown_officer")
    _error(admin.patch("/api/officers/nobody", json={"display_name": "X"}), 404,
           "unknown_officer")

    # The audit trail: each change is an event naming the admin station; no PIN, no hash.
    events = live_hub.hub.store.events_since(0, 10_000)
    kinds = [e.type for e in events if e.type.startswith("officer.")]
    assert kinds == ["officer.added", "officer.signed_in", "officer.renamed",
                     "officer.pin_reset", "officer.signed_out", "officer.disabled",
                     "officer.enabled", "officer.signed_in"]
    added = next(e for e in events if e.type == "officer.added")
    assert added.data["by"] == {"station": "admin", "role": "admin"}
    text = json.dumps([e.to_dict() for e in events])
    for secret in ("246813", "97531864", "scrypt$", "pin_hash"):
        assert secret not in text


@pytest.mark.parametrize("body,code,words", [
    ({"username": "lan", "pin": "1234"}, "invalid_pin", "6 to 12 digits"),
    ({"username": "lan", "pin": "12345a"}, "invalid_pin", "6 to 12 digits"),
    ({"username": "lan", "pin": "１２３４５６"}, "invalid_pin", "6 to 12 digits"),  # full-width
    ({"username": "lan", "pin": "1234567890123"}, "invalid_pin", "6 to 12 digits"),
    ({"username": "nguyễn lan", "pin": "123456"}, "invalid_username", "a-z, 0-9"),
])
def test_bad_officer_is_refused_and_nothing_changes(live_hub, admin, body, code, words):
    before = _unchanged(live_hub)
    refused = _error(admin.post("/api/officers", json=body), 422, code)
    assert words in refused["message"]
    if code == "invalid_pin":
        assert "6 đến 12 chữ số" in refused["message_vi"]
    assert _unchanged(live_hub) == before


def test_duplicate_username_is_409_and_keeps_the_first(live_hub, admin):
    assert admin.post("/api/officers", json={"username": "lan", "pin": "111111",
                                             "display_name": "Lan"}).status_code == 201
    before = _unchanged(live_hub)
    _error(admin.post("/api/officers", json={"username": "LAN", "pin": "222222",
                                             "display_name": "Someone else"}), 409,
           "officer_exists")
    assert _unchanged(live_hub) == before
    assert live_hub.hub.auth.check_officer("lan", "111111") == "lan"


def test_pin_rule_follows_the_setting(tmp_path):
    from onestop.compose import build_hub
    from onestop.queue.errors import InvalidRequest
    from onestop.settings import Settings

    hub = build_hub(Settings(data_dir=tmp_path / "d", pin_min_length=8))
    try:
        with pytest.raises(InvalidRequest, match="8 to 12 digits"):
            hub.auth.add_officer("lan", "123456")
        assert hub.auth.add_officer("lan", "12345678")["username"] == "lan"
    finally:
        hub.close()


def test_only_admin_manages_officers_supervisor_may_list(live_hub):
    for role, counter in (("reception", None), ("counter", 1), ("supervisor", None),
                          ("display", None)):
        with live_hub.client(role, counter) as c:
            _error(c.post("/api/officers", json={"username": "x", "pin": "123456"}), 403,
                   "forbidden")
            _error(c.post("/api/counters", json={"label_vi": "Q", "label_en": "C",
                                                 "skills": ["general"]}), 403, "forbidden")
            _error(c.get("/api/stations"), 403, "forbidden")
    with live_hub.client("supervisor") as sup:
        assert sup.get("/api/officers").status_code == 200


def test_counters_add_relabel_live_and_remove(live_hub, admin):
    numbers = [c.number for c in live_hub.hub.store.counters()]
    made = admin.post("/api/counters", json={"label_vi": "Quầy mới", "label_en": "New desk",
                                             "skills": ["general", "civil-status"]})
    assert made.status_code == 201, made.text
    new = made.json()["number"]
    assert new == max(numbers) + 1 and made.json()["skills"] == ["general", "civil-status"]
    _error(admin.post("/api/counters", json={"number": new, "label_vi": "A", "label_en": "A",
                                             "skills": ["general"]}), 409, "counter_exists")
    before = _unchanged(live_hub)
    bad = _error(admin.post("/api/counters", json={"label_vi": "A", "label_en": "A",
                                                   "skills": ["general", "moon"]}), 422,
                 "unknown_skill")
    assert "'moon'" in bad["message"] and "'moon'" in bad["message_vi"]
    _error(admin.patch("/api/counters/1", json={"skills": ["moon"]}), 422, "unknown_skill")
    assert _unchanged(live_hub) == before

    # A relabelled counter reaches an open display at once (the lobby's socket).
    display = live_hub.token("display")
    with connect(f"{live_hub.ws_url}/api/events?token={display}&view=state") as ws:
        assert json.loads(ws.recv(timeout=10))["kind"] == "snapshot"
        assert admin.patch(f"/api/counters/{new}", json={"label_vi": "Quầy trả kết quả"}) \
            .status_code == 200
        event = json.loads(ws.recv(timeout=10))
        assert event["event"]["type"] == "counter.updated"
        state = json.loads(ws.recv(timeout=10))["state"]
        assert any(c["label_vi"] == "Quầy trả kết quả" for c in state["counters"])

    # Its station is revoked with it.
    station = live_hub.client("counter", new)
    assert station.post(f"/api/counters/{new}/open").status_code == 200
    _error(admin.delete(f"/api/counters/{new}"), 409, "counter_busy")
    assert station.post(f"/api/counters/{new}/close").status_code == 200
    removed = admin.delete(f"/api/counters/{new}").json()
    assert removed == {"number": new, "revoked_stations": 1}
    _error(station.get("/api/state"), 401, "unauthorized")
    assert new not in [c.number for c in live_hub.hub.store.counters()]
    _error(admin.delete(f"/api/counters/{new}"), 404, "counter_not_found")


def test_a_counter_serving_or_awaited_cannot_be_removed(live_hub, admin):
    store = live_hub.hub.store
    with live_hub.client("reception") as reception:
        ticket = reception.post("/api/tickets", json={"service": SERVICE}).json()["ticket"]
    store.set_counter_status(1, "open")
    store.call_next(1)
    store.act(ticket["id"], "start")
    before = _unchanged(live_hub)
    busy = _error(admin.delete("/api/counters/1"), 409, "counter_busy")
    assert "not closed" in busy["message"]
    assert _unchanged(live_hub) == before
    # Closed, but a citizen was transferred to it and waits: still refused.
    store.act(ticket["id"], "transfer", to_group="certification", to_counter=1)
    store.set_counter_status(1, "closed")
    assert "wait for it" in _error(admin.delete("/api/counters/1"), 409, "counter_busy")["message"]


def test_the_last_counter_stays(live_hub, admin):
    for c in live_hub.hub.store.counters()[1:]:
        assert admin.delete(f"/api/counters/{c.number}").status_code == 200
    _error(admin.delete("/api/counters/1"), 409, "last_counter")


def test_stations_list_last_seen_and_revoke(live_hub, admin):
    reception = live_hub.client("reception")
    assert reception.get("/api/state").status_code == 200
    stations = admin.get("/api/stations").json()
    mine = [s for s in stations if s["role"] == "reception"]
    assert len(mine) == 1 and mine[0]["last_seen_at"] and mine[0]["revoked_at"] is None
    assert "token_hash" not in mine[0]
    revoked = admin.post(f"/api/stations/{mine[0]['id']}/revoke").json()
    assert revoked["revoked_at"]
    _error(reception.get("/api/state"), 401, "unauthorized")
    _error(admin.post("/api/stations/nope/revoke"), 404, "unknown_station")
    own = next(s for s in stations if s["role"] == "admin")
    _error(admin.post(f"/api/stations/{own['id']}/revoke"), 409, "own_station")
    event = live_hub.hub.store.events_since(0, 10_000)[-1]
    assert event.type == "station.revoked" and event.data["station"]["role"] == "reception"


SETUP = {
    "ward": {"name_vi": "Phường Hàng Bông", "name_en": "Hang Bong Ward",
             "address_vi": "12 Hàng Bông, Hoàn Kiếm", "address_en": "12 Hang Bong St",
             "hours": [{"days": [0, 1, 2, 3, 4], "open": "07:30", "close": "17:00"}],
             "notice_vi": "Vui lòng giữ trật tự", "notice_en": "Please keep quiet"},
    "counters": [
        {"number": 1, "label_vi": "Quầy 1", "label_en": "Counter 1",
         "skills": ["certification", "general"], "fast_lane": False},
        {"number": 2, "label_vi": "Quầy 2", "label_en": "Counter 2",
         "skills": ["civil-status", "land", "business", "social", "construction"],
         "fast_lane": True},
    ],
    "officer": {"username": "tran.binh", "display_name": "Trần Văn Bình", "pin": "135790"},
}


def test_first_run_setup_in_one_transaction(live_hub, admin):
    assert admin.get("/api/setup").json() == {"needed": True, "officers_active": 0,
                                              "ward_configured": False}
    before = _unchanged(live_hub)
    short = {**SETUP, "officer": {**SETUP["officer"], "pin": "1357"}}
    _error(admin.post("/api/setup", json=short), 422, "invalid_pin")
    assert _unchanged(live_hub) == before  # ward and counters rolled back with the officer

    done = admin.post("/api/setup", json=SETUP)
    assert done.status_code == 200, done.text
    assert done.json() == {"needed": False, "officers_active": 1, "ward_configured": True}
    assert [c.number for c in live_hub.hub.store.counters()] == [1, 2]
    assert live_hub.hub.store.counter(2).fast_lane is True
    assert live_hub.hub.ward_name_vi == "Phường Hàng Bông"
    state = admin.get("/api/state").json()
    assert state["ward"]["name_en"] == "Hang Bong Ward"
    assert state["ward"]["notice_vi"] == "Vui lòng giữ trật tự"
    assert live_hub.hub.store.events_since(0, 10_000)[-1].type == "setup.completed"
    _error(admin.post("/api/setup", json=SETUP), 409, "setup_done")
    with live_hub.client("display") as display:
        assert display.get("/api/setup").json()["needed"] is False


def test_office_name_follows_the_ward_until_one_is_chosen(live_hub, admin):
    ward = admin.get("/api/ward").json()
    assert ward["office_name_vi"] == "Trung tâm Phục vụ hành chính công phường Cửa Nam"
    assert ward["office_name_en"] == "Public Administrative Service Centre, Cua Nam Ward"
    # The default sent back as it was shown keeps following the ward's name.
    renamed = admin.put("/api/ward", json={**{k: ward[k] for k in (
        "name_vi", "name_en", "office_name_vi", "office_name_en")},
        "name_vi": "Phường Hàng Bông"}).json()
    assert renamed["office_name_vi"] == "Trung tâm Phục vụ hành chính công phường Hàng Bông"
    chosen = admin.put("/api/ward", json={"office_name_vi": "Bộ phận Một cửa"}).json()
    assert chosen["office_name_vi"] == "Bộ phận Một cửa"
    admin.put("/api/ward", json={"name_vi": "Phường Hàng Trống"})
    state = admin.get("/api/state").json()
    assert state["ward"]["office_name_vi"] == "Bộ phận Một cửa"  # a chosen name stays
    assert live_hub.hub.office_name_vi == "Bộ phận Một cửa"
    _error(admin.put("/api/ward", json={"office_name_vi": "x" * 161}), 422, "invalid_ward")
