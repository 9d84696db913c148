"""What a simulation run reports: waits, prediction errors and counter utilisation."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .fairness import fairness
from .model import Channel, Complexity, Ticket

ON_TIME_MINUTES = 15.0  # a booked citizen called within this of their place is on time


@dataclass(frozen=True)
class Outcome:
    """One called ticket: its wait and what was predicted for it when it was issued."""

    ticket: Ticket
    wait: float  # minutes from issue to first call
    no_show: bool
    forecast: dict  # predicted / baseline minutes (None when not computed)


def _pct(xs: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of sorted values (as daystats.Spread does)."""
    return xs[max(0, math.ceil(q * len(xs)) - 1)] if xs else 0.0


def _spread(values: Sequence[float]) -> dict:
    xs = sorted(values)
    if not xs:
        return {"n": 0, "mean": 0.0, "p50": 0.0, "p90": 0.0, "p95": 0.0, "max": 0.0}
    return {"n": len(xs), "mean": round(statistics.fmean(xs), 2), "p50": round(_pct(xs, .5), 2),
            "p90": round(_pct(xs, .9), 2), "p95": round(_pct(xs, .95), 2),
            "max": round(xs[-1], 2)}


def _mae(outcomes: Sequence[Outcome], key: str) -> float | None:
    errors = [abs(o.forecast[key] - o.wait) for o in outcomes if o.forecast.get(key) is not None]
    return round(statistics.fmean(errors), 2) if errors else None


@dataclass(frozen=True)
class SimReport:
    scenario: str
    policy: str
    days: int
    outcomes: tuple[Outcome, ...]
    utilisation: dict[int, float]
    booked_absent: int = 0  # bookings nobody came for (released as no-shows)
    staffing: dict | None = None  # moves, reserve hours, counter hours (queue/supervise.py)

    @property
    def waits(self) -> list[float]:
        return [o.wait for o in self.outcomes]

    def to_dict(self) -> dict:
        waits = _spread(self.waits)
        priority = _spread([o.wait for o in self.outcomes if o.ticket.is_priority])
        return {
            "scenario": self.scenario, "policy": self.policy, "days": self.days,
            "tickets": len(self.outcomes),
            "served": sum(not o.no_show for o in self.outcomes),
            "no_show": sum(o.no_show for o in self.outcomes),
            "wait_min": {k: waits[k] for k in ("mean", "p50", "p90", "p95", "max")},
            "priority_wait_min": {"n": priority["n"], "mean": priority["mean"],
                                  "max": priority["max"]},
            "by_complexity": {
                str(c): {k: s[k] for k in ("n", "mean", "p90", "max")}
                for c in Complexity
                if (s := _spread([o.wait for o in self.outcomes if o.ticket.complexity == c]))
            },
            "prediction": {"mae_min": _mae(self.outcomes, "predicted"),
                           "baseline_mae_min": _mae(self.outcomes, "baseline")},
            "utilisation": {str(n): round(u, 3) for n, u in sorted(self.utilisation.items())},
            "fairness": fairness((o.ticket, o.ticket.called_at)
                                 for o in self.outcomes).to_dict(),
            **self._booking(),
            **({"staffing": self.staffing} if self.staffing is not None else {}),
        }

    def _booking(self) -> dict:
        """Booked numbers (issue 16): the booked share, booked citizens called on time (within
        15 minutes of the later of slot start and check-in: `wait` counts from there), the
        bookings nobody came for, and the walk-ins' wait."""
        booked = [o for o in self.outcomes if o.ticket.channel == Channel.BOOKED]
        if not booked and not self.booked_absent:
            return {}
        walk_in = _spread([o.wait for o in self.outcomes if o.ticket.channel != Channel.BOOKED])
        waits = _spread([o.wait for o in booked])
        return {"booked": {
            "n": len(booked), "share": round(len(booked) / max(1, len(self.outcomes)), 3),
            "on_time_share": round(sum(o.wait <= ON_TIME_MINUTES for o in booked)
                                   / max(1, len(booked)), 3),
            "wait_mean": waits["mean"], "wait_p90": waits["p90"],
            "no_show": self.booked_absent},
            "walk_in_wait_min": {k: walk_in[k] for k in ("n", "mean", "p90", "p95")}}


def summarise(scenario: str, policy: str, days: int, outcomes: list[Outcome],
              utilisation: dict[int, float], booked_absent: int = 0,
              staffing: dict | None = None) -> SimReport:
    return SimReport(scenario, policy, days, tuple(outcomes), utilisation, booked_absent,
                     staffing)
