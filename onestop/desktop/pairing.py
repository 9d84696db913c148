"""Pairing a station PC: `onestop counter 2 --hub URL --pair K7Q2-9MXD` exchanges the one-time
code shown in the supervisor window for this station's own token, and keeps it in the data
folder (0600) for that hub, so later starts need neither code nor token."""

from __future__ import annotations

import contextlib
import json
import os

import httpx

from onestop.errors import CliError
from onestop.settings import Settings

FILE = "paired-stations.json"


def _load(settings: Settings) -> dict:
    try:
        return json.loads((settings.data_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def saved_token(settings: Settings, hub_url: str, key: str) -> str | None:
    return _load(settings).get(hub_url.rstrip("/"), {}).get(key)


def pair(settings: Settings, hub_url: str, code: str, key: str, name: str = "") -> str:
    """Redeem `code` at the hub; save and return the token. Refuses a code for another role
    or counter than the window being opened, so a counter-2 code cannot open counter 3."""
    try:
        answer = httpx.post(f"{hub_url.rstrip('/')}/api/pair",
                            json={"code": code, "name": name or key}, timeout=15)
    except httpx.HTTPError as exc:
        raise CliError(f"cannot reach the hub at {hub_url}: {exc}") from exc
    if answer.status_code != 200:
        try:
            message = answer.json().get("message", answer.text)
        except ValueError:
            message = answer.text
        raise CliError(f"pairing refused: {message}")
    body = answer.json()
    paired = f"counter{body['counter']}" if body["role"] == "counter" else body["role"]
    if paired != key:
        raise CliError(f"this code pairs a {paired} station, not {key}")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    data = _load(settings)
    data.setdefault(hub_url.rstrip("/"), {})[key] = body["token"]
    path = settings.data_dir / FILE
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return body["token"]
