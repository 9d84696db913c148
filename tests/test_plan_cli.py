"""`onestop plan` and the day plan's settings from the command line (issue 19 part 3): real
subprocesses on a data folder whose history was issued through a real store with a settable
clock; bad input is one line, exit code 2, and changes nothing."""

from __future__ import annotations

import json

from onestop.compose import build_hub
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.planseed import seed_history
from tests.test_admin_cli import ok, onestop, refused


def usage_error(data, *args: str) -> str:
    """argparse's refusal: one line naming the command, exit code 2."""
    done = onestop(data, *args)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def test_the_plan_and_its_settings_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    hub = build_hub(Settings(data_dir=data), clock=FakeClock(hanoi(2026, 10, 1, 7, 0)))
    seed_history(hub.store, hub.store.clock)
    hub.close()

    out = ok(data, "counter-config", "staffing", "--reserve", "social,civil-status:2:15",
             "--target-wait", "15", "--payout-days", "10")
    assert "reserve 1: social,civil-status, at most 2 h, 15 min notice" in out
    assert "payout days 10" in out
    assert "may also serve social" in ok(data, "counter-config", "set", "1", "--can-serve",
                                         "social")
    assert "nowhere" in refused(data, "counter-config", "set", "1", "--can-serve", "nowhere")
    assert "FIELDS:HOURS" in usage_error(data, "counter-config", "staffing", "--reserve", "social")
    assert "Mục tiêu" in refused(data, "counter-config", "staffing", "--target-wait", "0")
    saved = json.loads(ok(data, "counter-config", "staffing", "--json"))
    assert saved["can_serve"] == {"1": ["social"]} and saved["target_wait_min"] == 15

    plan = json.loads(ok(data, "plan", "--day", "2026-12-08", "--json"))
    assert plan["arrivals"]["8"] == {"certification": 4, "social": 30}
    assert plan["reserves"] and plan["reserve_hours"] <= 2
    pdf = tmp_path / "plan.pdf"
    text = ok(data, "plan", "--day", "2026-12-08", "--out", str(pdf))
    assert "reserve R1: call at 07:45" in text and "expected mean wait" in text
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "closed" in ok(data, "plan", "--day", "2026-12-06")  # a Sunday
    assert "not a date" in usage_error(data, "plan", "--day", "tomorrow")
