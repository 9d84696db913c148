"""Learned service times: what a (service, kind) really takes at this centre.

Counter minutes are skewed and now and then absurd (an officer forgets to press Done over
lunch: one "service" of 70 minutes). A plain mean lets one such sample move the estimate for
weeks; a median underestimates a skewed distribution's mean, which is what queue work adds up.
So each sample is clipped to [median / CLIP, median x CLIP] before averaging: for a lognormal
with cv 0.6 that changes the mean by well under 1%, while a forgotten Done counts as at most
CLIP times a typical service. Too few samples fall back to the catalogue prior through
`classify`'s shrinkage (`Rules.prior_weight`).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from .classify import Observed

CLIP = 4.0
WINDOW = 200  # most recent samples kept: a centre's pace changes with staff and season


def robust_mean(samples: Sequence[float]) -> float:
    if not samples:
        raise ValueError("robust_mean of no samples")
    mid = statistics.median(samples)
    if mid <= 0:
        return max(0.0, statistics.fmean(samples))
    low, high = mid / CLIP, mid * CLIP
    return sum([min(max(x, low), high) for x in samples]) / len(samples)


def learned(samples: Sequence[float]) -> Observed | None:
    """The observation `classify` blends with the catalogue prior; None without samples."""
    usable = [x for x in samples[-WINDOW:] if x > 0]
    return Observed(round(robust_mean(usable), 3), len(usable)) if usable else None
