"""The dashboard's second table (issue 17): per ward, dossiers open and overdue now, the
month's finished dossiers early / on time / late (dossiers.timeliness, the same rule as the
lookup page), the month's satisfaction from the 3-level ratings, feedback cases open and
closed in the month, and recommendations waiting for the city's reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import text

from .dossiers import OPEN_STATES, local_day, timeliness


@dataclass
class WardMonth:
    hub_id: str
    ward: str
    open: int = 0
    overdue: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    ratings: int = 0
    satisfied: int = 0     # ratings of 2 (Hài lòng) or 3 (Rất hài lòng)
    unhappy: int = 0       # ratings of 1 (Không hài lòng)
    cases_open: int = 0
    cases_closed: int = 0  # closed within the month
    waiting_replies: int = 0

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        """Early or on time, in percent of the month's finished dossiers."""
        return 100 * (self.early + self.on_time) / self.finished if self.finished else None

    @property
    def satisfied_rate(self) -> float | None:
        return 100 * self.satisfied / self.ratings if self.ratings else None


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def ward_months(central, day: date) -> list[WardMonth]:
    """One WardMonth per enrolled hub (ordered as the first table), for `day`'s month; open
    and overdue are counted now."""
    zone, today = central.timezone, central.today()
    first, last = month_bounds(day)
    # A UTC time string a day before the month's first local day catches every finish in it;
    # the local day is then decided by `timeliness` itself.
    since = (first - timedelta(days=1)).isoformat()
    open_list = ", ".join(f"'{s}'" for s in OPEN_STATES)
    with central.db.read() as conn:
        wards = {r.hub_id: WardMonth(r.hub_id, r.ward) for r in conn.execute(text(
            "SELECT hub_id, ward FROM hubs ORDER BY ward, hub_id"))}
        dossiers = conn.execute(text(
            "SELECT hub_id, state, due_date, ready_at, returned_at FROM dossiers "
            f"WHERE state IN ({open_list}) OR ready_at >= :s OR returned_at >= :s"),
            {"s": since}).all()
        ratings = conn.execute(text(
            "SELECT hub_id, rating, count(*) AS n FROM tickets WHERE day >= :a AND day <= :b "
            "AND rating IS NOT NULL GROUP BY hub_id, rating"),
            {"a": first.isoformat(), "b": last.isoformat()}).all()
        cases = conn.execute(text(
            "SELECT hub_id, state, closed_at FROM feedback_cases WHERE state <> 'closed' "
            "OR closed_at >= :s"), {"s": since}).all()
        waiting = conn.execute(text(
            "SELECT hub_id, count(*) AS n FROM recommendations WHERE reply IS NULL "
            "GROUP BY hub_id")).all()
    for d in dossiers:
        ward = wards.get(d.hub_id)
        if ward is None:
            continue
        standing = timeliness(d, today, zone)
        if d.state in OPEN_STATES:
            ward.open += 1
            ward.overdue += standing == "overdue"
        if standing in ("early", "on_time", "late"):
            finished_at = d.ready_at or d.returned_at
            if first <= local_day(finished_at, zone) <= last:
                setattr(ward, standing, getattr(ward, standing) + 1)
    for r in ratings:
        if r.hub_id in wards:
            ward = wards[r.hub_id]
            ward.ratings += r.n
            ward.satisfied += r.n if r.rating >= 2 else 0
            ward.unhappy += r.n if r.rating == 1 else 0
    for c in cases:
        ward = wards.get(c.hub_id)
        if ward is None:
            continue
        if c.state != "closed":
            ward.cases_open += 1
        elif first <= local_day(c.closed_at, zone) <= last:
            ward.cases_closed += 1
    for r in waiting:
        if r.hub_id in wards:
            wards[r.hub_id].waiting_replies += r.n
    return list(wards.values())


def month_totals(wards: list[WardMonth]) -> WardMonth:
    total = WardMonth("", "")
    for w in wards:
        for key in ("open", "overdue", "early", "on_time", "late", "ratings", "satisfied",
                    "unhappy", "cases_open", "cases_closed", "waiting_replies"):
            setattr(total, key, getattr(total, key) + getattr(w, key))
    return total
