"""The appointment slip ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", A5) for a dossier received
but not settled on the spot, laid out after Form 01 (Mẫu số 01, Phụ lục I) of Circular
03/2025/TT-VPCP, which replaced Circular 01/2018/TT-VPCP: the issuing body and the national
motto, the title, the dossier code, who submitted (name as typed by the officer; not stored by
onestop), the procedure, its legal time limit, when it was received and when to come back (hour
and date), where to collect, and both signatures, the submitter's and the receiving officer's.

The dossier code ("Mã hồ sơ", e.g. CUANAM-261205-0007) and its 4-digit check number ("Mã kiểm
tra") come from the hub's dossier register, as does the due date: the officer never types it
(docs/dossiers.md). When the ward also uses the city's one-stop system, its code is printed
beside ours. The QR leads to the lookup page of the dossier (central's when the hub is enrolled).
"""

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
    dossier_code: str  # CUANAM-261205-0007
    check: str  # the 4 check digits the lookup page asks for
    received_at: datetime  # local
    return_at: datetime  # local: the due date and the hour results are handed over
    officer: str
    url: str  # the lookup page of this dossier (code and check in it)
    documents: tuple[str, ...] = ()
    phone: str = ""
    office_name: str = GENERIC_OFFICE  # the one-stop office, from the centre's settings
    deadline_vi: str = ""  # the procedure's legal time limit, from the catalogue
    official_code: str = ""  # the city's one-stop system's code, when the ward uses it


def when(at: datetime) -> str:
    """"08 giờ 00 phút, thứ hai ngày 30/11/2026": the hour and the date, as the form asks."""
    return (f"{at:%H} giờ {at:%M} phút, {WEEKDAY_VI[at.weekday()].lower()} "
            f"ngày {at:%d/%m/%Y}")


def draw_header(c: Canvas, ward_name: str, office_name: str, on: date, y: float) -> float:
    """The issuing body (left), the national motto and place and date (right) of an A5 form,
    from `y` down; returns the lowest line drawn."""
    regular, bold = register()
    width = A5[0]
    left, right = 12 * mm, width - 12 * mm
    half = (right - left) / 2
    lx, rx = left + half / 2 - 4 * mm, left + half * 1.5 + 2 * mm
    c.setFont(regular, 8.5)
    c.drawCentredString(lx, y, f"UBND {ward_name.upper()}")
    office_lines = simpleSplit(office_name.upper(), bold, 8.5, half - 2 * mm) or [""]
    c.setFont(bold, 8.5)
    for i, part in enumerate(office_lines):
        c.drawCentredString(lx, y - 10 * (i + 1), part)
    c.drawCentredString(rx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawCentredString(rx, y - 10, "Độc lập - Tự do - Hạnh phúc")
    rule_y = y - 10 * len(office_lines) - 6
    c.setLineWidth(0.6)
    c.line(lx - 10 * mm, rule_y, lx + 10 * mm, rule_y)
    c.line(rx - 20 * mm, y - 16, rx + 20 * mm, y - 16)
    place = ward_name.removeprefix("Phường ").removeprefix("Xã ")
    c.setFont(regular, 8.5)  # the bundled font has no italic face; the date line stays upright
    c.drawCentredString(rx, y - 30, f"{place}, ngày {on:%d} tháng {on:%m} năm {on:%Y}")
    return min(rule_y, y - 30)


def render_slip(d: SlipData) -> bytes:
    regular, bold = register()
    width, height = A5
    left, right = 12 * mm, width - 12 * mm
    half = (right - left) / 2
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A5)
    c.setTitle(f"Giấy tiếp nhận hồ sơ {d.dossier_code}")
    y = height - 12 * mm

    y = draw_header(c, d.ward_name, d.office_name, d.received_at, y) - 10 * mm

    # --- title, the dossier code and its check number -------------------------------------
    c.setFont(bold, 12.5)
    c.drawCentredString(width / 2, y, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    y -= 6 * mm
    c.setFont(bold, 11)
    c.drawCentredString(width / 2, y, f"Mã hồ sơ: {d.dossier_code}    Mã kiểm tra: {d.check}")
    if d.official_code:
        y -= 4.8 * mm
        c.setFont(regular, 9)
        c.drawCentredString(width / 2, y, f"Mã hồ sơ trên Hệ thống một cửa điện tử: "
                                          f"{d.official_code}")
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

    # --- the QR to the dossier's lookup page, at the foot -----------------------------------
    qr = 22 * mm
    bottom = 10 * mm
    draw_qr(c, d.url, left, bottom, qr)
    c.setFont(regular, 8.5)
    note = (f"Quét mã để theo dõi tình trạng hồ sơ (tra cứu bằng mã hồ sơ và mã kiểm tra "
            f"{d.check}). Khi đến nhận kết quả, xin mang theo giấy này và giấy tờ tùy thân.")
    ty = bottom + qr - 4 * mm
    for part in simpleSplit(note, regular, 8.5, right - left - qr - 5 * mm):
        c.drawString(left + qr + 5 * mm, ty, part)
        ty -= 11
    c.showPage()
    c.save()
    return buffer.getvalue()


def sample_slip() -> SlipData:
    from onestop.queue.appointment import collect_at
    from onestop.queue.centre import default_centre

    received = datetime(2026, 11, 25, 15, 20)  # Wednesday after 15:00: counted from Thursday
    return SlipData(
        ward_name="Phường Cửa Nam", citizen_name="Nguyễn Văn An",
        service_vi="Đăng ký thành lập hộ kinh doanh", dossier_code="CUANAM-261125-0007",
        check="4821", received_at=received,
        return_at=collect_at(date(2026, 12, 1), received, default_centre().hours),
        officer="Trần Văn Hùng",
        url="https://hanoi.example.vn/lookup?code=CUANAM-261125-0007&check=4821",
        documents=("Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao Thẻ căn cước của chủ hộ"),
        office_name="Trung tâm Phục vụ hành chính công phường Cửa Nam",
        deadline_vi="03 ngày làm việc")
