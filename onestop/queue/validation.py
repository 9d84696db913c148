"""Checking JSON documents by hand, with errors in English and Vietnamese.

The catalogue (catalog.py), the centre layout (centre.py) and simulator scenarios (scenario.py)
are JSON files that ward IT staff edit by hand, so a fault must say where and what in both
languages. These helpers check one field or entry each and raise :class:`CatalogError` through a
:class:`Where` (the entry being checked); the loader that knows the file name adds it with
:func:`with_source`. Checks run in document order, so the same bad file always gives the same
message.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import time
from typing import NoReturn

SCHEMA = 1  # the one document schema this program reads (catalogue, centre, scenario)
CATALOG_DOCUMENT_VI = "Tệp danh mục"
_HHMM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


class CatalogError(ValueError):
    """A catalogue or centre file that cannot be used: where and why, in English and Vietnamese.

    ``str(err)`` is ``"<source>: <entry>: <problem>"``; ``err.message_vi`` says the same in
    Vietnamese.
    """

    def __init__(self, source: str, entry: str, problem: str, *, entry_vi: str | None = None,
                 problem_vi: str | None = None, document_vi: str = CATALOG_DOCUMENT_VI) -> None:
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


def with_source(bad: CatalogError, source: str,
                document_vi: str = CATALOG_DOCUMENT_VI) -> CatalogError:
    """The parsers raise with no source; the loader that knows the file name adds it."""
    return CatalogError(source, bad.entry, bad.problem, entry_vi=bad.entry_vi,
                        problem_vi=bad.problem_vi, document_vi=document_vi)


@dataclass(frozen=True)
class Where:
    """The entry being checked, named in English and Vietnamese ("services[3] (code ...)")."""

    en: str
    vi: str

    def fail(self, en: str, vi: str) -> NoReturn:
        raise CatalogError("", self.en, en, entry_vi=self.vi, problem_vi=vi)


TOP = Where("top level", "mục gốc")


def list_entry(list_name: str, index: int, raw: object, key: str, en: str, vi: str) -> Where:
    """`services[3] (code 1.001193)`: the index, plus the entry's id when it has a usable one."""
    name = f"{list_name}[{index}]"
    ident = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = show(ident)
    if isinstance(ident, str) and ident.strip():
        ident = ident[:40]
        return Where(f"{name} ({en} {ident})", f"mục {name} ({vi} {ident})")
    return Where(name, f"mục {name}")


def show(value: object) -> str:
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
            return f"{en} ({show(value)})", f"{vi} ({show(value)})"
    if isinstance(value, (list, tuple)):
        return "a list", "danh sách"
    if isinstance(value, dict):
        return "an object", "đối tượng"
    return f"a {type(value).__name__}", f"kiểu {type(value).__name__}"


def wrong_type(where: Where, key: str, what_en: str, what_vi: str, value: object) -> NoReturn:
    en, vi = _kind(value)
    where.fail(f"field '{key}' must be {what_en}, not {en}",
               f"trường '{key}' phải là {what_vi}, không phải {vi}")


def checked_object(raw: object, where: Where, required: tuple[str, ...],
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


def text_field(raw: dict, key: str, where: Where, *, empty: bool = False) -> str:
    value = raw[key]
    if not isinstance(value, str):
        wrong_type(where, key, "a string", "chuỗi ký tự", value)
    if not empty and not value.strip():
        where.fail(f"field '{key}' must not be empty", f"trường '{key}' không được để trống")
    return value


def whole_field(raw: dict, key: str, where: Where, low: int, high: int | None = None) -> int:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int):
        wrong_type(where, key, "a whole number", "số nguyên", value)
    if value < low or (high is not None and value > high):
        en = f"from {low} to {high}" if high is not None else f"at least {low}"
        vi = f"từ {low} đến {high}" if high is not None else f"ít nhất là {low}"
        where.fail(f"field '{key}' must be {en}, not {show(value)}",
                   f"trường '{key}' phải {vi}, không phải {show(value)}")
    return value


def number_field(raw: dict, key: str, where: Where, low: float, high: float, *,
                 above_low: bool = False) -> float:
    """A finite number in [low, high], or in (low, high] with `above_low`."""
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        wrong_type(where, key, "a finite number", "số hữu hạn", value)
    if value < low or value > high or (above_low and value == low):
        en = f"more than {low:g}" if above_low else f"at least {low:g}"
        vi = f"lớn hơn {low:g}" if above_low else f"ít nhất là {low:g}"
        where.fail(f"field '{key}' must be {en} and at most {high:g}, not {show(value)}",
                   f"trường '{key}' phải {vi} và không quá {high:g}, không phải {show(value)}")
    return float(value)


def list_field(raw: dict, key: str, where: Where, *, nonempty: bool = False) -> list:
    value = raw[key]
    if not isinstance(value, (list, tuple)):
        wrong_type(where, key, "a list", "danh sách", value)
    if nonempty and not value:
        where.fail(f"field '{key}' must not be empty", f"trường '{key}' không được để trống")
    return list(value)


def texts_field(raw: dict, key: str, where: Where, *, nonempty: bool = False) -> tuple[str, ...]:
    items = list_field(raw, key, where, nonempty=nonempty)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            en, vi = _kind(item)
            where.fail(f"{key}[{i}] must be a non-empty string, not {en}",
                       f"{key}[{i}] phải là chuỗi ký tự không rỗng, không phải {vi}")
    return tuple(items)


def check_unique(where: Where, value: object, earlier: list, list_name: str, en: str,
                 vi: str) -> None:
    if value in earlier:
        j = earlier.index(value)
        where.fail(f"duplicate {en} {show(value)} (also {list_name}[{j}])",
                   f"{vi} {show(value)} bị trùng (đã có ở {list_name}[{j}])")


def checked_top_level(data: object, required: tuple[str, ...],
                      optional: tuple[str, ...] = ()) -> dict:
    """The top-level object: schema first (a newer file is told apart from a broken one)."""
    if not isinstance(data, dict):
        en, vi = _kind(data)
        TOP.fail(f"must be a JSON object, not {en}",
                  f"phải là một đối tượng JSON, không phải {vi}")
    if "schema" not in data:
        TOP.fail("missing field 'schema'", "thiếu trường 'schema'")
    if type(data["schema"]) is not int or data["schema"] != SCHEMA:
        shown = show(data["schema"])
        TOP.fail(f"unsupported schema {shown}; this program reads schema {SCHEMA}",
                  f"không hỗ trợ schema {shown}; chương trình này đọc schema {SCHEMA}")
    return checked_object(data, TOP, required, optional)


def decode_json(text: str | bytes, source: str, document_vi: str) -> object:
    """json.loads that refuses NaN/Infinity and duplicate keys (a duplicate hides a typo)."""
    where = Where("JSON text", "nội dung JSON")

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
    raise with_source(bad, source, document_vi)


def read_text_file(path: str | os.PathLike, document_vi: str) -> tuple[str, str]:
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


def clock_field(raw: dict, key: str, where: Where) -> time:
    value = text_field(raw, key, where)
    match = _HHMM.fullmatch(value)
    if not match:
        where.fail(f"field '{key}' must be a time HH:MM such as \"08:00\", not {show(value)}",
                   f"trường '{key}' phải là giờ dạng HH:MM như \"08:00\", "
                   f"không phải {show(value)}")
    return time(int(match[1]), int(match[2]))
