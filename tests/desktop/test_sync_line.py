"""The supervisor's sync line against a real hub: not linked, waiting events with the last
error, and the "sync now" click that makes the hub's real sync worker, halted until someone
acts, deliver the waiting events to a real central on loopback."""

from __future__ import annotations

from datetime import UTC, datetime

from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.sync_line import FAULT, OK, WAITING, SyncLine, sync_colour
from tests.sync.faultproxy import FaultProxy
from tests.sync.syncenv import assert_exactly_once, enrol_hub, start_central

WAIT = 15_000


def line(qtbot, live_hub) -> SyncLine:
    application("vi")
    client = HubClient(live_hub.url, live_hub.token("supervisor"))
    widget = SyncLine(client)
    qtbot.addWidget(widget)
    return widget


def test_a_hub_not_linked_says_data_stays_here(qtbot, live_hub):
    w = line(qtbot, live_hub)
    with qtbot.waitSignal(w.sig_sync, timeout=WAIT) as got:
        w.fetch()
    assert got.args[0]["configured"] is False
    assert "chỉ lưu trên máy này" in w.label.text() and not w.now.isVisibleTo(w)
    w.client.stop()


def test_waiting_events_and_the_last_error_are_shown(qtbot, live_hub):
    hub = live_hub.hub
    hub.outbox.enrolled("http://127.0.0.1:9", "t" * 40, "Phường Cửa Nam", None, 0,
                        datetime.now(UTC))
    hub.outbox.failed("central unreachable: ConnectError", datetime.now(UTC))
    with live_hub.client("reception") as rec:
        assert rec.post("/api/tickets", json={"service": "2.000815"}).status_code == 201
    w = line(qtbot, live_hub)
    with qtbot.waitSignal(w.sig_sync, timeout=WAIT) as got:
        w.fetch()
    sync = got.args[0]
    assert sync["pending"] >= 1 and sync_colour(sync) == WAITING
    text = w.label.text()
    assert f"Còn {sync['pending']} sự kiện chờ gửi" in text and "ConnectError" in text
    assert w.now.isVisibleTo(w)
    with qtbot.waitSignal(w.sig_sync, timeout=WAIT):
        w.now.click()  # POST /api/sync/now answers with the state (no worker runs here)
    w.client.stop()


def test_sync_now_makes_the_halted_worker_deliver_to_central(qtbot, live_hub, tmp_path):
    """Central answers the worker's first batch with a 400, which halts it: it will not send
    again by itself, whatever is committed. Only the click can bring the events to central."""
    central = start_central(f"sqlite:///{tmp_path / 'central.db'}")
    proxy = FaultProxy(central.url, path_prefix="/api/sync/events").start()
    hub = live_hub.hub
    try:
        enrol_hub(hub, central, "Phường Cửa Nam", url=proxy.url)
        with live_hub.client("reception") as rec:
            for _ in range(3):
                assert rec.post("/api/tickets", json={"service": "2.000815"}).status_code == 201
        proxy.plan(["status:400"])
        worker = hub.start_sync()
        assert proxy.wait_for(lambda p: p.stats["status:400"] == 1, timeout=20)
        qtbot.waitUntil(lambda: worker.state == "halted", timeout=WAIT)
        with live_hub.client("reception") as rec:  # a new event does not wake a halted worker
            assert rec.post("/api/tickets", json={"service": "1.001193"}).status_code == 201
        w = line(qtbot, live_hub)
        with qtbot.waitSignal(w.sig_sync, timeout=WAIT) as got:
            w.fetch()
        assert got.args[0]["state"] == "halted" and sync_colour(got.args[0]) == FAULT
        assert got.args[0]["pending"] == hub.store.last_event_seq() > 0
        assert central.held(hub.store.hub_id) == [] and proxy.history == [
            ("POST", "/api/sync/events", "status:400")]  # nothing was sent since the 400
        assert "Chưa đồng bộ lần nào" in w.label.text() and "400" in w.label.text()
        assert w.now.isVisibleTo(w) and w.now.isEnabled()

        w.now.click()
        # Central commits before the hub records its answer: wait for both sides.
        qtbot.waitUntil(lambda: len(central.held(hub.store.hub_id)) == hub.store.last_event_seq()
                        == hub.outbox.acked(), timeout=WAIT)
        assert_exactly_once(central, hub)
        # The line follows: its fetch after the click shows nothing left to send.
        with qtbot.waitSignal(w.sig_sync, timeout=WAIT, check_params_cb=lambda sync: (
                sync["pending"] == 0 and sync["state"] == "idle")) as done:
            pass
        text = w.label.text()
        assert "Lần đồng bộ gần nhất" in text and "Còn 0 sự kiện chờ gửi" in text, text
        assert sync_colour(done.args[0]) == OK and w.now.isEnabled()
        w.client.stop()
    finally:
        if hub.sync is not None:
            hub.sync.stop()
        proxy.stop()
        central.stop()


def test_refused_token_is_red():
    assert sync_colour({"configured": True, "needs_enrolment": True}) == FAULT
