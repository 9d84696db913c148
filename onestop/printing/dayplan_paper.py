"""The day plan on paper (A4): "Kế hoạch ngày" for the supervisor's wall or the morning
meeting. It prints the hub's plan view (hub/planning.make_plan) as it is: expected arrivals per
hour and field, which field each counter serves first in each hour, when each reserve officer is
called, and the expected mean wait with and without the plan. Words: docs/glossary.md."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .fonts import register
from .report import WEEKDAY_VI

MOVED = colors.HexColor("#fff3cd")  # a counter on another field than its own this hour
RESERVE = colors.HexColor("#e3f2e6")


@dataclass(frozen=True)
class PlanPaper:
    plan: dict  # GET /api/plan's answer
    ward_name: str
    group_names: dict[str, str]
    generated_at: datetime


def _n(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace(",0", "")


def reserve_label(index: int) -> str:
    return f"Cán bộ dự phòng {index + 1}"


def render_plan(data: PlanPaper) -> bytes:
    p, names = data.plan, data.group_names
    regular, bold = register()
    title = ParagraphStyle("t", fontName=bold, fontSize=15, leading=19)
    sub = ParagraphStyle("s", fontName=regular, fontSize=9, leading=12,
                         textColor=colors.HexColor("#444444"), spaceAfter=6)
    head = ParagraphStyle("h", fontName=bold, fontSize=11.5, leading=14, spaceBefore=8,
                          spaceAfter=4, textColor=colors.HexColor("#0b3d7a"))
    note = ParagraphStyle("n", fontName=regular, fontSize=8.5, leading=11,
                          textColor=colors.HexColor("#555555"))
    cell = ParagraphStyle("c", fontName=regular, fontSize=7.5, leading=9)

    def table(rows: list[list], widths=None, extra=()) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), regular, 8), ("FONT", (0, 0), (-1, 0), bold, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bccc")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *extra]))
        return t

    day = date.fromisoformat(p["day"])
    kind = "ngày chi trả trợ cấp" if p["payout_day"] else "ngày thường"
    history = len(p["history_days"])
    story: list = [
        Paragraph(f"KẾ HOẠCH NGÀY {day:%d/%m/%Y} – {escape(data.ward_name)}", title),
        Paragraph(f"{WEEKDAY_VI[day.weekday()]} · {kind} · dự kiến từ {history} ngày đã qua "
                  f"cùng loại · lập lúc {data.generated_at:%H:%M %d/%m/%Y}", sub),
    ]
    if not p["hours"]:
        story.append(Paragraph("Trung tâm không làm việc ngày này.", note))
    else:
        story += _summary(p, table, head)
        story += _arrivals(p, names, table, head)
        story += _counters(p, names, table, head, cell)
    story.append(Paragraph(
        "Thời gian chờ: từ lúc lấy số đến lúc được gọi. Số dự kiến là trung bình của các ngày "
        "cùng thứ trong những tuần trước (ngày chi trả trợ cấp: các ngày chi trả trước), "
        "không tính ngày trung tâm không cấp số nào.", note))
    wide = len(p["counters"]) + len(p["reserves"]) > 8
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4) if wide else A4,
                            leftMargin=14 * mm, rightMargin=14 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=f"Kế hoạch ngày {day:%d/%m/%Y}",
                            author="onestop")
    doc.build(story)
    return buffer.getvalue()


def _summary(p: dict, table, head) -> list:
    total = sum(p["arrivals_by_group"].values())
    target = "đạt" if p["meets_target"] else "chưa đạt"
    rows = [["Chỉ số", "Giá trị"],
            ["Số phiếu dự kiến", _n(total)],
            ["Thời gian chờ trung bình dự kiến (phút)", _n(p["expected_wait_min"])],
            ["  nếu giữ nguyên lĩnh vực các quầy, không cán bộ dự phòng", _n(p["static_wait_min"])],
            ["Mục tiêu thời gian chờ trung bình (phút)", f"{_n(p['target_wait_min'])} ({target})"],
            ["Số giờ cán bộ dự phòng", _n(p["reserve_hours"])],
            ["Số lần đổi lĩnh vực và gọi cán bộ dự phòng", p["moves"]],
            ["Số giờ quầy theo kế hoạch", _n(p["counter_hours"])]]
    return [Paragraph("1. Tổng quan", head), table(rows, [110 * mm, 40 * mm],
                                                    [("ALIGN", (1, 0), (1, -1), "RIGHT")])]


def _arrivals(p: dict, names: dict, table, head) -> list:
    groups = p["groups"]
    rows = [["Giờ", *[names.get(g, g) for g in groups], "Tổng"]]
    for h in p["hours"]:
        per = p["arrivals"].get(str(h), {})
        rows.append([f"{h}h", *[_n(per.get(g, 0)) for g in groups],
                     _n(sum(per.values()))])
    rows.append(["Tổng", *[_n(p["arrivals_by_group"].get(g, 0)) for g in groups],
                 _n(sum(p["arrivals_by_group"].values()))])
    rows.append(["Phục vụ TB (phút)", *[_n(p["minutes_by_group"][g]) for g in groups], ""])
    return [Paragraph("2. Số phiếu dự kiến theo giờ và lĩnh vực", head),
            table(rows, extra=[("ALIGN", (1, 0), (-1, -1), "RIGHT")])]


def _counters(p: dict, names: dict, table, head, cell) -> list:
    counters = p["counters"]
    own = {str(c["number"]): c["groups"] for c in counters}
    columns = [(str(c["number"]), f"Quầy {c['number']}") for c in counters]
    columns += [(str(-1 - r["reserve"]), reserve_label(r["reserve"])) for r in p["reserves"]]
    rows: list[list] = [["Giờ", *[label for _, label in columns]]]
    extra = []
    for row, h in enumerate(p["hours"], start=1):
        skills = p["skills"].get(str(h), {})
        line: list = [f"{h}h"]
        for col, (key, _) in enumerate(columns, start=1):
            chosen = skills.get(key)
            if not chosen:
                line.append("")
                continue
            line.append(Paragraph(escape(names.get(chosen[0], chosen[0])), cell))
            if key.startswith("-"):
                extra.append(("BACKGROUND", (col, row), (col, row), RESERVE))
            elif chosen != own.get(key):
                extra.append(("BACKGROUND", (col, row), (col, row), MOVED))
        rows.append(line)
    out = [Paragraph("3. Quầy phục vụ lĩnh vực nào trước, theo giờ", head),
           table(rows, extra=extra), Spacer(1, 3),
           Paragraph("Ô vàng: quầy đổi sang lĩnh vực khác lĩnh vực chính của quầy trong giờ đó. "
                     "Ô xanh: cán bộ dự phòng ra quầy.", ParagraphStyle(
                         "n2", parent=cell, fontSize=8, leading=10))]
    if p["reserves"]:
        lines = [["Cán bộ dự phòng", "Gọi lúc", "Ra quầy", "Lĩnh vực"]]
        for r in p["reserves"]:
            lines.append([reserve_label(r["reserve"]), r["call_at"],
                          f"{r['from_hour']}h–{r['to_hour']}h",
                          ", ".join(names.get(g, g) for g in r["groups"])])
        out += [Spacer(1, 4), table(lines, [35 * mm, 20 * mm, 25 * mm, 80 * mm])]
    else:
        out.append(Paragraph("Không cần gọi cán bộ dự phòng.", cell))
    return out
