"""Issue 17 parts 6-7 end to end: a REAL central (SQLite and PostgreSQL, its server on loopback,
its commands on the same database) and real hubs (SQLite files, their HTTP API on loopback).

1. A city notice published with `onestop central notice publish` for every ward and for one
   ward reaches the hubs that should have it (one of them enrolled and pulled entirely from the
   command line), shows in the supervisor's list and, marked ticker, on the lobby display;
   withdrawn, it leaves the ticker.
2. A citizen's complaint from central's lookup API becomes a `lookup` case with the phone; the
   next pull makes central delete the phone; closing the case erases it on the hub.
3. A recommendation from the supervisor's use case reaches `onestop central recommendations`;
   `onestop central reply` comes back attached to it.
4. Everything above through the fault proxy (dropped requests and answers, duplicates, 5xx,
   two pages): each item applied exactly once.
5. `onestop central holidays set|remove` sends the city's calendar; the hub's calendar takes
   it, keeping the ward's own days off.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from onestop.cli import main
from onestop.compose import HubServer, build_hub, build_sync
from onestop.hub import dialogue, feedback, holidays
from onestop.serving import free_port
from onestop.settings import Settings
from onestop.sync.protocol import INBOX_PATH
from onestop.sync.transport import SyncError
from tests.sync.faultproxy import FaultProxy
from tests.sync.inboxkit import (
    OTHER,
    PHONE,
    WARD,
    WARD_CODE,
    City,
    count,
    hub_events,
    hub_rows_holding,
    hub_today,
    pull,
    push,
    record_dossier,
    ward_hub,
)
from tests.sync.syncenv import assert_exactly_once


@pytest.fixture
def city(central, central_url, tmp_path, capsys) -> Iterator[City]:
    city = City(central, central_url, tmp_path / "city", capsys)
    yield city
    city.close()


def _hub_id(folder) -> str:
    hub = build_hub(Settings(data_dir=folder))
    try:
        return hub.store.hub_id
    finally:
        hub.close()


def _station(url: str, hub, role: str) -> httpx.Client:
    """The hub's HTTP API as a station with `role` sees it."""
    return httpx.Client(base_url=url, timeout=30, headers={
        "Authorization": f"Bearer {hub.auth.create_token(role, None)}"})


def test_a_city_notice_reaches_its_wards_and_leaves_the_ticker(city, central, tmp_path, capsys):
    ours = ward_hub(tmp_path / "ours", central)
    # The other ward's hub is set up, enrolled and pulled the way its IT person does it: its
    # ward's name first (its dossier codes follow it: HOANKI), then the code from the city.
    theirs = tmp_path / "theirs"
    assert main(["ward", "set", "--name-vi", OTHER, "--data", str(theirs)]) == 0
    code = city.run("enrol", "--name", OTHER).strip()
    assert main(["sync", "enrol", "--central", central.url, "--code", code,
                 "--data", str(theirs)]) == 0
    assert city.env.hub_row(_hub_id(theirs))["ward_code"] == "HOANKI"
    try:
        city.run("notice", "publish", "--title", "Lịch nghỉ Tết Nguyên đán",
                 "--body", "Bộ phận một cửa nghỉ từ 14/02 đến 22/02.", "--title-en",
                 "Tet holiday", "--body-en", "Closed from 14 to 22 February.", "--ticker")
        city.run("notice", "publish", "--title", "Họp giao ban", "--body",
                 "Thứ Hai 8:00 tại UBND phường.", "--ward", WARD_CODE)
        assert pull(ours) == 3  # the city's calendar sent at enrolment, two notices
        port = free_port()
        server = HubServer(ours, "127.0.0.1", port)
        server.start()
        url = f"http://127.0.0.1:{port}"
        supervisor, display = _station(url, ours, "supervisor"), _station(url, ours, "display")
        try:
            listed = supervisor.get("/api/notices").json()["notices"]
            assert {n["title_vi"] for n in listed} == {"Lịch nghỉ Tết Nguyên đán", "Họp giao ban"}
            lobby = display.get("/api/state").json()
            assert lobby["city_ticker_vi"] == ("Lịch nghỉ Tết Nguyên đán: Bộ phận một cửa "
                                                 "nghỉ từ 14/02 đến 22/02.")
            assert lobby["city_ticker_en"] == "Tet holiday: Closed from 14 to 22 February."

            capsys.readouterr()
            assert main(["sync", "inbox", "--data", str(theirs)]) == 0
            assert "inbox: 2 items applied" in capsys.readouterr().out
            other = build_hub(Settings(data_dir=theirs))
            try:  # the one-ward notice stayed with its ward
                assert [n["title_vi"] for n in dialogue.notices(other.store)] == [
                    "Lịch nghỉ Tết Nguyên đán"]
            finally:
                other.close()

            assert "withdrawn" in city.run("notice", "withdraw", "1")
            ours.store.clock.now = datetime.now(UTC)  # the same real "today" as central's
            assert pull(ours) == 1
            lobby = display.get("/api/state").json()
            assert lobby["city_ticker_vi"] == "" and lobby["city_notices"] == []
            listed = {n["title_vi"]: n for n in supervisor.get("/api/notices").json()["notices"]}
            assert listed["Lịch nghỉ Tết Nguyên đán"]["expired"] is True
            assert listed["Họp giao ban"]["expired"] is False
            assert count(ours, "SELECT count(*) FROM city_notices") == 2  # replaced, not added
        finally:
            supervisor.close()
            display.close()
            server.stop()
    finally:
        ours.close()


def test_lookup_feedback_becomes_a_case_and_the_phone_leaves_central(city, central, tmp_path):
    hub = ward_hub(tmp_path / "hub", central)
    try:
        code, check = record_dossier(hub)
        push(hub)
        public = httpx.get(f"{central.url}/api/public/dossiers/{code}",
                           params={"check": check})
        assert public.status_code == 200 and public.json()["state"] == "received"
        sent = httpx.post(f"{central.url}/api/public/feedback", json={
            "dossier_code": code, "check": check, "kind": "complaint",
            "text": "Đã quá hẹn mà chưa được báo bổ sung giấy tờ gì.",
            "want_reply": True, "phone": "0912 345 678"})
        assert sent.status_code == 201, sent.text

        assert pull(hub) == 2  # the calendar from enrolment, the complaint
        (case,) = feedback.cases(hub.store)["cases"]
        assert (case["source"], case["kind"], case["state"]) == ("lookup", "complaint", "open")
        assert case["dossier_code"] == code and case["want_reply"] and case["phone"] == PHONE
        assert case["text"] == "Đã quá hẹn mà chưa được báo bổ sung giấy tờ gì."
        assert case["due_date"] > hub_today(hub).isoformat()
        # Central keeps the phone until the hub says it applied the item: the next pull.
        assert city.phones_held() == 1
        assert pull(hub) == 0
        assert city.phones_held() == 0

        feedback.act(hub.store, case["id"], "close", note="Đã gọi điện hướng dẫn bổ sung")
        assert feedback.case(hub.store, case["id"])["phone"] is None
        assert hub_rows_holding(hub, PHONE) == []  # nowhere on the hub either
        push(hub)  # the case's counts go up; never its text or phone
        (opened, closed) = city.events("feedback.case")
        assert (opened["source"], opened["state"], closed["state"]) == ("lookup", "open",
                                                                       "closed")
        assert "quá hẹn" not in str([opened, closed]) and city.phones_held() == 0
    finally:
        hub.close()


def test_feedback_the_ward_would_refuse_is_refused_by_central(city, central, tmp_path):
    """A lookup complaint the hub cannot take as a case would be skipped there and lost:
    central refuses it at once, with the reason, while the citizen can still correct it."""
    hub = ward_hub(tmp_path / "hub", central)
    try:
        code, check = record_dossier(hub)
        push(hub)
        for words in ("Chậm", "Hồ sơ trễ hẹn. " * 80):  # 4 and 1,200 characters
            r = httpx.post(f"{central.url}/api/public/feedback", json={
                "dossier_code": code, "check": check, "kind": "suggestion", "text": words})
            assert r.status_code == 422 and r.json()["code"] == "invalid", r.text
        longest = "x" * feedback.fb.MAX_TEXT
        assert httpx.post(f"{central.url}/api/public/feedback", json={
            "dossier_code": code, "check": check, "kind": "suggestion",
            "text": longest}).status_code == 201
        assert pull(hub) == 2
        assert [c["text"] for c in feedback.cases(hub.store)["cases"]] == [longest]
    finally:
        hub.close()


def test_a_recommendation_goes_up_and_the_reply_comes_back(city, central, tmp_path):
    hub = ward_hub(tmp_path / "hub", central)
    try:
        rec = dialogue.send_recommendation(hub.store, "Đề nghị bổ sung máy lấy số",
                                           "Sáng thứ Hai người dân chờ lâu ở quầy tiếp nhận.")
        push(hub)
        assert dialogue.recommendation(hub.store, rec["id"])["delivered"] is True
        waiting = city.run("recommendations", "--waiting")
        assert rec["id"] in waiting and WARD in waiting and "Đề nghị bổ sung máy lấy số" in waiting
        assert f"reply sent to {WARD}" in city.run(
            "reply", rec["id"], "Thành phố cấp thêm một máy trong quý I.")
        assert "no recommendations waiting" in city.run("recommendations", "--waiting")

        assert pull(hub) == 2  # the calendar from enrolment, the reply
        got = dialogue.recommendation(hub.store, rec["id"])
        assert got["reply_text"] == "Thành phố cấp thêm một máy trong quý I."
        assert got["replied_at"]
        assert len(hub_events(hub, dialogue.REPLY_RECEIVED)) == 1
    finally:
        hub.close()


def test_a_notice_written_while_the_hub_is_offline_arrives_once_by_its_worker(city, central,
                                                                             tmp_path):
    """The hub's own sync worker (what runs in the hub; "Đồng bộ ngay" is sync_now)."""
    with FaultProxy(central.url, hang_s=2.0) as proxy:  # every path: the whole link
        hub = ward_hub(tmp_path / "hub", central, url=proxy.url)
        try:
            worker = build_sync(hub, timeout=2.0)
            proxy.chaos({"drop_request": 1.0}, seed=1)  # the ward's internet is down
            dialogue.send_recommendation(hub.store, "Máy in", "Đề nghị cấp máy in.")
            worker.run_cycle()
            assert worker.state == "retrying"
            city.run("notice", "publish", "--title", "Mất điện", "--body",
                     "Thứ Bảy 8:00-11:00 mất điện.", "--ticker")
            proxy.heal()
            worker.sync_now()
            worker.run_cycle()
            assert worker.state == "idle"
            assert [n["title_vi"] for n in dialogue.ticker_notices(hub.store)] == ["Mất điện"]
            proxy.plan(["duplicate", "duplicate"])  # the push and the pull, each twice
            worker.sync_now()
            worker.run_cycle()
            assert count(hub, "SELECT count(*) FROM city_notices") == 1
            assert len(hub_events(hub, dialogue.NOTICE_RECEIVED)) == 1
            assert len(city.events("recommendation.sent")) == 1
            assert hub.outbox.pending() == 0  # the hub's `notice.received` went up too
            assert_exactly_once(central, hub)
        finally:
            hub.close()


def _pull_until_quiet(hub, proxy: FaultProxy, limit: int = 30) -> int:
    """Pull as the worker would, again after each failure, until a pull succeeds with nothing
    left; returns the failed pulls. (A pull that fails on its second page keeps the first,
    so what was applied is counted in the hub's tables, not from the return values.)"""
    failures = 0
    for _ in range(limit):
        try:
            if pull(hub) == 0:
                return failures
        except SyncError:
            failures += 1
    raise AssertionError(f"inbox never drained: {proxy.history}")


def test_every_item_applied_exactly_once_through_faults(city, central, tmp_path):
    with FaultProxy(central.url, path_prefix=INBOX_PATH, hang_s=2.0) as proxy:
        hub = ward_hub(tmp_path / "hub", central, url=proxy.url)
        try:
            code, check = record_dossier(hub)
            rec = dialogue.send_recommendation(hub.store, "Máy in", "Đề nghị cấp máy in.")
            push(hub)  # through the proxy too; only the inbox path is faulted
            # While the ward's link is down, the city writes: a ticker notice, a complaint
            # with a phone, the reply, a holiday, and enough notices for two pages.
            proxy.plan(["drop_request", "503"])
            with pytest.raises(SyncError):
                pull(hub)
            with pytest.raises(SyncError):
                pull(hub)
            city.run("notice", "publish", "--title", "Mất điện", "--body",
                     "Thứ Bảy 8:00-11:00 mất điện.", "--ticker")
            assert httpx.post(f"{central.url}/api/public/feedback", json={
                "dossier_code": code, "check": check, "kind": "complaint",
                "text": "Chưa nhận được kết quả đúng hẹn.", "want_reply": True,
                "phone": PHONE}).status_code == 201
            city.run("reply", rec["id"], "Đã duyệt.")
            city.run("holidays", "set", "2027-03-15", "--name-vi", "Nghỉ bù",
                     "--name-en", "Day off in lieu")
            for n in range(120):
                central.central.inbox.publish_notice(f"Thông báo {n}", "Nội dung", "Notice",
                                                     "Body", None, False, None)
            # A lost answer (central answered, the hub never heard), a repeated request, a
            # server error, a request lost on the way: on both pages.
            plan = ["drop_response", "duplicate", "500", "ok", "drop_request", "status:502",
                    "duplicate_concurrent"]
            proxy.plan(plan)
            failures = _pull_until_quiet(hub, proxy)
            # page 1 answer lost; page 1 (twice); page 2 refused; page 2; a lost request; a
            # gateway error; the empty page asked twice at once: every fault was met.
            assert failures == 4
            assert [kind for *_, kind in proxy.history[-len(plan):]] == plan
            assert dialogue.inbox_after(hub.store) == _last_item_id(city)
            assert count(hub, "SELECT count(*) FROM city_notices") == 121
            assert len(hub_events(hub, dialogue.NOTICE_RECEIVED)) == 121
            assert count(hub, "SELECT count(*) FROM feedback_cases") == 1
            opened = [e for e in hub_events(hub, feedback.FEEDBACK_CASE) if e["state"] == "open"]
            assert len(opened) == 1
            assert len(hub_events(hub, dialogue.REPLY_RECEIVED)) == 1
            assert dialogue.recommendation(hub.store, rec["id"])["reply_text"] == "Đã duyệt."
            assert [n["title_vi"] for n in dialogue.ticker_notices(hub.store)] == ["Mất điện"]
            assert city.phones_held() == 0  # pulled past it: handed over
            assert _calendar(hub)["2027-03-15"] == "city"
        finally:
            hub.close()


def _last_item_id(city: City) -> int:
    from sqlalchemy import text

    with city.env.central.db.read() as conn:
        return int(conn.execute(text("SELECT max(id) FROM inbox")).scalar_one())


def _calendar(hub) -> dict[str, str]:
    """The hub's working-day calendar: day -> origin (city or ward)."""
    return {h["day"]: h["origin"] for h in holidays.holidays(hub.store)}


def test_city_holidays_reach_the_ward_calendar(city, central, tmp_path, capsys):
    hub = ward_hub(tmp_path / "hub", central)
    try:
        assert pull(hub) == 1  # the city's calendar at enrolment
        shipped = _calendar(hub)
        assert shipped and set(shipped.values()) == {"city"}
        holidays.add_holiday(hub.store, "2027-03-17", "Ngày truyền thống phường")
        assert "set" in city.run("holidays", "set", "2027-03-15", "--name-vi", "Nghỉ bù",
                                 "--name-en", "Day off in lieu")
        assert "2027-03-15\tNghỉ bù\tDay off in lieu" in city.run("holidays", "list")
        assert pull(hub) == 1
        calendar = _calendar(hub)
        assert calendar["2027-03-15"] == "city" and calendar["2027-03-17"] == "ward"
        assert city.run("holidays", "remove", "2027-03-15") and pull(hub) == 1
        calendar = _calendar(hub)
        assert "2027-03-15" not in calendar and calendar["2027-03-17"] == "ward"
        assert {d for d, o in calendar.items() if o == "city"} == set(shipped)
        # A name the ward's calendar could not take (over 80 characters) would make every
        # hub refuse the whole calendar: refused at the command, one line, exit 2.
        assert main(["central", "holidays", "set", "2027-03-16", "--name-vi", "N" * 81,
                     "--db", city.db_url, "--data", str(city.folder)]) == 2
        assert "--name-vi is longer than 80 characters" in capsys.readouterr().err
        assert pull(hub) == 0
    finally:
        hub.close()
