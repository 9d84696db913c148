"""Expected arrivals of a day from the ward's own history (issue 19, "Kế hoạch ngày mai").

An ordinary day is like the same weekday of the last weeks; a payout day (ngày chi trả trợ cấp:
the days of the month the ward pays social allowances, a ward setting) is like the last payout
days, whatever their weekday: a payout Monday says nothing about an ordinary Monday, and the
reverse. Days on which the centre issued nothing (a holiday, the hub not yet installed) say
nothing either and are left out of the mean. Pure: the hub counts, this averages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

DEFAULT_WEEKS = 6
PAYOUT_LOOKBACK_DAYS = 200  # how far back a payout day looks for its like


def is_payout(day: date, payout_days: Iterable[int]) -> bool:
    """Whether `day` is one of the ward's payout days (days of the month, 1-31)."""
    return day.day in set(payout_days)


def history_days(day: date, weeks: int = DEFAULT_WEEKS,
                 payout_days: Iterable[int] = ()) -> list[date]:
    """The past days whose arrivals forecast `day`, newest first: the last `weeks` payout days
    for a payout day, else the same weekday of the last `weeks` weeks that were not payout
    days (a week whose weekday was a payout day is replaced by the one before)."""
    payout = set(payout_days)
    if is_payout(day, payout):
        found = [d for k in range(1, PAYOUT_LOOKBACK_DAYS + 1)
                 if is_payout(d := day - timedelta(days=k), payout)]
        return found[:weeks]
    out: list[date] = []
    k = 1
    while len(out) < weeks and k <= weeks * 3:  # payout weeks skipped, bounded
        d = day - timedelta(weeks=k)
        if not is_payout(d, payout):
            out.append(d)
        k += 1
    return out


def mean_arrivals(counts: Mapping[date, Mapping[tuple[int, str], int]],
                  days: Iterable[date]) -> tuple[dict[int, dict[str, float]], list[date]]:
    """Mean tickets per (hour, group) over those of `days` that had any ticket; with the days
    used. `counts`: day -> (local hour, group) -> tickets issued."""
    used = [d for d in days if sum(counts.get(d, {}).values()) > 0]
    total: dict[int, dict[str, float]] = {}
    for d in used:
        for (hour, group), n in counts[d].items():
            total.setdefault(hour, {}).setdefault(group, 0.0)
            total[hour][group] += n
    return ({h: {g: n / len(used) for g, n in gs.items()} for h, gs in sorted(total.items())},
            used)
