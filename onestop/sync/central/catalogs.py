"""The unified procedure catalogue that central publishes down to hubs (GET /api/catalog).

Each publication is a new numbered row; the newest is served with a strong ETag (a hash of
the exact bytes), so a hub that already has it gets 304. Before anything is published, the
catalogue bundled with onestop is served, so a new hub always gets a usable one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass

from sqlalchemy import text

from onestop.queue.catalog import Catalog, CatalogError, default_catalog, parse_catalog
from onestop.sync.protocol import MAX_CATALOG_BYTES

from .auth import iso
from .db import CentralDb

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    version: int  # 0: the bundled default, never published
    etag: str     # quoted, as sent in the ETag header
    body: bytes


def _encode(catalog: Catalog) -> tuple[bytes, str]:
    body = json.dumps(catalog.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


@functools.lru_cache(maxsize=1)
def bundled() -> Published:
    body, etag = _encode(default_catalog())
    return Published(0, etag, body)


class Catalogs:
    def __init__(self, db: CentralDb, clock) -> None:
        self.db, self.clock = db, clock

    def latest(self) -> Published:
        with self.db.read() as conn:
            row = conn.execute(text("SELECT version, etag, data FROM catalogs "
                                    "ORDER BY version DESC LIMIT 1")).first()
        if row is None:
            return bundled()
        return Published(int(row.version), row.etag, row.data.encode("utf-8"))

    def publish(self, document: object, source: str = "<catalogue>") -> Published:
        """Validate (CatalogError naming the first problem; nothing changes) and publish."""
        body, etag = _encode(parse_catalog(document, source))
        if len(body) > MAX_CATALOG_BYTES:  # what a hub would refuse, central does not publish
            raise CatalogError(source, "catalogue", f"{len(body)} bytes, more than the "
                               f"{MAX_CATALOG_BYTES} a hub accepts",
                               problem_vi=f"lớn hơn {MAX_CATALOG_BYTES} byte mà trạm chủ nhận")
        with self.db.write() as conn:
            version = conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM catalogs")
                                   ).scalar_one()
            conn.execute(text("INSERT INTO catalogs (version, etag, data, published_at) "
                              "VALUES (:v, :e, :d, :at)"),
                         {"v": version, "e": etag, "d": body.decode("utf-8"),
                          "at": iso(self.clock())})
        log.info("catalogue published as version %d (ETag %s)", version, etag)
        return Published(int(version), etag, body)
