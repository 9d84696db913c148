"""The procedure catalogue: groups (lĩnh vực), services (thủ tục) and priority categories.

The catalogue is data: ``onestop/assets/catalog.json`` by default, editable by a centre, later
pulled from the central server. :func:`parse_catalog` checks a decoded JSON document completely
and raises :class:`CatalogError` for the first fault, naming the file, the entry and the problem.
Checks run in document order, so the same bad file always gives the same message.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
from dataclasses import MISSING, dataclass, fields

from .catalog_guide import GUIDE_KEYS, Field, parse_field, parse_guide
from .validation import (
    CATALOG_DOCUMENT_VI,
    SCHEMA,
    TOP,
    CatalogError,
    check_unique,
    checked_object,
    checked_top_level,
    decode_json,
    list_entry,
    list_field,
    number_field,
    read_text_file,
    show,
    text_field,
    texts_field,
    whole_field,
    with_source,
)

COMPLEXITIES = ("quick", "standard", "complex")
MAX_MINUTES = 480.0  # one working day; more is a typo
NOTICE_TAIL = {
    "vi": "Quý công dân vui lòng giữ trật tự, theo dõi số thứ tự trên màn hình và đến đúng quầy "
          "khi được mời.",
    "en": "Please keep order, watch the numbers on the screen and go to the counter when called.",
}

_SLUG = re.compile(r"[a-z0-9-]+")
_CATEGORY_ID = re.compile(r"[a-z0-9_-]+")
_PREFIX = re.compile(r"[A-Z]{0,3}")
# National code d.dddddd, optionally with a provincial suffix (".HN", "-HN"); or local.<slug>.
_CODE = re.compile(r"[0-9]\.[0-9]{6}(?:[.-][A-Z][A-Z0-9]{0,9})?|local\.[a-z0-9-]+")


@dataclass(frozen=True)
class Group:
    id: str
    name_vi: str
    name_en: str
    prefix: str  # 0-3 letters A-Z shown before the number
    start: int  # first number of the day
    digits: int  # zero-padding width
    end: int | None = None  # last number of the day; None = unbounded


@dataclass(frozen=True)
class Service:
    code: str
    name_vi: str
    name_en: str
    group: str
    complexity: str  # one of COMPLEXITIES
    minutes: float  # expected counter minutes for one unit
    minutes_per_unit: float = 0.0  # extra minutes per unit beyond the first
    unit_vi: str = "hồ sơ"
    unit_en: str = "dossier"
    checklist_vi: tuple[str, ...] = ()
    checklist_en: tuple[str, ...] = ()
    fee_vi: str = ""  # "" = not stated
    fee_en: str = ""
    result_vi: str = ""
    result_en: str = ""
    keywords: tuple[str, ...] = ()
    # Where the facts above come from (a law's article, the national portal's procedure page),
    # so a centre can check them when a rule changes; never shown to citizens.
    sources: tuple[str, ...] = ()
    # Guidance data (catalog_guide.py, docs/catalog.md): the lĩnh vực citizens know it by, the
    # working days to the result (0 = same day; None = not stated), the laws it rests on, how
    # citizens ask for it, and where these facts were taken from.
    field: str = ""
    result_working_days: int | None = None
    legal_basis_vi: tuple[str, ...] = ()
    phrasings_vi: tuple[str, ...] = ()
    source: str = ""
    verified: bool = False

    def minutes_for(self, count: int = 1) -> float:
        """Expected counter minutes for `count` units (pages, signatures, copies...)."""
        return self.minutes + self.minutes_per_unit * max(count - 1, 0)


@dataclass(frozen=True)
class PriorityCategory:
    id: str
    name_vi: str
    name_en: str
    # The age from which the category applies (the elderly: the city decides; the Law on the
    # Elderly starts at 60). When set, both names must state it so they never disagree.
    min_age: int | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    version: str
    groups: tuple[Group, ...]
    services: tuple[Service, ...]
    priority_categories: tuple[PriorityCategory, ...] = ()
    fields: tuple[Field, ...] = ()  # non-empty = a guide catalogue (catalog_guide.py)

    @functools.cached_property
    def _index(self) -> tuple[dict[str, Group], dict[str, Service]]:
        return {g.id: g for g in self.groups}, {s.code: s for s in self.services}

    def field(self, field_id: str) -> Field:
        for item in self.fields:
            if item.id == field_id:
                return item
        raise KeyError(f"no field {field_id!r} in catalogue {self.version}")

    def group(self, group_id: str) -> Group:
        try:
            return self._index[0][group_id]
        except KeyError:
            raise KeyError(f"no group {group_id!r} in catalogue {self.version}") from None

    def service(self, code: str) -> Service:
        try:
            return self._index[1][code]
        except KeyError:
            raise KeyError(f"no service with code {code!r} in catalogue {self.version}") from None

    def priority_category(self, category_id: str) -> PriorityCategory:
        for category in self.priority_categories:
            if category.id == category_id:
                return category
        raise KeyError(f"no priority category {category_id!r} in catalogue {self.version}")

    def priority_notice(self, language: str = "vi") -> str:
        """The lobby's notice naming every priority category of this catalogue, so the display
        and reception never list different people."""
        en = language == "en"
        names = [c.name_en if en else c.name_vi for c in self.priority_categories]
        names = [n[:1].lower() + n[1:] for n in names]
        head = ""
        if names:
            head = (f"Served first: {'; '.join(names)}. " if en else
                    f"Ưu tiên tiếp nhận và giải quyết trước hồ sơ của: {'; '.join(names)}. ")
        return head + NOTICE_TAIL["en" if en else "vi"]

    def services_in(self, group_id: str) -> tuple[Service, ...]:
        """Services of a group in catalogue order; KeyError for a group that does not exist."""
        self.group(group_id)
        return tuple(s for s in self.services if s.group == group_id)

    def to_dict(self) -> dict:
        """JSON-ready dict (schema 1); :func:`parse_catalog` turns it back into an equal Catalog."""
        groups = []
        for g in self.groups:
            item = {"id": g.id, "name_vi": g.name_vi, "name_en": g.name_en, "prefix": g.prefix,
                    "start": g.start, "digits": g.digits}
            groups.append(item if g.end is None else {**item, "end": g.end})
        services = []
        for s in self.services:
            values = {f.name: getattr(s, f.name) for f in fields(Service)}
            if not self.fields:  # an older catalogue: guide keys only where they are set
                values = {k: v for k, v in values.items()
                          if k not in GUIDE_KEYS or v != _SERVICE_DEFAULTS[k]}
            services.append({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})
        categories = [_category_dict(c) for c in self.priority_categories]
        doc = {"schema": SCHEMA, "version": self.version, "groups": groups,
               "services": services, "priority_categories": categories}
        if self.fields:
            doc["fields"] = [{"id": f.id, "name_vi": f.name_vi, "name_en": f.name_en}
                             for f in self.fields]
        return doc


def _category_dict(c: PriorityCategory) -> dict:
    item: dict = {"id": c.id, "name_vi": c.name_vi, "name_en": c.name_en}
    if c.min_age is not None:
        item["min_age"] = c.min_age
    if c.sources:
        item["sources"] = list(c.sources)
    return item


def public_code(code: str) -> str:
    """The code as people may see it: national codes are looked up on the public-service
    portal; a centre's own `local.` codes are internal and shown as nothing."""
    return "" if code.startswith("local.") else code


# --- the catalogue ---------------------------------------------------------------------------

_TOP_FIELDS = ("schema", "version", "groups", "services", "priority_categories")
_TOP_OPTIONAL = ("fields",)
_GROUP_REQUIRED = ("id", "name_vi", "name_en", "prefix", "start", "digits")
_SERVICE_REQUIRED = ("code", "name_vi", "name_en", "group", "complexity", "minutes")
_SERVICE_DEFAULTS = {f.name: f.default for f in fields(Service) if f.default is not MISSING}
_CATEGORY_FIELDS = ("id", "name_vi", "name_en")
_CATEGORY_OPTIONAL = ("min_age", "sources")
MAX_AGE = 120
MAX_RESULT_DAYS = 365  # working days; the longest procedure of a ward takes a few weeks


def _parse_group(raw: object, index: int, before: list[Group]) -> Group:
    where = list_entry("groups", index, raw, "id", "id", "mã")
    checked_object(raw, where, _GROUP_REQUIRED, ("end",))
    gid = text_field(raw, "id", where)
    if not _SLUG.fullmatch(gid):
        where.fail(f"group id {show(gid)} may use only a-z, 0-9 and '-'",
                   f"mã lĩnh vực {show(gid)} chỉ được dùng a-z, 0-9 và '-'")
    check_unique(where, gid, [g.id for g in before], "groups", "group id", "mã lĩnh vực")
    name_vi, name_en = text_field(raw, "name_vi", where), text_field(raw, "name_en", where)
    prefix = text_field(raw, "prefix", where, empty=True)
    if not _PREFIX.fullmatch(prefix):
        where.fail(f"prefix {show(prefix)} must be 0 to 3 capital letters A-Z",
                   f"tiền tố {show(prefix)} phải gồm 0 đến 3 chữ in hoa A-Z")
    start = whole_field(raw, "start", where, 0)
    digits = whole_field(raw, "digits", where, 1, 6)
    end = whole_field(raw, "end", where, start) if raw.get("end") is not None else None
    for j, other in enumerate(before):
        if other.prefix != prefix:
            continue
        them = f"groups[{j}] (id {other.id})"
        if end is None or other.end is None:
            where.fail(f"prefix {show(prefix)} is also used by {them}; groups sharing a prefix "
                       "must both set 'end' so that their number ranges cannot meet",
                       f"tiền tố {show(prefix)} đã dùng cho {them}; các lĩnh vực dùng chung "
                       "tiền tố phải cùng đặt 'end' để dãy số không trùng nhau")
        if start <= other.end and other.start <= end:
            span, other_span = f"{start}-{end}", f"{other.start}-{other.end}"
            where.fail(f"numbers {span} overlap {them} ({other_span}), which has the same "
                       f"prefix {show(prefix)}",
                       f"dãy số {span} trùng với {them} ({other_span}) có cùng tiền tố "
                       f"{show(prefix)}")
    return Group(gid, name_vi, name_en, prefix, start, digits, end)


def _parse_service(raw: object, index: int, groups: dict[str, Group], codes: list[str],
                   known_fields: dict[str, Field], guide: bool) -> Service:
    where = list_entry("services", index, raw, "code", "code", "mã")
    checked_object(raw, where, _SERVICE_REQUIRED, tuple(_SERVICE_DEFAULTS))
    values = {**_SERVICE_DEFAULTS, **raw}
    code = text_field(values, "code", where)
    if not _CODE.fullmatch(code):
        where.fail(f"code {show(code)} must be a national code d.dddddd (optionally with a "
                   "provincial suffix such as '.HN' or '-HN') or local.<name> with a-z, 0-9, '-'",
                   f"mã {show(code)} phải là mã quốc gia d.dddddd (có thể thêm hậu tố tỉnh như "
                   "'.HN' hoặc '-HN') hoặc local.<tên> gồm a-z, 0-9, '-'")
    check_unique(where, code, codes, "services", "service code", "mã thủ tục")
    name_vi, name_en = text_field(values, "name_vi", where), text_field(values, "name_en", where)
    group = text_field(values, "group", where)
    if group not in groups:
        known = ", ".join(groups)
        where.fail(f"unknown group {show(group)} (the catalogue has: {known})",
                   f"lĩnh vực {show(group)} không có trong danh mục (các lĩnh vực: {known})")
    complexity = text_field(values, "complexity", where)
    if complexity not in COMPLEXITIES:
        where.fail(f"unknown complexity {show(complexity)} (expected quick, standard or complex)",
                   f"độ phức tạp {show(complexity)} không hợp lệ "
                   "(phải là quick, standard hoặc complex)")
    minutes = number_field(values, "minutes", where, 0, MAX_MINUTES, above_low=True)
    per_unit = number_field(values, "minutes_per_unit", where, 0, MAX_MINUTES)
    unit_vi, unit_en = text_field(values, "unit_vi", where), text_field(values, "unit_en", where)
    check_vi = texts_field(values, "checklist_vi", where)
    check_en = texts_field(values, "checklist_en", where)
    if len(check_vi) != len(check_en):
        where.fail(f"checklist_en has {len(check_en)} items but checklist_vi has {len(check_vi)}; "
                   "each document needs both languages",
                   f"checklist_en có {len(check_en)} mục nhưng checklist_vi có {len(check_vi)}; "
                   "mỗi giấy tờ cần đủ hai ngôn ngữ")
    notes = [text_field(values, key, where, empty=True)
             for key in ("fee_vi", "fee_en", "result_vi", "result_en")]
    keywords = texts_field(values, "keywords", where)
    sources = texts_field(values, "sources", where)
    extra = parse_guide(raw, where, known_fields, guide, len(check_vi))
    return Service(code, name_vi, name_en, group, complexity, minutes, per_unit, unit_vi, unit_en,
                   check_vi, check_en, *notes, keywords, sources, **extra)


def _parse_category(raw: object, index: int, before: list[PriorityCategory]) -> PriorityCategory:
    where = list_entry("priority_categories", index, raw, "id", "id", "mã")
    checked_object(raw, where, _CATEGORY_FIELDS, _CATEGORY_OPTIONAL)
    cid = text_field(raw, "id", where)
    if not _CATEGORY_ID.fullmatch(cid):
        where.fail(f"priority category id {show(cid)} may use only a-z, 0-9, '_' and '-'",
                   f"mã đối tượng ưu tiên {show(cid)} chỉ được dùng a-z, 0-9, '_' và '-'")
    check_unique(where, cid, [c.id for c in before], "priority_categories",
                 "priority category id", "mã đối tượng ưu tiên")
    name_vi, name_en = text_field(raw, "name_vi", where), text_field(raw, "name_en", where)
    min_age = None
    if raw.get("min_age") is not None:
        min_age = whole_field(raw, "min_age", where, 1, MAX_AGE)
        for key, name in (("name_vi", name_vi), ("name_en", name_en)):
            if not re.search(rf"(?<![0-9]){min_age}(?![0-9])", name):
                where.fail(f"{key} {show(name)} must state min_age {min_age}",
                           f"{key} {show(name)} phải ghi rõ độ tuổi min_age {min_age}")
    sources = texts_field(raw, "sources", where) if "sources" in raw else ()
    return PriorityCategory(cid, name_vi, name_en, min_age, sources)


def _parse(data: object) -> Catalog:
    top = checked_top_level(data, _TOP_FIELDS, _TOP_OPTIONAL)
    version = text_field(top, "version", TOP)
    known_fields: list[Field] = []
    for i, raw in enumerate(list_field(top, "fields", TOP) if "fields" in top else ()):
        known_fields.append(parse_field(raw, i, known_fields))
    field_ids = {f.id: f for f in known_fields}
    groups: list[Group] = []
    for i, raw in enumerate(list_field(top, "groups", TOP, nonempty=True)):
        groups.append(_parse_group(raw, i, groups))
    by_id = {g.id: g for g in groups}
    services: list[Service] = []
    for i, raw in enumerate(list_field(top, "services", TOP, nonempty=True)):
        services.append(_parse_service(raw, i, by_id, [s.code for s in services], field_ids,
                                       bool(known_fields)))
    categories: list[PriorityCategory] = []
    for i, raw in enumerate(list_field(top, "priority_categories", TOP)):
        categories.append(_parse_category(raw, i, categories))
    return Catalog(version, tuple(groups), tuple(services), tuple(categories),
                   tuple(known_fields))


def parse_catalog(data: object, source: str = "<text>") -> Catalog:
    """Validate a decoded catalogue document; CatalogError names the first problem."""
    try:
        return _parse(data)
    except CatalogError as bad:
        raise with_source(bad, source) from None


def load_catalog_text(text: str | bytes, source: str = "<text>") -> Catalog:
    """Parse catalogue JSON; syntax errors become CatalogError with line and column."""
    return parse_catalog(decode_json(text, source, CATALOG_DOCUMENT_VI), source)


def load_catalog_file(path: str | os.PathLike) -> Catalog:
    """Read a catalogue file (UTF-8); every failure, unreadable file included, is a CatalogError."""
    text, source = read_text_file(path, CATALOG_DOCUMENT_VI)
    return load_catalog_text(text, source)


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The catalogue shipped in onestop/assets (immutable, so one shared copy)."""
    files = importlib.resources.files("onestop.assets")
    return load_catalog_text(files.joinpath("catalog.json").read_text(encoding="utf-8"),
                             "onestop/assets/catalog.json")
