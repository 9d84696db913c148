"""Classification of a walk-in request: service x kind x count (+ observed times) -> complexity.

Rules (chosen where the brief is silent, see README "Domain rules"):
* collecting a result is quick whatever the procedure (`collect_minutes`);
* guidance is quick (`guidance_minutes`, capped by the procedure's own minutes);
* submitting takes the procedure's minutes plus `minutes_per_unit` for each unit beyond the first
  (pages to certify, signatures); a supplement takes `supplement_factor` of that;
* observed service times for (service, kind) shrink the catalogue estimate towards the centre's
  own mean, weighted like `prior_weight` samples, so a new centre starts from the catalogue;
* complexity starts at the procedure's default and moves up one level when the expected minutes
  exceed the level's ceiling (quick <= 10, standard <= 25): 60 pages to certify is not quick.
  A supplement never ranks above the procedure's default.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Service
from .errors import InvalidRequest
from .model import Complexity, Kind
from .rules import Rules

_ORDER = (Complexity.QUICK, Complexity.STANDARD, Complexity.COMPLEX)


@dataclass(frozen=True)
class Observed:
    """Service times the centre measured for one (service, kind)."""

    mean_minutes: float
    samples: int


@dataclass(frozen=True)
class Classification:
    complexity: Complexity
    expected_minutes: float


def check_count(count: int, rules: Rules) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= rules.max_count:
        raise InvalidRequest(
            "invalid_count",
            f"count must be a whole number from 1 to {rules.max_count}",
            f"Số lượng phải là số nguyên từ 1 đến {rules.max_count}",
            count=count,
        )


def prior_minutes(service: Service, kind: Kind, count: int, rules: Rules) -> float:
    """The catalogue's estimate of counter minutes, before any observation."""
    if kind == Kind.COLLECT:
        return rules.collect_minutes
    if kind == Kind.GUIDANCE:
        return min(rules.guidance_minutes, service.minutes)
    work = service.minutes + service.minutes_per_unit * (count - 1)
    if kind == Kind.SUPPLEMENT:
        return work * rules.supplement_factor
    return work


def level_for_minutes(minutes: float, rules: Rules) -> Complexity:
    if minutes <= rules.quick_max_minutes:
        return Complexity.QUICK
    if minutes <= rules.standard_max_minutes:
        return Complexity.STANDARD
    return Complexity.COMPLEX


def classify(
    service: Service, kind: Kind, count: int, rules: Rules, observed: Observed | None = None
) -> Classification:
    check_count(count, rules)
    prior = prior_minutes(service, kind, count, rules)
    minutes = prior
    if observed is not None and observed.samples > 0 and observed.mean_minutes > 0:
        # The observation is for a typical count; scale the blend by this request's size.
        single = prior_minutes(service, kind, 1, rules)
        blended = (single * rules.prior_weight + observed.mean_minutes * observed.samples) / (
            rules.prior_weight + observed.samples
        )
        minutes = blended * (prior / single) if single > 0 else blended
    if kind in (Kind.COLLECT, Kind.GUIDANCE):
        return Classification(Complexity.QUICK, round(minutes, 2))
    default = Complexity(service.complexity)
    by_size = level_for_minutes(minutes, rules)
    level = max(_ORDER.index(default), _ORDER.index(by_size))
    if kind == Kind.SUPPLEMENT:
        level = min(level, _ORDER.index(default))
    return Classification(_ORDER[level], round(minutes, 2))
