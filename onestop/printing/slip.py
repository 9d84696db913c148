"""The appointment slip ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", A5) for a dossier received
but not settled on the spot, laid out after Form 01 (Mẫu số 01, Phụ lục I) of Circular
03/2025/TT-VPCP, which replaced Circular 01/2018/TT-VPCP: the issuing body and the national
motto, the title, the dossier code, who submitted (name as typed by the officer; not stored by
onestop), the procedure, its legal time limit, when it was received and when to come back (hour
and date), where to collect, and both signatures, the submitter's and the receiving officer's.

The official dossier code ("Mã hồ sơ") comes from the dossier register (the electronic one-stop
system); onestop cannot issue one, so the line is left for the officer to fill in, and the slip
names the queue number instead: "Số thứ tự: U007 – ngày 25/11/2026". The QR leads to the
ticket's page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .qr import draw_qr

WEEKDAY_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
DOTS = "…………………………………………"
GENERIC_OFFICE = "Bộ phận Một cửa"


@dataclass(frozen=True)
class SlipData:
    ward_name: str  # e.g. "Phường Cửa Nam"
    citizen_name: str
    service_vi: str
    ticket_number: str  # the queue number, e.g. "U007"
    ticket_day: date  # the day it was issued
    received_at: datetime  # local
    return_at: datetime  # local
    officer: str
    url: str
    documents: tuple[str, ...] = ()
    phone: str = ""
    office_name: str = GENERIC_OFFICE  # the one-stop office, from the centre's settings
    deadline_vi: str = ""  # the procedure's legal time limit, from the catalogue


def when(at: datetime) -> str:
    """"08 giờ 00 phút, thứ hai ngày 30/11/2026": the hour and the date, as the form asks."""
    return (f"{at:%H} giờ {at:%M} phút, {WEEKDAY_VI[at.weekday()].lower()} "
            f"ngày {at:%d/%m/%Y}")


def render_slip(d: SlipData) -> bytes:
    regular, bold = register()
    italic = regular  # the bundled font has no italic face; the date line stays upright
    width, height = A5
    left, right = 12 * mm, width - 12 * mm
    half = (right - left) / 2
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A5)
    c.setTitle(f"Giấy tiếp nhận hồ sơ – số thứ tự {d.ticket_number}")
    y = height - 12 * mm

    # --- header: issuing body (left), national motto and place/date (right) ----------------
    lx, rx = left + half / 2 - 4 * mm, left + half * 1.5 + 2 * mm
    c.setFont(regular, 8.5)
    c.drawCentredString(lx, y, f"UBND {d.ward_name.upper()}")
    office_lines = simpleSplit(d.office_name.upper(), bold, 8.5, half - 2 * mm) or [""]
    c.setFont(bold, 8.5)
    for i, part in enumerate(office_lines):
        c.drawCentredString(lx, y - 10 * (i + 1), part)
    c.drawCentredString(rx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawCentredString(rx, y - 10, "Độc lập - Tự do - Hạnh phúc")
    rule_y = y - 10 * len(office_lines) - 6
    c.setLineWidth(0.6)
    c.line(lx - 10 * mm, rule_y, lx + 10 * mm, rule_y)
    c.line(rx - 20 * mm, y - 16, rx + 20 * mm, y - 16)
    place = d.ward_name.removeprefix("Phường ").removeprefix("Xã ")
    c.setFont(italic, 8.5)
    received = d.received_at
    c.drawCentredString(rx, y - 30, f"{place}, ngày {received:%d} tháng {received:%m} năm "
                                    f"{received:%Y}")
    y = min(rule_y, y - 30) - 10 * mm

    # --- title, dossier code (from the register) and the queue number ---------------------
    c.setFont(bold, 12.5)
    c.drawCentredString(width / 2, y, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    y -= 5.5 * mm
    c.setFont(regular, 9.5)
    c.drawCentredString(width / 2, y, f"Mã hồ sơ: {DOTS} (theo Sổ theo dõi hồ sơ)")
    y -= 4.8 * mm
    c.drawCentredString(width / 2, y,
                        f"Số thứ tự: {d.ticket_number} – ngày {d.ticket_day:%d/%m/%Y}")
    y -= 8 * mm

    def line(label: str, value: str, font: str = regular, size: float = 9.5) -> None:
        nonlocal y
        c.setFont(bold, size)
        c.drawString(left, y, label)
        indent = left + c.stringWidth(label, bold, size) + 3
        for i, part in enumerate(simpleSplit(value, font, size, right - indent) or [""]):
            c.setFont(font, size)
            c.drawString(indent, y, part)
            y -= size * 1.42
            if i == 0:
                indent = left + 6 * mm
        y -= 1.5

    line("Tiếp nhận hồ sơ của:", f"Ông/Bà {d.citizen_name}" if d.citizen_name else DOTS)
    line("Số điện thoại:", d.phone or DOTS)
    line("Nội dung yêu cầu giải quyết:", d.service_vi)
    line("1. Thành phần hồ sơ nộp gồm:", "" if d.documents else DOTS)
    for i, doc in enumerate(d.documents, 1):
        line(f"    ({i})", doc, size=9)
    line("2. Số lượng hồ sơ:", "01 (bộ)")
    line("3. Thời gian giải quyết hồ sơ theo quy định:", d.deadline_vi or DOTS)
    line("4. Thời gian nhận hồ sơ:", when(d.received_at))
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(left - 2, y - 7 * mm, right - left + 4, 10.8 * mm, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    line("5. Thời gian trả kết quả giải quyết hồ sơ:", when(d.return_at), font=bold)
    y -= 1 * mm
    line("6. Nhận kết quả tại:", d.office_name)

    # --- signatures: the submitter (left) and the receiving officer (right) ---------------
    y -= 3 * mm
    for x, title, name in ((left + half / 2, "NGƯỜI NỘP HỒ SƠ", d.citizen_name),
                           (left + half * 1.5, "NGƯỜI TIẾP NHẬN HỒ SƠ", d.officer)):
        c.setFont(bold, 9.5)
        c.drawCentredString(x, y, title)
        c.setFont(regular, 8)
        c.drawCentredString(x, y - 11, "(Ký và ghi rõ họ tên)")
        c.setFont(regular, 9.5)
        c.drawCentredString(x, y - 20 * mm, name)

    # --- the QR to the ticket's page, at the foot ------------------------------------------
    qr = 22 * mm
    bottom = 10 * mm
    draw_qr(c, d.url, left, bottom, qr)
    c.setFont(regular, 8.5)
    note = ("Quét mã để xem tình trạng hồ sơ và đánh giá chất lượng phục vụ. Khi đến nhận kết "
            "quả, xin mang theo giấy này và giấy tờ tùy thân.")
    ty = bottom + qr - 4 * mm
    for part in simpleSplit(note, regular, 8.5, right - left - qr - 5 * mm):
        c.drawString(left + qr + 5 * mm, ty, part)
        ty -= 11
    c.showPage()
    c.save()
    return buffer.getvalue()


def sample_slip() -> SlipData:
    from onestop.queue.appointment import return_time
    from onestop.queue.centre import default_centre

    received = datetime(2026, 11, 25, 15, 20)
    return SlipData(
        ward_name="Phường Cửa Nam", citizen_name="Nguyễn Văn An",
        service_vi="Đăng ký thành lập hộ kinh doanh", ticket_number="U007",
        ticket_day=received.date(), received_at=received,
        return_at=return_time(received, 3, default_centre().hours),
        officer="Trần Văn Hùng", url="http://192.168.1.10:8700/t/3q2x7u0yK9dWm1pQ4sV8Zg",
        documents=("Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao Thẻ căn cước của chủ hộ"),
        office_name="Trung tâm Phục vụ hành chính công phường Cửa Nam",
        deadline_vi="03 ngày làm việc")
