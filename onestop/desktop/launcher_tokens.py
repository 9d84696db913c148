"""Single-PC mode's station tokens follow the live counter list: the hub makes local tokens
only at start (commands/local_tokens.py), so a counter added later by the
set-up or the admin window gets its token here, over the API as any new station would - a
pairing code made with the local admin token, redeemed at once - and saved to
`<data>/local-stations.json` (0600). A removed counter's token (revoked by the hub) is dropped.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from .client import HubClient, HubError

log = logging.getLogger(__name__)
FILE = "local-stations.json"


def save_tokens(path: Path, tokens: dict[str, str]) -> None:
    """Write the tokens readable by this user only, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(tokens, out, indent=1)
    os.replace(temp, path)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


class LocalTokens(QObject):
    sig_provisioned = Signal(str)
    """A token for this station key ("counter6") was made and saved."""
    sig_failed = Signal(str, str)
    """No token could be made for this key; the hub's message."""

    def __init__(self, admin: HubClient, tokens: dict[str, str], data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.admin, self.tokens = admin, tokens
        self.path = Path(data_dir) / FILE
        self.pending: set[str] = set()

    def follow(self, numbers: list[int]) -> None:
        """The hub's counters now: make the missing tokens, forget the removed counters'."""
        wanted = {f"counter{n}" for n in numbers}
        gone = [k for k in self.tokens if k.startswith("counter") and k not in wanted]
        for key in gone:
            del self.tokens[key]
        if gone:
            self._save()
        for number in numbers:
            key = f"counter{number}"
            if key not in self.tokens and key not in self.pending:
                self.pending.add(key)
                self.admin.call(self, "POST", "/api/pairing-codes",
                                {"role": "counter", "counter": number},
                                done=lambda answer, key=key: self._redeem(key, answer),
                                failed=lambda error, key=key: self._failed(key, error))

    def _redeem(self, key: str, answer: object) -> None:
        code = (answer or {}).get("code") if isinstance(answer, dict) else None
        self.admin.call(self, "POST", "/api/pair", {"code": code or "", "name": f"local {key}"},
                        done=lambda paired, key=key: self._paired(key, paired),
                        failed=lambda error, key=key: self._failed(key, error))

    def _paired(self, key: str, answer: object) -> None:
        self.pending.discard(key)
        token = (answer or {}).get("token") if isinstance(answer, dict) else None
        if not token:
            self.sig_failed.emit(key, "no token in the hub's answer")
            return
        self.tokens[key] = token
        self._save()
        self.sig_provisioned.emit(key)

    def _failed(self, key: str, error: HubError) -> None:
        self.pending.discard(key)
        log.warning("no local token for %s: %s", key, error.message_en)
        self.sig_failed.emit(key, error.message)

    def _save(self) -> None:
        try:
            save_tokens(self.path, self.tokens)
        except OSError as exc:
            log.warning("cannot save %s: %s", self.path, exc)
