"""Helpers for the operations tests: real hub databases and the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from onestop.compose import build_hub
from onestop.queue.operations import IssueRequest
from onestop.settings import DATA_ENV, Settings

ROOT = Path(__file__).resolve().parents[2]


def seeded_db(data: Path, tickets: int = 5) -> Path:
    """A real hub database with some tickets, closed (its WAL merged into hub.db)."""
    hub = build_hub(Settings(data_dir=data))
    service = hub.store.catalog.services[0].code
    for _ in range(tickets):
        hub.store.issue(IssueRequest(service, "submit"))
    hub.close()
    return data / "hub.db"


def onestop(*args: str, data: Path, env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    full = {**os.environ, DATA_ENV: str(data), "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "onestop", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def write_settings(data: Path, **values) -> None:
    (data / "settings.json").write_text(json.dumps(values), encoding="utf-8")


def overwrite_middle(db: Path) -> None:
    """Garbage over a few pages in the middle: the header still reads, so opening succeeds and
    only a check (or an unlucky query) notices."""
    size = db.stat().st_size
    conn = sqlite3.connect(db)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    start = (size // page // 2) * page
    with db.open("r+b") as f:
        f.seek(start)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page * 4)))
