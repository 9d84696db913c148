"""One wait forecast, one sentence: the issue answer, `GET /api/tickets/{id}`, the citizen page,
the lobby display (snapshot and, in Chromium, the page its script draws) and the printed ticket
(pdftotext) say the same for the same ticket, whatever the state of the room (issue 14).

The hub's clock is fixed, so every surface is asked at the same instant."""

from __future__ import annotations

import html
import shutil
import subprocess

import pytest

from onestop.desktop.ticket_printer import ticket_print_from
from onestop.printing.ticket import render_ticket
from onestop.queue.operations import IssueRequest
from tests.clock import FakeClock, hanoi
from tests.conftest import require
from tests.hub.test_pages_browser import browser  # noqa: F401  (the Chromium fixture)

CLOSED_VI = "chưa có quầy mở — chờ trung tâm mở cửa"
CLOSED_EN = "no counter open yet — waiting for the centre to open"
UNSERVED_VI = "chưa có quầy nào mở cho lĩnh vực này"
CERT, LAND = "2.000815", "1.013831"  # certified copy (certification), land


@pytest.fixture
def live(live_hub):
    live_hub.hub.store.clock = FakeClock(hanoi(2026, 11, 25, 8, 5))
    return live_hub


def pdf_text(answer: dict, live) -> str:
    with live.client("reception") as rec:
        catalog, state = rec.get("/api/catalog").json(), rec.get("/api/state").json()
    pdf = render_ticket(ticket_print_from(answer, catalog, state, "Phường Cửa Nam"))
    tool = shutil.which("pdftotext")
    require("poppler", tool is not None, "pdftotext is not installed (apt-get install "
            "poppler-utils)")
    out = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(out.decode("utf-8").split())


def open_counters(live, *numbers: int) -> None:
    with live.client("supervisor") as sup:
        for n in numbers:
            assert sup.post(f"/api/counters/{n}/open").status_code == 200


def issue(live, service: str = CERT) -> dict:
    with live.client("reception") as rec:
        r = rec.post("/api/tickets", json={"service": service})
    assert r.status_code == 201, r.text
    return r.json()


def surfaces(live, answer: dict) -> dict:
    """Every surface's words and people ahead for the ticket just issued."""
    ticket = answer["ticket"]
    with live.client("reception") as rec:
        got = rec.get(f"/api/tickets/{ticket['id']}").json()["estimate"]
    with live.client("display") as display:
        group = next(g for g in display.get("/api/state").json()["groups"]
                     if g["id"] == ticket["group"])
    with live.client("reception") as rec:  # /t/ is public; any client will do
        page_vi = html.unescape(rec.get(f"/t/{ticket['token']}").text)
        page_en = html.unescape(rec.get(f"/t/{ticket['token']}?lang=en").text)
    return {"issue": answer["estimate"], "get": got, "display": group["estimate"],
            "page_vi": page_vi, "page_en": page_en, "paper": pdf_text(answer, live)}


def assert_agree(live, answer: dict) -> dict:
    s = surfaces(live, answer)
    words = s["issue"]
    for key in ("people_ahead", "low", "high", "text_vi", "text_en"):
        assert s["get"][key] == s["display"][key] == words[key], key
    assert answer["people_ahead"] == words["people_ahead"]
    assert f'<p class="range">{words["text_vi"]}</p>' in s["page_vi"]
    assert f'<p class="range">{words["text_en"]}</p>' in s["page_en"]
    ahead = words["people_ahead"]
    assert (f"Còn {ahead} người chờ trước" if ahead
            else "Sắp đến lượt – không còn ai chờ trước") in s["page_vi"]
    assert f"Dự kiến chờ: {words['text_vi']}" in s["paper"]
    assert (f"Còn {ahead} người chờ trước" if ahead else "Không có ai chờ trước") in s["paper"]
    return words


def test_no_counter_open(live):
    """Regression: on a fresh hub the ticket said "gần như không phải chờ" while the lobby
    display said "khoảng 2–12 phút"."""
    issue(live)
    words = assert_agree(live, issue(live))
    assert (words["text_vi"], words["text_en"]) == (CLOSED_VI, CLOSED_EN)
    assert words["people_ahead"] == 1 and words["low"] is None


def test_one_counter_open(live):
    open_counters(live, 1)
    first = assert_agree(live, issue(live))
    assert first["people_ahead"] == 0 and first["text_vi"] == "gần như không phải chờ"
    issue(live)
    words = assert_agree(live, issue(live))
    assert words["people_ahead"] == 2 and "phút" in words["text_vi"]


def test_two_counters_paper_and_page_agree(live):
    """Regression: with 2 open counters A003's paper said "1 người phía trước, 1–7 phút"
    while the page its QR opens said "2 người, 8–31 phút"."""
    open_counters(live, 1, 4)  # both serve certification
    issue(live), issue(live)
    answer = issue(live)
    assert answer["number"] == "A003"
    words = assert_agree(live, answer)
    assert words["people_ahead"] == 2


def test_skills_mismatched(live):
    open_counters(live, 1, 2)  # certification, civil status, social: nobody serves land
    words = assert_agree(live, issue(live, LAND))
    assert words["text_vi"] == UNSERVED_VI and words["high"] is None


def test_more_than_300_waiting(live):
    open_counters(live, 1, 4)
    store = live.hub.store
    for i in range(320):  # seeded in-process: the forecast reads them from the event log
        store.issue(IssueRequest(CERT if i % 3 else LAND))
    answer = issue(live)
    words = assert_agree(live, answer)
    assert words["people_ahead"] >= 200 and "phút" in words["text_vi"]
    # An idempotent replay answers with the same forecast.
    with live.client("reception") as rec:
        key = {"Idempotency-Key": "same-desk-same-click"}
        first = rec.post("/api/tickets", json={"service": CERT}, headers=key).json()
        again = rec.post("/api/tickets", json={"service": CERT}, headers=key)
    assert again.status_code == 200 and again.json()["estimate"] == first["estimate"]


def test_preview_is_the_forecast_the_ticket_gets(live):
    open_counters(live, 1)
    for _ in range(4):
        issue(live)
    with live.client("reception") as rec:
        preview = rec.get("/api/estimate", params={"service": CERT}).json()
    assert issue(live)["estimate"] == preview["estimate"]


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("opened", [(), (1,)])
def test_display_page_draws_the_hubs_words(browser, live, opened):  # noqa: F811
    from tests.hub.test_pages_browser import open_display

    open_counters(live, *opened)
    for _ in range(3):
        answer = issue(live)
    words = answer["estimate"]["text_vi"]
    page = open_display(browser, live)
    try:
        page.wait_for_function("w => document.getElementById('groups').textContent"
                               ".includes(w)", arg=words, timeout=10_000)
        assert f"3 người chờ · {words}" in page.locator("#groups").inner_text()
    finally:
        page.close()
