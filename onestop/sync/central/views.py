"""Read models: a hub's sync status, the hub list for admins and the dashboard's per-ward
figures for one centre day."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text

from onestop.sync.protocol import SyncStatusAnswer

from .db import CentralDb
from .ingest import parse_time

STALE_AFTER = timedelta(hours=24)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class WardDay:
    hub_id: str
    ward: str
    last_sync_at: datetime | None
    stale: bool
    tickets: int = 0
    waiting: int = 0
    served: int = 0
    no_show: int = 0
    booked: int = 0  # bookings for the day, not cancelled (docs/booking.md)
    rating_sum: int = 0
    rating_count: int = 0
    waits: list[float] = field(default_factory=list)

    @property
    def mean_wait_min(self) -> float | None:
        return sum(self.waits) / len(self.waits) / 60 if self.waits else None

    @property
    def p90_wait_min(self) -> float | None:
        p90 = percentile(self.waits, 0.9)
        return None if p90 is None else p90 / 60

    @property
    def mean_rating(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None


class Views:
    def __init__(self, db: CentralDb, clock) -> None:
        self.db, self.clock = db, clock

    def sync_status(self, hub_id: str) -> SyncStatusAnswer:
        with self.db.read() as conn:
            row = conn.execute(text("SELECT hub_id, ward, acked, events, rejected, last_sync_at, "
                                    "booking_key FROM hubs WHERE hub_id = :h"),
                               {"h": hub_id}).one()
        return SyncStatusAnswer(hub_id=row.hub_id, ward=row.ward, acked=row.acked,
                                events=row.events, rejected=row.rejected,
                                last_sync_at=row.last_sync_at, booking_key=row.booking_key)

    def _stale(self, last_sync_at: str | None, enrolled_at: str, now: datetime) -> bool:
        # A hub that never synced counts from its enrolment, so a new ward is not flagged.
        since = parse_time(last_sync_at) or parse_time(enrolled_at)
        return since is None or now - since > STALE_AFTER

    def hubs(self) -> list[dict]:
        now = self.clock()
        with self.db.read() as conn:
            rows = conn.execute(text(
                "SELECT hub_id, ward, enrolled_at, acked, events, rejected, last_sync_at, "
                "last_skew_s, version FROM hubs ORDER BY ward, hub_id")).all()
        return [{"hub_id": r.hub_id, "ward": r.ward, "enrolled_at": r.enrolled_at,
                 "acked": r.acked, "events": r.events, "rejected": r.rejected,
                 "last_sync_at": r.last_sync_at, "skew_s": r.last_skew_s,
                 "version": r.version, "stale": self._stale(r.last_sync_at, r.enrolled_at, now)}
                for r in rows]

    def wards(self, day: str) -> list[WardDay]:
        """Every enrolled hub with its figures for `day` (YYYY-MM-DD), ordered by ward."""
        now = self.clock()
        with self.db.read() as conn:
            hubs = conn.execute(text("SELECT hub_id, ward, enrolled_at, last_sync_at FROM hubs "
                                     "ORDER BY ward, hub_id")).all()
            days = {r.hub_id: r for r in conn.execute(text(
                "SELECT hub_id, tickets, waiting, served, no_show, rating_sum, rating_count "
                "FROM days WHERE day = :d"), {"d": day})}
            waits: dict[str, list[float]] = defaultdict(list)
            for hub_id, wait_s in conn.execute(text(
                    "SELECT hub_id, wait_s FROM tickets WHERE day = :d AND wait_s IS NOT NULL"),
                    {"d": day}):
                waits[hub_id].append(max(0.0, float(wait_s)))
            booked = dict(conn.execute(text(
                "SELECT hub_id, count(*) FROM bookings WHERE day = :d AND status <> 'cancelled' "
                "GROUP BY hub_id"), {"d": day}).all())
        wards = []
        for h in hubs:
            ward = WardDay(h.hub_id, h.ward, parse_time(h.last_sync_at),
                           self._stale(h.last_sync_at, h.enrolled_at, now))
            d = days.get(h.hub_id)
            if d is not None:
                ward.tickets, ward.waiting, ward.served = d.tickets, d.waiting, d.served
                ward.no_show, ward.rating_sum = d.no_show, d.rating_sum
                ward.rating_count = d.rating_count
            ward.waits = waits.get(h.hub_id, [])
            ward.booked = int(booked.get(h.hub_id, 0))
            wards.append(ward)
        return wards


def totals(wards: list[WardDay]) -> WardDay:
    """The city line: sums, and waits/ratings pooled over every ticket (not a mean of means)."""
    total = WardDay("", "", None, any(w.stale for w in wards))
    for w in wards:
        total.tickets += w.tickets
        total.waiting += w.waiting
        total.served += w.served
        total.no_show += w.no_show
        total.booked += w.booked
        total.rating_sum += w.rating_sum
        total.rating_count += w.rating_count
        total.waits.extend(w.waits)
        if w.last_sync_at and (total.last_sync_at is None or w.last_sync_at > total.last_sync_at):
            total.last_sync_at = w.last_sync_at
    return total
