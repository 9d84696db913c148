"""A hypothesis state machine mixing issuing, syncing through network faults, hub crashes
(also right after central committed a batch but before the hub recorded it) and clock jumps.
Invariants: central never holds an event the hub does not have, never a different one under
the same seq, and the hub never believes more is acknowledged than central holds. At the end,
with the faults healed, central holds exactly the hub's events once each."""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from onestop.sync.pusher import SyncWorker
from tests.clock import FakeClock, hanoi
from tests.sync.faultproxy import FaultProxy
from tests.sync.syncenv import (
    CentralEnv,
    assert_exactly_once,
    drain,
    enrol_hub,
    hub_events,
    new_hub,
    some_events,
    start_central,
)

FAULTS = ["ok", "ok", "drop_request", "drop_response", "500", "429", "close_mid_body",
          "duplicate", "status:409"]


class Crash(Exception):
    """The hub process dies here (power cut, SIGKILL)."""


class SyncMachine(RuleBasedStateMachine):
    env: CentralEnv
    proxy: FaultProxy

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="onestop-sync-machine-"))
        self.clock = FakeClock(hanoi(2026, 11, 23, 8, 0))
        self.rng = random.Random(0)
        self.hub = new_hub(self.folder, self.clock)
        enrol_hub(self.hub, self.env, "Phường Cửa Nam", url=self.proxy.url)
        self.worker = self._worker()

    def _worker(self) -> SyncWorker:
        return SyncWorker(self.hub.outbox, clock=self.clock, batch_size=6, timeout=2.0)

    def _restart(self) -> None:
        self.hub.close()
        self.hub = new_hub(self.folder, self.clock)
        self.worker = self._worker()

    @rule(n=st.integers(1, 12))
    def events(self, n: int) -> None:
        some_events(self.hub, self.rng, n)

    @rule(fault=st.sampled_from(FAULTS))
    def sync(self, fault: str) -> None:
        self.proxy.plan([fault])
        self.worker.run_cycle()

    @rule()
    def crash_after_central_committed(self) -> None:
        def die(*_args, **_kwargs):
            raise Crash
        self.hub.outbox.acknowledged = die
        self.proxy.plan(["ok"])
        try:
            self.worker.push_pending(max_batches=1)
        except Crash:
            pass
        except Exception:  # nothing to send, or the answer was not reached: still a crash
            pass
        self._restart()

    @rule()
    def crash_and_restart(self) -> None:
        self._restart()

    @rule(minutes=st.integers(-3 * 24 * 60, 40 * 24 * 60))
    def clock_jump(self, minutes: int) -> None:
        self.clock.now += timedelta(minutes=minutes)

    @invariant()
    def central_holds_only_the_hubs_events(self) -> None:
        mine = dict(hub_events(self.hub))
        held = self.env.held(self.hub.store.hub_id)
        assert all(mine.get(seq) == event_id for seq, event_id, _ in held)
        acked = self.env.hub_row(self.hub.store.hub_id)["acked"]
        assert self.hub.outbox.acked() <= acked

    def teardown(self) -> None:
        try:
            self.proxy.heal()
            drain(self._worker())
            assert_exactly_once(self.env, self.hub)
        finally:
            self.hub.close()
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def sync_world(tmp_path_factory):
    env = start_central(f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.db'}")
    proxy = FaultProxy(env.url, path_prefix="/api/sync/", hang_s=5.0).start()
    yield env, proxy
    proxy.stop()
    env.stop()


def test_sync_state_machine(sync_world):
    SyncMachine.env, SyncMachine.proxy = sync_world
    run = SyncMachine.TestCase
    run.settings = settings(max_examples=20, stateful_step_count=20, deadline=None,
                            suppress_health_check=[HealthCheck.too_slow])
    run().runTest()
