"""A full disk while issuing: 507 disk_full with the Vietnamese message, and no partial ticket
(no number consumed, no event). Once space is back, issuing goes on with the next number.

Two ways to fill the disk: SQLite's max_page_count on the hub's own connection (always runs),
and a real 2 MB tmpfs filled with a file (needs root and mount; skipped where unavailable)."""

from __future__ import annotations

import contextlib
import subprocess

import pytest

from onestop.compose import HubServer, build_hub
from onestop.serving import free_port
from onestop.settings import Settings
from tests.conftest import require
from tests.livehub import LiveHub

MESSAGE_VI = "Ổ đĩa máy chủ đã đầy: không cấp được số. Báo cán bộ kỹ thuật."


def _counts(hub) -> tuple:
    with hub.store.reading() as db:
        return tuple(db.execute(sql).fetchone()[0] for sql in (
            "SELECT coalesce(max(seq), 0) FROM events", "SELECT count(*) FROM tickets",
            "SELECT coalesce(sum(last_seq), 0) FROM day_sequences",
            "SELECT count(*) FROM idempotency_keys"))


def _issue_until_full(live: LiveHub, client, limit: int = 3000):
    """Issue until the hub answers 507; returns (that answer, counts just before it, the
    last number issued)."""
    with client as c:
        service = c.get("/api/catalog").json()["services"][0]["code"]
        last_number = None
        for n in range(limit):
            before = _counts(live.hub)
            r = c.post("/api/tickets", json={"service": service, "kind": "submit"},
                       headers={"Idempotency-Key": f"k{n}"})
            if r.status_code != 201:
                return r, before, last_number, service
            last_number = r.json()["number"]
    pytest.fail(f"the disk never filled in {limit} tickets")


def _assert_clean_refusal(live, r, before):
    assert r.status_code == 507, r.text
    body = r.json()
    assert body["code"] == "disk_full"
    assert body["message_vi"] == MESSAGE_VI
    assert _counts(live.hub) == before  # nothing of the refused ticket remains
    # SQLite rolled the failed transaction back (also when COMMIT itself failed): no stale
    # open transaction that later tickets would silently nest in.
    assert not live.hub.store.db.conn.in_transaction


def _next_number(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return number[: len(number) - len(digits)] + str(int(digits) + 1).zfill(len(digits))


def test_max_page_count_full(live_hub):
    with live_hub.hub.store.reading() as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
    r, before, last, service = _issue_until_full(live_hub, live_hub.client("reception"))
    _assert_clean_refusal(live_hub, r, before)
    with live_hub.client("reception") as c:
        assert c.get("/api/state").status_code == 200  # reads still work
        with live_hub.hub.store.reading() as db:
            db.execute("PRAGMA max_page_count = 1073741823")
        ok = c.post("/api/tickets", json={"service": service, "kind": "submit"})
    assert ok.status_code == 201
    assert ok.json()["number"] == _next_number(last)


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(mnt)],
                       check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as exc:
        # Locally (not root) a skip; CI runs as root and must run it (tests/conftest.require).
        require("a small tmpfs mount", False, f"cannot mount a small tmpfs here ({exc}); "
                "the max_page_count test ran")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


def test_real_full_disk(small_disk):
    hub = build_hub(Settings(data_dir=small_disk / "data"))
    port = free_port()
    live = LiveHub(hub, HubServer(hub, "127.0.0.1", port), "127.0.0.1", port)
    live.server.start()
    filler = small_disk / "filler"
    client = live.client("reception")  # its token is written before the disk fills
    try:
        with contextlib.suppress(OSError), filler.open("wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 4096)
        r, before, last, service = _issue_until_full(live, client)
        _assert_clean_refusal(live, r, before)
        filler.unlink()
        with live.client("reception") as c:
            ok = c.post("/api/tickets", json={"service": service, "kind": "submit"})
        assert ok.status_code == 201, ok.text
        if last is not None:
            assert ok.json()["number"] == _next_number(last)
    finally:
        live.stop()
