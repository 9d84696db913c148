"""Issue 13, finding 9: central refuses what a hub would. Ratings of 10 on the 1-3 scale moved
the city dashboard, and a catalogue with a 10 MB service name was published and served to
every hub. Real central (SQLite and PostgreSQL) on loopback; a real hub's catalogue pull."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from onestop.cli import main
from onestop.queue.catalog import CatalogError, default_catalog
from onestop.sync.protocol import MAX_CATALOG_BYTES
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    enrol,
    hub_events,
    server_fixture,
)

HUB = "b" * 32


def _rating_event(events: list[dict]) -> dict:
    return next(e for e in events if e["type"] == "rating.given")


@pytest.mark.parametrize("change", [
    {"rating": 10}, {"rating": 0}, {"rating": 4}, {"rating": "3"},
    {"rating_comment": "x" * 501}, {"counter": 0}, {"counter": 10**6},
    {"status": "waiting"},  # a rating on a ticket that was not served
    {"service": "s" * 10_000},
])
def test_events_out_of_the_hubs_range_are_parked(central, server, change):
    hub = enrol(central, server, "Phường Cửa Nam", HUB)
    events = hub_events(HUB)
    target = _rating_event(events)
    target["data"]["ticket"].update(change)
    answer = hub.post(events).json()
    parked = {r["seq"]: r["reason"] for r in answer["results"] if r["status"] == "rejected"}
    assert list(parked) == [target["seq"]], parked
    assert answer["acked"] == len(events)  # parked, counted as held, nothing blocked
    with central.db.read() as conn:
        best = conn.execute(text("SELECT max(rating) FROM tickets WHERE hub_id = :h"),
                            {"h": HUB}).scalar_one()
    assert best <= 3
    hub.close()


def test_a_full_scale_rating_and_comment_are_stored(central, server):
    hub = enrol(central, server, "Phường Cửa Nam", HUB)
    events = hub_events(HUB)
    _rating_event(events)["data"]["ticket"].update(rating=3, rating_comment="ư" * 500)
    answer = hub.post(events).json()
    assert {r["status"] for r in answer["results"]} == {"stored"}
    hub.close()


def _big_catalogue() -> dict:
    doc = default_catalog().to_dict()
    doc["services"][0]["name_vi"] = "Thủ tục " + "x" * MAX_CATALOG_BYTES
    return doc


def test_central_does_not_publish_a_catalogue_a_hub_would_refuse(central, tmp_data,
                                                                 db_url):
    with pytest.raises(CatalogError, match="a hub accepts"):
        central.catalogs.publish(_big_catalogue())
    assert central.catalogs.latest().version == 0
    big = tmp_data / "big.json"
    big.write_text(json.dumps(_big_catalogue()), encoding="utf-8")
    assert main(["central", "catalog", str(big), "--db", db_url]) == 2
    assert central.catalogs.latest().version == 0


def test_a_hub_refuses_an_oversized_catalogue_from_central(central, server, tmp_path):
    from onestop.sync.pusher import SyncError
    from onestop.sync.pusher import enrol as enrol_hub
    from tests.sync.syncenv import new_hub

    with central.db.write() as conn:  # as an older central would have published it
        body = json.dumps(_big_catalogue(), ensure_ascii=False)
        conn.execute(text("INSERT INTO catalogs (version, etag, data, published_at) "
                          "VALUES (1, '\"big\"', :d, '2026-11-25T00:00:00')"), {"d": body})
    hub = new_hub(tmp_path / "hub")
    enrol_hub(hub.outbox, server.url, central.auth.create_enrol_code("Phường Cửa Nam"),
              clock=hub.store.clock)
    from onestop.compose import build_sync

    worker = build_sync(hub)
    before = hub.store.catalog.to_dict()
    with pytest.raises(SyncError, match="a hub accepts"):
        worker.catalog.pull(hub.outbox.link())
    assert hub.store.catalog.to_dict() == before
    hub.close()


def test_the_catalogue_limit_is_the_hubs_body_limit():
    from onestop.hub.http_errors import MAX_BODY

    assert MAX_CATALOG_BYTES == MAX_BODY
