"""Parallel guessing against a real server (issue 13, finding 2): hold every checked attempt
inside the real check until all the others have arrived, then send the right secret, then let
everything finish. A limiter that counts failures only after checking lets every parallel
guess through (and the right one signs in); one that reserves the attempt first checks
exactly its limit."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

DEADLINE_S = 60.0  # a deadline against a hung test, never an assertion on time


class Gate:
    """Wraps a real method: calls for which `holds(*args)` is true wait until `release`."""

    def __init__(self, real: Callable, holds: Callable[..., bool]) -> None:
        self.real, self.holds = real, holds
        self.entered = 0
        self.changed = threading.Condition()
        self._open = threading.Event()

    def __call__(self, *args, **kwargs):
        if self.holds(*args, **kwargs):
            with self.changed:
                self.entered += 1
                self.changed.notify_all()
            self._open.wait(DEADLINE_S)
        return self.real(*args, **kwargs)

    def release(self) -> None:
        self._open.set()


def guess_in_parallel(gate: Gate, wrong: list[Callable], right: Callable,
                      first: int) -> tuple[Counter, int]:
    """`first` wrong attempts at once; when each is held in the check or answered, the right
    one (synchronously); then the rest of the wrong ones; then release. Returns the status
    codes of the wrong attempts and the right one's status."""
    answered = [0]

    def note(_future) -> None:
        with gate.changed:
            answered[0] += 1
            gate.changed.notify_all()

    def settled(n: int) -> Callable[[], bool]:
        return lambda: gate.entered + answered[0] >= n

    with ThreadPoolExecutor(len(wrong)) as pool:
        futures = []
        for call in wrong[:first]:
            futures.append(pool.submit(call))
            futures[-1].add_done_callback(note)
        with gate.changed:
            assert gate.changed.wait_for(settled(first), DEADLINE_S)
        try:
            right_status = right().status_code
        finally:
            for call in wrong[first:]:
                futures.append(pool.submit(call))
                futures[-1].add_done_callback(note)
            with gate.changed:
                gate.changed.wait_for(settled(len(wrong)), DEADLINE_S)
            gate.release()
        statuses = Counter(f.result().status_code for f in futures)
    return statuses, right_status
