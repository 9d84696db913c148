"""The honest order on a real hub (issue 19): with the ward's default policy no citizen is
called after a later number of their series except behind a priority category; the ward
chooses fifo or smart, and the display's state and the daily report say which is in force."""

from __future__ import annotations

from datetime import timedelta

import pytest

from onestop.compose import HubServer, build_hub
from onestop.hub.reporting import report_input
from onestop.queue.daystats import day_stats
from onestop.queue.operations import IssueRequest
from onestop.queue.routing import POLICY_WORDS, fifo, sjf, smart
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.livehub import LiveHub

# Certified copies: 60 pages take about 16 minutes, one page 4: different size bands, so
# shortest-job-first inside the series would call the later small ones first.
PAGES = [60, 1, 45, 1, 1, 30, 1, 1]


@pytest.fixture
def hub(tmp_path):
    clock = FakeClock(hanoi(2026, 12, 7, 8, 0))
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    host, port = "127.0.0.1", free_port()
    server = HubServer(hub, host, port)
    server.start()
    live = LiveHub(hub, server, host, port)
    yield live, clock
    live.stop()


def play_morning(store, clock) -> list[str]:
    """Two certification counters; numbers issued a minute apart, an elderly citizen among
    them; the counters call and serve until nobody waits. The order of the calls."""
    for n in (1, 2):
        store.update_counter(n, skills=("certification",))
        store.set_counter_status(n, "open")
    for i, pages in enumerate(PAGES):
        store.issue(IssueRequest("2.000815", count=pages,
                                 priority="elderly" if i == 6 else None))
        clock.now += timedelta(minutes=1)
    order = []
    for _ in range(len(PAGES)):
        for n in (1, 2):
            ticket = store.call_next(n)
            if ticket is not None:
                order.append(ticket.number)
                clock.now += timedelta(minutes=ticket.expected_minutes / 2)
                store.act(ticket.id, "done")
    return order


def fairness_of(store):
    day = store.clock().date()
    return day_stats(day, store.tickets_of_day(day.isoformat()), store.rules.timezone).fairness


def test_the_default_policy_keeps_each_series_in_order(hub):
    live, clock = hub
    store = live.hub.store
    assert store.policy is smart  # the default, and honest
    order = play_morning(store, clock)
    assert order[0] == "A007"  # the elderly citizen goes first, and the display says why
    regular = [n for n in order if n != "A007"]
    assert regular == sorted(regular)
    found = fairness_of(store)
    assert found.overtaken == 0 and found.by_priority > 0


def test_shortest_job_first_inside_a_series_is_counted(hub):
    """The same morning under `sjf` (smart before issue 19): the statistic catches it."""
    live, clock = hub
    store = live.hub.store
    store.policy = sjf
    play_morning(store, clock)
    found = fairness_of(store)
    assert found.overtaken > 0 and found.minutes_max > 0


def test_the_ward_chooses_the_order_and_the_display_and_report_say_it(hub):
    live, clock = hub
    admin = live.client("admin")
    assert admin.get("/api/ward").json()["policy"] == "smart"
    state = live.client("display").get("/api/state").json()
    assert state["policy"] == {"id": "smart", "text_vi": POLICY_WORDS["smart"][0],
                               "text_en": POLICY_WORDS["smart"][1]}
    bad = admin.put("/api/ward", json={"policy": "fastest"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_ward"
    assert live.hub.store.policy is smart  # nothing changed
    assert admin.put("/api/ward", json={"policy": "fifo"}).status_code == 200
    assert live.hub.store.policy is fifo
    assert live.client("display").get("/api/state").json()["policy"]["id"] == "fifo"
    day = clock.now.date()
    assert report_input(live.hub.store, day, "Cửa Nam").policy_vi == POLICY_WORDS["fifo"][0]
    live.restart()  # the choice is the ward's, kept in the hub's database
    assert live.hub.store.policy is fifo


def test_a_priority_call_says_why_on_the_display(hub):
    live, clock = hub
    store = live.hub.store
    store.update_counter(1, skills=("certification",))
    store.set_counter_status(1, "open")
    store.issue(IssueRequest("2.000815"))
    store.issue(IssueRequest("2.000815", priority="elderly"))
    store.call_next(1)
    state = live.client("display").get("/api/state").json()
    ticket = next(c["ticket"] for c in state["counters"] if c["number"] == 1)
    assert ticket["number"] == "A002"
    assert ticket["priority_vi"] == "Ưu tiên: người cao tuổi từ đủ 75 tuổi"
    assert state["recent_calls"][0]["priority_en"] == "Priority: elderly, aged 75 or over"
