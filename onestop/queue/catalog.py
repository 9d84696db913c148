"""The procedure catalogue: groups (lĩnh vực), services (thủ tục) and priority categories.

The catalogue is data: ``onestop/assets/catalog.json`` by default, editable by a centre, later
pulled from the central server. :func:`parse_catalog` checks a decoded JSON document completely
and raises :class:`CatalogError` for the first fault, naming the file, the entry and the problem.
Checks run in document order, so the same bad file always gives the same message.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import json
import math
import os
import re
from dataclasses import MISSING, dataclass, fields
from typing import NoReturn

SCHEMA = 1
COMPLEXITIES = ("quick", "standard", "complex")
MAX_MINUTES = 480.0  # one working day; more is a typo

_SLUG = re.compile(r"[a-z0-9-]+")
_CATEGORY_ID = re.compile(r"[a-z0-9_-]+")
_PREFIX = re.compile(r"[A-Z]{0,3}")
# National code d.dddddd, optionally with a provincial suffix (".HN", "-HN"); or local.<slug>.
_CODE = re.compile(r"[0-9]\.[0-9]{6}(?:[.-][A-Z][A-Z0-9]{0,9})?|local\.[a-z0-9-]+")
_DOC_VI = "Tệp danh mục"


class CatalogError(ValueError):
    """A catalogue or centre file that cannot be used: where and why, in English and Vietnamese.

    ``str(err)`` is ``"<source>: <entry>: <problem>"``; ``err.message_vi`` says the same in
    Vietnamese.
    """

    def __init__(self, source: str, entry: str, problem: str, *, entry_vi: str | None = None,
                 problem_vi: str | None = None, document_vi: str = _DOC_VI) -> None:
        super().__init__(f"{source}: {entry}: {problem}")
        self.source = source
        self.entry = entry
        self.problem = problem
        self.entry_vi = entry_vi or entry
        self.problem_vi = problem_vi or problem
        self.document_vi = document_vi

    @property
    def message_vi(self) -> str:
        return f"{self.document_vi} {self.source}: {self.entry_vi}: {self.problem_vi}"


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

    def minutes_for(self, count: int = 1) -> float:
        """Expected counter minutes for `count` units (pages, signatures, copies...)."""
        return self.minutes + self.minutes_per_unit * max(count - 1, 0)


@dataclass(frozen=True)
class PriorityCategory:
    id: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Catalog:
    version: str
    groups: tuple[Group, ...]
    services: tuple[Service, ...]
    priority_categories: tuple[PriorityCategory, ...] = ()

    @functools.cached_property
    def _index(self) -> tuple[dict[str, Group], dict[str, Service]]:
        return {g.id: g for g in self.groups}, {s.code: s for s in self.services}

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
            services.append({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})
        categories = [{"id": c.id, "name_vi": c.name_vi, "name_en": c.name_en}
                      for c in self.priority_categories]
        return {"schema": SCHEMA, "version": self.version, "groups": groups,
                "services": services, "priority_categories": categories}


# --- validation helpers, shared with centre.py ----------------------------------------------


def _sourced(bad: CatalogError, source: str, document_vi: str = _DOC_VI) -> CatalogError:
    """The parsers raise with no source; the loader that knows the file name adds it."""
    return CatalogError(source, bad.entry, bad.problem, entry_vi=bad.entry_vi,
                        problem_vi=bad.problem_vi, document_vi=document_vi)


@dataclass(frozen=True)
class _Where:
    en: str
    vi: str

    def fail(self, en: str, vi: str) -> NoReturn:
        raise CatalogError("", self.en, en, entry_vi=self.vi, problem_vi=vi)


_TOP = _Where("top level", "mục gốc")


def _entry(list_name: str, index: int, raw: object, key: str, en: str, vi: str) -> _Where:
    """`services[3] (code 1.001193)`: the index, plus the entry's id when it has a usable one."""
    name = f"{list_name}[{index}]"
    ident = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = _show(ident)
    if isinstance(ident, str) and ident.strip():
        ident = ident[:40]
        return _Where(f"{name} ({en} {ident})", f"mục {name} ({vi} {ident})")
    return _Where(name, f"mục {name}")


def _show(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON, or an int too long to print
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: object) -> tuple[str, str]:
    """What a wrong value is, in English and Vietnamese."""
    if value is None:
        return "null", "null"
    for types, en, vi in ((bool, "a boolean", "giá trị logic"), ((int, float), "a number", "số"),
                          (str, "a string", "chuỗi")):
        if isinstance(value, types):
            return f"{en} ({_show(value)})", f"{vi} ({_show(value)})"
    if isinstance(value, (list, tuple)):
        return "a list", "danh sách"
    if isinstance(value, dict):
        return "an object", "đối tượng"
    return f"a {type(value).__name__}", f"kiểu {type(value).__name__}"


def _wrong(where: _Where, key: str, what_en: str, what_vi: str, value: object) -> NoReturn:
    en, vi = _kind(value)
    where.fail(f"field '{key}' must be {what_en}, not {en}",
               f"trường '{key}' phải là {what_vi}, không phải {vi}")


def _object(raw: object, where: _Where, required: tuple[str, ...],
            optional: tuple[str, ...] = ()) -> dict:
    """Check that `raw` is an object with no unknown key and every required key."""
    if not isinstance(raw, dict):
        en, vi = _kind(raw)
        where.fail(f"must be a JSON object, not {en}",
                   f"phải là một đối tượng JSON, không phải {vi}")
    known = required + optional
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            name = str(key)[:40]
            hint_en = f" (did you mean '{close[0]}'?)" if close else ""
            hint_vi = f" (có phải là '{close[0]}'?)" if close else ""
            where.fail(f"unknown field '{name}'{hint_en}",
                       f"trường không xác định '{name}'{hint_vi}")
    for key in required:
        if key not in raw:
            where.fail(f"missing field '{key}'", f"thiếu trường '{key}'")
    return raw


def _text(raw: dict, key: str, where: _Where, *, empty: bool = False) -> str:
    value = raw[key]
    if not isinstance(value, str):
        _wrong(where, key, "a string", "chuỗi ký tự", value)
    if not empty and not value.strip():
        where.fail(f"field '{key}' must not be empty", f"trường '{key}' không được để trống")
    return value


def _whole(raw: dict, key: str, where: _Where, low: int, high: int | None = None) -> int:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong(where, key, "a whole number", "số nguyên", value)
    if value < low or (high is not None and value > high):
        en = f"from {low} to {high}" if high is not None else f"at least {low}"
        vi = f"từ {low} đến {high}" if high is not None else f"ít nhất là {low}"
        where.fail(f"field '{key}' must be {en}, not {_show(value)}",
                   f"trường '{key}' phải {vi}, không phải {_show(value)}")
    return value


def _number(raw: dict, key: str, where: _Where, low: float, high: float, *,
            above_low: bool = False) -> float:
    """A finite number in [low, high], or in (low, high] with `above_low`."""
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        _wrong(where, key, "a finite number", "số hữu hạn", value)
    if value < low or value > high or (above_low and value == low):
        en = f"more than {low:g}" if above_low else f"at least {low:g}"
        vi = f"lớn hơn {low:g}" if above_low else f"ít nhất là {low:g}"
        where.fail(f"field '{key}' must be {en} and at most {high:g}, not {_show(value)}",
                   f"trường '{key}' phải {vi} và không quá {high:g}, không phải {_show(value)}")
    return float(value)


def _list(raw: dict, key: str, where: _Where, *, nonempty: bool = False) -> list:
    value = raw[key]
    if not isinstance(value, (list, tuple)):
        _wrong(where, key, "a list", "danh sách", value)
    if nonempty and not value:
        where.fail(f"field '{key}' must not be empty", f"trường '{key}' không được để trống")
    return list(value)


def _texts(raw: dict, key: str, where: _Where, *, nonempty: bool = False) -> tuple[str, ...]:
    items = _list(raw, key, where, nonempty=nonempty)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            en, vi = _kind(item)
            where.fail(f"{key}[{i}] must be a non-empty string, not {en}",
                       f"{key}[{i}] phải là chuỗi ký tự không rỗng, không phải {vi}")
    return tuple(items)


def _unique(where: _Where, value: object, earlier: list, list_name: str, en: str, vi: str) -> None:
    if value in earlier:
        j = earlier.index(value)
        where.fail(f"duplicate {en} {_show(value)} (also {list_name}[{j}])",
                   f"{vi} {_show(value)} bị trùng (đã có ở {list_name}[{j}])")


def _check_schema(data: object, required: tuple[str, ...]) -> dict:
    """The top-level object: schema first (a newer file is told apart from a broken one)."""
    if not isinstance(data, dict):
        en, vi = _kind(data)
        _TOP.fail(f"must be a JSON object, not {en}",
                  f"phải là một đối tượng JSON, không phải {vi}")
    if "schema" not in data:
        _TOP.fail("missing field 'schema'", "thiếu trường 'schema'")
    if type(data["schema"]) is not int or data["schema"] != SCHEMA:
        shown = _show(data["schema"])
        _TOP.fail(f"unsupported schema {shown}; this program reads schema {SCHEMA}",
                  f"không hỗ trợ schema {shown}; chương trình này đọc schema {SCHEMA}")
    return _object(data, _TOP, required)


def _decode(text: str | bytes, source: str, document_vi: str) -> object:
    """json.loads that refuses NaN/Infinity and duplicate keys (a duplicate hides a typo)."""
    where = _Where("JSON text", "nội dung JSON")

    def pairs(items: list) -> dict:
        result: dict = {}
        for key, value in items:
            if key in result:
                where.fail(f"duplicate key '{key[:40]}' in one object",
                           f"khóa '{key[:40]}' bị lặp trong cùng một đối tượng")
            result[key] = value
        return result

    def constant(name: str) -> NoReturn:
        where.fail(f"{name} is not allowed", f"không được dùng {name}")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        bad = CatalogError("", f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}",
                           entry_vi=f"dòng {exc.lineno}, cột {exc.colno}",
                           problem_vi=f"JSON không hợp lệ: {exc.msg}")
    except CatalogError as exc:  # from pairs() or constant()
        bad = exc
    except (ValueError, RecursionError) as exc:  # bad UTF-8 bytes, an int of 5000 digits...
        bad = CatalogError("", where.en, f"unreadable JSON: {exc}", entry_vi=where.vi,
                           problem_vi=f"không đọc được JSON: {exc}")
    raise _sourced(bad, source, document_vi)


def _read(path: str | os.PathLike, document_vi: str) -> tuple[str, str]:
    """(text, source) of a UTF-8 file (a BOM is allowed); CatalogError when it cannot be read."""
    source = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read(), source
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise CatalogError(source, "file", f"cannot read the file: {reason}", entry_vi="tệp",
                           problem_vi=f"không đọc được tệp: {reason}",
                           document_vi=document_vi) from None


# --- the catalogue ---------------------------------------------------------------------------

_TOP_FIELDS = ("schema", "version", "groups", "services", "priority_categories")
_GROUP_REQUIRED = ("id", "name_vi", "name_en", "prefix", "start", "digits")
_SERVICE_REQUIRED = ("code", "name_vi", "name_en", "group", "complexity", "minutes")
_SERVICE_DEFAULTS = {f.name: f.default for f in fields(Service) if f.default is not MISSING}
_CATEGORY_FIELDS = ("id", "name_vi", "name_en")


def _parse_group(raw: object, index: int, before: list[Group]) -> Group:
    where = _entry("groups", index, raw, "id", "id", "mã")
    _object(raw, where, _GROUP_REQUIRED, ("end",))
    gid = _text(raw, "id", where)
    if not _SLUG.fullmatch(gid):
        where.fail(f"group id {_show(gid)} may use only a-z, 0-9 and '-'",
                   f"mã nhóm {_show(gid)} chỉ được dùng a-z, 0-9 và '-'")
    _unique(where, gid, [g.id for g in before], "groups", "group id", "mã nhóm")
    name_vi, name_en = _text(raw, "name_vi", where), _text(raw, "name_en", where)
    prefix = _text(raw, "prefix", where, empty=True)
    if not _PREFIX.fullmatch(prefix):
        where.fail(f"prefix {_show(prefix)} must be 0 to 3 capital letters A-Z",
                   f"tiền tố {_show(prefix)} phải gồm 0 đến 3 chữ in hoa A-Z")
    start = _whole(raw, "start", where, 0)
    digits = _whole(raw, "digits", where, 1, 6)
    end = _whole(raw, "end", where, start) if raw.get("end") is not None else None
    for j, other in enumerate(before):
        if other.prefix != prefix:
            continue
        them = f"groups[{j}] (id {other.id})"
        if end is None or other.end is None:
            where.fail(f"prefix {_show(prefix)} is also used by {them}; groups sharing a prefix "
                       "must both set 'end' so that their number ranges cannot meet",
                       f"tiền tố {_show(prefix)} đã dùng cho {them}; các nhóm dùng chung tiền tố "
                       "phải cùng đặt 'end' để dãy số không trùng nhau")
        if start <= other.end and other.start <= end:
            span, other_span = f"{start}-{end}", f"{other.start}-{other.end}"
            where.fail(f"numbers {span} overlap {them} ({other_span}), which has the same "
                       f"prefix {_show(prefix)}",
                       f"dãy số {span} trùng với {them} ({other_span}) có cùng tiền tố "
                       f"{_show(prefix)}")
    return Group(gid, name_vi, name_en, prefix, start, digits, end)


def _parse_service(raw: object, index: int, groups: dict[str, Group], codes: list[str]) -> Service:
    where = _entry("services", index, raw, "code", "code", "mã")
    _object(raw, where, _SERVICE_REQUIRED, tuple(_SERVICE_DEFAULTS))
    values = {**_SERVICE_DEFAULTS, **raw}
    code = _text(values, "code", where)
    if not _CODE.fullmatch(code):
        where.fail(f"code {_show(code)} must be a national code d.dddddd (optionally with a "
                   "provincial suffix such as '.HN' or '-HN') or local.<name> with a-z, 0-9, '-'",
                   f"mã {_show(code)} phải là mã quốc gia d.dddddd (có thể thêm hậu tố tỉnh như "
                   "'.HN' hoặc '-HN') hoặc local.<tên> gồm a-z, 0-9, '-'")
    _unique(where, code, codes, "services", "service code", "mã thủ tục")
    name_vi, name_en = _text(values, "name_vi", where), _text(values, "name_en", where)
    group = _text(values, "group", where)
    if group not in groups:
        known = ", ".join(groups)
        where.fail(f"unknown group {_show(group)} (the catalogue has: {known})",
                   f"nhóm {_show(group)} không có trong danh mục (các nhóm: {known})")
    complexity = _text(values, "complexity", where)
    if complexity not in COMPLEXITIES:
        where.fail(f"unknown complexity {_show(complexity)} (expected quick, standard or complex)",
                   f"độ phức tạp {_show(complexity)} không hợp lệ "
                   "(phải là quick, standard hoặc complex)")
    minutes = _number(values, "minutes", where, 0, MAX_MINUTES, above_low=True)
    per_unit = _number(values, "minutes_per_unit", where, 0, MAX_MINUTES)
    unit_vi, unit_en = _text(values, "unit_vi", where), _text(values, "unit_en", where)
    check_vi = _texts(values, "checklist_vi", where)
    check_en = _texts(values, "checklist_en", where)
    if len(check_vi) != len(check_en):
        where.fail(f"checklist_en has {len(check_en)} items but checklist_vi has {len(check_vi)}; "
                   "each document needs both languages",
                   f"checklist_en có {len(check_en)} mục nhưng checklist_vi có {len(check_vi)}; "
                   "mỗi giấy tờ cần đủ hai ngôn ngữ")
    notes = [_text(values, key, where, empty=True)
             for key in ("fee_vi", "fee_en", "result_vi", "result_en")]
    keywords = _texts(values, "keywords", where)
    return Service(code, name_vi, name_en, group, complexity, minutes, per_unit, unit_vi, unit_en,
                   check_vi, check_en, *notes, keywords)


def _parse_category(raw: object, index: int, before: list[PriorityCategory]) -> PriorityCategory:
    where = _entry("priority_categories", index, raw, "id", "id", "mã")
    _object(raw, where, _CATEGORY_FIELDS)
    cid = _text(raw, "id", where)
    if not _CATEGORY_ID.fullmatch(cid):
        where.fail(f"priority category id {_show(cid)} may use only a-z, 0-9, '_' and '-'",
                   f"mã đối tượng ưu tiên {_show(cid)} chỉ được dùng a-z, 0-9, '_' và '-'")
    _unique(where, cid, [c.id for c in before], "priority_categories",
            "priority category id", "mã đối tượng ưu tiên")
    return PriorityCategory(cid, _text(raw, "name_vi", where), _text(raw, "name_en", where))


def _parse(data: object) -> Catalog:
    top = _check_schema(data, _TOP_FIELDS)
    version = _text(top, "version", _TOP)
    groups: list[Group] = []
    for i, raw in enumerate(_list(top, "groups", _TOP, nonempty=True)):
        groups.append(_parse_group(raw, i, groups))
    by_id = {g.id: g for g in groups}
    services: list[Service] = []
    for i, raw in enumerate(_list(top, "services", _TOP, nonempty=True)):
        services.append(_parse_service(raw, i, by_id, [s.code for s in services]))
    categories: list[PriorityCategory] = []
    for i, raw in enumerate(_list(top, "priority_categories", _TOP)):
        categories.append(_parse_category(raw, i, categories))
    return Catalog(version, tuple(groups), tuple(services), tuple(categories))


def parse_catalog(data: object, source: str = "<text>") -> Catalog:
    """Validate a decoded catalogue document; CatalogError names the first problem."""
    try:
        return _parse(data)
    except CatalogError as bad:
        raise _sourced(bad, source) from None


def load_catalog_text(text: str | bytes, source: str = "<text>") -> Catalog:
    """Parse catalogue JSON; syntax errors become CatalogError with line and column."""
    return parse_catalog(_decode(text, source, _DOC_VI), source)


def load_catalog_file(path: str | os.PathLike) -> Catalog:
    """Read a catalogue file (UTF-8); every failure, unreadable file included, is a CatalogError."""
    text, source = _read(path, _DOC_VI)
    return load_catalog_text(text, source)


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The catalogue shipped in onestop/assets (immutable, so one shared copy)."""
    files = importlib.resources.files("onestop.assets")
    return load_catalog_text(files.joinpath("catalog.json").read_text(encoding="utf-8"),
                             "onestop/assets/catalog.json")
