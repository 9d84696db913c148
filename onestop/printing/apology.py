"""The apology slip ("Phiếu xin lỗi và hẹn lại ngày trả kết quả", A5) for a dossier that will
miss its due date, laid out after Form 05 (Mẫu số 05) of the one-stop forms: the issuing body
and the national motto, the title, to whom (the name as typed, never stored), when the dossier
was received and its code, the procedure, the due date that will be missed, the reason, the
apology and the new date, and the signature. The dossier keeps its due date: the apology never
erases lateness (docs/dossiers.md)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .slip import DOTS, GENERIC_OFFICE, WEEKDAY_VI, draw_header


@dataclass(frozen=True)
class ApologyData:
    ward_name: str
    office_name: str
    dossier_code: str
    citizen_name: str
    service_vi: str
    received_on: date
    due_date: date
    new_due_date: date
    reason: str
    officer: str
    written_on: date


def day_words(day: date) -> str:
    return f"{WEEKDAY_VI[day.weekday()].lower()} ngày {day:%d/%m/%Y}"


def render_apology(d: ApologyData) -> bytes:
    regular, bold = register()
    width, height = A5
    left, right = 12 * mm, width - 12 * mm
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A5)
    c.setTitle(f"Phiếu xin lỗi và hẹn lại ngày trả kết quả {d.dossier_code}")
    y = draw_header(c, d.ward_name, d.office_name or GENERIC_OFFICE, d.written_on,
                    height - 12 * mm) - 10 * mm
    c.setFont(bold, 12.5)
    c.drawCentredString(width / 2, y, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    y -= 6 * mm
    c.setFont(bold, 11)
    c.drawCentredString(width / 2, y, f"Mã hồ sơ: {d.dossier_code}")
    y -= 10 * mm

    def paragraph(text: str, font: str = regular, size: float = 10) -> None:
        nonlocal y
        c.setFont(font, size)
        for part in simpleSplit(text, font, size, right - left):
            c.drawString(left, y, part)
            y -= size * 1.45
        y -= 2.5

    who = f"Ông/Bà {d.citizen_name}" if d.citizen_name else f"Ông/Bà {DOTS}"
    paragraph(f"Kính gửi: {who}", bold)
    paragraph(f"{d.office_name or GENERIC_OFFICE} đã tiếp nhận hồ sơ của Ông/Bà ngày "
              f"{d.received_on:%d/%m/%Y}, mã hồ sơ {d.dossier_code}, về việc: {d.service_vi}.")
    paragraph(f"Thời hạn trả kết quả theo giấy tiếp nhận: {day_words(d.due_date)}.")
    paragraph(f"Hồ sơ của Ông/Bà chưa giải quyết xong đúng hạn. Lý do: {d.reason}")
    paragraph("Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi "
              "Ông/Bà và trân trọng hẹn lại thời gian trả kết quả:")
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(left - 2, y - 3.2 * mm, right - left + 4, 8.5 * mm, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    new_date = day_words(d.new_due_date)
    paragraph(f"{new_date[0].upper()}{new_date[1:]}.", bold, 11)
    paragraph("Rất mong nhận được sự thông cảm của Ông/Bà.")
    y -= 4 * mm
    x = left + (right - left) * 0.72
    c.setFont(bold, 9.5)
    c.drawCentredString(x, y, "NGƯỜI TIẾP NHẬN HỒ SƠ")
    c.setFont(regular, 8)
    c.drawCentredString(x, y - 11, "(Ký và ghi rõ họ tên)")
    c.setFont(regular, 9.5)
    c.drawCentredString(x, y - 20 * mm, d.officer)
    c.showPage()
    c.save()
    return buffer.getvalue()


def sample_apology() -> ApologyData:
    return ApologyData(
        ward_name="Phường Cửa Nam",
        office_name="Trung tâm Phục vụ hành chính công phường Cửa Nam",
        dossier_code="CUANAM-261125-0007", citizen_name="Nguyễn Văn An",
        service_vi="Đăng ký thành lập hộ kinh doanh", received_on=date(2026, 11, 25),
        due_date=date(2026, 12, 1), new_due_date=date(2026, 12, 4),
        reason="Cần xác minh thêm thông tin địa điểm kinh doanh với cơ quan thuế.",
        officer="Trần Văn Hùng", written_on=date(2026, 12, 1))
