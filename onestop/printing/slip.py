"""The appointment slip (phiếu hẹn trả kết quả, A5) for a dossier received but not settled on
the spot, after Form 01 of Circular 01/2018/TT-VPCP: who submitted (name as typed by the
officer; not stored by onestop), the procedure, when it was received, when to come back (hour
and date), the receiving officer, and the QR to the ticket's page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .qr import draw_qr

WEEKDAY_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


@dataclass(frozen=True)
class SlipData:
    ward_name: str  # e.g. "Phường Cửa Nam"
    citizen_name: str
    service_vi: str
    dossier_code: str  # the ticket number and day, e.g. "A023-20261125"
    received_at: datetime  # local
    return_at: datetime  # local
    officer: str
    url: str
    documents: tuple[str, ...] = ()
    phone: str = ""


def render_slip(d: SlipData) -> bytes:
    regular, bold = register()
    width, height = A5
    left, right = 14 * mm, width - 14 * mm
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A5)
    c.setTitle(f"Phiếu hẹn {d.dossier_code}")
    y = height - 14 * mm

    def centred(text: str, font: str, size: float, x: float, dy: float = 0) -> None:
        c.setFont(font, size)
        c.drawCentredString(x, y - dy, text)

    half = (right - left) / 2
    centred(f"UBND {d.ward_name.upper()}", bold, 9, left + half / 2)
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 8.5, left + half * 1.5)
    centred("BỘ PHẬN MỘT CỬA", bold, 9, left + half / 2, 11)
    centred("Độc lập - Tự do - Hạnh phúc", bold, 8.5, left + half * 1.5, 11)
    y -= 30 * mm / 2 + 6
    centred("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", bold, 12.5, width / 2)
    y -= 6 * mm
    centred(f"Mã hồ sơ: {d.dossier_code}", regular, 9.5, width / 2)
    y -= 10 * mm

    def line(label: str, value: str, font: str = regular, size: float = 10) -> None:
        nonlocal y
        c.setFont(bold, size)
        c.drawString(left, y, label)
        indent = left + c.stringWidth(label, bold, size) + 4
        for i, part in enumerate(simpleSplit(value, font, size, right - indent) or [""]):
            c.setFont(font, size)
            c.drawString(indent, y, part)
            y -= size * 1.45
            if i == 0:
                indent = left + 8 * mm
        y -= 2

    line("Bộ phận một cửa tiếp nhận hồ sơ của:", d.citizen_name or "……………………………")
    if d.phone:
        line("Số điện thoại:", d.phone)
    line("Thủ tục:", d.service_vi)
    if d.documents:
        line("Giấy tờ đã nhận:", "; ".join(d.documents), size=9)
    line("Thời gian nhận hồ sơ:", f"{d.received_at:%H} giờ {d.received_at:%M} phút, "
         f"{WEEKDAY_VI[d.received_at.weekday()].lower()} ngày {d.received_at:%d/%m/%Y}")
    y -= 2
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(left - 2, y - 9 * mm, right - left + 4, 14 * mm, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    y -= 1 * mm
    line("Hẹn trả kết quả:", f"{d.return_at:%H} giờ {d.return_at:%M} phút, "
         f"{WEEKDAY_VI[d.return_at.weekday()].lower()} ngày {d.return_at:%d/%m/%Y}",
         font=bold, size=11.5)
    y -= 6 * mm
    qr = 30 * mm
    draw_qr(c, d.url, left, y - qr, qr)
    c.setFont(regular, 8.5)
    note = ("Quét mã để xem tình trạng hồ sơ và đánh giá. Khi đến nhận kết quả, vui lòng mang "
            "theo giấy này và giấy tờ tùy thân.")
    ty = y - 4 * mm
    for part in simpleSplit(note, regular, 8.5, right - left - qr - 6 * mm):
        c.drawString(left + qr + 6 * mm, ty, part)
        ty -= 11
    sign_x = left + qr + 6 * mm + (right - left - qr - 6 * mm) / 2
    ty -= 6 * mm
    c.setFont(bold, 9.5)
    c.drawCentredString(sign_x, ty, "NGƯỜI TIẾP NHẬN")
    c.setFont(regular, 8)
    c.drawCentredString(sign_x, ty - 11, "(Ký, ghi rõ họ tên)")
    c.setFont(regular, 9.5)
    c.drawCentredString(sign_x, ty - 20 * mm, d.officer)
    c.showPage()
    c.save()
    return buffer.getvalue()


def sample_slip() -> SlipData:
    from onestop.queue.appointment import return_time
    from onestop.queue.centre import default_centre

    received = datetime(2026, 11, 25, 15, 20)
    return SlipData(
        ward_name="Phường Cửa Nam", citizen_name="Nguyễn Văn An",
        service_vi="Đăng ký thành lập hộ kinh doanh", dossier_code="C007-20261125",
        received_at=received, return_at=return_time(received, 3, default_centre().hours),
        officer="Trần Văn Hùng", url="http://192.168.1.10:8700/t/3q2x7u0yK9dWm1pQ4sV8Zg",
        documents=("Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao CCCD của chủ hộ"))
