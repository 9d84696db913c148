"""Central → hub inbox (issue 17), on SQLite and PostgreSQL with a real server: feedback from
the lookup API reaches only its ward, the phone is deleted once the hub pulled past it;
notices, replies and holidays from the CLI; 100-item pages in ascending id; a hub that
applies each page and resumes after `next` sees every item exactly once; recommendation and
feedback-case events are stored; no central table has a column for names or ID numbers."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import inspect, text

from onestop.cli import main
from onestop.sync.protocol import INBOX_PATH
from tests.sync.dossier_kit import Dossier, enrol_hub
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

WARD, OTHER = "Phường Cửa Nam", "Phường Hoàn Kiếm"
CODE = "CUANAM-261125-0001"
PHONE = "0901234567"


def _pull_all(hub, after: int = 0) -> tuple[list[dict], int]:
    """What a hub does: pull pages until one comes back empty, resuming after `next`."""
    items = []
    while True:
        r = hub.http.get(INBOX_PATH, params={"after": after})
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= 100
        ids = [i["id"] for i in page["items"]]
        assert ids == sorted(ids) and all(i > after for i in ids)
        items += page["items"]
        if not page["items"]:
            assert page["next"] == after
            return items, after
        after = page["next"]


def _two_wards(central, server):
    central.feedback_rate = (50, 60.0)  # the refusals below would pass the citizens' limit
    ours = enrol_hub(central, server, WARD, "a" * 32, "CUANAM")
    theirs = enrol_hub(central, server, OTHER, "b" * 32, "HOANKIEM")
    d = Dossier(ours, CODE)
    ours.send(d.event("received", "2026-11-25T02:00:00+00:00"))
    return ours, theirs


def _feedback(server, **body) -> httpx.Response:
    return httpx.post(f"{server.url}/api/public/feedback", json={
        "dossier_code": CODE, "check": "4821", "kind": "complaint",
        "text": "Chưa nhận được kết quả đúng hẹn", **body})


def test_feedback_reaches_its_ward_and_the_phone_goes_after_hand_over(central, server, db_url):
    ours, theirs = _two_wards(central, server)
    r = _feedback(server, want_reply=True, phone="090 123 4567")
    assert r.status_code == 201, r.text
    feedback_id = r.json()["feedback_id"]
    quiet = _feedback(server, kind="suggestion", want_reply=False)
    assert quiet.status_code == 201
    for refused, code in ((_feedback(server, check="0000"), "dossier_not_found"),
                          (_feedback(server, want_reply=True), "invalid_phone"),
                          (_feedback(server, phone=PHONE), "invalid"),
                          (_feedback(server, text=" "), "invalid"),
                          (_feedback(server, text="x" * 2001), "invalid"),
                          (_feedback(server, kind="praise"), "invalid"),
                          (_feedback(server, name="Nguyễn Văn A"), "invalid")):
        assert refused.json()["code"] == code, refused.text

    page = ours.http.get(INBOX_PATH).json()
    items = page["items"]
    kinds = [i["kind"] for i in items]
    assert kinds == ["holidays", "feedback", "feedback"]  # the calendar at first enrolment
    first = items[1]["data"]
    assert first == {"feedback_id": feedback_id, "dossier_code": CODE, "kind": "complaint",
                     "text": "Chưa nhận được kết quả đúng hẹn", "phone": PHONE,
                     "received_at": first["received_at"]}
    assert items[2]["data"]["phone"] is None
    assert [i["kind"] for i in _pull_all(theirs)[0]] == ["holidays"]  # not the other ward's
    # The hub has the item; until it pulls past it (it might have lost the answer), central
    # still holds the phone. A pull after it is the hub saying it applied it.
    assert _phones_held(central) == 1
    assert ours.http.get(INBOX_PATH, params={"after": 1}).json()["items"][0]["data"]["phone"]
    again, _ = _pull_all(ours, page["next"])
    assert again == [] and _phones_held(central) == 0
    # Re-reading the handed-over item shows it without the phone.
    replay, _ = _pull_all(ours, 0)
    assert replay[1]["data"]["phone"] is None and replay[1]["data"]["text"]


def _phones_held(central) -> int:
    """Rows anywhere in central's database whose text holds the phone number."""
    found = 0
    with central.db.read() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                found += any(PHONE in str(v) for v in row)
    return found


def test_notices_replies_and_holidays_from_the_cli(central, server, db_url, clock, capsys):
    ours, theirs = _two_wards(central, server)
    db = ["--db", db_url]
    # The CLI runs on the real clock (a separate process's central in real life).
    expires = (date.today() + timedelta(days=30)).isoformat()
    assert main(["central", "notice", "publish", "--title", "Lịch nghỉ Tết", "--body",
                 "Các phường nghỉ từ 14/2.", "--ticker", "--expires", expires, *db]) == 0
    assert main(["central", "notice", "publish", "--title", "Họp giao ban", "--body",
                 "Thứ Hai 8:00.", "--ward", "HOANKIEM", *db]) == 0
    assert main(["central", "notice", "publish", "--title", "x", "--body", "y", "--ward",
                 "NOWHERE", *db]) == 2
    assert "no enrolled ward 'NOWHERE'" in capsys.readouterr().err
    assert main(["central", "notice", "withdraw", "1", *db]) == 0
    assert main(["central", "notice", "withdraw", "1", *db]) == 2
    assert main(["central", "notice", "list", *db]) == 0
    listed = capsys.readouterr()
    assert "\twithdrawn 20" in listed.out and "Phường Hoàn Kiếm" in listed.out
    assert listed.err.count("onestop:") == 1  # the second withdrawal, one line

    rec = str(uuid.uuid4())
    ours.send(ours.next_event("recommendation.sent", {
        "recommendation_id": rec, "subject": "Máy in", "text": "Đề nghị cấp thêm máy in.",
        "sent_at": "2026-11-25T03:00:00+00:00"}, "2026-11-25T03:00:00+00:00"))
    assert main(["central", "recommendations", "--waiting", *db]) == 0
    assert rec in capsys.readouterr().out
    assert main(["central", "reply", rec, "Đã duyệt, giao trong tuần sau.", *db]) == 0
    assert main(["central", "reply", "no-such", "x", *db]) == 2
    assert main(["central", "recommendations", "--waiting", *db]) == 0
    assert "no recommendations waiting" in capsys.readouterr().out

    assert main(["central", "holidays", "set", "2026-12-24", "--name-vi", "Nghỉ bù",
                 "--name-en", "Day off in lieu", *db]) == 0
    assert main(["central", "holidays", "remove", "2026-12-25", *db]) == 2

    ours_items = _pull_all(ours)[0]
    assert [i["kind"] for i in ours_items] == ["holidays", "notice", "notice", "reply",
                                               "holidays"]
    notice, withdrawn = ours_items[1]["data"], ours_items[2]["data"]
    assert notice == {"notice_id": 1, "title_vi": "Lịch nghỉ Tết",
                      "body_vi": "Các phường nghỉ từ 14/2.", "title_en": "Lịch nghỉ Tết",
                      "body_en": "Các phường nghỉ từ 14/2.", "ticker": True,
                      "expires_on": expires}
    # Withdrawn: sent again already expired (yesterday in Hanoi).
    assert withdrawn["notice_id"] == 1
    assert date.fromisoformat(withdrawn["expires_on"]) <= date.today()
    assert ours_items[3]["data"]["recommendation_id"] == rec
    calendar = ours_items[4]["data"]["holidays"]
    assert {"day": "2026-12-24", "name_vi": "Nghỉ bù", "name_en": "Day off in lieu"} in calendar
    assert len(calendar) == len(ours_items[0]["data"]["holidays"]) + 1
    theirs_kinds = [i["kind"] for i in _pull_all(theirs)[0]]
    assert theirs_kinds == ["holidays", "notice", "notice", "notice", "holidays"]


def test_pages_of_100_exactly_once_under_concurrent_writers(central, server):
    ours, theirs = _two_wards(central, server)
    seen: list[int] = []
    after = 0
    stop = threading.Event()

    def write(n: int) -> None:
        for i in range(n):
            for_ward = (None, WARD, OTHER)[i % 3]
            with central.db.write() as conn:
                central.inbox.add(conn, for_ward, "notice", {"notice_id": i})

    writers = [threading.Thread(target=write, args=(90,)) for _ in range(3)]
    for t in writers:
        t.start()
    while not stop.is_set():  # pull while the writers write: nothing is skipped
        if not any(t.is_alive() for t in writers):
            stop.set()
        items, after = _pull_all(ours, after)
        seen += [i["id"] for i in items]
    with central.db.read() as conn:
        expected = conn.execute(text(
            "SELECT id FROM inbox WHERE ward IS NULL OR ward = :w ORDER BY id"),
            {"w": WARD}).scalars().all()
    assert seen == expected and len(seen) == 1 + 180  # holidays + 2 of every 3
    first = ours.http.get(INBOX_PATH).json()
    assert len(first["items"]) == 100 and first["next"] == first["items"][-1]["id"]
    assert ours.http.get(INBOX_PATH, params={"after": "-1"}).status_code == 400
    assert httpx.get(f"{ours.http.base_url}{INBOX_PATH}").status_code == 401


def test_feedback_cases_and_recommendations_are_stored(central, server):
    ours, _ = _two_wards(central, server)
    case = {"case_id": "7", "source": "lookup", "kind": "complaint", "state": "open",
            "opened_at": "2026-11-25T03:00:00+00:00", "due_date": "2026-12-02",
            "closed_at": None}
    at = "2026-11-25T03:00:00+00:00"
    results = ours.send(
        ours.next_event("feedback.case", case, at),
        ours.next_event("feedback.case", {**case, "state": "closed",
                                          "closed_at": "2026-11-26T03:00:00+00:00"}, at),
        ours.next_event("feedback.case", {**case, "text": "Nguyễn Văn A phàn nàn"}, at),
        ours.next_event("feedback.case", {**case, "state": "closed"}, at),
        ours.next_event("recommendation.sent", {"recommendation_id": "r1", "subject": "",
                                                "text": "x", "sent_at": at}, at))
    assert [r["status"] for r in results] == ["stored", "stored", "rejected", "rejected",
                                              "rejected"]
    with central.db.read() as conn:
        assert conn.execute(text("SELECT state, closed_at FROM feedback_cases")).one()[0] == \
            "closed"


PERSONAL = ("name", "full_name", "citizen", "id_number", "cccd", "cmnd", "passport",
            "address", "birth", "email", "phone")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_column_holds_names_or_id_numbers(central):
    with central.db.read() as conn:
        insp = inspect(conn)
        columns = {f"{t}.{c['name']}" for t in insp.get_table_names()
                   for c in insp.get_columns(t)}
    allowed = {"holidays.name_vi", "holidays.name_en", "booking_holders.phone_hash",
               "bookings.phone_hash", "central_secrets.name"}
    found = sorted(c for c in columns - allowed
                   if any(word in c.split(".")[1] for word in PERSONAL))
    assert found == [], found
    assert {"dossiers.check_digits", "inbox.personal"} <= columns
    json.dumps(sorted(columns))  # the list itself is plain text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_phone_never_handed_over_goes_after_30_days(central, server, clock):
    ours, theirs = _two_wards(central, server)
    assert _feedback(server, want_reply=True, phone=PHONE).status_code == 201
    _pull_all(theirs)  # another ward's pulls hand nothing of ours over...
    assert _phones_held(central) == 1
    clock.advance(minutes=31 * 24 * 60)
    _pull_all(theirs)  # ...but any pull past 30 days deletes what was never fetched
    assert _phones_held(central) == 0
    # Re-enrolling the same hub id brings no second calendar; a new hub id gets one.
    before = len(_pull_all(ours)[0])
    again = enrol_hub(central, server, WARD, "a" * 32, "CUANAM")  # a new token
    assert len(_pull_all(again)[0]) == before
    fresh = enrol_hub(central, server, WARD, "e" * 32, "CUANAM")
    assert [i["kind"] for i in _pull_all(fresh)[0]].count("holidays") == 2
