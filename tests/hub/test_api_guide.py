"""Hỏi thủ tục on the hub: GET /api/guide (public, validated, rate-limited), the unanswered
questions counted as folded text for staff, and the data folder's catalogue for the CLI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hubfakes import FakeClock, hanoi

from onestop.compose import build_hub, create_app
from onestop.hub.guide_routes import data_folder_catalog
from onestop.ratelimit import RateLimiter
from onestop.settings import Settings

BIRTH = "1.001193"


@pytest.fixture
def hub(tmp_path):
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=FakeClock(hanoi(2026, 12, 5, 8)))
    yield hub
    hub.close()


@pytest.fixture
def client(hub):
    with TestClient(create_app(hub)) as c:
        yield c


def token(hub, role: str) -> dict:
    raw = hub.auth.create_token(role, None, name=f"test {role}")
    return {"Authorization": f"Bearer {raw}"}


def test_a_question_needs_no_token_and_gets_the_contract(client):
    r = client.get("/api/guide", params={"q": "làm giấy khai sinh cho con"})
    assert r.status_code == 200
    body = r.json()
    assert body["confident"] is True and body["question"] == "làm giấy khai sinh cho con"
    top = body["answers"][0]
    assert top["service"] == BIRTH and top["group"] == "civil-status"
    for key in ("service", "name_vi", "name_en", "group", "field", "score", "checklist_vi",
                "fee_vi", "result_vi", "result_working_days", "legal_basis_vi"):
        assert key in top
    assert len(body["answers"]) <= 5


@pytest.mark.parametrize("q", ["", "   ", "x" * 301])
def test_empty_or_long_questions_are_refused_in_json(client, q):
    r = client.get("/api/guide", params={"q": q})
    assert r.status_code == 400
    assert r.json()["code"] == "guide_question_invalid"
    assert client.get("/api/guide").json()["code"] == "guide_question_invalid"
    assert client.get("/api/guide", params={"q": "khai sinh", "lang": "fr"}).status_code == 400


def test_unanswered_questions_are_counted_as_folded_text_for_staff(hub, client):
    for q in ("Làm hộ chiếu ở đâu?", "lam ho chieu o dau?", "đăng ký xe máy"):
        assert client.get("/api/guide", params={"q": q}).json()["confident"] is False
    client.get("/api/guide", params={"q": "đăng ký kết hôn"})  # answered: not counted
    assert client.get("/api/guide/unanswered").status_code == 401
    assert client.get("/api/guide/unanswered", headers=token(hub, "display")).status_code == 403
    r = client.get("/api/guide/unanswered", headers=token(hub, "supervisor"))
    assert r.status_code == 200
    rows = r.json()["questions"]
    assert rows[0] == {"question": "lam ho chieu o dau?", "count": 2,
                       "first_day": "2026-12-05", "last_day": "2026-12-05"}
    assert [row["question"] for row in rows] == ["lam ho chieu o dau?", "dang ky xe may"]


def test_an_address_is_limited_but_a_station_is_not(hub, client):
    clock = [0.0]
    client.app.state.guide_limiter = RateLimiter(2, 60.0, clock=lambda: clock[0])
    for _ in range(2):
        assert client.get("/api/guide", params={"q": "khai tử"}).status_code == 200
    r = client.get("/api/guide", params={"q": "khai tử"})
    assert r.status_code == 429 and r.json()["code"] == "too_many_requests"
    kiosk = token(hub, "reception")
    assert client.get("/api/guide", params={"q": "khai tử"}, headers=kiosk).status_code == 200
    clock[0] += 60
    assert client.get("/api/guide", params={"q": "khai tử"}).status_code == 200


def test_a_switched_off_service_is_not_offered(hub, client):
    hub.store.disabled_services = frozenset({BIRTH})
    codes = [a["service"] for a in client.get(
        "/api/guide", params={"q": "đăng ký khai sinh"}).json()["answers"]]
    assert BIRTH not in codes


def test_the_cli_reads_the_data_folders_catalogue(hub, tmp_path):
    catalog, off = data_folder_catalog(tmp_path / "data")
    assert catalog.version == hub.store.catalog.version and off == frozenset()
    assert data_folder_catalog(tmp_path / "nowhere") is None
