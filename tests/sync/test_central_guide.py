"""Hỏi thủ tục on central (the internet): GET /api/guide and the /guide page answer from the
catalogue central publishes (the bundled one before any), rate-limited like /book's reads."""

from __future__ import annotations

import json

import httpx
import pytest

from onestop.queue.catalog import default_catalog
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_central_answers_from_its_published_catalogue(central, server):
    r = httpx.get(f"{server.url}/api/guide", params={"q": "đăng ký kết hôn"})
    assert r.status_code == 200
    body = r.json()
    assert body["confident"] and body["answers"][0]["service"] == "1.000894"
    assert httpx.get(f"{server.url}/api/guide", params={"q": ""}).json()["code"] == \
        "guide_question_invalid"
    assert httpx.get(f"{server.url}/api/guide", params={"q": "làm hộ chiếu"}).json() == {
        "answers": [], "confident": False, "question": "làm hộ chiếu", "lang": "vi"}
    doc = default_catalog().to_dict()
    doc["version"] = "city-2"
    for service in doc["services"]:
        if service["code"] == "1.000894":
            service["name_vi"] = "Đăng ký kết hôn (bản của thành phố)"
    central.catalogs.publish(json.loads(json.dumps(doc)))
    names = httpx.get(f"{server.url}/api/guide", params={"q": "đăng ký kết hôn"}).json()
    assert names["answers"][0]["name_vi"] == "Đăng ký kết hôn (bản của thành phố)"
    page = httpx.get(f"{server.url}/guide", params={"q": "dang ky ket hon"})
    assert page.status_code == 200 and "bản của thành phố" in page.text
    assert "Hồ sơ cần chuẩn bị" in page.text and "<script" not in page.text
    assert "Xin Ông/Bà hỏi cán bộ" in httpx.get(f"{server.url}/guide",
                                                params={"q": "thời tiết"}).text
    assert "Documents to bring" in httpx.get(
        f"{server.url}/guide", params={"q": "marriage registration", "lang": "en"}).text
    assert httpx.get(f"{server.url}/static/guide.css").status_code == 200
