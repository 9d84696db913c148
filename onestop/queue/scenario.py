"""Scenario files for the simulator: a ward day described as data (docs/simulate.md).

A scenario is checked completely before anything runs; the first fault raises
:class:`~onestop.queue.catalog.CatalogError` naming the file, the entry and the problem, in
English and Vietnamese, with the same helpers as the catalogue and centre files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time

from .catalog import Catalog, default_catalog
from .model import Kind
from .validation import (
    TOP,
    CatalogError,
    Where,
    check_unique,
    checked_object,
    clock_field,
    decode_json,
    list_entry,
    list_field,
    number_field,
    read_text_file,
    show,
    text_field,
    whole_field,
    with_source,
    wrong_type,
)

_DOC_VI = "Tệp kịch bản mô phỏng"
DISTRIBUTIONS = ("lognormal", "exponential", "fixed")


@dataclass(frozen=True)
class MixEntry:
    service: str
    kind: Kind
    share: float
    count: tuple[int, int] = (1, 1)  # uniform whole number in [low, high]
    minutes: float | None = None  # true mean counter minutes of one unit; None: catalogue prior


@dataclass(frozen=True)
class CounterPlan:
    id: int
    groups: tuple[str, ...]
    fast_lane: bool = False
    can_serve: tuple[str, ...] = ()  # groups it may be re-skilled to; () = only `groups`

    @property
    def may_serve(self) -> tuple[str, ...]:
        """Its own groups, then the ones it may be re-skilled to (issue 19)."""
        return self.groups + tuple(g for g in self.can_serve if g not in self.groups)


@dataclass(frozen=True)
class ReservePlan:
    """A back-office officer who can be brought to a reserve counter for a while (issue 19)."""

    groups: tuple[str, ...]
    max_hours: float = 2.0  # at the front per day, at most
    notice_min: float = 10.0  # from being asked to sitting at the counter


@dataclass(frozen=True)
class Surge:
    """Extra citizens of one group in a window (a payout, a deadline): on top of the mix."""

    group: str
    start: time
    end: time
    tickets: float  # expected extra tickets per day (Poisson)


@dataclass(frozen=True)
class Scenario:
    name: str
    seed: int
    days: int
    open: tuple[tuple[time, time], ...]
    tickets_per_day: float | None  # with hourly_share
    hourly_share: dict[int, float]  # local hour -> share (normalised to sum 1)
    rate_per_hour: float | None  # constant Poisson rate instead
    mix: tuple[MixEntry, ...]
    distribution: str
    cv: float
    priority_share: float
    no_show_share: float
    counters: tuple[CounterPlan, ...]
    # Booked numbers (issue 16; docs/simulate.md): the share of citizens who book a slot of
    # `slot_minutes` (the one holding the time they would have come), and when they come
    # relative to its start: normal with `punctuality_mean`/`punctuality_sd` minutes
    # (negative = early); `booked_no_show_share` of bookings never come.
    booked_share: float = 0.0
    slot_minutes: int = 30
    punctuality_mean: float = -5.0
    punctuality_sd: float = 8.0
    booked_no_show_share: float = 0.1
    # The slot settings' `booked_share` (queue/booking_slots.py) with the capacity drawn from
    # the counters; named apart from `booked_share` above, the share of citizens who book.
    booked_share_cap: float = 0.25  # of a slot's expected capacity per group, at most booked
    # Staffing (issue 19): officers who can come to the front, and surges in one group.
    reserve: tuple[ReservePlan, ...] = ()
    surges: tuple[Surge, ...] = ()

    @property
    def open_minutes(self) -> float:
        return sum((c.hour * 60 + c.minute) - (o.hour * 60 + o.minute) for o, c in self.open)


def _open(top: dict) -> tuple[tuple[time, time], ...]:
    sessions: list[tuple[time, time]] = []
    for i, raw in enumerate(list_field(top, "open", TOP, nonempty=True)):
        where = Where(f"open[{i}]", f"mục open[{i}]")
        if not isinstance(raw, list) or len(raw) != 2:
            wrong_type(where, f"open[{i}]", "a pair [\"HH:MM\", \"HH:MM\"]",
                       "cặp [\"HH:MM\", \"HH:MM\"]", raw)
        pair = {"from": raw[0], "to": raw[1]}
        start, end = clock_field(pair, "from", where), clock_field(pair, "to", where)
        if end <= start or (sessions and start < sessions[-1][1]):
            where.fail(f"session {start:%H:%M}-{end:%H:%M} must end after it starts and after "
                       "the previous session",
                       f"phiên {start:%H:%M}-{end:%H:%M} phải kết thúc sau khi bắt đầu và sau "
                       "phiên trước")
        sessions.append((start, end))
    return tuple(sessions)


def _arrivals(top: dict, sessions) -> tuple[float | None, dict[int, float], float | None]:
    where = Where("arrivals", "mục arrivals")
    raw = top["arrivals"]
    if isinstance(raw, dict) and "process" in raw:
        checked_object(raw, where, ("process", "rate_per_hour"))
        if raw["process"] != "poisson":
            where.fail(f"process must be \"poisson\", not {show(raw['process'])}",
                       f"process phải là \"poisson\", không phải {show(raw['process'])}")
        return None, {}, number_field(raw, "rate_per_hour", where, 0, 10_000, above_low=True)
    checked_object(raw, where, ("tickets_per_day", "hourly_share"))
    per_day = number_field(raw, "tickets_per_day", where, 0, 100_000, above_low=True)
    shares_raw = raw["hourly_share"]
    if not isinstance(shares_raw, dict) or not shares_raw:
        wrong_type(where, "hourly_share", "an object {\"8\": 0.18, ...}",
                   "đối tượng {\"8\": 0.18}", shares_raw)
    shares: dict[int, float] = {}
    for key in shares_raw:
        inner = Where(f"arrivals.hourly_share[{show(key)}]",
                      f"mục arrivals.hourly_share[{show(key)}]")
        if not key.isdigit() or not 0 <= int(key) <= 23:
            inner.fail("the key must be an hour 0-23", "khóa phải là giờ từ 0 đến 23")
        hour = int(key)
        if not any(o.hour <= hour < c.hour + (c.minute > 0) for o, c in sessions):
            inner.fail(f"hour {hour} is outside the open sessions",
                       f"giờ {hour} nằm ngoài giờ mở cửa")
        shares[hour] = number_field(shares_raw, key, inner, 0, 1)
    total = sum(shares.values())
    if total <= 0:
        where.fail("hourly_share must not be all zero", "hourly_share không được toàn số 0")
    return per_day, {h: v / total for h, v in sorted(shares.items())}, None


def _mix(top: dict, catalog: Catalog) -> tuple[MixEntry, ...]:
    entries: list[MixEntry] = []
    for i, raw in enumerate(list_field(top, "mix", TOP, nonempty=True)):
        where = list_entry("mix", i, raw, "service", "service", "thủ tục")
        checked_object(raw, where, ("service", "share"), ("kind", "count", "minutes"))
        code = text_field(raw, "service", where)
        try:
            catalog.service(code)
        except KeyError:
            where.fail(f"service {show(code)} is not in catalogue {catalog.version}",
                       f"thủ tục {show(code)} không có trong danh mục {catalog.version}")
        kind = raw.get("kind", "submit")
        if kind not in [k.value for k in Kind]:
            wrong_type(where, "kind", "guidance, submit, supplement or collect",
                       "guidance, submit, supplement hoặc collect", kind)
        share = number_field(raw, "share", where, 0, 1, above_low=True)
        count = raw.get("count", [1, 1])
        if (not isinstance(count, list) or len(count) != 2
                or any(isinstance(n, bool) or not isinstance(n, int) for n in count)
                or not 1 <= count[0] <= count[1] <= 500):
            wrong_type(where, "count", "a pair [low, high] of whole numbers 1-500",
                       "cặp [nhỏ, lớn] số nguyên 1-500", count)
        minutes = number_field(raw, "minutes", where, 0, 480, above_low=True) \
            if "minutes" in raw else None
        entries.append(MixEntry(code, Kind(kind), share, (count[0], count[1]), minutes))
    total = sum(e.share for e in entries)
    return tuple(MixEntry(e.service, e.kind, e.share / total, e.count, e.minutes)
                 for e in entries)


def _counters(top: dict, catalog: Catalog) -> tuple[CounterPlan, ...]:
    plans: list[CounterPlan] = []
    known = [g.id for g in catalog.groups]
    for i, raw in enumerate(list_field(top, "counters", TOP, nonempty=True)):
        where = list_entry("counters", i, raw, "id", "id", "quầy")
        checked_object(raw, where, ("id", "groups"), ("fast_lane", "can_serve"))
        number = whole_field(raw, "id", where, 1, 999)
        check_unique(where, number, [p.id for p in plans], "counters", "counter id", "số quầy")
        groups = _groups(raw, "groups", where, known)
        can_serve = _groups(raw, "can_serve", where, known, nonempty=False) \
            if "can_serve" in raw else ()
        fast = raw.get("fast_lane", False)
        if not isinstance(fast, bool):
            wrong_type(where, "fast_lane", "true or false", "true hoặc false", fast)
        plans.append(CounterPlan(number, groups, fast, can_serve))
    return tuple(plans)


def _groups(raw: dict, key: str, where: Where, known: list[str], *,
            nonempty: bool = True) -> tuple[str, ...]:
    groups = list_field(raw, key, where, nonempty=nonempty)
    for g in groups:
        if g not in known or groups.count(g) > 1:
            where.fail(f"{key}: group {show(g)} is unknown or repeated (groups: "
                       f"{', '.join(known)})",
                       f"{key}: lĩnh vực {show(g)} không có hoặc bị lặp (các lĩnh vực: "
                       f"{', '.join(known)})")
    return tuple(groups)


def _reserve(top: dict, catalog: Catalog) -> tuple[ReservePlan, ...]:
    known = [g.id for g in catalog.groups]
    plans = []
    for i, raw in enumerate(list_field(top, "reserve", TOP) if "reserve" in top else []):
        where = Where(f"reserve[{i}]", f"mục reserve[{i}]")
        checked_object(raw, where, ("groups",), ("max_hours", "notice_min"))
        plans.append(ReservePlan(
            _groups(raw, "groups", where, known),
            number_field(raw, "max_hours", where, 0, 24, above_low=True)
            if "max_hours" in raw else 2.0,
            number_field(raw, "notice_min", where, 0, 240) if "notice_min" in raw else 10.0))
    return tuple(plans)


def _surges(top: dict, catalog: Catalog, mix: tuple[MixEntry, ...],
            sessions) -> tuple[Surge, ...]:
    surges = []
    for i, raw in enumerate(list_field(top, "surges", TOP) if "surges" in top else []):
        where = Where(f"surges[{i}]", f"mục surges[{i}]")
        checked_object(raw, where, ("group", "from", "to", "tickets"))
        group = text_field(raw, "group", where)
        if not any(catalog.service(e.service).group == group for e in mix):
            where.fail(f"group {show(group)} has no service in the mix",
                       f"lĩnh vực {show(group)} không có thủ tục nào trong mix")
        start, end = clock_field(raw, "from", where), clock_field(raw, "to", where)
        if end <= start or not any(o <= start and end <= c for o, c in sessions):
            where.fail(f"window {start:%H:%M}-{end:%H:%M} must lie inside one open session",
                       f"khoảng {start:%H:%M}-{end:%H:%M} phải nằm trong một phiên mở cửa")
        surges.append(Surge(group, start, end,
                            number_field(raw, "tickets", where, 0, 100_000, above_low=True)))
    return tuple(surges)


def _parse(data: object, catalog: Catalog) -> Scenario:
    if not isinstance(data, dict):
        TOP.fail("must be a JSON object", "phải là một đối tượng JSON")
    top = checked_object(data, TOP, ("name", "open", "arrivals", "mix", "counters"),
                         ("seed", "days", "service_time", "priority_share", "no_show_share",
                          "booked_share", "booking", "reserve", "surges"))
    name = text_field(top, "name", TOP)
    seed = whole_field(top, "seed", TOP, 0) if "seed" in top else 1
    days = whole_field(top, "days", TOP, 1, 10_000) if "days" in top else 1
    sessions = _open(top)
    per_day, shares, rate = _arrivals(top, sessions)
    mix = _mix(top, catalog)
    service = top.get("service_time", {"distribution": "lognormal", "cv": 0.6})
    where = Where("service_time", "mục service_time")
    checked_object(service, where, ("distribution",), ("cv",))
    dist = service["distribution"]
    if dist not in DISTRIBUTIONS:
        wrong_type(where, "distribution", "lognormal, exponential or fixed",
                   "lognormal, exponential hoặc fixed", dist)
    cv = number_field(service, "cv", where, 0, 5) if "cv" in service else 0.6
    if dist == "lognormal" and cv == 0:
        where.fail("a lognormal needs cv > 0 (use \"fixed\" for none)",
                   "phân phối lognormal cần cv > 0 (dùng \"fixed\" nếu không dao động)")
    shares_p = [number_field(top, k, TOP, 0, 1) if k in top else 0.0
                for k in ("priority_share", "no_show_share")]
    counters = _counters(top, catalog)
    served = {g for c in counters for g in c.groups}
    for i, e in enumerate(mix):
        group = catalog.service(e.service).group
        if group not in served:
            Where(f"mix[{i}] (service {e.service})", f"mục mix[{i}] (thủ tục {e.service})").fail(
                f"no counter serves its group {group!r}",
                f"không quầy nào phục vụ lĩnh vực {group!r}")
    booked = number_field(top, "booked_share", TOP, 0, 1) if "booked_share" in top else 0.0
    booking = top.get("booking", {})
    where = Where("booking", "mục booking")
    checked_object(booking, where, (), ("slot_minutes", "punctuality_mean", "punctuality_sd",
                                        "no_show_share", "booked_share_cap"))
    opts = {"slot_minutes": whole_field(booking, "slot_minutes", where, 5, 240)
            if "slot_minutes" in booking else 30,
            "punctuality_mean": number_field(booking, "punctuality_mean", where, -120, 120)
            if "punctuality_mean" in booking else -5.0,
            "punctuality_sd": number_field(booking, "punctuality_sd", where, 0, 120)
            if "punctuality_sd" in booking else 8.0,
            "booked_no_show_share": number_field(booking, "no_show_share", where, 0, 1)
            if "no_show_share" in booking else 0.1,
            "booked_share_cap": number_field(booking, "booked_share_cap", where, 0, 1)
            if "booked_share_cap" in booking else 0.25}
    return Scenario(name, seed, days, sessions, per_day, shares, rate, mix, dist, cv,
                    shares_p[0], shares_p[1], counters, booked, **opts,
                    reserve=_reserve(top, catalog), surges=_surges(top, catalog, mix, sessions))


def parse_scenario(data: object, source: str = "<text>",
                   catalog: Catalog | None = None) -> Scenario:
    try:
        return _parse(data, catalog if catalog is not None else default_catalog())
    except CatalogError as bad:
        raise with_source(bad, source, _DOC_VI) from None


def load_scenario_file(path: str | os.PathLike, catalog: Catalog | None = None) -> Scenario:
    text, source = read_text_file(path, _DOC_VI)
    return parse_scenario(decode_json(text, source, _DOC_VI), source, catalog)
