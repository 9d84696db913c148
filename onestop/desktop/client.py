"""The stations' connection to the hub: REST calls with QNetworkAccessManager, live events
with QWebSocket, both on the GUI thread's event loop (no threads, no blocking).

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
from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebSockets import QWebSocket

log = logging.getLogger(__name__)
BACKOFF_START_MS = 500
BACKOFF_MAX_MS = 10_000
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class HubError:
    """A refused or failed call, ready to show: `message` is in the window's language."""

    status: int  # HTTP status, 0 when the hub could not be reached
    code: str
    message: str
    message_en: str = ""


Done = Callable[[object], None]
Failed = Callable[[HubError], None]


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

    # --- REST --------------------------------------------------------------------------------
    def get(self, path: str, done: Done, failed: Failed | None = None) -> QNetworkReply:
        return self._send("GET", path, None, done, failed)

    def get_bytes(self, path: str, done: Done, failed: Failed | None = None) -> QNetworkReply:
        """GET a file (a report PDF, an export): `done` receives the raw bytes."""
        return self._send("GET", path, None, done, failed, raw=True)

    def post(self, path: str, body: dict | None, done: Done, failed: Failed | None = None,
             *, key: str | None = None, raw: bool = False) -> QNetworkReply:
        """POST with an idempotency key (a new one unless the caller retries with its own);
        with `raw`, `done` receives the answer's bytes (a PDF) instead of JSON."""
        return self._send("POST", path, body, done, failed, key or uuid.uuid4().hex, raw=raw)

    def patch(self, path: str, body: dict, done: Done, failed: Failed | None = None):
        return self._send("PATCH", path, body, done, failed, uuid.uuid4().hex)

    def put(self, path: str, body: dict, done: Done, failed: Failed | None = None):
        """Replace a whole resource (the ward identity, the catalogue)."""
        return self._send("PUT", path, body, done, failed, uuid.uuid4().hex)

    def delete(self, path: str, done: Done, failed: Failed | None = None):
        return self._send("DELETE", path, None, done, failed, uuid.uuid4().hex)

    def _send(self, method: str, path: str, body: dict | None, done: Done,
              failed: Failed | None, key: str | None = None, raw: bool = False) -> QNetworkReply:
        request = QNetworkRequest(QUrl(self.base_url + path))
        request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        request.setRawHeader(b"Content-Type", b"application/json")
        request.setTransferTimeout(TIMEOUT_MS)
        if key:
            request.setRawHeader(b"Idempotency-Key", key.encode())
        data = json.dumps(body or {}).encode() if method != "GET" else b""
        if method == "GET":
            reply = self._net.get(request)
        else:
            reply = self._net.sendCustomRequest(request, method.encode(), data)
        reply.finished.connect(lambda: self._finished(reply, done, failed, raw))
        return reply

    def _finished(self, reply: QNetworkReply, done: Done, failed: Failed | None,
                  raw_body: bool = False) -> None:
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) or 0
        raw = bytes(reply.readAll().data())
        reply.deleteLater()
        if status and 200 <= status < 300:
            done(raw if raw_body else (json.loads(raw) if raw else None))
            return
        error = self._error(status, raw, reply.errorString())
        log.info("hub call failed: %s %s", error.code, error.message_en)
        if failed is not None:
            failed(error)

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
        return HubError(status, body.get("code", "http_error"),
                        vi if self.language == "vi" else en, en)
