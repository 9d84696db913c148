"""One writer per data folder, and stop signals that let it stop cleanly.

* :func:`claim_folder` takes the data folder's OS lock (instance_lock.py) for a hub or any
  other writer (restore, sync push...), or raises CliError naming the process and address that
  already serve it: one line, exit code 2.
* :func:`stop_signals_raise` turns Ctrl+C and SIGTERM (a service manager's stop) into the quiet
  end of a block, and :func:`stop_signals_ignored` keeps a second one from cutting the clean stop
  short. The hub's lifecycle (onestop/compose.py) uses both around a running hub.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from onestop.errors import CliError
from onestop.oslayer.instance_lock import AlreadyRunning, InstanceLock, acquire

STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGBREAK")
                     if hasattr(signal, n))


def claim_folder(data_dir: Path, hint: str = "") -> InstanceLock:
    """The data folder's lock, or CliError: "data folder D is already served by process P at
    URL" plus `hint` (what to do instead)."""
    try:
        return acquire(data_dir)
    except AlreadyRunning as exc:
        raise CliError(f"{exc}{'; ' + hint if hint else ''}") from exc
    except OSError as exc:
        raise CliError(f"cannot use data folder {data_dir}: {exc.strerror or exc}") from exc


class _Stop(Exception):
    """Raised in the main thread by a stop signal."""


# Also remembered: a signal that lands while Qt's C++ code runs a Python callback (building the
# launcher) has its exception swallowed there, and the launcher would then run on forever.
_stop_requested = threading.Event()


def _raise_stop(*_: object) -> None:
    _stop_requested.set()
    raise _Stop


def stop_requested() -> bool:
    """Whether a stop signal arrived inside the current stop_signals_raise() block."""
    return _stop_requested.is_set()


def _install(handler) -> dict:
    """Handlers can be set only from the main thread; elsewhere (a test) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {s: signal.signal(s, handler) for s in STOP_SIGNALS}


@contextlib.contextmanager
def stop_signals_raise() -> Iterator[None]:
    """While inside: Ctrl+C and SIGTERM end the block (quietly) instead of killing the process
    before the database is closed."""
    _stop_requested.clear()
    previous = _install(_raise_stop)
    try:
        yield
    except (_Stop, KeyboardInterrupt):
        pass
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def stop_signals_ignored() -> Iterator[None]:
    """While stopping: a second Ctrl+C must not cut the clean stop short."""
    previous = _install(signal.SIG_IGN)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
