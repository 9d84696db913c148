"""A small central for the inbox tests, following the contract exactly (docs/sync.md, "Inbox"):
`GET /api/hub/inbox?after=ID` with the hub's bearer token → `{"items": [...], "next"}`, at most
100 items in ascending id after `after`. It also acknowledges pushed event batches (so the
worker's whole cycle runs) and answers 304 for the catalogue and bookings. Faults are planned
per request: "down" (connection closed before any answer: central unreachable), "lost" (the
answer is computed, then the connection drops: the hub never sees it), "500", "garbage".

Central's real inbox endpoint is being written at the same time by another helper; the
coordinator adds the end-to-end test against it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = "hub-token-for-tests"
PAGE = 100


class FakeCentral:
    def __init__(self) -> None:
        self.items: list[dict] = []
        self.faults: list[str] = []
        self.afters: list[int] = []   # the `after` of every inbox request, in order
        self.events: list[dict] = []  # every pushed event (duplicates included)
        self.ignore_after = False     # answer from the start whatever `after` says
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeCentral:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, kind: str, data: dict, at: str = "2026-11-25T02:00:00+00:00") -> int:
        with self._lock:
            item_id = (self.items[-1]["id"] if self.items else 0) + 1
            self.items.append({"id": item_id, "kind": kind, "at": at, "data": data})
            return item_id

    def answer(self, after: int) -> dict:
        with self._lock:
            start = 0 if self.ignore_after else after
            items = [i for i in self.items if i["id"] > start][:PAGE]
        return {"items": items, "next": items[-1]["id"] if items else after}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:
                pass

            def _send(self, status: int, body: object | None = None) -> None:
                raw = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _fault(self) -> str | None:
                with fake._lock:
                    return fake.faults.pop(0) if fake.faults else None

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                url = urlparse(self.path)
                if url.path != "/api/hub/inbox":
                    return self._send(304)  # catalogue, bookings: unchanged
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._send(401, {"code": "unauthorised", "message": "no"})
                fault = self._fault()
                if fault == "down":
                    self.close_connection = True
                    return
                after = int(parse_qs(url.query).get("after", ["0"])[0])
                fake.afters.append(after)
                body = fake.answer(after)
                if fault == "lost":
                    self.close_connection = True  # computed, never delivered
                    return
                if fault == "404":  # a central from before the inbox
                    return self._send(404, {"code": "not_found", "message": "no inbox"})
                if fault == "500":
                    return self._send(500, {"code": "internal", "message": "boom"})
                if fault == "garbage":
                    return self._send(200, ["not", "an", "inbox"])
                self._send(200, body)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                batch = json.loads(self.rfile.read(length))
                fake.events.extend(batch["events"])
                acked = max(e["seq"] for e in batch["events"])
                self._send(200, {"protocol": 1, "hub_id": batch["hub_id"], "acked": acked,
                                 "received_at": batch["sent_at"], "skew_s": 0.0,
                                 "results": [{"seq": e["seq"], "status": "stored",
                                              "reason": None} for e in batch["events"]]})

        return Handler
