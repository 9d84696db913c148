"""Administration of the catalogue: import a file, edit one service locally, export.

An import is validated by the same parser as every catalogue (a broken entry is refused with
the entry and the problem, and nothing changes) and must keep every group a counter serves. A
service may carry `"enabled": false` in an imported or exported file: the parser knows nothing
of it, so it is taken off before parsing and kept as this hub's local edit (see
hub/catalog_edits.py for why edits live apart from the catalogue).
"""

from __future__ import annotations

import json

from onestop.queue import events as ev
from onestop.queue.catalog import Catalog, CatalogError, parse_catalog
from onestop.queue.errors import InvalidRequest, NotFound

from .catalog_edits import EDITABLE, apply_edits
from .rows import utc_text
from .store import HubStore


def view(store: HubStore) -> dict:
    """The catalogue in use, each service flagged `enabled` (and `edited` when it carries a
    local edit), for every station."""
    doc = store.catalog.to_dict()
    edits = store.catalog_edits()
    doc["services"] = [{**s, "enabled": s["code"] not in store.disabled_services,
                        "edited": any(k in EDITABLE for k in edits.get(s["code"], {}))}
                       for s in doc["services"]]
    return doc


def export(store: HubStore) -> dict:
    """A file that PUT /api/catalog takes back unchanged (the edits baked in, disabled
    services marked); without the `enabled` keys it is a plain catalogue file."""
    doc = store.catalog.to_dict()
    doc["services"] = [{**s, "enabled": False} if s["code"] in store.disabled_services else s
                       for s in doc["services"]]
    return doc


def invalid(exc: CatalogError) -> InvalidRequest:
    return InvalidRequest("invalid_catalog", str(exc), exc.message_vi, entry=exc.entry,
                          problem=exc.problem)


def _split_enabled(body: dict) -> tuple[dict, set[str]]:
    if not isinstance(body, dict) or not isinstance(body.get("services"), list):
        return body, set()
    services, off = [], set()
    for s in body["services"]:
        if isinstance(s, dict) and "enabled" in s:
            flag = s["enabled"]
            if not isinstance(flag, bool):
                raise InvalidRequest("invalid_catalog", f"service {s.get('code')!r}: "
                                     "'enabled' must be true or false",
                                     f"thủ tục {s.get('code')!r}: 'enabled' phải là true "
                                     "hoặc false")
            if not flag:
                off.add(s.get("code"))
            s = {k: v for k, v in s.items() if k != "enabled"}
        services.append(s)
    return {**body, "services": services}, off


def import_catalog(store: HubStore, body: dict, source: str = "PUT /api/catalog") -> Catalog:
    """Replace the catalogue with a file: the file is the whole truth for this hub (its edits
    and disabled services replace the local ones; a later pull from central keeps only the
    disabled flags and edits made since, as PATCHes)."""
    doc, off = _split_enabled(body)
    try:
        new = parse_catalog(doc, source=source)
    except CatalogError as exc:
        raise invalid(exc) from None
    groups = {g.id for g in new.groups}
    for c in store.counters():
        dropped = [s for s in c.skills if s not in groups]
        if dropped:
            raise InvalidRequest(
                "catalog_breaks_counters", f"the catalogue has no group {dropped[0]!r}, which "
                f"counter {c.number} serves; change the counter's skills first",
                f"Danh mục mới không có lĩnh vực {dropped[0]!r} mà quầy {c.number} đang phục "
                "vụ; hãy đổi lĩnh vực của quầy trước", counter=c.number, group=dropped[0])
    with store.write() as db:
        store._store_catalog(new)
        db.execute("DELETE FROM catalog_edits")
        now = utc_text(store.clock())
        for code in sorted(off):
            db.execute("INSERT INTO catalog_edits (code, data, updated_at) VALUES (?, ?, ?)",
                       [code, json.dumps({"enabled": False}), now])
        store._append([ev.Event(ev.CATALOG_UPDATED, store.clock(), {
            "version": new.version, "services": len(new.services),
            "disabled": sorted(off)})])
    store.reload_catalog()
    return new


def edit_service(store: HubStore, code: str, changes: dict) -> dict:
    """One service's local edit (enabled, minutes, checklist, fee, result time), validated
    by the catalogue parser with the edit applied; it survives a catalogue pull."""
    if code not in {s.code for s in store.base_catalog.services}:
        raise NotFound("unknown_service", f"no service {code!r} in the catalogue",
                       f"Không có thủ tục {code!r} trong danh mục", service=code)
    if not changes:
        raise InvalidRequest("invalid_request", "nothing to change", "Không có gì để thay đổi")
    edits = store.catalog_edits()
    edit = {**edits.get(code, {}), **changes}
    if edit.get("enabled") is True:
        edit.pop("enabled")
    try:
        parse_catalog(apply_edits(store.base_catalog.to_dict(), {**edits, code: edit}),
                      source="PATCH /api/catalog/services")
    except CatalogError as exc:
        raise invalid(exc) from None
    with store.write() as db:
        if edit:
            db.execute("INSERT INTO catalog_edits (code, data, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT(code) DO UPDATE SET data = excluded.data, "
                       "updated_at = excluded.updated_at",
                       [code, json.dumps(edit, ensure_ascii=False), utc_text(store.clock())])
        else:
            db.execute("DELETE FROM catalog_edits WHERE code = ?", [code])
        store._append([ev.Event(ev.CATALOG_SERVICE_EDITED, store.clock(),
                                {"service": code, "changes": changes})])
    store.reload_catalog()
    return next(s for s in view(store)["services"] if s["code"] == code)
