"""The data folder's local tokens: how this PC's own programs reach its hub without pairing.

Single-PC mode keeps a token for every station in `<data>/local-stations.json`; a headless hub
keeps an admin token for the admin commands in `<data>/admin-token.json`. Both files are 0600
(docs/security.md).
"""

from __future__ import annotations

import contextlib
import json
import os

LOCAL_TOKENS = "local-stations.json"
ADMIN_TOKEN = "admin-token.json"


def read_tokens(path) -> dict:
    with contextlib.suppress(OSError, ValueError):
        tokens = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(tokens, dict):
            return {k: v for k, v in tokens.items() if isinstance(v, str)}
    return {}


def _write_secret(path, data: dict) -> None:
    """A token file, readable by this user only (0600 from the start, then replaced whole)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1))
    os.replace(tmp, path)


def provision_local_tokens(hub) -> dict:
    """Single-PC mode: tokens for every station on this PC, kept in the data folder (0600)
    so the launcher can open any window without pairing. Valid tokens are kept; a counter
    added since gets one, a removed counter's (revoked) one is dropped."""
    path = hub.settings.data_dir / LOCAL_TOKENS
    old = read_tokens(path)
    tokens = {}
    for role in ("reception", "display", "supervisor", "admin", "kiosk"):
        token = old.get(role)
        tokens[role] = token if token and _valid(hub, token) else hub.auth.create_token(
            role, name=f"local {role}")
    for c in hub.store.counters():
        token = old.get(f"counter{c.number}")
        tokens[f"counter{c.number}"] = token if token and _valid(hub, token) else \
            hub.auth.create_token("counter", c.number, name=f"local counter {c.number}")
    if tokens != old:
        _write_secret(path, tokens)
    return tokens


def local_admin_token(hub) -> str:
    """The data folder's admin token for the admin commands on this PC (onestop officer,
    counter-config, ward, catalog, token): single-PC mode's, else `admin-token.json` (0600),
    made once and kept while it stays valid."""
    data = hub.settings.data_dir
    for token in (read_tokens(data / LOCAL_TOKENS).get("admin"),
                  read_tokens(data / ADMIN_TOKEN).get("admin")):
        if token and _valid(hub, token):
            return token
    token = hub.auth.create_token("admin", name="local admin (command line)")
    _write_secret(data / ADMIN_TOKEN, {"admin": token})
    return token


def _valid(hub, token: str) -> bool:
    try:
        hub.auth.authenticate(token)
    except Exception:
        return False
    return True
