"""Commands applied at most once per (station, Idempotency-Key).

A station that sends a command and loses the answer (Wi-Fi drop, hub restart) sends it again
with the same key; it gets the first answer back instead of a second call, action or check-in.
The command and its remembered answer commit in one transaction, so a crash between them
leaves neither. Stations send a key with every POST (desktop/client.py HubClient.call)."""

from __future__ import annotations

import json
from collections.abc import Callable

from fastapi import Response
from fastapi.responses import JSONResponse

from .auth import Station
from .store import HubStore


def once(store: HubStore, st: Station, key: str | None, command: Callable[[], object]):
    """Run `command` unless this station already ran it under `key`; then replay its answer
    (a 204 stays a 204; a JSON answer comes back with `Idempotent-Replay: true`)."""
    if not key:
        return command()
    scoped = f"{st.id}:{key}"
    with store.write() as db:
        row = db.execute("SELECT response FROM command_log WHERE key = ?", [scoped]).fetchone()
        if row is not None:
            saved = json.loads(row[0])
            if saved is None:
                return Response(status_code=204)
            return JSONResponse(saved, headers={"Idempotent-Replay": "true"})
        result = command()
        saved = None if isinstance(result, Response) else result
        db.execute("INSERT INTO command_log (key, station, response, created_at) "
                   "VALUES (?, ?, ?, ?)", [scoped, st.id, json.dumps(saved, ensure_ascii=False),
                                           store.clock().isoformat()])
        return result
