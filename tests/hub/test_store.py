"""The hub store: use cases in transactions, gap-free events, idempotency, restarts, rollover."""

from __future__ import annotations

import json

import pytest
from hubfakes import FakeClock, hanoi, open_all, open_store

from onestop.hub.store import HubStore
from onestop.queue.catalog import CatalogError, default_catalog, load_catalog_file
from onestop.queue.errors import DomainError, InvalidRequest, NotFound, TransitionError
from onestop.queue.model import Status
from onestop.queue.operations import IssueRequest


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "hub.db")
    open_all(s)
    yield s
    s.close()


def assert_gap_free(store: HubStore) -> None:
    seqs = [e.seq for e in store.events_since(0, limit=100_000)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_database_is_wal_and_fully_synchronous(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_seeded_with_default_catalogue_and_counters(store):
    assert store.catalog == default_catalog()
    assert [c.number for c in store.counters()] == [1, 2, 3, 4, 5]
    assert store.hub_id and len(store.hub_id) == 32


def test_flow_and_events(store):
    issued = store.issue(IssueRequest("1.001193"))
    assert issued.ticket.number == "B001" and issued.estimate.people_ahead == 0
    second = store.issue(IssueRequest("1.001193")).estimate
    # Two open counters serve civil status: the forecast calls the second one at once too.
    assert second.people_ahead == 1 and second.low <= second.minutes <= second.high
    t = store.call_next(2, officer="lan")
    assert t.id == issued.ticket.id and t.officer == "lan"
    store.act(t.id, "recall")
    store.act(t.id, "start")
    store.clock.advance(12)
    done = store.act(t.id, "done")
    assert done.status == Status.DONE
    assert store.observed("1.001193", "submit").samples == 1
    rated = store.rate(done.token, 3, "  Cán bộ nhiệt tình  ")
    assert rated.rating == 3 and rated.rating_comment == "Cán bộ nhiệt tình"
    with pytest.raises(TransitionError):
        store.rate(done.token, 1)
    types = [e.type for e in store.events_since(5)]
    assert types == ["ticket.issued", "ticket.issued", "ticket.called", "ticket.recalled",
                     "ticket.started", "ticket.done", "rating.given"]
    assert_gap_free(store)


def test_failed_operations_leave_no_event_and_no_number(store):
    store.issue(IssueRequest("2.000815"))
    before = store.last_event_seq()
    for bad in (lambda: store.issue(IssueRequest("9.999999")),
                lambda: store.issue(IssueRequest("2.000815", count=10_000)),
                lambda: store.act("nope", "done"),
                lambda: store.call_next(99),
                lambda: store.rate("no-such-token", 3)):
        with pytest.raises(DomainError):
            bad()
    t = store.call_next(1)
    with pytest.raises(TransitionError):
        store.act(t.id, "no-show")  # needs a recall first
    with pytest.raises(TransitionError):
        store.call_next(1)  # busy
    assert store.last_event_seq() == before + 1
    assert store.issue(IssueRequest("2.000815")).ticket.number == "A002"
    assert_gap_free(store)


def test_a_crash_inside_a_use_case_rolls_back(store, monkeypatch):
    """Fault injection: the event write fails after the ticket row was written."""
    def boom(events):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_append", boom)
    with pytest.raises(OSError):
        store.issue(IssueRequest("2.000815"))
    monkeypatch.undo()
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM day_sequences").fetchone()[0] == 0
    assert store.issue(IssueRequest("2.000815")).ticket.number == "A001"
    assert_gap_free(store)


def test_idempotency_key_returns_the_same_ticket(store):
    a = store.issue(IssueRequest("2.000815"), idempotency_key="abc", request_hash="h1")
    b = store.issue(IssueRequest("2.000815"), idempotency_key="abc", request_hash="h1")
    assert a.ticket == b.ticket and b.replayed and not a.replayed
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1
    with pytest.raises(DomainError) as err:
        store.issue(IssueRequest("1.001193"), idempotency_key="abc", request_hash="h2")
    assert err.value.code == "idempotency_key_reused"


def test_restart_serves_the_same_queue(tmp_path):
    clock = FakeClock(hanoi(2026, 11, 23, 9))
    first = open_store(tmp_path / "hub.db", clock)
    open_all(first)
    tickets = [first.issue(IssueRequest("1.013831")).ticket for _ in range(4)]
    called = first.call_next(4)
    hub_id, last = first.hub_id, first.last_event_seq()
    first.close()
    again = open_store(tmp_path / "hub.db", clock)
    assert again.hub_id == hub_id and again.last_event_seq() == last
    assert [t.id for t in again.waiting(["land"])] == [t.id for t in tickets[1:]]
    assert again.counter(4).current == called.id
    assert again.issue(IssueRequest("1.013831")).ticket.number == "L005"


def test_day_rollover_closes_yesterday_and_restarts_numbers(store):
    t1 = store.issue(IssueRequest("2.000815")).ticket
    t2 = store.issue(IssueRequest("2.000815")).ticket
    store.call_next(1)
    store.clock.now = hanoi(2026, 11, 24, 7, 45)
    t3 = store.issue(IssueRequest("2.000815")).ticket
    assert t3.number == "A001" and t3.day.isoformat() == "2026-11-24"
    for old in (t1, t2):
        closed = store.ticket(old.id)
        assert closed.status == Status.CANCELLED and closed.outcome == "day_closed"
    assert store.counter(1).current is None
    assert len(store.tickets_of_day("2026-11-23")) == 2  # history kept
    assert_gap_free(store)


def test_bad_catalogue_is_refused_and_nothing_changes(store, tmp_path):
    data = default_catalog().to_dict()
    data["services"][1]["group"] = "nowhere"
    bad = tmp_path / "catalog-bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = (store.last_event_seq(), store.db.execute("SELECT data FROM catalog").fetchone())
    with pytest.raises(CatalogError) as err:
        store.replace_catalog(load_catalog_file(bad))
    assert "catalog-bad.json" in str(err.value) and "nowhere" in str(err.value)
    assert (store.last_event_seq(), store.db.execute("SELECT data FROM catalog").fetchone()) \
        == before
    assert store.catalog == default_catalog()


def test_catalogue_replacement_is_one_transaction(store):
    data = default_catalog().to_dict()
    data["version"] = "2026.12-city"
    data["services"][0]["minutes"] = 7.5
    from onestop.queue.catalog import parse_catalog

    store.replace_catalog(parse_catalog(data))
    assert store.catalog.version == "2026.12-city"
    assert store.events_since(store.last_event_seq() - 1)[0].type == "catalog.updated"


def test_not_found_and_invalid_have_codes(store):
    with pytest.raises(NotFound) as err:
        store.ticket("x")
    assert err.value.code == "ticket_not_found" and err.value.status == 404
    with pytest.raises(InvalidRequest) as err:
        store.update_counter(1, skills=("moon",))
    assert err.value.code == "unknown_skill" and "'moon'" in err.value.message
    assert "certification" in err.value.message  # the groups there are
    with pytest.raises(InvalidRequest) as err:
        store.update_counter(1, skills=())
    assert err.value.code == "invalid_skills"


def test_every_event_records_who_acted(store):
    with store.acting(station="reception", role="reception"):
        t = store.issue(IssueRequest("1.001193")).ticket
    store.sign_in(2, "lan")
    with store.acting(station="counter2", role="counter", officer="lan"):
        store.call_next(2)
        store.act(t.id, "done")
    by = [(e.type, e.data.get("by")) for e in store.events_since(0) if "ticket" in e.data]
    assert by == [("ticket.issued", {"station": "reception", "role": "reception"}),
                  ("ticket.called", {"station": "counter2", "role": "counter", "officer": "lan"}),
                  ("ticket.done", {"station": "counter2", "role": "counter", "officer": "lan"})]
    assert store.ticket(t.id).officer == "lan"
