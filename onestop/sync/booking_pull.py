"""Pulling the ward's bookings down from central (issue 16, docs/booking.md).

`GET /api/hub/bookings?from=DAY&to=DAY` with the hub token, today to the longest "days ahead"
of the ward's groups, with If-None-Match: an unchanged list costs a 304. The hub keeps them
(reception's list of the day, releases of no-shows); a booking it has not pulled is still
checked in from its code alone, so a failed pull only delays the list, never a citizen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import httpx

from onestop.hub import bookings
from onestop.hub.outbox import Outbox, SyncLink
from onestop.hub.store import HubStore

from . import protocol as p
from .transport import SyncError, error_from_response, http_client

log = logging.getLogger(__name__)
MAX_BOOKINGS_BYTES = 8 * 1024 * 1024


class BookingPull:
    def __init__(self, store: HubStore, outbox: Outbox, clock: Callable[[], datetime]) -> None:
        self.store, self.outbox, self.clock = store, outbox, clock

    def pull(self, link: SyncLink, *, transport: httpx.BaseTransport | None = None) -> str:
        """'unchanged' or 'N changed'; raises SyncError when central cannot be asked or its
        answer is not a list of bookings (what the hub holds stays)."""
        first, last = bookings.pull_window(self.store)
        etag = self.outbox.bookings_etag()
        headers = {"If-None-Match": etag} if etag else {}
        try:
            with http_client(link, transport=transport) as client:
                response = client.get(p.BOOKINGS_PATH, params={"from": first, "to": last},
                                      headers=headers)
        except httpx.HTTPError as exc:
            raise SyncError(f"bookings: central unreachable: {exc}") from exc
        if response.status_code == 304:
            self.outbox.bookings_checked(etag, self.clock())
            return "unchanged"
        if response.status_code != 200:
            raise error_from_response(response, "bookings")
        try:
            if len(response.content) > MAX_BOOKINGS_BYTES:
                raise ValueError(f"{len(response.content)} bytes")
            items = response.json()
            if isinstance(items, dict):
                items = items.get("bookings")
            if not isinstance(items, list):
                raise ValueError("not a list of bookings")
            changed = bookings.merge_pulled(self.store, items)
        except ValueError as exc:
            raise SyncError(f"bookings from central refused: {exc}", retry=True) from exc
        self.outbox.bookings_checked(response.headers.get("ETag"), self.clock())
        log.info("bookings %s..%s pulled: %d changed", first, last, changed)
        return f"{changed} changed"
