"""The printed ticket for 80 mm or 58 mm thermal rolls.

Layout top to bottom: the office's name and address (the ward identity, queue/office.py), the
number (huge), service and group, request
kind and count, priority mark, issue time, people ahead and the wait as a range, the counters
that serve it, the documents to have ready, the QR to the citizen page with a line saying what
it is for. The page is as tall as its content (a roll has no fixed page length).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from onestop.queue.labels import kind_label
from onestop.queue.office import default_office_name

from .fonts import register
from .qr import draw_qr

WIDTHS_MM = (58, 80)


@dataclass(frozen=True)
class TicketPrint:
    """Everything printed on a ticket, already in words (no hub or catalogue lookups here)."""

    number: str
    service_vi: str
    group_vi: str
    kind: str
    issued_at: datetime  # local time of the centre
    url: str
    ward_name: str
    office_name: str = ""  # the ward identity's office_name_vi; empty: from ward_name
    address: str = ""  # the ward identity's address_vi, printed under the office's name
    count: int = 1
    unit_vi: str = ""
    priority_vi: str | None = None
    complexity: str | None = None
    people_ahead: int | None = None
    wait_vi: str = ""  # the hub's words for the forecast (its answer's estimate.text_vi)
    counters_vi: str = ""  # e.g. "Quầy 1, Quầy 4"
    checklist: tuple[str, ...] = field(default_factory=tuple)
    logo: bytes | None = None  # PNG/JPEG of the ward's emblem, from settings (logo_path)


def render_ticket(data: TicketPrint, width_mm: int = 80) -> bytes:
    """The ticket as a one-page PDF, `width_mm` wide (58 or 80)."""
    if width_mm not in WIDTHS_MM:
        raise ValueError(f"ticket width must be one of {WIDTHS_MM} mm")
    regular, bold = register()
    width = width_mm * mm
    margin = 3 * mm if width_mm == 58 else 4 * mm
    inner = width - 2 * margin
    scale = width_mm / 80
    ops: list[tuple[float, Callable[[Canvas, float], None]]] = []  # (height, draw at top y)

    def text(value: str, font: str, size: float, gap: float = 1.5, center: bool = True) -> None:
        # Titles scale with the roll; body text shrinks only a little (it must stay legible).
        size *= scale if size > 12 else (0.9 if width_mm == 58 else 1)
        for line in simpleSplit(value, font, size, inner) or [""]:
            def draw(c: Canvas, top: float, line=line, size=size) -> None:
                c.setFont(font, size)
                baseline = top - size * 0.95
                if center:
                    c.drawCentredString(width / 2, baseline, line)
                else:
                    c.drawString(margin, baseline, line)
            ops.append((size * 1.2, draw))
        ops.append((gap, lambda c, top: None))

    def rule() -> None:
        def draw(c: Canvas, top: float) -> None:
            c.setLineWidth(0.6)
            c.setDash(2, 2)
            c.line(margin, top - 2, width - margin, top - 2)
            c.setDash()
        ops.append((5, draw))

    if data.logo:
        logo = ImageReader(io.BytesIO(data.logo))
        w_px, h_px = logo.getSize()
        logo_h = 12 * mm
        logo_w = min(inner, logo_h * w_px / max(1, h_px))
        logo_h = logo_w * h_px / max(1, w_px)

        def draw_logo(c: Canvas, top: float) -> None:
            c.drawImage(logo, (width - logo_w) / 2, top - logo_h, logo_w, logo_h, mask="auto")
        ops.append((logo_h + 2, draw_logo))
    text((data.office_name or default_office_name(data.ward_name)[0]).upper(), bold, 10,
         gap=1 if data.address else 3)
    if data.address:
        text(data.address, regular, 8, gap=3)
    rule()
    text("SỐ THỨ TỰ", regular, 9, gap=0)
    text(data.number, bold, 52 if len(data.number) <= 4 else 44, gap=2)
    if data.priority_vi:  # only the mark: which category is nobody else's business
        text("★ ƯU TIÊN ★", bold, 9.5, gap=3)
    text(data.service_vi, bold, 10.5)
    kind = kind_label(data.kind, "vi")
    if data.count > 1:
        kind += f" · {data.count} {data.unit_vi}".rstrip()
    text(f"{data.group_vi} · {kind}", regular, 8.5, gap=3)
    rule()
    if data.people_ahead is not None:
        text(f"Còn {data.people_ahead} người chờ trước" if data.people_ahead
             else "Không có ai chờ trước", regular, 9, gap=0.5)
    if data.wait_vi:
        text(f"Dự kiến chờ: {data.wait_vi}", regular, 9)
    if data.counters_vi:
        text(f"Quầy phục vụ: {data.counters_vi}", regular, 9)
    text(f"Lấy số lúc {data.issued_at:%H:%M} ngày {data.issued_at:%d/%m/%Y}", regular, 8, gap=3)
    if data.checklist:
        rule()
        text("Giấy tờ cần chuẩn bị:", bold, 8.5, gap=0.5, center=False)
        for item in data.checklist:
            text(f"• {item}", regular, 8, gap=0.5, center=False)
        ops.append((2.5, lambda c, top: None))
    rule()
    qr_size = min(inner, 34 * mm)

    def draw_code(c: Canvas, top: float) -> None:
        draw_qr(c, data.url, (width - qr_size) / 2, top - qr_size, qr_size)
    ops.append((qr_size + 2, draw_code))
    text("Quét mã để theo dõi lượt, thời gian chờ và đánh giá chất lượng phục vụ", regular, 7.5,
         gap=0)
    text("Xin vui lòng giữ phiếu đến khi được phục vụ", regular, 7.5, gap=0)

    return roll_pdf(ops, width, margin, f"Phiếu số thứ tự {data.number}")


def roll_pdf(ops: list[tuple[float, Callable[[Canvas, float], None]]], width: float,
             margin: float, title: str) -> bytes:
    """One page of thermal roll exactly as long as its parts: each (height, draw) part is
    drawn below the one before (the ticket, the kiosk's checklist slip)."""
    height = sum(h for h, _ in ops) + 2 * margin
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("onestop")
    top = height - margin
    for h, draw in ops:
        draw(canvas, top)
        top -= h
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_ticket() -> TicketPrint:
    """A realistic ticket for layout checks and printer tests, without a hub."""
    return TicketPrint(
        number="A023", service_vi="Chứng thực bản sao từ bản chính", group_vi="Chứng thực",
        kind="submit", count=12, unit_vi="trang", issued_at=datetime(2026, 11, 25, 8, 42),
        url="http://192.168.1.10:8700/t/3q2x7u0yK9dWm1pQ4sV8Zg", ward_name="Phường Cửa Nam",
        address="35 Hàng Bông, phường Cửa Nam, Hà Nội",
        priority_vi="Người cao tuổi", people_ahead=7, wait_vi="khoảng 9–16 phút",
        counters_vi="Quầy 1, Quầy 4",
        checklist=("Bản chính giấy tờ cần chứng thực", "Bản sao cần chứng thực"))
