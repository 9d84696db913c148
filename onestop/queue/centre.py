"""The centre's layout: ward name, timezone, opening hours and counters with their skills.

Not part of the unified catalogue: each centre has its own ``centre.json`` (the default, Cửa Nam
ward, ships in ``onestop/assets``). Counter skills name groups of a catalogue, so a layout is
always checked against one. Errors are :class:`~onestop.queue.catalog.CatalogError`, as for the
catalogue.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time

from .catalog import Catalog, default_catalog
from .validation import (
    TOP,
    CatalogError,
    Where,
    check_unique,
    checked_object,
    checked_top_level,
    clock_field,
    decode_json,
    list_entry,
    list_field,
    read_text_file,
    show,
    text_field,
    whole_field,
    with_source,
    wrong_type,
)

DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_NAMES_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_DOC_VI = "Tệp cấu hình trung tâm"


@dataclass(frozen=True)
class OpeningHours:
    days: tuple[int, ...]  # 0 = Monday ... 6 = Sunday
    open: time
    close: time

    def covers(self, moment: datetime) -> bool:
        """Whether a local (centre-timezone) moment falls in this opening session."""
        return moment.weekday() in self.days and self.open <= moment.time() < self.close


@dataclass(frozen=True)
class CounterSpec:
    number: int
    label_vi: str
    label_en: str
    skills: tuple[str, ...]  # group ids, primary first
    fast_lane: bool = False


@dataclass(frozen=True)
class CentreLayout:
    ward_name_vi: str
    ward_name_en: str
    timezone: str
    hours: tuple[OpeningHours, ...]
    counters: tuple[CounterSpec, ...]

    def counter(self, number: int) -> CounterSpec:
        for spec in self.counters:
            if spec.number == number:
                return spec
        raise KeyError(f"no counter {number} in the layout of {self.ward_name_en}")

    def is_open(self, moment: datetime) -> bool:
        """Whether the centre is open at `moment` (aware; converted to the centre's timezone)."""
        local = moment.astimezone(zoneinfo.ZoneInfo(self.timezone))
        return any(h.covers(local) for h in self.hours)

    def to_dict(self) -> dict:
        """JSON-ready dict (schema 1) that :func:`parse_centre` turns back into an equal layout."""
        return {
            "schema": 1,
            "ward_name_vi": self.ward_name_vi,
            "ward_name_en": self.ward_name_en,
            "timezone": self.timezone,
            "hours": [{"days": list(h.days), "open": h.open.strftime("%H:%M"),
                       "close": h.close.strftime("%H:%M")} for h in self.hours],
            "counters": [{"number": c.number, "label_vi": c.label_vi, "label_en": c.label_en,
                          "skills": list(c.skills), "fast_lane": c.fast_lane}
                         for c in self.counters],
        }


def _parse_hours(raw: object, index: int, before: list[OpeningHours]) -> OpeningHours:
    where = Where(f"hours[{index}]", f"mục hours[{index}]")
    checked_object(raw, where, ("days", "open", "close"))
    days = list_field(raw, "days", where, nonempty=True)
    for i, day in enumerate(days):
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            wrong_type(where, f"days[{i}]", "a weekday number 0-6 (0 = Monday)",
                       "số thứ trong tuần 0-6 (0 = Thứ Hai)", day)
        if day in days[:i]:
            where.fail(f"day {day} ({DAY_NAMES_EN[day]}) is listed twice",
                       f"ngày {day} ({DAY_NAMES_VI[day]}) bị lặp")
    opens, closes = clock_field(raw, "open", where), clock_field(raw, "close", where)
    if closes <= opens:
        where.fail(f"closes at {closes:%H:%M}, not after it opens at {opens:%H:%M}",
                   f"giờ đóng cửa {closes:%H:%M} phải sau giờ mở cửa {opens:%H:%M}")
    hours = OpeningHours(tuple(days), opens, closes)
    for j, other in enumerate(before):
        shared = [d for d in hours.days if d in other.days]
        if shared and opens < other.close and other.open < closes:
            day = shared[0]
            where.fail(f"overlaps hours[{j}] on {DAY_NAMES_EN[day]}",
                       f"trùng giờ với hours[{j}] vào {DAY_NAMES_VI[day]}")
    return hours


def parse_hours(raw: object, source: str = "hours") -> tuple[OpeningHours, ...]:
    """Opening hours alone (the admin's ward form), checked as in a centre file: a non-empty
    list of {days, open, close}, no overlaps."""
    hours: list[OpeningHours] = []
    try:
        for i, item in enumerate(list_field({"hours": raw}, "hours", TOP, nonempty=True)):
            hours.append(_parse_hours(item, i, hours))
    except CatalogError as bad:
        raise with_source(bad, source, _DOC_VI) from None
    return tuple(hours)


def _parse_counter(raw: object, index: int, before: list[CounterSpec],
                   catalog: Catalog) -> CounterSpec:
    where = list_entry("counters", index, raw, "number", "number", "quầy")
    checked_object(raw, where, ("number", "label_vi", "label_en", "skills"), ("fast_lane",))
    number = whole_field(raw, "number", where, 1, 999)
    check_unique(where, number, [c.number for c in before], "counters", "counter number", "số quầy")
    label_vi, label_en = text_field(raw, "label_vi", where), text_field(raw, "label_en", where)
    skills = list_field(raw, "skills", where, nonempty=True)
    known = [g.id for g in catalog.groups]
    for i, skill in enumerate(skills):
        if not isinstance(skill, str):
            wrong_type(where, f"skills[{i}]", "a group id", "mã lĩnh vực", skill)
        if skill not in known:
            where.fail(f"skill {show(skill)} is not a group of catalogue {catalog.version} "
                       f"(groups: {', '.join(known)})",
                       f"lĩnh vực {show(skill)} không có trong danh mục {catalog.version} "
                       f"(các lĩnh vực: {', '.join(known)})")
        if skill in skills[:i]:
            where.fail(f"skill {show(skill)} is listed twice", f"lĩnh vực {show(skill)} bị lặp")
    fast_lane = raw.get("fast_lane", False)
    if not isinstance(fast_lane, bool):
        wrong_type(where, "fast_lane", "true or false", "true hoặc false", fast_lane)
    return CounterSpec(number, label_vi, label_en, tuple(skills), fast_lane)


def _parse(data: object, catalog: Catalog) -> CentreLayout:
    top = checked_top_level(data, ("schema", "ward_name_vi", "ward_name_en", "timezone",
                                   "hours", "counters"))
    ward_vi, ward_en = text_field(top, "ward_name_vi", TOP), text_field(top, "ward_name_en", TOP)
    timezone = text_field(top, "timezone", TOP)
    try:
        zoneinfo.ZoneInfo(timezone)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):  # "Asia" is a folder
        TOP.fail(f"unknown timezone {show(timezone)} (expected a name such as "
                  "\"Asia/Ho_Chi_Minh\")",
                  f"múi giờ {show(timezone)} không tồn tại (ví dụ đúng: \"Asia/Ho_Chi_Minh\")")
    hours: list[OpeningHours] = []
    for i, raw in enumerate(list_field(top, "hours", TOP, nonempty=True)):
        hours.append(_parse_hours(raw, i, hours))
    counters: list[CounterSpec] = []
    for i, raw in enumerate(list_field(top, "counters", TOP, nonempty=True)):
        counters.append(_parse_counter(raw, i, counters, catalog))
    return CentreLayout(ward_vi, ward_en, timezone, tuple(hours), tuple(counters))


def parse_centre(data: object, source: str = "<text>",
                 catalog: Catalog | None = None) -> CentreLayout:
    """Validate a decoded centre document against `catalog` (the default one when None)."""
    try:
        return _parse(data, catalog if catalog is not None else default_catalog())
    except CatalogError as bad:
        raise with_source(bad, source, _DOC_VI) from None


def load_centre_text(text: str | bytes, source: str = "<text>",
                     catalog: Catalog | None = None) -> CentreLayout:
    return parse_centre(decode_json(text, source, _DOC_VI), source, catalog)


def load_centre_file(path: str | os.PathLike, catalog: Catalog | None = None) -> CentreLayout:
    text, source = read_text_file(path, _DOC_VI)
    return load_centre_text(text, source, catalog)


@functools.lru_cache(maxsize=1)
def default_centre() -> CentreLayout:
    """The default layout shipped in onestop/assets (Cửa Nam ward), checked against the
    default catalogue."""
    files = importlib.resources.files("onestop.assets")
    return load_centre_text(files.joinpath("centre.json").read_text(encoding="utf-8"),
                            "onestop/assets/centre.json")
