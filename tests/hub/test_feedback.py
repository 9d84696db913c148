"""Feedback cases on a real hub (issue 17 part 6): the ticket page's suggestion / complaint form
and its refusals, an unhappy rating opening a case, the supervisor's take / note / close over
the API (phone erased on close), the events that leave for central (no text, no phone), the
rate limit, and the due-date rule against an independent working-day count."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from hubfakes import FakeClock, hanoi
from hypothesis import given
from hypothesis import strategies as st

from onestop.compose import build_hub, create_app
from onestop.hub import admin, feedback
from onestop.queue import feedback as fb
from onestop.queue.operations import IssueRequest
from onestop.ratelimit import RateLimiter
from onestop.settings import Settings

CERTIFY = "2.000815"


@pytest.fixture
def clock():
    return FakeClock(hanoi(2026, 11, 25, 8))  # a Wednesday


@pytest.fixture
def hub(tmp_path, clock):
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    hub.store.set_counter_status(1, "open")
    admin.add_officer(hub.store, "lan.nguyen", "Nguyễn Thị Lan", "123456", 6)
    yield hub
    hub.close()


@pytest.fixture
def client(hub):
    with TestClient(create_app(hub), follow_redirects=False) as c:
        yield c


def api(hub, client, role="supervisor"):
    client.headers["Authorization"] = f"Bearer {hub.auth.create_token(role)}"
    return client


def issue(hub):
    return hub.store.issue(IssueRequest(CERTIFY)).ticket


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def case_events(hub) -> list[dict]:
    with hub.store.reading() as db:
        return [json.loads(d) for (d,) in db.execute(
            "SELECT data FROM events WHERE type = 'feedback.case' ORDER BY seq")]


def test_ticket_page_links_to_the_form_which_opens_a_case(hub, client):
    ticket = issue(hub)
    page = client.get(f"/t/{ticket.token}").text
    assert f'href="/t/{ticket.token}/feedback"' in page and "Gửi góp ý, phản ánh" in page
    form = client.get(f"/t/{ticket.token}/feedback")
    assert form.status_code == 200 and 'http-equiv="refresh"' not in form.text
    assert "Phản ánh" in form.text and 'type="tel"' in form.text
    r = client.post(f"/t/{ticket.token}/feedback", data={
        "kind": "complaint", "text": "Phòng chờ quá nóng, quạt không chạy",
        "want_reply": "1", "phone": "+84 912 345 678"})
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/t/{ticket.token}/feedback?sent=")
    done = text_of(client.get(r.headers["location"]).text)
    assert "Trung tâm đã nhận ý kiến của Ông/Bà (mã vụ việc 1)" in done
    listed = feedback.cases(hub.store)
    (case,) = listed["cases"]
    assert case["kind"] == "complaint" and case["source"] == "ticket"
    assert case["phone"] == "0912345678" and case["want_reply"] is True
    assert case["state"] == "open" and case["ticket_id"] == ticket.id
    assert case["due_date"] == "2026-12-02"  # 5 working days after Wed 25 Nov
    (event,) = case_events(hub)
    assert set(event) == {"case_id", "source", "kind", "state", "opened_at", "due_date",
                          "closed_at"}
    assert "0912345678" not in json.dumps(event) and "nóng" not in json.dumps(event)


@pytest.mark.parametrize("form, code_text", [
    ({"kind": "complaint", "text": "  ", "phone": ""}, "ít nhất 5 ký tự"),
    ({"kind": "complaint", "text": "Chờ quá lâu", "want_reply": "1", "phone": "12345"},
     "số di động Việt Nam"),
    ({"kind": "suggestion", "text": "Nên có thêm ghế", "want_reply": "1", "phone": ""},
     "để lại số điện thoại"),
    ({"kind": "praise", "text": "Rất tốt ạ", "phone": ""}, "góp ý hoặc phản ánh"),
])
def test_a_refused_form_comes_back_with_what_was_typed(hub, client, form, code_text):
    ticket = issue(hub)
    r = client.post(f"/t/{ticket.token}/feedback", data=form)
    assert r.status_code == 422
    assert code_text in text_of(r.text)
    if form["text"].strip():
        assert form["text"] in r.text  # nothing typed is lost
    if form["phone"]:
        assert f'value="{form["phone"]}"' in r.text
    assert feedback.cases(hub.store)["cases"] == []


def test_unknown_token_and_flood_and_rate_limit(hub, client):
    assert client.get("/t/nope/feedback").status_code == 404
    assert client.post("/t/nope/feedback", data={"text": "xin chào"}).status_code == 404
    ticket = issue(hub)
    for _ in range(feedback.MAX_CASES_PER_TICKET):
        assert client.post(f"/t/{ticket.token}/feedback",
                           data={"kind": "suggestion", "text": "Nên có nước uống"}
                           ).status_code == 303
    r = client.post(f"/t/{ticket.token}/feedback",
                    data={"kind": "suggestion", "text": "Nên có nước uống"})
    assert r.status_code == 409 and "tối đa" in text_of(r.text)
    client.app.state.citizen_limiter = RateLimiter(2, 60.0, clock=lambda: 0.0)
    assert client.get(f"/t/{ticket.token}/feedback").status_code == 200
    assert client.get(f"/t/{ticket.token}/feedback").status_code == 200
    r = client.post(f"/t/{ticket.token}/feedback", data={"kind": "suggestion", "text": "abcdef"})
    assert r.status_code == 429  # the same limiter as the rest of /t/*


def test_unhappy_rating_opens_a_case_in_the_same_transaction(hub, client):
    ticket = issue(hub)
    hub.store.call_next(1)
    hub.store.act(ticket.id, "done")
    r = client.post(f"/t/{ticket.token}/rate", data={"rating": "1", "comment": "Chờ lâu"})
    assert r.status_code == 303
    (case,) = feedback.cases(hub.store)["cases"]
    assert (case["kind"], case["source"], case["text"]) == ("unhappy", "rating", "Chờ lâu")
    assert case["due_date"] == "2026-11-27"  # 2 working days
    with hub.store.reading() as db:
        types = [t for (t,) in db.execute("SELECT type FROM events ORDER BY seq DESC LIMIT 2")]
    assert types == ["feedback.case", "rating.given"]
    other = issue(hub)
    hub.store.call_next(1)
    hub.store.act(other.id, "done")
    client.post(f"/t/{other.token}/rate", data={"rating": "3"})
    assert len(feedback.cases(hub.store)["cases"]) == 1  # a happy rating opens nothing


def test_supervisor_takes_notes_and_closes_phone_erased(hub, client, clock):
    ticket = issue(hub)
    row = feedback.submit_from_ticket(hub.store, ticket.token, "complaint",
                                      "Cán bộ quầy 1 trả lời chưa rõ", True, "0987654321")
    sup = api(hub, client)
    path = f"/api/feedback/cases/{row['id']}"
    r = sup.post(f"{path}/take", json={"owner": "nobody"})
    assert r.status_code == 404 and r.json()["code"] == "unknown_officer"
    r = sup.post(f"{path}/take", json={"owner": "lan.nguyen", "note": "Gọi lại chiều nay"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "in_progress" and r.json()["owner_name"] == "Nguyễn Thị Lan"
    assert sup.post(f"{path}/note", json={"note": "Đã gọi, hẹn gặp"}).status_code == 200
    clock.advance(minutes=60 * 24 * 8)  # past the due date: overdue
    listed = sup.get("/api/feedback/cases").json()
    assert listed["overdue"] == 1 and listed["cases"][0]["overdue"] is True
    r = sup.post(f"{path}/close", json={"resolution": "Đã giải thích lại thủ tục"},
                 headers={"Idempotency-Key": "close-1"})
    assert r.status_code == 200 and "phone" not in r.json() and "text" not in r.json()
    again = sup.post(f"{path}/close", json={"resolution": "Đã giải thích lại thủ tục"},
                     headers={"Idempotency-Key": "close-1"})  # a retry after a lost answer
    assert again.json() == r.json() and again.headers["Idempotent-Replay"] == "true"
    closed = sup.get(path).json()
    assert closed["state"] == "closed" and closed["phone"] is None and closed["closed_at"]
    assert [h["action"] for h in closed["history"]] == ["opened", "take", "note", "close"]
    r = sup.post(f"{path}/close", json={"resolution": "lần nữa"})
    assert r.status_code == 409 and r.json()["code"] == "case_closed"
    assert [e["state"] for e in case_events(hub)] == ["open", "in_progress", "closed"]
    with hub.store.reading() as db:
        assert db.execute("SELECT count(*) FROM feedback_cases WHERE phone IS NOT NULL"
                          ).fetchone()[0] == 0
        kept = " ".join(r for (r,) in db.execute("SELECT response FROM command_log"))
        assert "0987654321" not in kept  # nor in the answers remembered for retries


def test_api_refusals_are_json(hub, client):
    r = api(hub, client, "reception").get("/api/feedback/cases")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    sup = api(hub, client)
    assert sup.get("/api/feedback/cases/99").json()["code"] == "unknown_case"
    r = sup.post("/api/feedback/cases/1/close", json={})
    assert r.status_code == 422 and "code" in r.json()
    assert sup.get("/api/feedback/cases?state=weird").status_code == 422


def test_closed_texts_are_blanked_after_a_year(hub, clock):
    ticket = issue(hub)
    row = feedback.submit_from_ticket(hub.store, ticket.token, "suggestion", "Thêm ghế chờ",
                                      False, None)
    feedback.act(hub.store, row["id"], "close", note="Đã bổ sung ghế")
    clock.advance(minutes=60 * 24 * (fb.TEXT_RETENTION_DAYS + 1))
    feedback.submit_from_ticket(hub.store, issue(hub).token, "suggestion", "Thêm quạt", False,
                                None)
    old = feedback.case(hub.store, row["id"])
    assert old["text"] is None and old["resolution"] is None
    assert all(h["note"] is None for h in old["history"])
    assert old["state"] == "closed"  # the count stays


def _working_days_between(start: date, end: date) -> int:
    """Independent oracle: weekdays in (start, end], counted one by one from a list."""
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    return len([d for d in days if d.isoweekday() <= 5])


@given(st.dates(date(2026, 1, 1), date(2028, 12, 31)), st.sampled_from(fb.KINDS))
def test_due_date_is_the_nth_working_day(opened, kind):
    due = fb.due_date(opened, kind)
    assert _working_days_between(opened, due) == fb.DUE_WORKING_DAYS[kind]
    assert due.isoweekday() <= 5  # never lands on a weekend


@given(st.text(max_size=30))
def test_phone_is_a_mobile_or_refused(raw):
    try:
        number = fb.normalise_phone(raw)
    except fb.InvalidRequest:
        return
    assert number is None or re.fullmatch(r"0[35789]\d{8}", number)


def test_the_form_in_english_keeps_its_language(hub, client):
    ticket = issue(hub)
    page = client.get(f"/t/{ticket.token}?lang=en").text
    assert f'href="/t/{ticket.token}/feedback?lang=en"' in page
    assert "Send a suggestion or complaint" in page
    r = client.post(f"/t/{ticket.token}/feedback?lang=en",
                    data={"kind": "suggestion", "text": "x"})
    assert r.status_code == 422 and "at least 5 characters" in r.text and 'lang="en"' in r.text
    r = client.post(f"/t/{ticket.token}/feedback?lang=en",
                    data={"kind": "suggestion", "text": "More chairs, please"})
    assert r.headers["location"].endswith("&lang=en")
    assert "The centre has received your message (case 1)" in client.get(
        r.headers["location"]).text
