"""The inbox puller against a fake central that follows the contract (tests/sync/fakeinbox.py),
with faults: central down, a lost answer (the same after= is asked again), a crash between
applying and the cursor (one transaction: neither stays), duplicates — every item applied
exactly once. Also the worker's cycle: a recommendation written offline leaves once, a notice
written while the hub was offline arrives once and reaches the lobby's ticker."""

from __future__ import annotations

import pytest

from onestop.compose import build_hub, build_sync
from onestop.hub import dialogue, feedback
from onestop.settings import Settings
from onestop.sync.inbox_pull import InboxPull
from onestop.sync.transport import SyncError
from tests.clock import FakeClock, hanoi
from tests.sync.fakeinbox import TOKEN, FakeCentral


@pytest.fixture
def central():
    fake = FakeCentral().start()
    yield fake
    fake.stop()


@pytest.fixture
def hub(tmp_path, central):
    hub = build_hub(Settings(data_dir=tmp_path / "data"),
                    clock=FakeClock(hanoi(2026, 11, 25, 9)))
    hub.outbox.enrolled(central.url, TOKEN, "Phường Cửa Nam", None, 0, hub.store.clock())
    yield hub
    hub.close()


def notice(n: int, ticker: bool = False, expires_on: str | None = None) -> dict:
    return {"notice_id": f"n{n}", "title_vi": f"Thông báo {n}",
            "body_vi": "Lịch làm việc dịp Tết", "title_en": f"Notice {n}",
            "body_en": "Opening hours at Tết", "ticker": ticker, "expires_on": expires_on}


def lookup_feedback(n: int, phone: str | None = None) -> dict:
    return {"feedback_id": f"f{n}", "dossier_code": "CUANAM-261125-0007",
            "kind": "complaint", "text": f"Hồ sơ trễ hẹn {n}", "phone": phone,
            "received_at": "2026-11-25T01:00:00+00:00"}


def counts(hub) -> tuple[int, int]:
    with hub.store.reading() as db:
        return (db.execute("SELECT count(*) FROM city_notices").fetchone()[0],
                db.execute("SELECT count(*) FROM feedback_cases").fetchone()[0])


def pull(hub) -> int:
    return InboxPull(hub.store).pull(hub.outbox.link())


def test_items_are_applied_and_the_cursor_kept(hub, central):
    central.add("notice", notice(1, ticker=True))
    central.add("feedback", lookup_feedback(1, phone="0912345678"))
    rec = dialogue.send_recommendation(hub.store, "Xin thêm máy lấy số", "Giờ cao điểm")
    central.add("reply", {"recommendation_id": rec["id"], "text": "Đã bố trí trong quý I",
                          "replied_at": "2026-11-26T02:00:00+00:00"})
    central.add("holidays", {"holidays": [{"day": "2027-02-06", "name_vi": "Tết",
                                           "name_en": "Tet"}]})
    central.add("mystery", {"x": 1})  # not understood: logged and skipped, never blocking
    assert pull(hub) == 4
    assert dialogue.inbox_after(hub.store) == 5
    (case,) = feedback.cases(hub.store)["cases"]
    assert (case["source"], case["kind"], case["phone"]) == ("lookup", "complaint",
                                                              "0912345678")
    assert case["dossier_code"] == "CUANAM-261125-0007" and case["want_reply"]
    assert dialogue.recommendations(hub.store)[0]["reply_text"] == "Đã bố trí trong quý I"
    assert [n["title_vi"] for n in dialogue.ticker_notices(hub.store)] == ["Thông báo 1"]
    assert hub.snapshot()["city_notices"][0]["title_vi"] == "Thông báo 1"  # the lobby ticker
    assert pull(hub) == 0 and central.afters[-1] == 5


def test_central_down_then_up_applies_once(hub, central):
    central.add("notice", notice(1))
    central.faults = ["down"]
    with pytest.raises(SyncError):
        pull(hub)
    assert counts(hub) == (0, 0) and dialogue.inbox_after(hub.store) == 0
    assert pull(hub) == 1 and counts(hub) == (1, 0)


def test_a_lost_answer_is_asked_again_with_the_same_after(hub, central):
    central.add("feedback", lookup_feedback(1))
    pull(hub)
    central.add("feedback", lookup_feedback(2))
    central.add("notice", notice(2))
    central.faults = ["lost"]
    with pytest.raises(SyncError):
        pull(hub)
    assert pull(hub) == 2
    assert central.afters == [0, 1, 1]  # the lost answer's request, then the same again
    assert counts(hub) == (1, 2)


def test_a_crash_between_apply_and_cursor_leaves_neither(hub, central, monkeypatch):
    for n in range(1, 4):
        central.add("feedback", lookup_feedback(n))
    real = dialogue._apply_one
    seen = []

    def crash_on_third(store, item, now):
        seen.append(item["id"])
        if item["id"] == 3:
            raise KeyboardInterrupt  # the process dies mid-answer (not a refused item)
        return real(store, item, now)

    monkeypatch.setattr(dialogue, "_apply_one", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        pull(hub)
    assert counts(hub) == (0, 0) and dialogue.inbox_after(hub.store) == 0
    with hub.store.reading() as db:  # no feedback.case event escaped either
        assert db.execute("SELECT count(*) FROM events WHERE type = 'feedback.case'"
                          ).fetchone()[0] == 0
    monkeypatch.setattr(dialogue, "_apply_one", real)
    assert pull(hub) == 3 and counts(hub) == (0, 3)


def test_duplicates_are_applied_once(hub, central):
    central.add("notice", notice(1))
    central.add("feedback", lookup_feedback(1))
    central.add("feedback", lookup_feedback(1))  # the same feedback under a second id
    central.ignore_after = True  # a central that answers from the start every time
    pull(hub)
    pull(hub)
    assert counts(hub) == (1, 1)
    answer = central.answer(0)
    assert dialogue.apply_inbox(hub.store, answer["items"] + answer["items"]) == 0


def test_bad_answers_are_errors_and_change_nothing(hub, central):
    central.add("notice", notice(1))
    central.faults = ["500", "garbage"]
    for _ in range(2):
        with pytest.raises(SyncError):
            pull(hub)
    assert counts(hub) == (0, 0)
    central.faults = ["404"]  # a central from before the inbox: nothing, and no error
    assert pull(hub) == 0 and dialogue.inbox_after(hub.store) == 0
    assert pull(hub) == 1


def test_more_than_a_page_is_drained(hub, central):
    for n in range(250):
        central.add("notice", notice(n, ticker=n % 2 == 0))
    assert pull(hub) == 250 and central.afters == [0, 100, 200]  # a short page ends it


def test_worker_cycle_delivers_the_recommendation_once_and_pulls_the_inbox(hub, central):
    rec = dialogue.send_recommendation(hub.store, "Đề nghị", "Bổ sung cán bộ quầy 2")
    assert dialogue.recommendations(hub.store)[0]["delivered"] is False  # written offline
    central.add("notice", notice(1, ticker=True, expires_on="2026-11-24"))  # expired
    worker = build_sync(hub)
    worker.run_cycle()
    worker.run_cycle()
    sent = [e for e in central.events if e["type"] == "recommendation.sent"]
    assert len(sent) == 1 and sent[0]["data"]["recommendation_id"] == rec["id"]
    assert set(sent[0]["data"]) >= {"recommendation_id", "subject", "text", "sent_at"}
    assert dialogue.recommendations(hub.store)[0]["delivered"] is True
    assert counts(hub) == (1, 0) and dialogue.ticker_notices(hub.store) == []


KILL_CHILD = """
import os, signal, sys
from onestop.compose import build_hub
from onestop.hub import dialogue
from onestop.settings import Settings
from pathlib import Path

hub = build_hub(Settings(data_dir=Path(sys.argv[1])))
real = dialogue._apply_one

def die_on_third(store, item, now):
    if item["id"] == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # the power cut, mid-answer
    return real(store, item, now)

dialogue._apply_one = die_on_third
items = [{"id": n, "kind": "notice", "at": "2026-11-25T02:00:00+00:00", "data": {
    "notice_id": f"n{n}", "title_vi": "Thông báo", "body_vi": "Nội dung", "ticker": False}}
    for n in (1, 2, 3)]
dialogue.apply_inbox(hub.store, items)
"""


def test_killed_mid_answer_leaves_neither_items_nor_cursor(tmp_path):
    """SIGKILL inside the apply transaction (a real process, a real SQLite file): on reopening,
    neither the items nor the cursor are there, so the next pull applies them all, once."""
    import subprocess
    import sys

    data = tmp_path / "data"
    build_hub(Settings(data_dir=data)).close()
    child = subprocess.run([sys.executable, "-c", KILL_CHILD, str(data)], timeout=120,
                           capture_output=True, text=True)
    assert child.returncode == -9, child.stderr
    hub = build_hub(Settings(data_dir=data))
    try:
        assert counts(hub) == (0, 0) and dialogue.inbox_after(hub.store) == 0
        items = [{"id": n, "kind": "notice", "at": "2026-11-25T02:00:00+00:00",
                  "data": notice(n)} for n in (1, 2, 3)]
        assert dialogue.apply_inbox(hub.store, items) == 3
        assert dialogue.apply_inbox(hub.store, items) == 0 and counts(hub) == (3, 0)
    finally:
        hub.close()
