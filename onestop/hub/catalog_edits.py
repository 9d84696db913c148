"""The ward's local edits of single services, laid over the catalogue in use.

The catalogue table holds the base (the bundled one, an imported file or central's); the edits
live in their own table, so a catalogue pulled from central replaces the base and the edits are
laid over it again: a ward's own fee note or a disabled procedure survives the city's update.
Only a few fields are editable here (docs/administration.md); the result is validated by the
same parser as any catalogue file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from onestop.queue.catalog import Catalog, CatalogError, parse_catalog

log = logging.getLogger(__name__)

EDITABLE = ("minutes", "checklist_vi", "checklist_en", "fee_vi", "fee_en", "result_vi",
            "result_en", "result_working_days")


def apply_edits(base: dict, edits: Mapping[str, dict]) -> dict:
    """The catalogue document `base` with each service's edited fields replaced."""
    services = []
    for service in base.get("services", []):
        edit = edits.get(service.get("code"), {})
        services.append({**service, **{k: v for k, v in edit.items() if k in EDITABLE}})
    return {**base, "services": services}


def disabled(edits: Mapping[str, dict], catalog: Catalog) -> frozenset[str]:
    codes = {s.code for s in catalog.services}
    return frozenset(code for code, e in edits.items() if e.get("enabled") is False
                     and code in codes)


def effective(base: Catalog, edits: Mapping[str, dict]) -> Catalog:
    """`base` with the edits applied. An edit that no longer fits a newer base (its service
    changed shape upstream) is skipped with a warning rather than blocking the catalogue."""
    if not any(k in EDITABLE for e in edits.values() for k in e):
        return base
    doc = base.to_dict()
    try:
        return parse_catalog(apply_edits(doc, edits), source="catalogue with local edits")
    except CatalogError:
        pass
    for code, edit in edits.items():
        try:
            parse_catalog(apply_edits(doc, {code: edit}), source="local edit")
        except CatalogError as exc:
            log.warning("local edit of service %s no longer fits the catalogue; skipped: %s",
                        code, exc)
            continue
        doc = apply_edits(doc, {code: edit})
    return parse_catalog(doc, source="catalogue with local edits")
