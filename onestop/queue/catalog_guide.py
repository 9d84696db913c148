"""The catalogue's guidance data: fields (lĩnh vực shown to citizens) and, per service, what the
procedure-guidance assistant answers with (field, working days, legal basis, citizens' phrasings)
and where those facts come from (source, verified).

A catalogue that declares top-level ``fields`` is a guide catalogue: every service must then carry
all of this (a procedure the assistant can name but not explain is worse than none). A catalogue
without ``fields`` (one exported before the assistant existed, or a test's small catalogue) may
leave them out, so a hub's stored catalogue keeps loading after an upgrade. docs/catalog.md
describes every field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .validation import (
    Where,
    check_unique,
    checked_object,
    list_entry,
    show,
    text_field,
    texts_field,
    whole_field,
)

_FIELD_ID = re.compile(r"[a-z0-9-]+")
MAX_WORKING_DAYS = 365  # more is a typo (the longest ward procedures take weeks, not years)
GUIDE_KEYS = ("field", "result_working_days", "legal_basis_vi", "phrasings_vi", "source",
              "verified")
_FIELD_KEYS = ("id", "name_vi", "name_en")


@dataclass(frozen=True)
class Field:
    """A lĩnh vực as citizens know it (hộ tịch, chứng thực, người có công...). Several fields may
    be served by one counter group (người có công is served by the social-protection counter)."""

    id: str
    name_vi: str
    name_en: str


def parse_field(raw: object, index: int, before: list[Field]) -> Field:
    where = list_entry("fields", index, raw, "id", "id", "mã")
    checked_object(raw, where, _FIELD_KEYS)
    fid = text_field(raw, "id", where)
    if not _FIELD_ID.fullmatch(fid):
        where.fail(f"field id {show(fid)} may use only a-z, 0-9 and '-'",
                   f"mã lĩnh vực {show(fid)} chỉ được dùng a-z, 0-9 và '-'")
    check_unique(where, fid, [f.id for f in before], "fields", "field id", "mã lĩnh vực")
    return Field(fid, text_field(raw, "name_vi", where), text_field(raw, "name_en", where))


def parse_guide(values: dict, where: Where, fields: dict[str, Field], guide: bool,
                checklist_items: int) -> dict:
    """The six guide values of one service entry as written (`values` without defaults), as
    Service keyword arguments. In a guide catalogue all six are required."""
    if guide:
        for key in GUIDE_KEYS:
            if key not in values:
                where.fail(f"missing field '{key}' (the catalogue declares 'fields', so every "
                           "service needs its guidance data)",
                           f"thiếu trường '{key}' (danh mục có 'fields' nên mọi thủ tục phải có "
                           "đủ thông tin hướng dẫn)")
        if checklist_items == 0:
            where.fail("checklist_vi must not be empty: the assistant shows it to citizens",
                       "checklist_vi không được để trống: trợ lý hướng dẫn đưa danh sách này "
                       "cho người dân")
    result: dict = {}
    field = text_field(values, "field", where, empty=not guide) if "field" in values else ""
    if field and field not in fields:
        known = ", ".join(fields) or "none"
        where.fail(f"unknown field id {show(field)} (the catalogue's fields: {known})",
                   f"mã lĩnh vực {show(field)} không có trong 'fields' (các mã: {known})")
    result["field"] = field
    days = values.get("result_working_days")
    if days is not None or guide:
        days = whole_field(values, "result_working_days", where, 0, MAX_WORKING_DAYS)
    result["result_working_days"] = days
    for key in ("legal_basis_vi", "phrasings_vi"):
        result[key] = texts_field(values, key, where) if key in values else ()
    source = text_field(values, "source", where, empty=True) if "source" in values else ""
    verified = values.get("verified", False)
    if not isinstance(verified, bool):
        where.fail(f"field 'verified' must be true or false, not {show(verified)}",
                   f"trường 'verified' phải là true hoặc false, không phải {show(verified)}")
    if guide and not source.strip():
        where.fail("field 'source' must say where the details come from (or, with verified "
                   "false, which details are unconfirmed)",
                   "trường 'source' phải ghi nguồn của thông tin (hoặc, khi verified là false, "
                   "ghi rõ thông tin nào chưa được đối chiếu)")
    if verified and not source.strip():
        where.fail("verified is true but 'source' is empty: a verified entry names its source",
                   "verified là true nhưng 'source' để trống: thủ tục đã đối chiếu phải ghi nguồn")
    result["source"], result["verified"] = source, verified
    return result
