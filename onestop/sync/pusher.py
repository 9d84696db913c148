"""The hub's sync worker: pushes the outbox to central and pulls the unified catalogue.

Store-and-forward (docs/sync.md): batches in sequence order from the acknowledged cursor;
central's answer (highest seq held contiguously + per-event status) is recorded in one local
transaction. Any failure before that record means the batch is simply sent again, and central
answers it as duplicates, so delivery is exactly once in effect. Nothing here reads a wall
clock for ordering; the clock only stamps status fields.

Retries back off exponentially with full jitter (1 s doubling to 5 min); 401 stops until the
hub is enrolled again; other 4xx (except 409/429) stop until someone acts ("sync now",
re-enrolment or a restart), because sending the same request again cannot succeed.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from onestop import __version__
from onestop.hub.outbox import Outbox, Parked, SyncLink, dumps

from . import protocol as p
from .booking_pull import BookingPull
from .catalog_pull import CatalogPull
from .transport import SyncError, error_from_response, http_client

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]

BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 300.0
IDLE_POLL_S = 60.0          # a quiet hub still checks in (and retries a halted link) this often
LINGER_S = 1.0              # after a new event, wait this long so a busy room sends batches
CATALOG_EVERY_S = 30 * 60


@dataclass
class PushResult:
    batches: int = 0
    sent: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    acked: int = 0


@dataclass
class Backoff:
    """Full jitter: the n-th retry waits a uniform time in [0, min(cap, base·2ⁿ)]."""

    rng: random.Random = field(default_factory=random.Random)
    base: float = BACKOFF_BASE_S
    cap: float = BACKOFF_CAP_S
    attempt: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(self.attempt, 30))
        self.attempt += 1
        return self.rng.uniform(0, ceiling)

    def reset(self) -> None:
        self.attempt = 0


def enrol(outbox: Outbox, central_url: str, code: str, *, ca_file: str | None = None,
          clock: Clock, transport: httpx.BaseTransport | None = None,
          ward_code: str | None = None) -> p.EnrolAnswer:
    """Trade a one-time code from central for this hub's own token (kept in the hub
    database, never printed or logged). `ward_code`: the ward's short code, which central
    keeps unique among wards (409 ward_code_taken)."""
    central_url = central_url.rstrip("/")
    link = SyncLink(central_url, None, ca_file, None, False)
    body = p.EnrolRequest(code=code, hub_id=outbox.hub_id, version=__version__,
                          ward_code=ward_code)
    try:
        with http_client(link, transport=transport) as client:
            # No null fields: a central older than the ward code refuses unknown ones.
            response = client.post(p.ENROL_PATH, json=body.model_dump(exclude_none=True))
    except httpx.HTTPError as exc:
        raise SyncError(f"cannot reach central at {central_url}: {exc}") from exc
    if response.status_code != 200:
        raise error_from_response(response, "enrolment refused")
    answer = p.EnrolAnswer.model_validate(response.json())
    outbox.enrolled(central_url, answer.token, answer.ward, ca_file, answer.acked, clock(),
                    booking_key=answer.booking_key)
    log.info("enrolled with central %s as %s (%s)", central_url, answer.ward, answer.hub_id)
    return answer


class SyncWorker:
    """Pushes the outbox and pulls the catalogue; `run_cycle` is one attempt (tests drive it
    directly), `start` runs cycles in a daemon thread until `stop`."""

    def __init__(self, outbox: Outbox, *, clock: Clock, rng: random.Random | None = None,
                 batch_size: int = p.DEFAULT_BATCH_EVENTS, timeout: float = 30.0,
                 catalog: CatalogPull | None = None, bookings: BookingPull | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.outbox, self.clock = outbox, clock
        self.batch_size = batch_size
        self.timeout = timeout
        self.transport = transport
        self.catalog = catalog
        self.bookings = bookings
        self.backoff = Backoff(rng or random.Random())
        self._stalls = 0
        self.state = "idle"          # idle | syncing | retrying | halted | needs_enrolment | off
        self.next_attempt_s: float | None = None
        self._halted_link: SyncLink | None = None
        self._catalog_due = 0.0      # monotonic time of the next catalogue check
        self._stop = threading.Event()
        self._wake = threading.Event()     # a new event was committed
        self._urgent = threading.Event()   # stop, or "sync now": cuts any wait short
        self._thread: threading.Thread | None = None

    # --- one push ----------------------------------------------------------------------------
    def push_pending(self, max_batches: int | None = None) -> PushResult:
        """Send batches until the outbox is drained (or max_batches); raises SyncError."""
        link = self.outbox.link()
        if not link.ready:
            raise SyncError("not enrolled with a central server", retry=False,
                            reenrol=link.needs_enrolment)
        result = PushResult(acked=self.outbox.acked())
        with http_client(link, timeout=self.timeout, transport=self.transport) as client:
            while max_batches is None or result.batches < max_batches:
                events = self.outbox.batch(self.batch_size)
                if not events:
                    break
                self._push_one(client, events, result)
        return result

    def _push_one(self, client: httpx.Client, events: list[dict], result: PushResult) -> None:
        batch = {"protocol": p.PROTOCOL_VERSION, "hub_id": self.outbox.hub_id,
                 "sent_at": self.clock().isoformat(), "events": events}
        self.outbox.attempted(self.clock())
        try:
            response = client.post(p.EVENTS_PATH, content=dumps(batch),
                                   headers={"Content-Type": "application/json"})
            if response.status_code == 413 and len(events) > 1:
                # Too big for this central: smaller batches from now on, same events again.
                self.batch_size = max(1, len(events) // 2)
                log.warning("central refused a batch of %d events as too large; now %d",
                            len(events), self.batch_size)
                return
            if response.status_code != 200:
                raise error_from_response(response, "batch refused")
            answer = p.BatchAnswer.model_validate(response.json())
        except httpx.HTTPError as exc:
            raise SyncError(f"central unreachable: {type(exc).__name__}: {exc}") from exc
        except ValueError as exc:  # a 200 whose body is not a batch answer
            raise SyncError(f"central sent an answer this hub cannot read: {exc}") from exc
        before = result.acked
        ids = {e["seq"]: e["id"] for e in events}
        parked = [Parked(r.seq, ids.get(r.seq, ""), r.reason or "rejected")
                  for r in answer.results if r.status == p.REJECTED]
        result.acked = self.outbox.acknowledged(answer.acked, parked, answer.skew_s,
                                                self.clock(), sent_up_to=events[-1]["seq"])
        result.batches += 1
        result.sent += len(events)
        for r in answer.results:
            if r.status == p.STORED:
                result.stored += 1
            elif r.status == p.DUPLICATE:
                result.duplicates += 1
        result.rejected += len(parked)
        for item in parked:
            log.warning("central parked event %d: %s", item.seq, item.reason)
        if result.acked <= before:
            # Central holds less than the hub thought (restored from a backup): the cursor
            # moved back and the next batch resends from there. A central that never moves
            # forward would make this loop forever, so a few stalls in a row are an error.
            self._stalls += 1
            if self._stalls >= 3:
                self._stalls = 0
                raise SyncError(f"central acknowledges nothing past {answer.acked}")
        else:
            self._stalls = 0

    # --- the loop ----------------------------------------------------------------------------
    def run_cycle(self) -> float:
        """One attempt: push what waits (and pull the catalogue when due). Returns seconds to
        wait before the next cycle; a new event wakes an idle worker sooner."""
        link = self.outbox.link()
        if not link.ready:
            self.state = "needs_enrolment" if link.needs_enrolment else "off"
            return IDLE_POLL_S
        if self._halted_link == link:
            self.state = "halted"
            return IDLE_POLL_S
        self._halted_link = None
        self.state = "syncing"
        try:
            self.push_pending()
        except SyncError as exc:
            return self._failed(exc, link)
        self.backoff.reset()
        self.state = "idle"
        if self.catalog and time.monotonic() >= self._catalog_due:
            # Its own schedule: a refused catalogue is reported and asked again later, and
            # never holds back the events.
            self._catalog_due = time.monotonic() + CATALOG_EVERY_S
            try:
                self.catalog.pull(link, transport=self.transport)
            except SyncError as exc:
                self.outbox.failed(exc.message, self.clock())
                log.error("%s", exc.message)
            # The ward's bookings with the catalogue (issue 16); check-in never needs them.
            try:
                if self.bookings:
                    self.bookings.pull(link, transport=self.transport)
            except SyncError as exc:
                self.outbox.failed(exc.message, self.clock())
                log.error("%s", exc.message)
        return IDLE_POLL_S

    def _failed(self, exc: SyncError, link: SyncLink) -> float:
        self.outbox.failed(exc.message, self.clock(), needs_enrolment=exc.reenrol)
        if exc.reenrol:
            self.state = "needs_enrolment"
            log.error("sync stopped: %s", exc.message)
            return IDLE_POLL_S
        if not exc.retry:
            self.state, self._halted_link = "halted", link
            log.error("sync halted until re-enrolment or 'sync now': %s", exc.message)
            return IDLE_POLL_S
        self.state = "retrying"
        delay = max(self.backoff.next_delay(), exc.retry_after or 0.0)
        log.warning("sync failed, retrying in %.1f s: %s", delay, exc.message)
        return delay

    def sync_now(self) -> None:
        """Someone asked (supervisor, CLI): forget a halt and the backoff, try at once."""
        self._halted_link = None
        self.backoff.reset()
        self._catalog_due = 0.0
        self._urgent.set()
        self._wake.set()

    def start(self) -> None:
        if self._thread is None:
            # Only the running loop waits for new events; a worker driven by hand (the CLI's
            # push, tests) never registers a listener on the store.
            self.outbox.store.subscribe(lambda _events: self._wake.set())
            self._thread = threading.Thread(target=self._loop, name="sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._urgent.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._urgent.clear()
            try:
                delay = self.run_cycle()
            except Exception:  # a bug must not kill sync for good; it is logged and retried
                log.exception("sync cycle failed")
                delay = self.backoff.next_delay()
            self.next_attempt_s = delay
            if self.state == "retrying":
                self._urgent.wait(delay)     # backoff: new events do not shorten it
            elif self._wake.wait(delay) and not self._urgent.is_set():
                self._urgent.wait(LINGER_S)  # let a burst of events gather into one batch
            self.next_attempt_s = None

    def status(self) -> dict:
        return {**self.outbox.status(), "state": self.state,
                "next_attempt_s": self.next_attempt_s}


def override_path(data_dir: Path) -> Path:
    return data_dir / "catalog-override.json"
