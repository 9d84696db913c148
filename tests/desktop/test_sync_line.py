"""The supervisor's sync line against a real hub: not linked, waiting events with the last
error, and the "sync now" button reaching the hub's worker."""

from __future__ import annotations

from datetime import UTC, datetime

from onestop.desktop.client import HubClient
from onestop.desktop.qtapp import application
from onestop.desktop.sync_line import FAULT, WAITING, SyncLine, sync_colour

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
        w.now.click()  # POST /api/sync/now answers with the state
    w.client.stop()


def test_refused_token_is_red():
    assert sync_colour({"configured": True, "needs_enrolment": True}) == FAULT
