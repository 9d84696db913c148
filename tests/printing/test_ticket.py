"""The printed ticket: text with diacritics, a QR that decodes to the citizen page, both widths."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from onestop.printing.ticket import render_ticket, sample_ticket
from tests.conftest import require

MM = 72 / 25.4


def tool(name: str) -> str:
    path = shutil.which(name)
    require(name, path is not None, f"{name} is not installed (poppler-utils / zbar-tools)")
    return path


@pytest.fixture(params=[80, 58])
def width(request):
    return request.param


def test_text_carries_number_service_and_ward(tmp_path, width):
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(render_ticket(sample_ticket(), width))
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "A023" in flat and "PHƯỜNG CỬA NAM" in flat
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG CỬA NAM" in flat  # the office's name
    assert "Còn 7 người chờ trước" in flat and "bạn" not in flat.lower().split()
    assert "Chứng thực bản sao từ" in flat and "★ ƯU TIÊN ★" in flat
    assert "Người cao tuổi" not in flat  # the mark only, never which category
    assert "9–16 phút" in flat or "9–16" in flat


def test_qr_decodes_to_the_citizen_page(tmp_path, width):
    pdf = tmp_path / "t.pdf"
    ticket = replace(sample_ticket(), url="http://10.0.0.5:8700/t/abcDEF123_-xyz")
    pdf.write_bytes(render_ticket(ticket, width))
    subprocess.run([tool("pdftoppm"), "-r", "200", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    out = subprocess.run([tool("zbarimg"), "-q", "--raw", str(tmp_path / "p-1.png")],
                         capture_output=True, text=True).stdout.strip()
    assert out == ticket.url


def test_everything_fits_the_roll_width(tmp_path, width):
    pdf = tmp_path / "t.pdf"
    long = replace(sample_ticket(), service_vi="Đăng ký thành lập hộ kinh doanh và thay đổi "
                   "nội dung đăng ký hộ kinh doanh kèm theo nhiều giấy tờ", checklist=(
                       "Giấy đề nghị đăng ký hộ kinh doanh theo mẫu quy định hiện hành",) * 3)
    pdf.write_bytes(render_ticket(long, width))
    html = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    assert page_w == pytest.approx(width * MM, abs=0.5)
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', html))
    left = min(float(x) for x in re.findall(r'xMin="([\d.]+)"', html))
    assert left >= 0 and right <= page_w


def test_bad_width_is_refused():
    with pytest.raises(ValueError, match="58"):
        render_ticket(sample_ticket(), 72)


def test_sample_ticket_command(tmp_data, tmp_path):
    import sys

    out = tmp_path / "sample.pdf"
    done = subprocess.run([sys.executable, "-m", "onestop", "ticket", "--sample", "--out",
                           str(out), "--width", "58"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = subprocess.run([sys.executable, "-m", "onestop", "ticket", "--out", str(out)],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_ward_logo_is_printed_at_the_top(tmp_path):
    import io

    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGB", (200, 200), (200, 20, 20)).save(logo, format="PNG")
    pdf = tmp_path / "logo.pdf"
    with_logo = render_ticket(replace(sample_ticket(), logo=logo.getvalue()), 80)
    pdf.write_bytes(with_logo)
    subprocess.run([tool("pdftoppm"), "-r", "100", "-png", str(pdf), str(tmp_path / "l")],
                   check=True)
    page = Image.open(tmp_path / "l-1.png").convert("RGB")
    top = page.crop((0, 0, page.width, page.height // 8))
    assert any(r > 180 and g < 60 and b < 60 for r, g, b in top.get_flattened_data())  # red emblem
    assert len(with_logo) > len(render_ticket(sample_ticket(), 80))


def test_the_office_name_chosen_by_the_ward_is_printed(tmp_path):
    pdf = tmp_path / "t.pdf"
    chosen = replace(sample_ticket(), office_name="Bộ phận Một cửa phường Cửa Nam", address="")
    pdf.write_bytes(render_ticket(chosen, 80))
    flat = " ".join(subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "BỘ PHẬN MỘT CỬA PHƯỜNG CỬA NAM" in flat and "TRUNG TÂM" not in flat
    assert "Tiếp nhận và Trả kết quả" not in flat
