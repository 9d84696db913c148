"""Pulling the city's inbox for this ward (issue 17 part 7, docs/feedback.md, docs/sync.md).

`GET /api/hub/inbox?after=ID` with the hub token answers `{"items": [{id, kind, at, data}],
"next"}`: at most 100 items in ascending id, the ward's own and those for all wards; `kind` is
`notice`, `feedback` (a citizen's góp ý / phản ánh from central's lookup page), `reply` (the
city's answer to a recommendation) or `holidays`. Each answer is applied by
`hub.dialogue.apply_inbox` in ONE transaction with the new cursor, so an item is applied once
however the link fails: a lost answer is asked again with the same `after`, a crash before the
commit leaves neither the items nor the cursor, a repeated item is skipped by its id.
"""

from __future__ import annotations

import logging

import httpx

from onestop.hub import dialogue
from onestop.hub.outbox import SyncLink
from onestop.hub.store import HubStore

from . import protocol as p
from .transport import SyncError, error_from_response, http_client

log = logging.getLogger(__name__)
MAX_INBOX_BYTES = 4 * 1024 * 1024
MAX_PAGES = 50  # per pull: 5,000 items; the rest follows at the next pull


class InboxPull:
    def __init__(self, store: HubStore) -> None:
        self.store = store

    def pull(self, link: SyncLink, *, transport: httpx.BaseTransport | None = None) -> int:
        """Pull and apply until the inbox is drained; returns the items applied. Raises
        SyncError when central cannot be asked or answers what the hub cannot read (what was
        applied before stays, with its cursor)."""
        applied = 0
        with http_client(link, transport=transport) as client:
            for _ in range(MAX_PAGES):
                after = dialogue.inbox_after(self.store)
                items = self._page(client, after)
                if not items:
                    break
                applied += dialogue.apply_inbox(self.store, items)
                if len(items) < p.INBOX_PAGE or dialogue.inbox_after(self.store) <= after:
                    break
        if applied:
            log.info("inbox: %d items applied (cursor %d)", applied,
                     dialogue.inbox_after(self.store))
        return applied

    def _page(self, client: httpx.Client, after: int) -> list:
        try:
            response = client.get(p.INBOX_PATH, params={"after": after})
        except httpx.HTTPError as exc:
            raise SyncError(f"inbox: central unreachable: {type(exc).__name__}: {exc}") from exc
        if response.status_code == 404:
            # A central from before the inbox (issue 17): nothing to pull, and not an error
            # to show in every window until the city upgrades.
            log.debug("inbox: central has no %s yet", p.INBOX_PATH)
            return []
        if response.status_code != 200:
            raise error_from_response(response, "inbox")
        try:
            if len(response.content) > MAX_INBOX_BYTES:
                raise ValueError(f"{len(response.content)} bytes")
            answer = response.json()
            items = answer.get("items") if isinstance(answer, dict) else None
            if not isinstance(items, list):
                raise ValueError("no list of items")
        except ValueError as exc:
            raise SyncError(f"inbox from central not understood: {exc}") from exc
        return items
