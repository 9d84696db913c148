"""The city dashboard's dossier table (issue 17) against an independent count: random
dossiers of two wards pushed as events, the page's open / overdue / early / on time / late /
rate per ward compared with a count made here from the generated dossiers (local days by a
fixed +7 h offset, not by the code's time zone rules), plus ratings, feedback cases and
recommendations waiting. A Chromium screenshot (docs/screenshots) when ONESTOP_SCREENSHOTS=1."""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.conftest import require
from tests.sync.dossier_kit import Dossier, enrol_hub
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    hub_events,
    server_fixture,
)

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
WARDS = (("Phường Cửa Nam", "a" * 32, "CUANAM"), ("Phường Hoàn Kiếm", "b" * 32, "HOANKIEM"))
TODAY = date(2026, 11, 25)  # central's clock: 2026-11-25 16:00 in Hanoi
PLUS7 = timedelta(hours=7)


def _utc(day: date, hour: int) -> str:
    """Local hour `hour` of `day` in Hanoi, as UTC ISO text (+7 h, no DST in Vietnam)."""
    return (datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - PLUS7).isoformat()


def _random_life(rng: random.Random, d: Dossier) -> tuple[str, str | None, date]:
    """Push a random life; returns (state, finish time, due) as the oracle needs them."""
    received = TODAY - timedelta(days=rng.randint(0, 40))
    due = received + timedelta(days=rng.randint(0, 12))
    d.snapshot.update(received_at=_utc(received, 8), changed_at=_utc(received, 8),
                      due_date=due.isoformat(), original_due_date=due.isoformat())
    events = [d.event("received", _utc(received, 8))]
    fate = rng.choice(("open", "processing", "paused", "ready", "returned", "returned_only",
                       "rejected"))
    finish_day = min(TODAY, received + timedelta(days=rng.randint(0, 14)))
    finish_hour = rng.choice((8, 16, 23))  # 23:00 local is the next day in UTC
    finished = _utc(finish_day, finish_hour)
    if fate == "processing":
        events.append(d.event("resume", _utc(received, 9)))
    elif fate == "paused":
        events.append(d.event("supplement", _utc(received, 9)))
    elif fate in ("ready", "returned"):
        events.append(d.event("ready", finished))
        if fate == "returned":
            events.append(d.event("return", _utc(finish_day, 23)))
    elif fate == "returned_only":  # collected without ever being marked ready
        d.snapshot["state"] = "result_ready"
        events.append(d.event("return", finished))
    elif fate == "rejected":
        events.append(d.event("reject", _utc(received, 10), reason="không đủ điều kiện"))
    d.hub.send(*events)
    state = d.snapshot["state"]
    return state, (finished if fate in ("ready", "returned", "returned_only") else None), due


def _oracle(lives) -> dict:
    count = dict.fromkeys(("open", "overdue", "early", "on_time", "late"), 0)
    for state, finished, due in lives:
        if state in ("received", "processing", "supplement_requested"):
            count["open"] += 1
            count["overdue"] += state != "supplement_requested" and due < TODAY
        if finished:
            local = (datetime.fromisoformat(finished) + PLUS7).date()
            if local.month == TODAY.month and local.year == TODAY.year:
                key = "early" if local < due else "on_time" if local == due else "late"
                count[key] += 1
    done = count["early"] + count["on_time"] + count["late"]
    count["rate"] = (f"{100 * (count['early'] + count['on_time']) / done:.1f}".replace(".", ",")
                     if done else "–")
    return count


def _setup(central, server, seed: int = 17):
    rng = random.Random(seed)
    expected = {}
    for ward, hub_id, ward_code in WARDS:
        hub = enrol_hub(central, server, ward, hub_id, ward_code)
        if ward_code == "CUANAM":  # the real hub morning: 7 ratings (today)
            events = hub_events(hub_id)
            assert hub.post(events).status_code == 200
            hub.seq = len(events)
        lives = [_random_life(rng, Dossier(hub, f"{ward_code}-261101-{n:04d}"))
                 for n in range(1, 41)]
        expected[ward] = _oracle(lives)
        at = _utc(TODAY, 9)
        case = {"case_id": "1", "source": "rating", "kind": "unhappy", "state": "open",
                "opened_at": at, "due_date": "2026-12-02", "closed_at": None}
        hub.send(hub.next_event("feedback.case", case, at),
                 hub.next_event("feedback.case", {**case, "case_id": "2", "state": "closed",
                                                  "closed_at": at}, at),
                 hub.next_event("recommendation.sent", {
                     "recommendation_id": f"rec-{ward_code}", "subject": "Nhân sự",
                     "text": "Đề nghị bổ sung cán bộ.", "sent_at": at}, at))
    central.inbox.reply("rec-HOANKIEM", "Đã giao Sở Nội vụ.")
    return expected, central.auth.create_admin_token()


def test_dossier_figures_match_an_independent_count(central, server):
    expected, admin = _setup(central, server)
    html = httpx.get(f"{server.url}/dashboard", params={"token": admin}).text
    month = html.split("<table class=month>")[1]
    for ward, _hub, _code in WARDS:
        row = re.search(rf"<th scope=row>{ward}<span class=hub>.*?</th>(.*?)</tr>", month)[1]
        cells = re.findall(r"<td class='[^']*'>(.*?)</td>", row)
        want = expected[ward]
        assert cells[:6] == [str(want[k]) for k in ("open", "overdue", "early", "on_time",
                                                    "late")] + [want["rate"]], (ward, cells)
        assert cells[7:] == ["1", "1", "0" if ward == "Phường Hoàn Kiếm" else "1"]
    cua_nam = re.search(r"<th scope=row>Phường Cửa Nam<span.*?</th>(.*?)</tr>", month)[1]
    assert "<span class=muted>(" in cua_nam  # ratings this month, with the unhappy count
    assert sum(expected[w]["late"] for w, _h, _c in WARDS) > 0  # the seed covers lateness
    for words in ("Tỷ lệ đúng hạn (%)", "Quá hạn", "Kiến nghị chờ trả lời", "tháng 11/2026"):
        assert words in html
    english = httpx.get(f"{server.url}/dashboard", params={"token": admin, "lang": "en"}).text
    assert "On-time rate (%)" in english and "Recommendations awaiting a reply" in english


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_dashboard_with_dossiers_screenshot(central, server):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    _expected, admin = _setup(central, server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "central-dashboard-dossiers.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{server.url}/dashboard?token={admin}")
        assert page.locator("table.month tbody tr").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert shot.stat().st_size > 10_000
