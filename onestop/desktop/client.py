"""The stations' connection to the hub: REST calls with QNetworkAccessManager, live events
with QWebSocket, both on the GUI thread's event loop (no threads, no blocking).

* `call(owner, method, path, ...)` is the one way a window calls the hub: answers come back on
  the GUI thread only while the owner lives, and an error nobody handles is shown in the
  owner's window (`show_hub_error`).
* Every mutating call carries an `Idempotency-Key`; a call retried after a lost answer is
  applied once by the hub.
* The event socket reconnects by itself with backoff (0.5 s doubling to 10 s) and resumes
  with `since=<last sequence>`; the hub answers with what was missed, or a fresh snapshot.
* `sig_online` / `sig_offline` let every window say when it has lost the hub.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebSockets import QWebSocket
from shiboken6 import isValid

log = logging.getLogger(__name__)
BACKOFF_START_MS = 500
BACKOFF_MAX_MS = 10_000
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class HubError:
    """A refused or failed call, ready to show: `message` is in the window's language."""

    status: int  # HTTP status; 0 when the hub could not be reached or another server answered
    code: str
    message: str
    message_en: str = ""
    details: dict = field(default_factory=dict, compare=False)  # the error's `details`


Done = Callable[[object], None]
Failed = Callable[[HubError], None]


def ignore(_error: HubError) -> None:
    """A `failed` handler that drops the error: for reads that are asked again anyway."""


def receiving(owner: QObject) -> bool:
    """Whether an answer may still reach `owner`: not deleted, and no station window above it
    closed (a closed window is deleted a moment later; its late answers are dropped)."""
    node = owner
    while node is not None:
        if not isValid(node) or getattr(node, "window_closed", False):
            return False
        node = node.parent()
    return True


def report_error(owner: QObject, error: HubError) -> None:
    """Show `error` where the owner's window shows errors: the nearest object up the parent
    chain with a `show_hub_error(error)` method (every station window has one)."""
    node = owner
    while node is not None:
        show = getattr(node, "show_hub_error", None)
        if callable(show):
            show(error)
            return
        node = node.parent()
    log.warning("hub error with no window to show it: %s %s", error.code, error.message_en)


def _answer(raw: bytes, kind: str, raw_body: bool) -> object:
    """A 2xx body as the caller wants it; ValueError when it is not what the hub sends."""
    if raw_body:
        if kind.startswith("text/html"):
            raise ValueError("an HTML page instead of a file")
        return raw
    if not raw:
        return None
    if kind and "json" not in kind:
        raise ValueError(f"{kind} instead of JSON")
    return json.loads(raw)


class HubClient(QObject):
    sig_online = Signal()
    """The event stream is connected (after start-up or a reconnection)."""
    sig_offline = Signal(str)
    """The hub cannot be reached; the argument says why. The client keeps retrying."""
    sig_state = Signal(dict)
    """A full state snapshot (on connect, on resume when too far behind, after each change)."""
    sig_event = Signal(dict)
    """One committed event, in sequence order, each exactly once."""

    def __init__(self, base_url: str, token: str, *, language: str = "vi",
                 want_state: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.language = language
        self.want_state = want_state
        self.last_seq: int | None = None
        self.online = False
        self.state: dict | None = None
        # Not a child: Qt must delete the manager from its event loop (deleteLater). Deleted
        # in place - by Python dropping the last reference to this client - it crashed the
        # process now and then (a posted event reached a freed network object).
        self._net = QNetworkAccessManager(QCoreApplication.instance() or self)
        self.destroyed.connect(self._net.deleteLater)
        self._ws = QWebSocket(parent=self)
        self._ws.connected.connect(self._on_connected)
        self._ws.disconnected.connect(self._on_disconnected)
        self._ws.textMessageReceived.connect(self._on_message)
        self._backoff = BACKOFF_START_MS
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._open_socket)
        self._stopped = False

    # --- live events -------------------------------------------------------------------------
    def start(self) -> None:
        self._stopped = False
        self._open_socket()

    def stop(self) -> None:
        self._stopped = True
        self._retry.stop()
        self._ws.close()

    def _open_socket(self) -> None:
        ws_base = "ws" + self.base_url[4:] if self.base_url.startswith("http") else self.base_url
        query = f"token={quote(self.token)}"
        if self.last_seq is not None:
            query += f"&since={self.last_seq}"
        if self.want_state:
            query += "&view=state"
        self._ws.open(QUrl(f"{ws_base}/api/events?{query}"))

    def _on_connected(self) -> None:
        self._backoff = BACKOFF_START_MS
        self.online = True
        self.sig_online.emit()

    def _on_disconnected(self) -> None:
        was_online, self.online = self.online, False
        reason = self._ws.closeReason() or self._ws.errorString() or "disconnected"
        if was_online or not self._retry.isActive():
            self.sig_offline.emit(reason)
        if not self._stopped:
            self._retry.start(self._backoff)
            self._backoff = min(self._backoff * 2, BACKOFF_MAX_MS)

    def _on_message(self, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            log.warning("hub sent a message that is not JSON")
            return
        kind = message.get("kind")
        if kind in ("snapshot", "state"):
            self.state = message["state"]
            if kind == "snapshot" or self.last_seq is None:
                self.last_seq = self.state["seq"]
            self.sig_state.emit(self.state)
        elif kind == "event":
            event = message["event"]
            if self.last_seq is not None and event["seq"] <= self.last_seq:
                return
            self.last_seq = event["seq"]
            self.sig_event.emit(event)

    # --- REST: the one way a station calls the hub ------------------------------------------
    def call(self, owner: QObject, method: str, path: str, body: dict | None = None, *,
             done: Done | None = None, failed: Failed | None = None, key: str | None = None,
             raw: bool = False) -> QNetworkReply:
        """Send one request; its answer comes back on the GUI thread, to `owner` only.

        * `done(value)` gets the JSON answer (None for an empty one), or the bytes with `raw`.
        * `failed(error)` gets a HubError; without it the error is shown in the owner's window
          (`report_error`). Pass `ignore` to drop errors on purpose (a read asked again later).
        * Nothing is called once `owner` is deleted or its station window closed.
        * A 2xx answer that is not the hub's (an HTML login page of the Wi-Fi, a proxy) is a
          failure with code `unexpected_answer`, never an exception inside a Qt slot.
        * Every call but GET carries an Idempotency-Key: `key` when the caller retries a
          request whose answer was lost, else a new one; the hub applies it once.
        """
        request = QNetworkRequest(QUrl(self.base_url + path))
        request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        request.setRawHeader(b"Content-Type", b"application/json")
        request.setTransferTimeout(TIMEOUT_MS)
        if method == "GET":
            reply = self._net.get(request)
        else:
            request.setRawHeader(b"Idempotency-Key", (key or uuid.uuid4().hex).encode())
            reply = self._net.sendCustomRequest(request, method.encode(),
                                                json.dumps(body or {}).encode())
        reply.finished.connect(lambda: self._finished(reply, owner, done, failed, raw))
        return reply

    def _finished(self, reply: QNetworkReply, owner: QObject, done: Done | None,
                  failed: Failed | None, raw_body: bool) -> None:
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) or 0
        kind = str(reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader) or "")
        raw = bytes(reply.readAll().data())
        reply.deleteLater()
        if not receiving(owner):
            log.debug("dropped the answer to %s: its window is gone", reply.url().path())
            return
        if status and 200 <= status < 300:
            try:
                value = _answer(raw, kind, raw_body)
            except ValueError:
                error = self._unexpected(status, kind)
            else:
                if done is not None:
                    done(value)
                return
        else:
            error = self._error(status, raw, reply.errorString())
        log.info("hub call failed: %s %s", error.code, error.message_en)
        (failed or (lambda e: report_error(owner, e)))(error)

    def _unexpected(self, status: int, kind: str) -> HubError:
        vi = ("Máy chủ trả lời không đúng định dạng – có thể mạng đang chuyển sang một trang "
              "đăng nhập Wi-Fi hoặc proxy. Kiểm tra mạng rồi thử lại.")
        en = (f"The answer (HTTP {status}, {kind or 'no type'}) is not the hub's: a Wi-Fi "
              "login page or a proxy may be in the way. Check the network and try again.")
        return HubError(0, "unexpected_answer", vi if self.language == "vi" else en, en)

    def _error(self, status: int, raw: bytes, transport: str) -> HubError:
        if not status:
            vi = "Không kết nối được máy chủ (hub). Đang thử lại…"
            en = f"Cannot reach the hub ({transport})"
            return HubError(0, "unreachable", vi if self.language == "vi" else en, en)
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
        en = body.get("message") or f"HTTP {status}"
        vi = body.get("message_vi") or en
        details = body.get("details") if isinstance(body, dict) else None
        return HubError(status, body.get("code", "http_error"),
                        vi if self.language == "vi" else en, en,
                        details if isinstance(details, dict) else {})
