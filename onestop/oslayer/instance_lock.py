"""One hub per data folder: an OS lock on ``<data>/hub.lock`` held for the hub's lifetime.

The operating system releases the lock when the process dies (even by kill -9 or a power cut),
so a stale lock never blocks a restart; no pid-file guessing. The lock file itself holds nothing;
the running hub's pid and address live next to it in ``<data>/hub.json`` (written after the
server is bound), which other commands read to find the hub (`onestop doctor`, the admin
commands) and to say who holds the folder.

POSIX: ``fcntl.flock`` (advisory, per open file). Windows: ``msvcrt.locking`` on the first byte
(mandatory, released when the handle closes or the process ends).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = "hub.lock"
ADDRESS_NAME = "hub.json"


@dataclass(frozen=True)
class RunningHub:
    """Who serves a data folder, from ``hub.json``: pid, address (None before it is bound)."""
    pid: int | None
    url: str | None

    def describe(self) -> str:
        who = f"process {self.pid}" if self.pid else "another process"
        return f"{who} at {self.url}" if self.url else f"{who} (starting)"


class AlreadyRunning(Exception):
    """The data folder's lock is held by a live process."""

    def __init__(self, data_dir: Path, running: RunningHub) -> None:
        self.data_dir, self.running = data_dir, running
        super().__init__(f"data folder {data_dir} is already served by {running.describe()}")


def _try_lock(handle) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: held by another open file description
        return False
    return True


def _unlock(handle) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class InstanceLock:
    """Held while this process serves the data folder. Use :func:`acquire`."""

    def __init__(self, data_dir: Path, handle) -> None:
        self.data_dir = data_dir
        self._handle = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def record(self, url: str | None) -> None:
        """Write this process's pid and hub address to ``hub.json`` (atomically, 0600)."""
        path = self.data_dir / ADDRESS_NAME
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)

    def release(self) -> None:
        """Forget the address and release the lock (idempotent)."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            running = read_address(self.data_dir)
            if running is None or running.pid == os.getpid():
                (self.data_dir / ADDRESS_NAME).unlink(missing_ok=True)
        _unlock(self._handle)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(data_dir: Path) -> InstanceLock:
    """Take the data folder's lock or raise :class:`AlreadyRunning` naming the holder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    # "a+" creates the file without truncating it and never fails on a locked Windows file.
    handle = open(path, "a+b")  # noqa: SIM115 (held open for the lock's lifetime)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    if not _try_lock(handle):
        handle.close()
        raise AlreadyRunning(data_dir, read_address(data_dir) or RunningHub(None, None))
    lock = InstanceLock(data_dir, handle)
    lock.record(None)
    return lock


def read_address(data_dir: Path) -> RunningHub | None:
    """The pid and address recorded by the hub serving `data_dir`, if the file exists."""
    try:
        raw = json.loads((data_dir / ADDRESS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    pid, url = raw.get("pid"), raw.get("url")
    return RunningHub(pid if isinstance(pid, int) else None, url if isinstance(url, str) else None)


def running_hub(data_dir: Path) -> RunningHub | None:
    """The hub serving `data_dir` now, or None when its lock is free (nobody serves it).

    Probes by trying the lock, so a ``hub.json`` left by a killed hub is never believed."""
    path = data_dir / LOCK_NAME
    if not path.exists():
        return None
    try:
        handle = open(path, "a+b")  # noqa: SIM115
    except OSError:
        return None
    try:
        if _try_lock(handle):
            _unlock(handle)
            return None
    finally:
        handle.close()
    return read_address(data_dir) or RunningHub(None, None)
