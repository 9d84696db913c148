"""Administration of the catalogue and the ward's identity against a real hub on loopback, and
the new events reaching a real central (SQLite) instead of being parked."""

from __future__ import annotations

import copy

import httpx
import pytest

from onestop.compose import build_sync
from onestop.queue.catalog import parse_catalog
from tests.sync.syncenv import enrol_hub, start_central

SERVICE = "2.000815"  # certification


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["message"] and body["message_vi"], body
    return body


@pytest.fixture
def admin(live_hub):
    with live_hub.client("admin") as client:
        yield client


def _plain(doc: dict) -> list[dict]:
    """Services without the `edited` flag (an import bakes the edits into the catalogue)."""
    return [{k: v for k, v in s.items() if k != "edited"} for s in doc["services"]]


def _events(live_hub) -> int:
    return live_hub.hub.store.last_event_seq()


def test_a_broken_catalogue_names_entry_and_problem_and_changes_nothing(live_hub, admin):
    doc = admin.get("/api/catalog/export").json()
    broken = copy.deepcopy(doc)
    broken["services"][3]["minutes"] = -2
    code = broken["services"][3]["code"]
    seq = _events(live_hub)
    refused = _error(admin.put("/api/catalog", json=broken), 422, "invalid_catalog")
    assert code in refused["message"] and "minutes" in refused["message"]
    assert code in refused["details"]["entry"] and refused["details"]["problem"]
    assert _events(live_hub) == seq
    assert admin.get("/api/catalog/export").json() == doc


@pytest.mark.parametrize(("key", "value", "problem"), [
    ("field", "hotich", 'unknown field id "hotich"'),
    ("result_working_days", -3, "'result_working_days' must be from 0 to 365"),
    ("source", "", "field 'source' must say where the details come from"),
])
def test_a_broken_guide_entry_is_refused_by_name(live_hub, admin, key, value, problem):
    doc = admin.get("/api/catalog/export").json()
    broken = copy.deepcopy(doc)
    entry = next(s for s in broken["services"] if s["code"] == "1.004859")
    entry[key] = value
    seq = _events(live_hub)
    refused = _error(admin.put("/api/catalog", json=broken), 422, "invalid_catalog")
    assert "(code 1.004859)" in refused["details"]["entry"]
    assert problem in refused["details"]["problem"] and "1.004859" in refused["message_vi"]
    assert _events(live_hub) == seq and admin.get("/api/catalog/export").json() == doc
    installed = admin.put("/api/catalog", json=doc)  # the whole bundled catalogue goes through
    assert installed.status_code == 200, installed.text
    assert installed.json()["services"] == len(doc["services"]) >= 100


def test_a_catalogue_dropping_a_counters_group_is_refused(live_hub, admin):
    doc = admin.get("/api/catalog/export").json()
    doc["groups"] = [g for g in doc["groups"] if g["id"] != "land"]
    doc["services"] = [s for s in doc["services"] if s["group"] != "land"]
    seq = _events(live_hub)
    refused = _error(admin.put("/api/catalog", json=doc), 422, "catalog_breaks_counters")
    assert "'land'" in refused["message"] and "counter" in refused["message"]
    assert _events(live_hub) == seq and "land" in [g.id for g in live_hub.hub.store.catalog.groups]


def test_disable_and_edit_a_service_survive_a_pull_and_round_trip(live_hub, admin):
    hub = live_hub.hub
    edited = admin.patch(f"/api/catalog/services/{SERVICE}", json={
        "minutes": 7.5, "fee_vi": "Miễn phí", "fee_en": "Free", "result_vi": "Ngay trong ngày"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["minutes"] == 7.5 and edited.json()["edited"] is True
    assert admin.patch(f"/api/catalog/services/{SERVICE}",
                       json={"enabled": False}).json()["enabled"] is False
    listed = {s["code"]: s for s in admin.get("/api/catalog").json()["services"]}
    assert listed[SERVICE]["enabled"] is False and listed[SERVICE]["fee_vi"] == "Miễn phí"
    assert all(s["enabled"] for code, s in listed.items() if code != SERVICE)

    with live_hub.client("reception") as reception:
        seq = _events(live_hub)
        refused = _error(reception.post("/api/tickets", json={"service": SERVICE}), 422,
                         "service_disabled")
        assert SERVICE in refused["message"] and _events(live_hub) == seq

        # Central sends a new catalogue (another version, this service's minutes changed):
        # the ward's edits are laid over it again.
        central = hub.store.base_catalog.to_dict()
        central["version"] = "2027.01-city"
        for s in central["services"]:
            if s["code"] == SERVICE:
                s["minutes"] = 3.0
        hub.store.replace_catalog(parse_catalog(central))
        after = {s["code"]: s for s in admin.get("/api/catalog").json()["services"]}
        assert admin.get("/api/catalog").json()["version"] == "2027.01-city"
        assert after[SERVICE]["minutes"] == 7.5 and after[SERVICE]["enabled"] is False

        # Export, then import the file: nothing changes, the disabled service included.
        exported = admin.get("/api/catalog/export")
        assert "attachment" in exported.headers["content-disposition"]
        assert admin.put("/api/catalog", json=exported.json()).status_code == 200
        assert admin.get("/api/catalog/export").json() == exported.json()
        assert _plain(admin.get("/api/catalog").json()) == _plain({"services": after.values()})

        assert admin.patch(f"/api/catalog/services/{SERVICE}",
                           json={"enabled": True}).json()["enabled"] is True
        assert reception.post("/api/tickets", json={"service": SERVICE}).status_code == 201


def test_bad_service_edits_are_refused(live_hub, admin):
    seq = _events(live_hub)
    _error(admin.patch("/api/catalog/services/9.999999", json={"minutes": 5}), 404,
           "unknown_service")
    bad = _error(admin.patch(f"/api/catalog/services/{SERVICE}",
                             json={"checklist_vi": ["Đơn", "Bản sao"], "checklist_en": ["Form"]}),
                 422, "invalid_catalog")
    assert "checklist" in bad["message"]
    _error(admin.patch(f"/api/catalog/services/{SERVICE}", json={"minutes": 0}), 422,
           "invalid_request")
    assert _events(live_hub) == seq


def test_ward_identity_defaults_validation_and_use(live_hub, admin):
    ward = admin.get("/api/ward").json()
    assert ward["configured"] is False and ward["name_vi"] == "Phường Cửa Nam"
    assert ward["hours"] and ward["name_en"]
    seq = _events(live_hub)
    bad = _error(admin.put("/api/ward", json={"hours": [{"days": [0], "open": "17:00",
                                                         "close": "08:00"}]}),
                 422, "invalid_ward")
    assert bad["details"]["field"] == "hours" and "17:00" in bad["message"]
    _error(admin.put("/api/ward", json={"name_vi": "  "}), 422, "invalid_ward")
    assert _events(live_hub) == seq

    saved = admin.put("/api/ward", json={"name_vi": "Phường Hàng Trống",
                                         "name_en": "Hang Trong Ward",
                                         "notice_vi": "Giữ trật tự"}).json()
    assert saved["configured"] is True and saved["hours"] == ward["hours"]  # kept
    assert live_hub.hub.ward_name_vi == "Phường Hàng Trống"
    assert live_hub.hub.ward_name_en == "Hang Trong Ward"
    with live_hub.client("display") as display:
        state = display.get("/api/state").json()
    assert state["ward"]["name_vi"] == "Phường Hàng Trống"
    assert state["ward"]["notice_vi"] == "Giữ trật tự"
    page = httpx.get(f"{live_hub.url}/t/not-a-ticket").text  # pages carry the ward's name
    assert "Hàng Trống" in page and "Cửa Nam" not in page
    event = live_hub.hub.store.events_since(seq, 10)[0]
    assert event.type == "ward.updated" and event.data["by"]["role"] == "admin"


def test_central_stores_the_administration_events(live_hub, admin, tmp_path):
    assert admin.post("/api/officers", json={"username": "lan", "pin": "246813",
                                             "display_name": "Lan"}).status_code == 201
    assert admin.put("/api/ward", json={"name_vi": "Phường Hàng Trống"}).status_code == 200
    assert admin.patch(f"/api/catalog/services/{SERVICE}", json={"enabled": False}) \
        .status_code == 200
    env = start_central(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        hub = live_hub.hub
        enrol_hub(hub, env, "Phường Hàng Trống")
        worker = build_sync(hub)
        for _ in range(50):
            worker.run_cycle()
            if hub.outbox.pending() == 0:
                break
        held = env.held(hub.store.hub_id)
        assert len(held) == hub.store.last_event_seq()
        assert {status for *_, status in held} == {"stored"}
        kinds = {e.type for e in hub.store.events_since(0, 1000)}
        assert {"officer.added", "ward.updated", "catalog.service_edited"} <= kinds
    finally:
        env.stop()
