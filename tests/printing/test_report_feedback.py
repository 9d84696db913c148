"""The daily report's satisfaction and feedback figures (issue 17 part 6): the three rating
levels with counts and shares, and the cases opened, closed and overdue that day, from a real
hub database."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from onestop.compose import build_hub
from onestop.hub import admin, feedback
from onestop.hub.reporting import report_input
from onestop.printing.report import render_report
from onestop.queue.operations import IssueRequest
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.conftest import require

PAPER = (Path(__file__).resolve().parents[2] / "docs" / "paper"
         if os.environ.get("ONESTOP_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "onestop-screenshots")


def served(hub):
    ticket = hub.store.issue(IssueRequest("2.000815")).ticket
    hub.store.call_next(1)
    hub.store.act(ticket.id, "done")
    return ticket


def test_report_shows_rating_shares_and_the_days_cases(tmp_path):
    clock = FakeClock(hanoi(2026, 11, 16, 8))  # a Monday, a week before
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=clock)
    try:
        store = hub.store
        store.set_counter_status(1, "open")
        admin.add_officer(store, "lan.nguyen", "Nguyễn Thị Lan", "123456", 6)
        old = feedback.submit_from_ticket(store, served(hub).token, "complaint",
                                          "Chờ lâu quá", False, None)  # due 23/11: overdue
        clock.now = hanoi(2026, 11, 24, 8)  # Tuesday 24/11, the report's day
        for rating in (3, 3, 3, 2, 1):
            feedback.rate_ticket(store, served(hub).token, rating, None)
        feedback.submit_from_ticket(store, served(hub).token, "suggestion", "Thêm ghế chờ",
                                    False, None)
        fixed = feedback.submit_from_ticket(store, served(hub).token, "complaint",
                                            "Quầy 1 vắng", True, "0912345678")
        feedback.act(store, fixed["id"], "close", note="Đã nhắc cán bộ")
        data = report_input(store, date(2026, 11, 24), "Phường Cửa Nam")
        assert data.cases == {"opened": 3, "closed": 1, "overdue": 1, "opened_by_kind": {
            "suggestion": 1, "complaint": 1, "unhappy": 1}}
        assert feedback.case(store, old["id"])["state"] == "open"
        pdf = render_report(data)
    finally:
        hub.close()
    tool = shutil.which("pdftotext")
    require("pdftotext", tool is not None, "poppler-utils not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = " ".join(subprocess.run([tool, "-layout", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Rất hài lòng 3 60%" in text and "Hài lòng 1 20%" in text
    assert "Không hài lòng 1 20%" in text
    assert "Mới tiếp nhận 3" in text and "Đã đóng (đã xử lý xong) 1" in text
    assert "Quá hạn xử lý cuối ngày 1" in text
    pages = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(pages)], check=True)
    shots = sorted(tmp_path.glob("page*.png"))
    assert shots
    PAPER.mkdir(parents=True, exist_ok=True)  # the last page holds sections 6 and 7
    shutil.copy(shots[-1], PAPER / "report-feedback.png")
