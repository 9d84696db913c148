"""The kiosk's checklist slip (printing/checklist.py): the procedure's documents, fee, time and
legal basis on the ticket roll, no number, everything inside the roll's width; and the kiosk's
ticket carries the whole checklist where reception's carries six (desktop/ticket_printer.py).
With ONESTOP_SCREENSHOTS=1 the slip is drawn to docs/paper/checklist-80mm.png."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from onestop.desktop.kiosk_data import KioskCatalog, checklist_print
from onestop.desktop.ticket_printer import ticket_print_from
from onestop.printing.checklist import render_checklist
from onestop.queue.catalog import default_catalog
from tests.printing.test_ticket import MM, tool

PAPER = Path(__file__).resolve().parents[2] / "docs" / "paper"
WARD = {"name_vi": "Phường Cửa Nam",
        "office_name_vi": "Trung tâm Phục vụ hành chính công phường Cửa Nam",
        "address_vi": "35 Hàng Bông, phường Cửa Nam, Hà Nội"}


def slip_for(code: str):
    catalog = KioskCatalog(default_catalog().to_dict())
    return checklist_print(catalog, catalog.by_code[code], WARD, datetime(2026, 12, 7, 9, 5))


@pytest.mark.parametrize("width", [80, 58])
def test_the_slip_says_the_catalogue_and_fits_the_roll(tmp_path, width):
    slip = slip_for("1.013831")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(render_checklist(slip, width))
    flat = " ".join(subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "DANH MỤC GIẤY TỜ" in flat and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in flat
    assert "không phải số thứ tự" in flat and "Ông/Bà" in flat
    for item in slip.checklist + slip.legal_basis:
        assert " ".join(item.split())[:25] in flat
    assert slip.legal_basis and "Lệ phí:" in flat and "Thời hạn giải quyết:" in flat
    boxes = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    assert page_w == pytest.approx(width * MM, abs=0.5)
    assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)) <= page_w
    if width == 80:
        folder = PAPER if os.environ.get("ONESTOP_SCREENSHOTS") == "1" else tmp_path
        subprocess.run([tool("pdftoppm"), "-png", "-r", "80", "-singlefile", str(pdf),
                        str(folder / "checklist-80mm")], check=True)


def test_the_kiosk_ticket_carries_every_document(tmp_path):
    catalog = default_catalog().to_dict()
    service = catalog["services"][0]
    service["checklist_vi"] = [f"Giấy tờ số {n}" for n in range(1, 10)]  # longer than six
    issued = {"ticket": {"number": "B001", "service": service["code"],
                         "group": service["group"], "kind": "submit", "count": 1,
                         "issued_at": "2026-12-07T02:05:00+00:00"},
              "public_url": "http://hub/t/x", "people_ahead": 0, "estimate": None}
    reception = ticket_print_from(issued, catalog, None, "Phường Cửa Nam")
    kiosk = ticket_print_from(issued, catalog, None, "Phường Cửa Nam", checklist_items=None)
    assert len(reception.checklist) == 6
    assert kiosk.checklist == tuple(service["checklist_vi"])
    if os.environ.get("ONESTOP_SCREENSHOTS") == "1":  # how the kiosk's ticket looks
        from onestop.printing.ticket import render_ticket

        real = next(s for s in catalog["services"] if s["code"] == "1.001193")
        issued["ticket"].update(service=real["code"], group=real["group"])
        issued.update(people_ahead=4, estimate={"text_vi": "khoảng 10–20 phút"})
        pdf = tmp_path / "k.pdf"
        pdf.write_bytes(render_ticket(ticket_print_from(
            issued, catalog, {"ward": WARD}, "Phường Cửa Nam", checklist_items=None)))
        subprocess.run([tool("pdftoppm"), "-png", "-r", "80", "-singlefile", str(pdf),
                        str(PAPER / "ticket-kiosk-80mm")], check=True)
