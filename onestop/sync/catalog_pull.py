"""Pulling the city's unified catalogue down to the hub.

Central serves the catalogue with an ETag; the hub asks with If-None-Match, so an unchanged
catalogue costs one small 304. A ward may keep local additions or changes (its own result
counter, a procedure the city has not listed yet) in `<data>/catalog-override.json`: groups,
services, priority categories and fields (lĩnh vực) there replace central's entries with the
same id/code or are added. The merged catalogue is validated as a whole; one that fails is
refused, the error is recorded and the catalogue in use stays.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx

from onestop.hub.outbox import Outbox, SyncLink
from onestop.hub.store import HubStore
from onestop.queue.catalog import Catalog, CatalogError, parse_catalog

from . import protocol as p
from .transport import SyncError, error_from_response, http_client

log = logging.getLogger(__name__)

_KEYS = {"groups": "id", "services": "code", "priority_categories": "id"}


class CatalogRefused(Exception):
    """The catalogue from central (with the local override) is not valid."""


def merge_override(central: dict, override: dict) -> dict:
    """Central's catalogue with the ward's override applied entry by entry."""
    merged = dict(central)
    for section, key in _KEYS.items():
        entries = {e.get(key): e for e in central.get(section, []) if isinstance(e, dict)}
        for entry in override.get(section, []):
            if isinstance(entry, dict):
                entries[entry.get(key)] = entry
        merged[section] = list(entries.values())
    if override.get("fields"):  # a ward's own lĩnh vực for a procedure the city lacks
        fields = {f.get("id"): f for f in central.get("fields", []) if isinstance(f, dict)}
        fields.update({f.get("id"): f for f in override["fields"] if isinstance(f, dict)})
        merged["fields"] = list(fields.values())
    if any(override.get(s) for s in (*_KEYS, "fields")):
        merged["version"] = f"{central.get('version')}+local"
    return merged


class CatalogPull:
    def __init__(self, store: HubStore, outbox: Outbox, override: Path,
                 clock: Callable[[], datetime]) -> None:
        self.store, self.outbox, self.override, self.clock = store, outbox, override, clock

    def build(self, central: dict) -> Catalog:
        """Merge and validate; raises CatalogRefused with a readable reason."""
        data = central
        if self.override.exists():
            try:
                override = json.loads(self.override.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CatalogRefused(f"{self.override}: unreadable override: {exc}") from exc
            if not isinstance(override, dict):
                raise CatalogRefused(f"{self.override}: must hold a JSON object")
            data = merge_override(central, override)
        try:
            return parse_catalog(data, source="central catalogue")
        except CatalogError as exc:
            raise CatalogRefused(str(exc)) from exc

    def pull(self, link: SyncLink, *, transport: httpx.BaseTransport | None = None) -> str:
        """'unchanged', 'updated' or 'same-version'. Raises SyncError when central cannot be
        asked or the catalogue is refused (the old one stays)."""
        etag = self.outbox.catalog_etag()
        headers = {"If-None-Match": etag} if etag else {}
        try:
            with http_client(link, transport=transport) as client:
                response = client.get(p.CATALOG_PATH, headers=headers)
        except httpx.HTTPError as exc:
            raise SyncError(f"catalogue: central unreachable: {exc}") from exc
        if response.status_code == 304:
            self.outbox.catalog_checked(etag, self.clock())
            return "unchanged"
        if response.status_code != 200:
            raise error_from_response(response, "catalogue")
        try:
            if len(response.content) > p.MAX_CATALOG_BYTES:
                raise ValueError(f"{len(response.content)} bytes, more than the "
                                 f"{p.MAX_CATALOG_BYTES} a hub accepts")
            catalog = self.build(response.json())
        except (CatalogRefused, ValueError) as exc:
            log.error("catalogue from central refused; keeping %s: %s",
                      self.store.catalog.version, exc)
            raise SyncError(f"catalogue refused, keeping {self.store.catalog.version}: {exc}",
                            retry=True) from exc
        new_etag = response.headers.get("ETag")
        # Against the base: the ward's local edits (hub/catalog_edits.py) are laid over
        # whatever central sends and must not make every check look like a change.
        if catalog.to_dict() == self.store.base_catalog.to_dict():
            self.outbox.catalog_checked(new_etag, self.clock())
            return "same-version"
        self.store.replace_catalog(catalog)
        self.outbox.catalog_checked(new_etag, self.clock())
        log.info("catalogue %s from central installed", catalog.version)
        return "updated"
