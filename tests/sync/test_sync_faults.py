"""Store-and-forward sync through a fault-injecting proxy to a real central (SQLite and
PostgreSQL): whatever the network does, once the faults stop central holds exactly the hub's
events, once each, in order; a week offline drains; three hubs share one central."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest

from onestop.sync.pusher import SyncWorker
from tests.clock import FakeClock, hanoi
from tests.sync.faultproxy import FaultProxy
from tests.sync.syncenv import (
    assert_exactly_once,
    drain,
    enrol_hub,
    new_hub,
    seed_days,
    some_events,
    start_central,
)

EVERY_FAULT = ["drop_request", "drop_response", "500", "503", "429", "timeout",
               "close_mid_body", "duplicate", "duplicate_concurrent", "delay:0.2",
               "status:502", "ok"]


@pytest.fixture
def proxy(central):
    with FaultProxy(central.url, path_prefix="/api/sync/", hang_s=5.0) as fp:
        yield fp


def test_every_fault_then_chaos_then_heal_delivers_exactly_once(central, proxy, tmp_path):
    hub = new_hub(tmp_path / "hub")
    try:
        enrol_hub(hub, central, "Phường Cửa Nam", url=proxy.url)
        seed_days(hub, 1, tickets=60)
        worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=40, timeout=1.0,
                            rng=random.Random(3))
        proxy.plan(EVERY_FAULT * 2)
        for _ in range(len(EVERY_FAULT) * 2):
            worker.run_cycle()
        assert all(proxy.stats.get(k) for k in (
            "drop_request", "drop_response", "timeout", "duplicate", "close_mid_body", "429"))
        proxy.chaos({"drop_request": 0.15, "drop_response": 0.15, "500": 0.1, "429": 0.05,
                     "close_mid_body": 0.1, "duplicate": 0.1, "timeout": 0.05}, seed=11)
        rng = random.Random(5)
        for _ in range(30):
            some_events(hub, rng, 5)
            worker.run_cycle()
        proxy.heal()
        drain(worker)
        assert_exactly_once(central, hub)
    finally:
        hub.close()


def test_a_week_offline_drains_completely(central, tmp_path):
    """10,000+ events made while central is unreachable all arrive once the link is back."""
    hub = new_hub(tmp_path / "hub")
    try:
        with FaultProxy(central.url, path_prefix="/api/sync/") as proxy:
            enrol_hub(hub, central, "Phường Hoàn Kiếm", url=proxy.url)
            proxy.chaos({"drop_request": 1.0}, seed=1)
            worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=500)
            seed_days(hub, 5, tickets=500)  # a working week of busy days
            for _ in range(3):
                worker.run_cycle()
                assert worker.state == "retrying"
            assert hub.outbox.acked() == 0 and hub.outbox.pending() >= 10_000
            status = hub.sync_status()
            assert status["last_error"] and status["last_success"] is None
            proxy.heal()
            drain(worker)
        assert_exactly_once(central, hub)
        assert hub.sync_status()["last_error"] is None
    finally:
        hub.close()


def test_clock_jumps_do_not_reorder_or_drop(central, tmp_path):
    """The hub's clock jumps back a day and forward a month: order is by seq only."""
    clock = FakeClock(hanoi(2026, 11, 23, 9, 0))
    hub = new_hub(tmp_path / "hub", clock)
    try:
        enrol_hub(hub, central, "Phường Ba Đình")
        worker = SyncWorker(hub.outbox, clock=clock, batch_size=7)
        rng = random.Random(2)
        for jump in (timedelta(0), timedelta(days=-1), timedelta(hours=-5), timedelta(days=31),
                     timedelta(minutes=3)):
            clock.now += jump
            some_events(hub, rng, 12)
            worker.run_cycle()
        drain(worker)
        assert_exactly_once(central, hub)
    finally:
        hub.close()


def test_three_hubs_at_once_into_one_postgresql_central(pg_url, tmp_path):
    env = start_central(pg_url)
    hubs = [new_hub(tmp_path / f"hub{i}") for i in range(3)]
    try:
        for hub, ward in zip(hubs, ["Phường Cửa Nam", "Phường Hoàn Kiếm", "Phường Ba Đình"],
                             strict=True):
            enrol_hub(hub, env, ward)
        errors: list[BaseException] = []

        def run(i: int) -> None:
            try:
                hub = hubs[i]
                worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=25)
                rng = random.Random(i)
                for _ in range(12):
                    some_events(hub, rng, 10)
                    worker.run_cycle()
                drain(worker)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not errors, errors
        for hub in hubs:
            assert_exactly_once(env, hub)
        hub_ids = {h.store.hub_id for h in hubs}
        listed = {h["hub_id"]: h for h in env.central.views.hubs()}
        assert set(listed) == hub_ids
        for hub in hubs:
            assert listed[hub.store.hub_id]["events"] == hub.store.last_event_seq()
    finally:
        for hub in hubs:
            hub.close()
        env.stop()


def test_events_the_hub_sends_twice_concurrently_count_once(central, tmp_path):
    hub = new_hub(tmp_path / "hub")
    try:
        with FaultProxy(central.url, path_prefix="/api/sync/") as proxy:
            enrol_hub(hub, central, "Phường Cửa Nam", url=proxy.url)
            seed_days(hub, 1, tickets=20)
            proxy.chaos({"duplicate_concurrent": 1.0}, seed=1)
            worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=30)
            drain(worker)
            assert proxy.stats["duplicate_concurrent"] >= 2
        assert_exactly_once(central, hub)
    finally:
        hub.close()
