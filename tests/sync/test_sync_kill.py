"""The hub's sync killed with SIGKILL at random moments, 50 times, while events keep coming:
central ends with exactly the hub's events, nothing lost, nothing twice, and the hub's
database stays intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import httpx

from tests.sync.syncenv import (
    assert_exactly_once,
    drain,
    enrol_hub,
    new_hub,
    seed_days,
    some_events,
)

ROUNDS = 50


def push_process(data_dir) -> subprocess.Popen:
    env = {**os.environ, "ONESTOP_DATA": str(data_dir)}
    return subprocess.Popen([sys.executable, "-m", "onestop", "sync", "push", "--batch", "5"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_during_sync_loses_and_duplicates_nothing(central, tmp_path):
    from onestop.sync.pusher import SyncWorker

    folder = tmp_path / "hub"
    hub = new_hub(folder)
    rng = random.Random(20261125)
    killed_mid_push = 0
    try:
        enrol_hub(hub, central, "Phường Cửa Nam")
        seed_days(hub, 1, tickets=200)
        for round_ in range(ROUNDS):
            some_events(hub, rng, 100)  # about 20 batches of 5: a push outlasts the window
            before = central.hub_row(hub.store.hub_id)["acked"]
            proc = push_process(folder)
            if round_ % 5 == 0:  # any moment at all: start-up, mid-batch, or done
                time.sleep(rng.uniform(0.0, 1.5))
            else:  # once batches flow, a random moment among them
                deadline = time.monotonic() + 30
                while central.hub_row(hub.store.hub_id)["acked"] == before and \
                        proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.08))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                after = central.hub_row(hub.store.hub_id)["acked"]
                killed_mid_push += before < after < hub.store.last_event_seq()
            proc.wait(30)
            assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read().decode()
        with hub.store.reading() as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        drain(SyncWorker(hub.outbox, clock=hub.store.clock))
        assert_exactly_once(central, hub)
        assert killed_mid_push >= ROUNDS // 2, \
            f"the kills should land while batches are in flight ({killed_mid_push} of {ROUNDS})"
    finally:
        hub.close()


def _pending(port: int) -> int | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=10).json()["sync"][
            "pending"]
    except httpx.HTTPError:  # not listening yet
        return None


def _inbox_pulled(hub) -> bool:
    """The hub's first inbox pull (after a push) brings the city's calendar, one more event."""
    with hub.store.reading() as db:
        return db.execute("SELECT inbox_pulled_at FROM sync_state").fetchone()[0] is not None


def test_hub_process_killed_while_syncing_restarts_and_finishes(central, tmp_path):
    """The real `onestop hub` (its sync worker running) killed 3 times mid-backlog."""
    from onestop.serving import free_port

    folder = tmp_path / "hub"
    hub = new_hub(folder)
    try:
        enrol_hub(hub, central, "Phường Hoàn Kiếm")
        seed_days(hub, 2, tickets=300)
        total = hub.store.last_event_seq()
        # Small batches, so the kills land while the backlog is half sent.
        (folder / "settings.json").write_text('{"sync_batch_events": 10}', encoding="utf-8")
        env = {**os.environ, "ONESTOP_DATA": str(folder)}
        for round_ in range(4):
            port = free_port()
            proc = subprocess.Popen([sys.executable, "-m", "onestop", "hub", "--port",
                                     str(port)], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    acked = central.hub_row(hub.store.hub_id)["acked"]
                    # The hub writes events of its own too (the city's holiday calendar from
                    # the inbox after enrolment), so "everything" is re-read, not fixed.
                    everything = hub.store.last_event_seq()
                    if round_ < 3 and 0 < acked < total:
                        break
                    if round_ == 3 and acked == everything and _pending(port) == 0 \
                            and _inbox_pulled(hub):
                        break
                    time.sleep(0.05)
                if round_ == 3:
                    assert acked == hub.store.last_event_seq() >= total
                    assert _pending(port) == 0
            finally:
                proc.send_signal(signal.SIGKILL if round_ < 3 else signal.SIGTERM)
                proc.wait(30)
        assert_exactly_once(central, hub)
    finally:
        hub.close()
