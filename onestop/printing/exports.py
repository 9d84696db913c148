"""The day's tickets as CSV and Excel (.xlsx) for the ward's own spreadsheets: one row per
ticket, Vietnamese column titles, times in the centre's local time.

Text cells are text, never formulas (OWASP "CSV injection"): reasons and names are typed by
people, and `=HYPERLINK(...)` or `@SUM(...)` in a reason must not run in the spreadsheet of
whoever opens the export. In the XLSX every text cell is stored as a string (data type "s");
in the CSV a text cell starting with = + - @ TAB or CR gets a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

COLUMNS = [  # (key in the row dict, Vietnamese title)
    ("number", "Số"), ("service", "Mã thủ tục"), ("service_vi", "Thủ tục"),
    ("group_vi", "Lĩnh vực"), ("kind", "Loại yêu cầu"), ("count", "Số lượng"),
    ("priority", "Ưu tiên"), ("complexity", "Mức độ"), ("channel", "Kênh"),
    ("status", "Trạng thái"), ("issued_at", "Giờ lấy số"), ("called_at", "Giờ gọi"),
    ("started_at", "Giờ bắt đầu"), ("finished_at", "Giờ kết thúc"),
    ("wait_minutes", "Chờ (phút)"), ("counter", "Quầy"), ("officer", "Cán bộ"),
    ("recalls", "Số lần gọi lại"), ("transfers", "Số lần chuyển"), ("outcome", "Kết quả"),
    ("rating", "Đánh giá"),
]
_TIMES = ("issued_at", "called_at", "started_at", "finished_at")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell for the CSV: text that a spreadsheet would read as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def rows_for_export(tickets: Sequence[dict], services: dict[str, str],
                    groups: dict[str, str], timezone: str) -> list[dict]:
    """Ticket dicts (as in events and the API) → flat rows with names and local times."""
    tz = ZoneInfo(timezone)
    rows = []
    for t in tickets:
        row = {key: t.get(key) for key, _ in COLUMNS}
        row["service_vi"] = services.get(t["service"], t["service"])
        row["group_vi"] = groups.get(t["group"], t["group"])
        for key in _TIMES:
            if t.get(key):
                row[key] = datetime.fromisoformat(t[key]).astimezone(tz).strftime("%H:%M:%S")
        if t.get("called_at"):
            waited = datetime.fromisoformat(t["called_at"]) - datetime.fromisoformat(
                t["issued_at"])
            row["wait_minutes"] = round(waited.total_seconds() / 60, 1)
        rows.append(row)
    return rows


def to_csv(rows: Sequence[dict]) -> bytes:
    """UTF-8 with a BOM so Excel on Windows shows the diacritics."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _, title in COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(row.get(k)) for k, _ in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[dict], sheet_title: str = "Phiếu") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    sheet.append([title for _, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(k) for k, _ in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes "=..." a formula otherwise
    sheet.freeze_panes = "A2"
    for column, (key, title) in zip(sheet.columns, COLUMNS, strict=True):
        width = max([len(title)] + [len(str(r.get(key) or "")) for r in rows[:200]])
        sheet.column_dimensions[column[0].column_letter].width = min(40, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
