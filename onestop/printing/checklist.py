"""The checklist slip: what a procedure needs, printed on the ticket roll without a number.

The kiosk's "In danh mục giấy tờ" prints it for a citizen who wants to come back with the
papers ready (docs/kiosk.md). Top to bottom: the office, the procedure and its field, the
documents to bring, the fee, the processing time, the legal basis and when it was printed. It
carries no number and nothing about the person: it is the catalogue's page, on paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from onestop.queue.office import default_office_name

from .fonts import register
from .ticket import WIDTHS_MM, roll_pdf


@dataclass(frozen=True)
class ChecklistPrint:
    """A procedure's page as printed, already in words (the catalogue's own texts)."""

    service_vi: str
    field_vi: str
    printed_at: datetime  # local time of the centre
    ward_name: str
    office_name: str = ""
    address: str = ""
    checklist: tuple[str, ...] = field(default_factory=tuple)
    fee_vi: str = ""
    time_vi: str = ""  # the processing time in words, as the kiosk's card shows it
    legal_basis: tuple[str, ...] = field(default_factory=tuple)


def render_checklist(data: ChecklistPrint, width_mm: int = 80) -> bytes:
    """The slip as a one-page PDF as tall as its content, `width_mm` wide (58 or 80)."""
    if width_mm not in WIDTHS_MM:
        raise ValueError(f"slip width must be one of {WIDTHS_MM} mm")
    regular, bold = register()
    width = width_mm * mm
    margin = 3 * mm if width_mm == 58 else 4 * mm
    inner = width - 2 * margin
    ops: list[tuple[float, Callable[[Canvas, float], None]]] = []

    def text(value: str, font: str, size: float, gap: float = 1.5, center: bool = False,
             indent: float = 0) -> None:
        size *= 0.92 if width_mm == 58 else 1
        for line in simpleSplit(value, font, size, inner - indent) or [""]:
            def draw(c: Canvas, top: float, line=line, size=size) -> None:
                c.setFont(font, size)
                baseline = top - size * 0.95
                if center:
                    c.drawCentredString(width / 2, baseline, line)
                else:
                    c.drawString(margin + indent, baseline, line)
            ops.append((size * 1.2, draw))
        ops.append((gap, lambda c, top: None))

    def rule() -> None:
        def draw(c: Canvas, top: float) -> None:
            c.setLineWidth(0.6)
            c.setDash(2, 2)
            c.line(margin, top - 2, width - margin, top - 2)
            c.setDash()
        ops.append((5, draw))

    def items(title: str, values: tuple[str, ...]) -> None:
        text(title, bold, 8.5, gap=0.5)
        hang = 2.6 * mm  # wrapped lines start under the text, not under the bullet
        for value in values:
            size = 8 * (0.92 if width_mm == 58 else 1)
            for n, line in enumerate(simpleSplit(value, regular, size, inner - hang) or [""]):
                def draw(c: Canvas, top: float, line=line, n=n, size=size) -> None:
                    c.setFont(regular, size)
                    if n == 0:
                        c.drawString(margin, top - size * 0.95, "•")
                    c.drawString(margin + hang, top - size * 0.95, line)
                ops.append((size * 1.2, draw))
            ops.append((0.5, lambda c, top: None))
        ops.append((2.5, lambda c, top: None))

    text((data.office_name or default_office_name(data.ward_name)[0]).upper(), bold, 10,
         gap=1 if data.address else 3, center=True)
    if data.address:
        text(data.address, regular, 8, gap=3, center=True)
    rule()
    text("DANH MỤC GIẤY TỜ", regular, 9, gap=1, center=True)
    text(data.service_vi, bold, 11, gap=1, center=True)
    if data.field_vi:
        text(f"Lĩnh vực: {data.field_vi}", regular, 8.5, gap=3, center=True)
    rule()
    if data.checklist:
        items("Giấy tờ cần chuẩn bị:", data.checklist)
    if data.fee_vi:
        text(f"Lệ phí: {data.fee_vi}", regular, 8.5, gap=1)
    if data.time_vi:
        text(f"Thời hạn giải quyết: {data.time_vi}", regular, 8.5, gap=2.5)
    if data.legal_basis:
        items("Căn cứ pháp lý:", data.legal_basis)
    rule()
    text(f"In lúc {data.printed_at:%H:%M} ngày {data.printed_at:%d/%m/%Y} tại ki-ốt tự phục vụ",
         regular, 7.5, gap=0, center=True)
    text("Phiếu này không phải số thứ tự: khi đến nộp hồ sơ, mời Ông/Bà lấy số.",
         regular, 7.5, gap=0, center=True)

    return roll_pdf(ops, width, margin, f"Danh mục giấy tờ: {data.service_vi}")
