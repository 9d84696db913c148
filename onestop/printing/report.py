"""The daily report for the ward leader (A4 PDF): numbers issued by field and hour with a
chart, waits and service times by field, counter and officer, no-shows, transfers, ratings, and
the day against the previous four same weekdays, and the dossier register's day (received,
results early / on time / late, apologies, overdue). Numbers come in as DayStats (onestop.queue).

The words follow docs/glossary.md, as central's dashboard does: "Số phiếu đã cấp", "90% chờ
không quá (phút)", "Điểm hài lòng TB (thang 3)", and one wait: from taking the number to being
called."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from onestop.queue.daystats import DayStats, Spread
from onestop.queue.office import default_office_name

from .fonts import register

WAIT_NOTE = ("Thời gian chờ: từ lúc lấy số đến lúc được gọi (như trên bảng theo dõi của thành "
             "phố). 90% chờ không quá: 9 trên 10 lượt được gọi không phải chờ lâu hơn số phút "
             "này. Điểm hài lòng: Rất hài lòng = 3, Hài lòng = 2, Không hài lòng = 1.")
RATING_VI = {3: "Rất hài lòng", 2: "Hài lòng", 1: "Không hài lòng"}
WEEKDAY_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
PALETTE = ["#0b3d7a", "#e0a100", "#2e7d32", "#b00020", "#6a1b9a", "#00838f", "#5d4037",
           "#9e9d24"]


@dataclass(frozen=True)
class ReportInput:
    ward_name: str
    stats: DayStats
    previous: Sequence[DayStats]  # the previous same weekdays, newest first
    group_names: dict[str, str]  # group id -> Vietnamese name
    counter_names: dict[int, str]  # counter number -> label
    officer_names: dict[str, str]  # username -> display name
    generated_at: datetime
    office_name: str = ""  # the ward identity's office_name_vi; empty: from ward_name
    # Feedback cases of the day (issue 17): opened, closed, overdue at the day's end and
    # opened_by_kind {suggestion, complaint, unhappy}; None when the hub has none to give.
    cases: dict | None = None
    dossiers: dict | None = None  # hub/dossiers.py day_counts; None: no section
    policy_vi: str = ""  # the calling order in force (routing.POLICY_WORDS)
    # The morning's plan against the day (issue 19, hub/planning.plan_vs_actual); None: none.
    plan: dict | None = None


def _m(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


class _Styles:
    def __init__(self) -> None:
        regular, bold = register()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle("t", fontName=bold, fontSize=16, leading=20, spaceAfter=2)
        self.sub = ParagraphStyle("s", fontName=regular, fontSize=9.5, leading=12,
                                  textColor=colors.HexColor("#444444"), spaceAfter=8)
        self.h = ParagraphStyle("h", fontName=bold, fontSize=12, leading=15, spaceBefore=10,
                                spaceAfter=5, textColor=colors.HexColor("#0b3d7a"))
        self.note = ParagraphStyle("n", fontName=regular, fontSize=8.5, leading=11,
                                   textColor=colors.HexColor("#555555"))

    def table(self, rows: list[list], widths: Sequence[float] | None = None,
              first_col_left: bool = True) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        style = [
            ("FONT", (0, 0), (-1, -1), self.regular, 8.5),
            ("FONT", (0, 0), (-1, 0), self.bold, 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bccc")),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if not first_col_left:
            style.append(("ALIGN", (0, 0), (0, -1), "RIGHT"))
        table.setStyle(TableStyle(style))
        return table


def _spread_rows(spreads: dict, names: dict) -> list[list]:
    rows = [["", "Số lượt", "Trung bình", "90% không quá", "Lâu nhất"]]
    for key, s in spreads.items():
        rows.append([names.get(key, str(key)), s.n, _m(s.mean), _m(s.p90), _m(s.longest)])
    if len(rows) == 1:
        rows.append(["Chưa có dữ liệu", "", "", "", ""])
    return rows


def _chart(stats: DayStats, names: dict[str, str], st: _Styles) -> Drawing:
    hours = list(range(7, 18))
    for h in stats.by_hour_group:
        if h not in hours:
            hours.append(h)
    hours.sort()
    groups = sorted({g for per in stats.by_hour_group.values() for g in per})
    drawing = Drawing(170 * mm, 72 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 118 * mm, 56 * mm
    chart.categoryAxis.style = "stacked"
    chart.data = [[stats.by_hour_group.get(h, {}).get(g, 0) for h in hours]
                  for g in groups] or [[0 for _ in hours]]
    chart.categoryAxis.categoryNames = [f"{h}h" for h in hours]
    chart.categoryAxis.labels.fontName = st.regular
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = st.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 1
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 134 * mm, 62 * mm
    legend.fontName, legend.fontSize = st.regular, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 10  # one column beside the chart, never clipped on the right
    legend.deltay = 9
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), names.get(g, g))
                             for i, g in enumerate(groups)]
    drawing.add(legend)
    return drawing


def render_report(data: ReportInput) -> bytes:
    st = _Styles()
    s = data.stats
    g_names = data.group_names
    story: list = [
        # Paragraph text is markup: a ward name from settings is text, never tags.
        Paragraph(f"BÁO CÁO NGÀY {s.day:%d/%m/%Y} – {escape(data.ward_name)}", st.title),
        Paragraph(f"{escape(_office(data))} · {WEEKDAY_VI[s.day.weekday()]} · lập lúc "
                  f"{data.generated_at:%H:%M %d/%m/%Y}", st.sub),
        Paragraph("1. Tổng quan", st.h),
        st.table([["Chỉ số", "Giá trị"],
                  ["Số phiếu đã cấp", s.issued], ["Đã phục vụ", s.served],
                  ["Vắng mặt (gọi không đến)", s.no_show], ["Đã hủy", s.cancelled],
                  ["Chuyển lĩnh vực/quầy", s.transferred], ["Còn chờ khi lập báo cáo",
                                                             s.waiting_left],
                  ["Thời gian chờ trung bình (phút)", _m(s.wait_all.mean)],
                  ["90% chờ không quá (phút)", _m(s.wait_all.p90)],
                  ["Chờ lâu nhất (phút)", _m(s.wait_all.longest)],
                  ["Số lượt đánh giá", s.rated],
                  ["Điểm hài lòng TB (thang 3)", _score(s.mean_rating())],
                  ["Tỷ lệ hài lòng và rất hài lòng", _pct(s.satisfaction())],
                  ["Số đặt lịch trực tuyến (tỷ lệ trên số phiếu)",
                   f"{s.booked} ({_pct(s.booked_share())})"],
                  ["Số đặt lịch được gọi đúng hẹn (trong 15 phút)",
                   f"{s.booked_on_time}/{s.booked_called} ({_pct(s.on_time_share())})"],
                  ["Lịch hẹn không đến (đã hủy do trễ)", s.booking_no_shows]],
                 [80 * mm, 40 * mm]),
        Paragraph(WAIT_NOTE, st.note),
        *_order_note(data, st),
    ]
    hours = sorted(s.by_hour_group)
    groups = sorted({g for per in s.by_hour_group.values() for g in per})
    by_hour = [["Lĩnh vực", *[f"{h}h" for h in hours], "Tổng"]]
    for g in groups:
        row = [s.by_hour_group[h].get(g, 0) for h in hours]
        by_hour.append([g_names.get(g, g), *row, sum(row)])
    by_hour.append(["Tổng", *[sum(s.by_hour_group[h].values()) for h in hours], s.issued])
    story += [Paragraph("2. Số phiếu theo giờ và lĩnh vực", st.h), _chart(s, g_names, st),
              st.table(by_hour)]
    story += [KeepTogether([Paragraph("3. Thời gian chờ theo lĩnh vực (phút, từ lúc lấy số đến "
                                      "lúc được gọi)", st.h),
                            st.table(_spread_rows(s.wait_by_group, g_names),
                                     [62 * mm, 22 * mm, 26 * mm, 22 * mm, 24 * mm])])]
    story += [Paragraph("4. Thời gian phục vụ (phút)", st.h)]
    for title, spreads, names in (("Theo lĩnh vực", s.service_by_group, g_names),
                                  ("Theo quầy", s.service_by_counter, data.counter_names),
                                  ("Theo cán bộ", s.service_by_officer, data.officer_names)):
        story.append(KeepTogether([Paragraph(title, st.note), st.table(
            _spread_rows(spreads, names), [62 * mm, 22 * mm, 26 * mm, 22 * mm, 24 * mm]),
            Spacer(1, 4)]))
    no_show_rows = [["Lĩnh vực", "Vắng mặt"]] + [[g_names.get(g, g), n] for g, n in
                                                 sorted(s.no_show_by_group.items())]
    if len(no_show_rows) == 1:
        no_show_rows.append(["Không có", 0])
    story += [KeepTogether([Paragraph("5. Vắng mặt và chuyển", st.h),
                            st.table(no_show_rows, [80 * mm, 30 * mm]),
                            Paragraph(f"Số phiếu được chuyển sang lĩnh vực hoặc quầy khác: "
                                      f"{s.transferred}.", st.note)])]
    rating_rows = [["Mức đánh giá", "Số lượt", "Tỷ lệ"]] + [
        [RATING_VI.get(level, str(level)), s.ratings.get(level, 0),
         _pct(s.rating_share(level))] for level in (3, 2, 1)]
    officer_rows = [["Cán bộ", *[RATING_VI[level] for level in (3, 2, 1)]]]
    for officer, counts in s.ratings_by_officer.items():
        officer_rows.append([data.officer_names.get(officer, officer),
                             *[counts.get(level, 0) for level in (3, 2, 1)]])
    story += [KeepTogether([Paragraph("6. Đánh giá của công dân", st.h),
                            st.table(rating_rows, [60 * mm, 30 * mm, 30 * mm]), Spacer(1, 4),
                            st.table(officer_rows) if len(officer_rows) > 1 else
                            Paragraph("Chưa có đánh giá theo cán bộ.", st.note),
                            *_cases(data, st)])]
    story += [KeepTogether(_plan_section(data, st))]
    story += [KeepTogether(_comparison(data, st))]
    if data.dossiers is not None:
        story += [KeepTogether(_dossier_section(data.dossiers, st))]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=f"Báo cáo ngày {s.day:%d/%m/%Y}", author="onestop")
    doc.build(story, onFirstPage=_footer(st, data), onLaterPages=_footer(st, data))
    return buffer.getvalue()


def _cases(data: ReportInput, st: _Styles) -> list:
    """Góp ý, phản ánh of the day (docs/feedback.md): what was opened, closed, overdue."""
    c = data.cases
    if c is None:
        return []
    kinds = c.get("opened_by_kind", {})
    rows = [["Góp ý, phản ánh trong ngày", "Số vụ việc"],
            ["Mới tiếp nhận", c["opened"]],
            ["  trong đó góp ý", kinds.get("suggestion", 0)],
            ["  phản ánh", kinds.get("complaint", 0)],
            ["  đánh giá không hài lòng", kinds.get("unhappy", 0)],
            ["Đã đóng (đã xử lý xong)", c["closed"]],
            ["Quá hạn xử lý cuối ngày", c["overdue"]]]
    return [Spacer(1, 4), st.table(rows, [60 * mm, 30 * mm])]


def _dossier_section(d: dict, st: _Styles) -> list:
    """The dossier register's day (docs/dossiers.md): timeliness counts the results given
    that day against their due dates; an apology's new date never erases lateness."""
    rows = [["Chỉ số", "Số hồ sơ"], ["Hồ sơ tiếp nhận trong ngày", d["received"]],
            ["Hồ sơ có kết quả trong ngày", d["ready"]],
            ["– trước hạn / đúng hạn / trễ hạn", f"{d['early']} / {d['on_time']} / {d['late']}"],
            ["Hồ sơ đã trả kết quả trong ngày", d["returned"]],
            ["Phiếu xin lỗi và hẹn lại ngày trả kết quả", d["apologies"]],
            ["Hồ sơ đang giải quyết khi lập báo cáo", d["open"]],
            ["– trong đó quá hạn", d["overdue"]]]
    return [Paragraph("8. Hồ sơ và hạn trả kết quả", st.h), st.table(rows, [80 * mm, 40 * mm])]


def _plan_section(data: ReportInput, st: _Styles) -> list:
    """Kế hoạch ngày và thực tế (docs/operations.md): what the morning's plan expected."""
    p = data.plan
    if p is None:
        return []
    groups = sorted(set(p["expected_by_group"]) | set(p["actual_by_group"]))
    rows = [["", "Kế hoạch", "Thực tế"]]
    rows += [[f"Số phiếu – {data.group_names.get(g, g)}", _m(p["expected_by_group"].get(g, 0)),
              p["actual_by_group"].get(g, 0)] for g in groups]
    rows += [["Số giờ quầy", _m(p["planned_counter_hours"]), _m(p["actual_counter_hours"])],
             ["  trong đó giờ cán bộ dự phòng", _m(p["planned_reserve_hours"]), ""],
             ["Số lần đổi lĩnh vực (kế hoạch: cả gọi cán bộ dự phòng)", p["planned_moves"],
              p["actual_moves"]],
             ["Thời gian chờ trung bình (phút)", _m(p["expected_wait_min"]),
              _m(p["actual_wait_min"])]]
    note = ("Kế hoạch lập lúc báo cáo, từ cùng số liệu các ngày trước (không có kế hoạch "
            "được xem trước ngày)." if p["made_now"] else "Kế hoạch như đã xem trước ngày.")
    return [Paragraph("Kế hoạch ngày và thực tế", st.h),
            st.table(rows, [95 * mm, 30 * mm, 30 * mm]), Paragraph(note, st.note)]


def _order_note(data: ReportInput, st: _Styles) -> list:
    """Issue 19: the calling order in force, and who was called after a later number of
    their own series (priority categories, transfers and bookings are the rules)."""
    f = data.stats.fairness
    parts = [f"Thứ tự gọi đang áp dụng: {escape(data.policy_vi)}."] if data.policy_vi else []
    if f is not None:
        parts.append(f"Công dân bị số sau cùng dãy gọi trước (không tính ưu tiên, chuyển quầy, "
                     f"đặt lịch): {f.overtaken}" + (
                         f", trung bình {_m(f.minutes_mean)} phút, lâu nhất "
                         f"{_m(f.minutes_max)} phút." if f.overtaken else "."))
    return [Paragraph(" ".join(parts), st.note)] if parts else []


def _comparison(data: ReportInput, st: _Styles) -> list:
    rows = [["Ngày", "Số phiếu", "Đã phục vụ", "Vắng mặt", "Chờ TB", "90% chờ không quá",
             "Điểm hài lòng TB"]]

    def row(label: str, x: DayStats) -> list:
        return [label, x.issued, x.served, x.no_show, _m(x.wait_all.mean), _m(x.wait_all.p90),
                _score(x.mean_rating())]

    rows.append(row(f"{data.stats.day:%d/%m} (hôm nay)", data.stats))
    for prev in data.previous:
        rows.append(row(f"{prev.day:%d/%m}", prev))
    parts: list = [Paragraph(f"7. So sánh với {len(data.previous)} "
                             f"{WEEKDAY_VI[data.stats.day.weekday()].lower()} trước", st.h),
                   st.table(rows)]
    if data.previous:
        mean_issued = sum(p.issued for p in data.previous) / len(data.previous)
        waits = [p.wait_all.mean for p in data.previous if p.wait_all.mean is not None]
        change = (f"Số phiếu hôm nay {data.stats.issued} so với trung bình "
                  f"{mean_issued:.0f}".replace(".", ","))
        if mean_issued:
            change += f" ({(data.stats.issued - mean_issued) / mean_issued * 100:+.0f}%)"
        if waits and data.stats.wait_all.mean is not None:
            avg = sum(waits) / len(waits)
            change += (f"; thời gian chờ trung bình {_m(data.stats.wait_all.mean)} phút so với "
                       f"{_m(avg)} phút")
        parts.append(Paragraph(change + ".", st.note))
    else:
        parts.append(Paragraph("Chưa có dữ liệu của các tuần trước.", st.note))
    return parts


def _office(data: ReportInput) -> str:
    return data.office_name or default_office_name(data.ward_name)[0]


def _footer(st: _Styles, data: ReportInput):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(st.regular, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawRightString(A4[0] - 16 * mm, 8 * mm, f"Trang {doc.page}")
        canvas.drawString(16 * mm, 8 * mm, f"onestop – hệ thống xếp hàng · {_office(data)}")
        canvas.restoreState()
    return draw


__all__ = ["ReportInput", "render_report", "Spread"]
