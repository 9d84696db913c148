"""The centre's configurable rules of the counter, in one immutable value."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PRIORITY_CATEGORIES = ("merit", "elderly", "disabled", "pregnant", "small_child")


@dataclass(frozen=True)
class Rules:
    timezone: str = "Asia/Ho_Chi_Minh"
    priority_categories: tuple[str, ...] = DEFAULT_PRIORITY_CATEGORIES
    # After this many priority calls in a row at one counter, a waiting regular ticket goes
    # next: priority first, but regular tickets still move (Decree 107/2021 leaves it to us).
    priority_streak_limit: int = 3
    # A ticket that has waited this long is called before anything else at any counter that
    # serves its group, oldest first: no ticket waits forever behind fast lanes or priority.
    ageing_minutes: float = 45.0
    # "Recall up to three times, then no-show" (docs/domain.md). No-show needs at least
    # `no_show_min_recalls` recalls so a citizen is never dropped on the first call.
    max_recalls: int = 3
    no_show_min_recalls: int = 1
    # Expected counter minutes that push a request one complexity level up.
    quick_max_minutes: float = 10.0
    standard_max_minutes: float = 25.0
    # Observed service times weigh in like this many prior samples (shrinkage towards the
    # catalogue's estimate until the centre has its own data).
    prior_weight: float = 5.0
    collect_minutes: float = 3.0
    guidance_minutes: float = 4.0
    supplement_factor: float = 0.6
    max_count: int = 500  # pages/copies per ticket; beyond that is a typo, not a request
    # Booked numbers (queue/booking.py): check-in is accepted from this long before the slot's
    # start to this long after it (QSystem: 1 h before, 20 min after; Da Nang cancels after
    # 10 min); a booking not checked in by the late limit is released as a no-show.
    booking_early_minutes: float = 60.0
    booking_late_minutes: float = 15.0

    def __post_init__(self) -> None:
        if self.priority_streak_limit < 1:
            raise ValueError("priority_streak_limit must be at least 1")
        if self.ageing_minutes <= 0:
            raise ValueError("ageing_minutes must be positive")
        if not 0 <= self.no_show_min_recalls <= self.max_recalls:
            raise ValueError("no_show_min_recalls must be between 0 and max_recalls")
