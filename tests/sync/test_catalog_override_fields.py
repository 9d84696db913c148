"""A ward's catalog-override.json may add its own lĩnh vực (field) with a procedure in it."""

from __future__ import annotations

from onestop.queue.catalog import default_catalog, parse_catalog
from onestop.sync.catalog_pull import merge_override

CATALOG = default_catalog()


def test_a_wards_override_may_add_its_own_field_and_procedure():
    city = default_catalog().to_dict()
    own = {**city["services"][0], "code": "local.tree-permit", "name_vi": "Xin chặt cây",
           "field": "trees", "source": "Quy chế của phường; chưa đối chiếu", "verified": False}
    override = {"fields": [{"id": "trees", "name_vi": "Cây xanh", "name_en": "Trees"}],
                "services": [own]}
    merged = parse_catalog(merge_override(city, override))
    assert merged.service("local.tree-permit").field == "trees"
    assert merged.version.endswith("+local") and len(merged.fields) == len(CATALOG.fields) + 1
    assert merged.service("1.001193") == CATALOG.service("1.001193")
