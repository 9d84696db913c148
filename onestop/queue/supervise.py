"""The simulated supervisor: who sits at which counter, and when reserves come (issue 19).

`--staffing static` keeps the scenario's counters as declared all day (the simulator as it
always was). `suggest` looks at the room every LOOK_MINUTES and asks
`staffing.room_suggestions`, the very function behind the supervisor window's suggestions
(`GET /api/suggestions`), limited to what the scenario allows (`can_serve`, the reserves);
it follows the first suggestion after REACTION_MINUTES (plus the reserve's `notice_min`), at
most one move per MIN_GAP_MINUTES. `plan` makes a day plan before opening
(`dayplan.plan_day`) from the scenario's arrival rates — the forecast, never the day's
realised arrivals — and follows it hour by hour.

Reserve officers sit at reserve counters numbered after the scenario's. One stops calling
when the next citizen would keep them past their hours (`max_hours` a day) and goes back when
their groups have nobody waiting (suggest) or at the end of the planned window (plan). A
reserve never stays past its hours: a citizen still at its desk when they end (a case far
longer than expected) is transferred to a regular counter of the group, first in its line
(`simulate.Room.transfer_to_regular`), so reserve hours used never exceed those declared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from .catalog import Catalog
from .dayplan import DayPlan, Reserve, StaffCounter, plan_day
from .model import Counter, CounterStatus
from .rules import Rules
from .scenario import Scenario
from .scenario_demand import forecast_demand
from .staffing import Suggestion, room_suggestions

MODES = ("static", "suggest", "plan")
LOOK_MINUTES = 5.0  # how often the simulated supervisor looks at the suggestions
REACTION_MINUTES = 3.0  # from reading a suggestion to the officer moving
MIN_GAP_MINUTES = 10.0  # between two moves of a counter: people are not shuffled every minute
URGENT_MINUTES = 60.0  # ... unless a group's newcomer would wait this long
PLAN_TARGET_WAIT = 5.0  # expected mean wait the plan calls reserves to reach, minutes

Push = Callable[[float, object], None]


class StaticStaffing:
    """The scenario's counters as declared, all day; reserves never come."""

    mode = "static"

    def __init__(self, scenario: Scenario, catalog: Catalog, rules: Rules) -> None:
        self.scenario, self.catalog, self.rules = scenario, catalog, rules
        self.declared = {p.id: p.groups for p in scenario.counters}
        self.can_serve = {p.id: p.may_serve for p in scenario.counters}
        first = max(self.declared) + 1
        # Static: the reserves stay in the back office, not even a closed counter.
        self.reserve_of = {first + i: i for i in range(len(scenario.reserve))
                           if self.mode != "static"}
        self.moves = 0
        self.reserve_minutes = defaultdict(float)  # reserve counter -> minutes at the front
        self.used_today: dict[int, float] = defaultdict(float)
        self.arrived: dict[int, float] = {}  # reserve counter -> when it opened
        self.leaving: set[int] = set()

    def counters(self) -> list[Counter]:
        """The reserve counters, closed: added to the room by the simulator."""
        return [Counter(n, f"Quầy dự phòng {i + 1}", f"Reserve counter {i + 1}",
                        self.scenario.reserve[i].groups) for n, i in self.reserve_of.items()]

    def start_day(self, room, day: int) -> list[tuple[float, object]]:
        return []

    def act(self, room, now: float, payload: object, push: Push) -> None:
        """A scheduled staffing event."""

    def freed(self, room, number: int, now: float) -> bool:
        """A counter's citizen left: whether it calls again (a leaving reserve does not)."""
        if number in self.leaving:
            self._close(room, number, now)
            return False
        return room.counters[number].is_open

    # --- moves ------------------------------------------------------------------------------
    def _skills(self, room, number: int, skills: tuple[str, ...], move: bool = True) -> None:
        counter = room.counters[number]
        if counter.skills != skills:
            room.counters[number] = replace(counter, skills=skills)
            self.moves += move

    def _open_reserve(self, room, number: int, now: float, skills: tuple[str, ...],
                      until: float) -> None:
        counter = room.counters[number]
        if counter.is_open or number in self.leaving:
            self.leaving.discard(number)
            return
        left = self.scenario.reserve[self.reserve_of[number]].max_hours * 60 \
            - self.used_today[number]
        if left <= 1:
            return
        room.counters[number] = replace(counter, skills=skills, status=CounterStatus.OPEN)
        room.deadline[number] = min(until, now + left)
        self.arrived[number] = now
        self.moves += 1

    def _out(self, room, now: float, payload) -> None:
        """The end of a reserve's stay (of this stay: it may have left and come again)."""
        _, number, arrived = payload
        if self.arrived.get(number) == arrived:
            self._send_back(room, number, now)

    def _send_back(self, room, number: int, now: float) -> None:
        if not room.counters[number].is_open:
            return
        if number in room.current and now < room.deadline[number] - 1e-9:
            self.leaving.add(number)  # finishes the citizen first, within its hours
        elif number in room.current:  # its hours are over: the citizen goes on elsewhere
            regulars = [n for n in room.counters if n not in self.reserve_of]
            room.transfer_to_regular(number, now, regulars)
            self._close(room, number, now)
        else:
            self._close(room, number, now)

    def _close(self, room, number: int, now: float) -> None:
        self.leaving.discard(number)
        room.counters[number] = replace(room.counters[number], status=CounterStatus.CLOSED,
                                        priority_streak=0)
        room.deadline.pop(number, None)
        spent = now - self.arrived.pop(number, now)
        self.reserve_minutes[number] += spent
        self.used_today[number] += spent

    def report(self, days: int) -> dict:
        hours = {str(n): round(days * self.scenario.open_minutes / 60, 2) for n in self.declared}
        hours.update({str(n): round(self.reserve_minutes[n] / 60, 2) for n in self.reserve_of})
        return {"mode": self.mode, "moves": self.moves,
                "reserve_hours": round(sum(self.reserve_minutes.values()) / 60, 2),
                "counter_hours": hours}

    def _day_bounds(self, day: int) -> tuple[list[tuple[float, float]], float]:
        spans = [(day * 1440.0 + o.hour * 60 + o.minute, day * 1440.0 + c.hour * 60 + c.minute)
                 for o, c in self.scenario.open]
        return spans, spans[0][0]

    def _new_day(self, room, day: int) -> None:
        """Every counter starts the day on its declared groups; reserves at their desks."""
        for number, skills in self.declared.items():
            self._skills(room, number, skills, move=False)
        self.used_today.clear()


class SuggestStaffing(StaticStaffing):
    mode = "suggest"

    def __init__(self, scenario: Scenario, catalog: Catalog, rules: Rules) -> None:
        super().__init__(scenario, catalog, rules)
        self.last_move: dict[int, float] = {}  # counter -> when the supervisor last moved it
        self.can_serve.update({n: self.scenario.reserve[i].groups
                               for n, i in self.reserve_of.items()})

    def start_day(self, room, day: int) -> list[tuple[float, object]]:
        self._new_day(room, day)
        spans, _ = self._day_bounds(day)
        looks = []
        for start, end in spans:
            t = start + LOOK_MINUTES
            while t < end:
                looks.append((t, ("look",)))
                t += LOOK_MINUTES
        return looks

    def act(self, room, now: float, payload: object, push: Push) -> None:
        what = payload[0]
        if what == "apply":
            _, number, group, action = payload
            if number in self.reserve_of:
                self._open_reserve(room, number, now, room.counters[number].skills,
                                   until=float("inf"))
                if number in self.arrived:
                    push(room.deadline[number], ("out", number, self.arrived[number]))
            elif group not in room.counters[number].skills:
                self._skills(room, number, (*room.counters[number].skills, group))
            return
        if what == "out":
            self._out(room, now, payload)
            return
        self._return_idle(room, now)
        for s in self.suggestions(room, now):
            # Each suggestion names another group and counter; a counter moved less than
            # MIN_GAP_MINUTES ago stays, unless its group's wait is urgent.
            since = now - self.last_move.get(s.counter, -1e9)
            if since < MIN_GAP_MINUTES and not (since > REACTION_MINUTES
                                                and s.before >= URGENT_MINUTES):
                continue
            delay = REACTION_MINUTES
            if s.counter in self.reserve_of:
                delay += self.scenario.reserve[self.reserve_of[s.counter]].notice_min
            push(now + delay, ("apply", s.counter, s.group, s.action))
            self.last_move[s.counter] = now

    def suggestions(self, room, now: float) -> list[Suggestion]:
        """What the supervisor window would show for the room now (reserves with under a
        quarter of an hour left are not offered)."""
        counters = [c for n, c in room.counters.items()
                    if n not in self.reserve_of or c.is_open or self._hours_left(n) > 15]
        current = {t.id: t for t in room.current.values()}
        return room_suggestions(list(room.queue), counters, current, room.at(now),
                                self.rules, room.policy, can_serve=self.can_serve)

    def _hours_left(self, number: int) -> float:
        return self.scenario.reserve[self.reserve_of[number]].max_hours * 60 \
            - self.used_today[number]

    def _return_idle(self, room, now: float) -> None:
        """A counter whose extra groups have nobody waiting goes back to its own; a reserve
        whose groups have nobody waiting goes back to the back office."""
        waiting = {key[0] for key in room.queue.lines}
        for number, base in self._base().items():
            skills = room.counters[number].skills
            if skills != base and not waiting.intersection(set(skills) - set(base)):
                self._skills(room, number, base, move=False)
        for number in self.reserve_of:
            counter = room.counters[number]
            if counter.is_open and not self._keeps(number) \
                    and not waiting.intersection(counter.skills):
                self._send_back(room, number, now)

    def _base(self) -> dict[int, tuple[str, ...]]:
        """The skills a counter goes back to when its extra groups are empty."""
        return self.declared

    def _keeps(self, number: int) -> bool:
        """Whether a reserve stays at the front although nobody of its groups waits."""
        return False


class PlanStaffing(SuggestStaffing):
    """The day plan, made before opening and followed hour by hour, with the supervisor
    still reading the suggestions on top of it: a plan cannot know today's surge, the
    suggestions see it. Extra groups a suggestion gave a counter go when nobody of them
    waits (back to the plan's skills, not the declared ones); a planned reserve stays for its
    window, one called by a suggestion goes when its groups are empty."""

    mode = "plan"

    def __init__(self, scenario: Scenario, catalog: Catalog, rules: Rules) -> None:
        super().__init__(scenario, catalog, rules)
        demand, minutes = forecast_demand(scenario, catalog, rules)
        staff = [StaffCounter(p.id, p.groups, p.can_serve) for p in scenario.counters]
        reserves = [Reserve(r.groups, r.max_hours, r.notice_min) for r in scenario.reserve]
        # The rates are the same every day, so is the plan: made once.
        self.plan: DayPlan = plan_day(demand, staff, reserves, open_minutes=minutes,
                                      target_wait=PLAN_TARGET_WAIT)
        self.numbers = {-1 - i: n for n, i in self.reserve_of.items()}
        self.planned = dict(self.declared)  # counter -> the plan's skills this hour
        self.in_window: set[int] = set()  # reserves at the front for a planned window

    def start_day(self, room, day: int) -> list[tuple[float, object]]:
        events = super().start_day(room, day)  # the supervisor's looks
        self.planned = dict(self.declared)
        self.in_window.clear()
        spans, _ = self._day_bounds(day)

        def first_open(hour: int) -> float:
            return min(max(s, day * 1440.0 + hour * 60) for s, e in spans
                       if e > day * 1440.0 + hour * 60)

        def last_open(hour: int) -> float:  # the end of the open part of the hour
            return max(min(e, day * 1440.0 + hour * 60 + 60) for s, e in spans
                       if s < day * 1440.0 + hour * 60 + 60)

        events += [(first_open(h), ("hour", h)) for h in self.plan.hours]
        for p in self.plan.reserves:
            number = self.numbers[-1 - p.reserve]
            events.append((first_open(p.start), ("in", number, p.groups,
                                                 last_open(p.end - 1))))
        return events

    def act(self, room, now: float, payload: object, push: Push) -> None:
        what = payload[0]
        if what == "hour":
            waiting = {key[0] for key in room.queue.lines}
            for number, skills in self.plan.skills[payload[1]].items():
                if number > 0:
                    # What a suggestion added and is still needed stays for now.
                    extra = set(room.counters[number].skills) - set(self.planned[number])
                    self.planned[number] = skills
                    self._skills(room, number, (*skills, *(g for g in room.counters[
                        number].skills if g in extra and g in waiting and g not in skills)))
        elif what == "in":
            _, number, skills, until = payload
            if room.counters[number].is_open:  # a suggestion called them already
                self._skills(room, number, skills, move=False)
                room.deadline[number] = min(room.deadline[number], until)
            else:
                self._open_reserve(room, number, now, skills, until)
            if number in self.arrived:
                self.in_window.add(number)
                push(room.deadline[number], ("out", number, self.arrived[number]))
        else:
            if what == "out":
                self.in_window.discard(payload[1])
            super().act(room, now, payload, push)

    def _base(self) -> dict[int, tuple[str, ...]]:
        return self.planned

    def _keeps(self, number: int) -> bool:
        return number in self.in_window


def staffing_for(mode: str, scenario: Scenario, catalog: Catalog,
                 rules: Rules) -> StaticStaffing:
    kinds = {"static": StaticStaffing, "suggest": SuggestStaffing, "plan": PlanStaffing}
    return kinds[mode](scenario, catalog, rules)
