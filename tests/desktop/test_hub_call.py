"""HubClient.call, the one way a station calls the hub (issue 14, item 4), against a real hub
on loopback: answers come back on the GUI thread, never to a closed or deleted window; an error
without a handler is shown in the window; a 2xx answer that is not the hub's (a Wi-Fi login
page) is a failure shown to the officer, not an exception that leaves the buttons disabled."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QWidget

from onestop.desktop.base import StationWindow
from onestop.desktop.client import HubClient, receiving
from onestop.desktop.qtapp import application
from tests.desktop.test_counter import desk, issue, ready_to_call  # noqa: F401 (fixture)

WAIT = 15_000
PORTAL = b"<html><body><h1>Login to CafeWifi</h1><form>...</form></body></html>"


@pytest.fixture
def client(qtbot, live_hub):
    application("vi")
    c = HubClient(live_hub.url, live_hub.token("supervisor"))
    yield c
    c.stop()


@pytest.fixture
def portal():
    """A captive portal on loopback: every request gets 200 and an HTML login page."""
    class Page(BaseHTTPRequestHandler):
        def _page(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PORTAL)))
            self.end_headers()
            self.wfile.write(PORTAL)

        do_GET = do_POST = _page

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_answers_and_errors_arrive_on_the_gui_thread(qtbot, client):
    gui = QCoreApplication.instance().thread()
    owner = QObject()
    threads = []
    for path in ("/api/state", "/api/tickets/nope"):  # one answer, one refusal (404)
        with qtbot.waitCallback(timeout=WAIT) as answered:
            def record(value, answered=answered):
                threads.append(QThread.currentThread())
                answered(value)

            client.call(owner, "GET", path, done=record, failed=record)
        assert answered.args[0] is not None
    assert threads == [gui, gui]


def test_an_answer_after_the_window_closed_does_nothing(qtbot, client):
    window = StationWindow(client, "t")
    qtbot.addWidget(window)
    window.show()
    calls = []
    replies = [client.call(window, "GET", "/api/state", done=calls.append, failed=calls.append),
               client.call(window, "GET", "/api/tickets/nope")]  # no handler: the default
    window.close()
    assert window.window_closed and not receiving(window)
    with qtbot.waitSignals([reply.finished for reply in replies], timeout=WAIT):
        pass  # both answers arrive (no event loop ran since they were sent)
    assert calls == [] and window.error_line.text() == ""
    window.show()  # shown again: answers are welcome again
    assert receiving(window)


def test_an_answer_after_the_widget_was_deleted_does_nothing(qtbot, client):
    calls = []
    widget = QWidget()
    reply = client.call(widget, "GET", "/api/state", done=calls.append, failed=calls.append)
    shiboken6.delete(widget)
    with qtbot.waitSignal(reply.finished, timeout=WAIT):
        pass
    assert calls == []


def test_an_error_without_a_handler_is_shown_in_the_window(qtbot, client):
    window = StationWindow(client, "t")
    qtbot.addWidget(window)
    window.show()
    inner = QWidget(window.centralWidget())  # any widget of the window may own the call
    client.call(inner, "POST", "/api/tickets", {"service": "nope"})
    qtbot.waitUntil(window.error_line.isVisible, timeout=WAIT)
    assert "Không có thủ tục" in window.error_line.text()


def test_a_login_page_instead_of_json_is_a_failure(qtbot, client, portal):
    client.base_url = portal
    owner = QObject()
    for raw in (False, True):
        with qtbot.waitCallback(timeout=WAIT) as failed:
            client.call(owner, "GET", "/api/state", done=lambda _v: None, failed=failed,
                        raw=raw)
        error = failed.args[0]
        assert error.code == "unexpected_answer" and error.status == 0
        assert "đăng nhập Wi-Fi" in error.message and "text/html" in error.message_en


def test_counter_shows_a_login_page_as_an_error_and_its_buttons_come_back(
        qtbot, desk, live_hub, portal):  # noqa: F811 (fixture)
    w = desk
    ready_to_call(qtbot, w, live_hub)
    issue(live_hub)
    qtbot.waitUntil(w.buttons["next"].isEnabled, timeout=WAIT)
    hub = w.client.base_url
    w.client.base_url = portal  # the Wi-Fi starts answering in the hub's place
    w.trigger("next")
    assert w.busy and not w.buttons["next"].isEnabled()  # in flight: one command at a time
    qtbot.waitUntil(lambda: not w.busy, timeout=WAIT)
    assert w.message.isVisible() and "đăng nhập Wi-Fi" in w.message.text()
    assert w.buttons["next"].isEnabled() and w.current is None
    w.client.base_url = hub  # the network is back: the same press calls the citizen once
    w.trigger("next")
    qtbot.waitUntil(lambda: w.current is not None and not w.busy, timeout=WAIT)
    assert w.current["number"] == "A001"


def test_call_is_the_only_way_windows_reach_the_hub():
    """No second convention left: no get/post shortcuts, no guard of its own in a window,
    no HTTP library next to Qt (pairing.py runs from the command line, before any window)."""
    from pathlib import Path

    assert not [m for m in ("get", "post", "put", "patch", "delete", "get_bytes")
                if hasattr(HubClient, m)]
    folder = Path(__file__).resolve().parents[2] / "onestop" / "desktop"
    own_guards = [p.name for p in folder.glob("*.py") if p.name != "client.py"
                  and ("isValid" in p.read_text(encoding="utf-8")
                       or "while_alive" in p.read_text(encoding="utf-8"))]
    http = [p.name for p in folder.glob("*.py") if p.name != "pairing.py"
            and any(f"import {lib}" in p.read_text(encoding="utf-8")
                    for lib in ("httpx", "requests", "urllib.request"))]
    assert own_guards == [] and http == []
