"""A small in-memory token bucket per client address, for the endpoints anyone can reach: the
citizen page (/t/{token}, rating included) and central's enrolment.

Not a defence against a botnet; it makes guessing from one machine slow (ticket tokens are
128-bit and enrolment codes ~59-bit, so this is belt and braces) and keeps one misbehaving phone
from hammering the hub. State lives in the process and is lost on restart, which is fine for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """`rate` requests per `per` seconds for each key, with bursts up to `rate`."""

    MAX_KEYS = 10_000  # bound the memory: when full, forget buckets that have refilled

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic):
        self.capacity, self.refill = float(rate), rate / per
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()  # sync handlers run in a thread pool

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.refill)
            if len(self._buckets) >= self.MAX_KEYS and key not in self._buckets:
                self._prune(now)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True

    def refund(self, key: str) -> None:
        """Give back a token taken by `allow`: to charge only failures, take the token
        before the attempt (so parallel attempts never see the same free token) and refund
        it when the attempt succeeded."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.refill + 1.0)
            self._buckets[key] = (tokens, now)

    def retry_after(self, key: str) -> int:
        """Whole seconds until `key` has a token again (for the Retry-After header)."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.refill)
        return max(1, int((1.0 - tokens) / self.refill + 0.999))

    def _prune(self, now: float) -> None:
        full = [k for k, (tokens, at) in self._buckets.items()
                if tokens + (now - at) * self.refill >= self.capacity]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.MAX_KEYS:  # all busy: drop the oldest half
            for k in sorted(self._buckets, key=lambda k: self._buckets[k][1])[:self.MAX_KEYS // 2]:
                del self._buckets[k]
