"""Queueing theory the simulator is checked against: Erlang C for the M/M/c queue."""

from __future__ import annotations

import math


def erlang_c(arrivals_per_min: float, service_min: float, counters: int) -> float:
    """Probability that an arrival waits, M/M/c with FCFS (Erlang's C formula)."""
    a = arrivals_per_min * service_min  # offered load in Erlangs
    if a >= counters:
        return 1.0
    term, total = 1.0, 1.0  # a^k / k!, summed for k < c
    for k in range(1, counters):
        term *= a / k
        total += term
    top = term * a / counters / (1 - a / counters)
    return top / (total + top)


def mean_wait(arrivals_per_min: float, service_min: float, counters: int) -> float:
    """Mean wait in queue (minutes) of M/M/c: C(c, a) / (c*mu - lambda)."""
    mu = 1 / service_min
    if arrivals_per_min >= counters * mu:
        return math.inf
    return erlang_c(arrivals_per_min, service_min, counters) / (counters * mu - arrivals_per_min)
