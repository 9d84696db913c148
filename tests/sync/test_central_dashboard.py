"""Central's catalogue (ETag, 304, refused files keep the old one), the admin hub list and
the city dashboard (HTML with the wards' numbers; a real Chromium screenshot)."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from onestop.cli import main
from onestop.queue.catalog import default_catalog
from onestop.sync.protocol import CATALOG_PATH, HUBS_PATH
from tests.conftest import require
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    enrol,
    hub_events,
    server_fixture,
)

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")
WARDS = ("Phường Cửa Nam", "Phường Hoàn Kiếm", "Phường Ba Đình")


def test_catalogue_etag_304_and_a_refused_file_keeps_the_old(central, server, db_url,
                                                               tmp_path, capsys):
    hub = enrol(central, server, WARDS[0], "a" * 32)
    first = hub.http.get(CATALOG_PATH)
    assert first.status_code == 200 and first.json() == default_catalog().to_dict()
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    same = hub.http.get(CATALOG_PATH, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.headers["etag"] == etag and same.content == b""
    assert httpx.get(f"{server.url}{CATALOG_PATH}").status_code == 401

    doc = default_catalog().to_dict()
    doc["version"] = "2026.12-city"
    good = tmp_path / "city.json"
    good.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["central", "catalog", str(good), "--db", db_url]) == 0
    assert "published as version 1" in capsys.readouterr().out
    newer = hub.http.get(CATALOG_PATH, headers={"If-None-Match": etag})
    assert newer.status_code == 200 and newer.json()["version"] == "2026.12-city"
    new_etag = newer.headers["etag"]
    assert new_etag != etag

    doc["services"][0]["group"] = "no-such-group"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["central", "catalog", str(bad), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("onestop: catalogue refused") and "bad.json" in err
    assert err.count("\n") == 1
    kept = hub.http.get(CATALOG_PATH, headers={"If-None-Match": new_etag})
    assert kept.status_code == 304
    hub.close()


def test_hub_list_needs_admin_and_flags_stale_hubs(central, server, clock):
    admin = central.auth.create_admin_token()
    quiet = enrol(central, server, WARDS[2], "q" * 32)
    assert quiet.post(hub_events(quiet.hub_id)[:4]).status_code == 200
    clock.advance(minutes=25 * 60)
    busy = enrol(central, server, WARDS[0], "b" * 32)
    assert busy.post(hub_events(busy.hub_id)).status_code == 200
    assert httpx.get(f"{server.url}{HUBS_PATH}").status_code == 401
    assert busy.http.get(HUBS_PATH).status_code == 401  # a hub token is not an admin token
    r = httpx.get(f"{server.url}{HUBS_PATH}", headers={"Authorization": f"Bearer {admin}"})
    hubs = {h["ward"]: h for h in r.json()["hubs"]}
    assert hubs[WARDS[2]]["stale"] is True and hubs[WARDS[2]]["acked"] == 4
    assert hubs[WARDS[0]]["stale"] is False and hubs[WARDS[0]]["events"] == len(hub_events(""))
    assert hubs[WARDS[0]]["skew_s"] is not None
    quiet.close()
    busy.close()


def _three_wards(central, server, clock) -> str:
    """Cửa Nam and Hoàn Kiếm synced today; Ba Đình last synced two days ago."""
    stale = enrol(central, server, WARDS[2], "d" * 32)
    stale.post(hub_events(stale.hub_id)[:20])
    clock.advance(minutes=2 * 24 * 60)
    for ward, hub_id, cut in ((WARDS[0], "a" * 32, None), (WARDS[1], "b" * 32, 40)):
        hub = enrol(central, server, ward, hub_id)
        events = [dict(e, data=_shift_day(e["data"], days=2)) for e in hub_events(hub_id)]
        assert hub.post(events[:cut]).status_code == 200
        hub.close()
    clock.advance(minutes=7)
    stale.close()
    return central.auth.create_admin_token()


def _shift_day(data: dict, days: int) -> dict:
    """The template hub day moved forward, as if it happened on central's today."""
    ticket = data.get("ticket")
    if not ticket:
        return data
    moved = dict(ticket)
    moved["day"] = "2026-11-27"
    for key in ("issued_at", "queued_at", "called_at", "started_at", "finished_at"):
        if moved.get(key):
            moved[key] = moved[key].replace("2026-11-25", "2026-11-27")
    return {**data, "ticket": moved}


def test_dashboard_compares_wards(central, server, clock):
    admin = _three_wards(central, server, clock)
    assert central.today().isoformat() == "2026-11-27"
    page = httpx.get(f"{server.url}/dashboard", params={"token": admin})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    for ward in WARDS:
        assert ward in html
    assert "Chưa đồng bộ &gt; 1 ngày" in html and html.count('class="badge"') == 1
    first_table = html.split("<table class=month>")[0]  # the second is the dossiers'
    rows = {m[0]: m[1] for m in re.findall(r"<th scope=row>([^<]+)<span class=hub>.*?</th>"
                                           r"((?:<td[^>]*>.*?</td>){3})", first_table)}
    cells = lambda ward: re.findall(r">(\d+)</td>", rows[ward])  # noqa: E731
    assert cells(WARDS[0]) == ["14", "2", "10"]   # tickets today, waiting, served
    assert cells(WARDS[2]) == ["0", "0", "0"]     # nothing today: its tickets are 2 days old
    assert "Tổng các phường" in html and "2 ngày trước" in html and "7 phút trước" in html
    for words in ("Số phiếu đã cấp", "90% chờ không quá (phút)", "Điểm hài lòng TB (thang 3)",
                  "từ lúc lấy số đến lúc được gọi"):
        assert words in html
    assert "Vé" not in html and "p90" not in html
    english = httpx.get(f"{server.url}/dashboard", params={"token": admin, "lang": "en"}).text
    assert "All wards" in english and "No sync &gt; 1 day" in english
    assert "90% waited at most (min)" in english and "from taking the number" in english
    refused = httpx.get(f"{server.url}/dashboard", params={"token": "wrong"})
    assert refused.status_code == 401 and "Mã quản trị" in refused.text
    assert httpx.get(f"{server.url}/static/fonts/DejaVuSans.ttf").content[:4] == b"\x00\x01\x00\x00"
    root = httpx.get(f"{server.url}/?token=x")
    assert root.status_code == 303 and root.headers["location"] == "/dashboard?token=x"


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_dashboard_screenshot(central, server, clock):
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    admin = _three_wards(central, server, clock)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "central-dashboard.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{server.url}/dashboard?token={admin}")
        assert page.evaluate("() => document.fonts.ready.then(() => document.fonts.check("
                             "'16px \"DejaVu Sans\"', 'Phường'))")
        assert page.locator("table").first.locator("tbody tr").count() == 3
        # Nothing spills sideways at a laptop's width.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert shot.stat().st_size > 10_000
