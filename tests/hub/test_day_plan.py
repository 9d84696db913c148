"""The plan for tomorrow on a real hub (issue 19 part 3): history seeded through the store with
an injected clock, settings through the admin API, the plan through `GET /api/plan` as the
supervisor's window asks it, and the daily report's comparison."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from onestop.compose import HubServer, build_hub
from onestop.hub.planning import plan_vs_actual
from onestop.hub.reporting import report_input
from onestop.printing.report import render_report
from onestop.serving import free_port
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.livehub import LiveHub
from tests.planseed import CERT, SETTINGS, SOCIAL, TOMORROW, seed, seed_history

PAPER = Path(__file__).resolve().parents[2] / "docs" / "paper"


@pytest.fixture
def hub(tmp_path):
    clock = FakeClock(hanoi(2026, 10, 1, 7, 0))
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    host, port = "127.0.0.1", free_port()
    server = HubServer(hub, host, port)
    server.start()
    live = LiveHub(hub, server, host, port)
    yield live, clock
    live.stop()


@pytest.fixture
def seeded(hub):
    live, clock = hub
    store = live.hub.store
    seed_history(store, clock)
    return live, clock


def test_the_plan_for_tomorrow_from_the_wards_history(seeded):
    live, clock = seeded
    admin, supervisor = live.client("admin"), live.client("supervisor")
    assert admin.put("/api/staffing", json=SETTINGS).status_code == 200
    plan = supervisor.get("/api/plan").json()  # tomorrow by default
    assert plan["day"] == TOMORROW.isoformat() and not plan["payout_day"]
    # Only the ordinary Tuesdays that issued numbers: the payout Tuesday is treated apart.
    assert plan["history_days"] == [(TOMORROW - timedelta(weeks=w)).isoformat()
                                    for w in (1, 2, 3)]
    assert plan["arrivals"]["8"]["social"] == 30 and plan["arrivals"]["9"]["certification"] == 6
    assert plan["arrivals_by_group"] == {"certification": 12, "social": 42}
    assert plan["hours"] == [8, 9, 10, 11, 13, 14, 15, 16]
    counters = {str(c["number"]): c for c in plan["counters"]}
    for hour, skills in plan["skills"].items():
        for number, chosen in skills.items():
            if int(number) > 0:  # a counter serves its own fields or those it may take
                c = counters[number]
                assert set(chosen) <= set(c["groups"]) | set(c["can_serve"]), (hour, number)
            else:
                assert set(chosen) <= {"social", "civil-status"}
    assert plan["reserves"], "a morning of 30 social cases an hour calls the reserve"
    reserve = plan["reserves"][0]
    assert reserve["to_hour"] - reserve["from_hour"] <= 2 and plan["reserve_hours"] <= 2
    assert reserve["call_at"] == f"{reserve['from_hour'] - 1:02d}:45"  # 15 minutes' notice
    assert plan["expected_wait_min"] < plan["static_wait_min"]

    # The payout day looks at the payout days, whatever their weekday.
    payout = supervisor.get("/api/plan", params={"day": "2026-12-10"}).json()
    assert payout["payout_day"] and payout["history_days"] == ["2026-11-10", "2026-10-10"]
    assert payout["arrivals"]["8"] == {"social": 80}

    pdf = supervisor.get("/api/plan", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "KẾ HOẠCH NGÀY 08/12/2026" in text and "Cán bộ dự phòng 1" in text
    screenshot(pdf.content, "plan")


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def screenshot(pdf: bytes, name: str, page: int = 1, tmp=Path("/tmp")) -> None:
    """ONESTOP_SCREENSHOTS=1: one page of the paper at 80 dpi in docs/paper/."""
    if not os.environ.get("ONESTOP_SCREENSHOTS"):
        return
    source = tmp / f"{name}-{os.getpid()}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                    "-singlefile", str(source),
                    str(PAPER / name)], check=True)
    source.unlink()


def test_who_may_ask_and_bad_settings_lose_nothing(seeded):
    live, _ = seeded
    admin = live.client("admin")
    denied = live.client("counter", counter=1).get("/api/plan")
    assert denied.status_code == 403 and denied.json()["code"]
    assert live.client("supervisor").put("/api/staffing", json={}).status_code == 403
    assert admin.put("/api/staffing", json={"target_wait_min": 12}).status_code == 200
    for bad in ({"reserves": [{"groups": ["nowhere"], "max_hours": 2}]},
                {"reserves": [{"groups": ["social"], "max_hours": 0}]},
                {"can_serve": {"99": ["social"]}}, {"payout_days": [32]}, {"speed": 1}):
        answer = admin.put("/api/staffing", json=bad)
        assert answer.status_code == 422, bad
        assert answer.json()["code"] == "invalid_staffing" and answer.json()["message"]
    assert admin.get("/api/staffing").json()["target_wait_min"] == 12  # nothing lost
    bad_day = live.client("supervisor").get("/api/plan", params={"day": "tomorrow"})
    assert bad_day.status_code == 422


def test_the_mornings_plan_against_what_happened(seeded):
    live, clock = seeded
    store = live.hub.store
    admin, supervisor = live.client("admin"), live.client("supervisor")
    admin.put("/api/staffing", json={"can_serve": {"1": ["social"]}})
    evening = supervisor.get("/api/plan").json()  # seen the evening before: stored
    assert evening["stored"]
    clock.now = hanoi(2026, 12, 8, 7, 30)
    admin.put("/api/staffing", json={"can_serve": {}})  # changed after the day began
    morning = supervisor.get("/api/plan", params={"day": TOMORROW.isoformat()}).json()
    assert morning["made_at"] == evening["made_at"]  # the day's plan is kept as it was
    # The day happens: counter 2 opens at 8:00, counter 1 is re-skilled to social at 9:00.
    clock.now = hanoi(2026, 12, 8, 8, 0)
    store.set_counter_status(2, "open")
    seed(store, clock, TOMORROW, {8: {SOCIAL: 10}, 9: {CERT: 3}})
    clock.now = hanoi(2026, 12, 8, 9, 0)
    store.update_counter(1, skills=("social", "certification"))
    clock.now = hanoi(2026, 12, 8, 11, 0)
    store.set_counter_status(2, "closed")
    found = plan_vs_actual(store, TOMORROW, live.hub.opening_hours, 7.5)
    assert not found["made_now"]
    assert found["actual_by_group"] == {"social": 10, "certification": 3}
    assert found["expected_by_group"] == evening["arrivals_by_group"]
    assert found["actual_counter_hours"] == 3.0 and found["actual_moves"] == 1
    assert found["planned_moves"] == evening["moves"]

    data = report_input(store, TOMORROW, "Cửa Nam")
    assert data.plan is not None and data.plan["actual_moves"] == 1
    pdf = render_report(data)
    text = pdf_text(pdf)
    assert "Kế hoạch ngày và thực tế" in text and "Số giờ quầy" in text
    pages = text.split("\f")
    screenshot(pdf, "report-plan", 1 + next(i for i, t in enumerate(pages)
                                            if "Kế hoạch ngày và thực tế" in t))
