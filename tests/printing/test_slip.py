"""The appointment slip: content, the 15:00 rule on paper, the QR, and the hub endpoint."""

from __future__ import annotations

import shutil
import subprocess

from onestop.printing.slip import render_slip, sample_slip
from tests.conftest import require


def text_of(pdf: bytes, tmp_path) -> str:
    tool = shutil.which("pdftotext")
    require("pdftotext", tool is not None, "poppler-utils not installed")
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_slip_content_and_qr(tmp_path):
    slip = sample_slip()
    text = text_of(render_slip(slip), tmp_path)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "UBND PHƯỜNG CỬA NAM" in text
    # The queue number, never a made-up code that looks like the register's: that line is
    # left for the officer to fill in from the dossier register.
    assert "Số thứ tự: U007 – ngày 25/11/2026" in text
    assert "Mã hồ sơ: ……" in text and "U007-" not in text
    assert "Tiếp nhận hồ sơ của: Ông/Bà Nguyễn Văn An" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh" in text
    assert "Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc" in text
    # Both signatures, the submitter's first, as on Form 01 of Circular 03/2025/TT-VPCP.
    assert text.index("NGƯỜI NỘP HỒ SƠ") < text.index("NGƯỜI TIẾP NHẬN HỒ SƠ")
    assert text.count("(Ký và ghi rõ họ tên)") == 2
    # Received Wednesday 15:20, three working days -> Monday 08:00, hour and date stated.
    assert "15 giờ 20 phút, thứ tư ngày 25/11/2026" in text
    assert "08 giờ 00 phút, thứ hai ngày 30/11/2026" in text
    assert "Trần Văn Hùng" in text
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "s.pdf"),
                    str(tmp_path / "p")], check=True)
    zbar = shutil.which("zbarimg")
    require("zbarimg", zbar is not None, "zbar-tools not installed")
    out = subprocess.run([zbar, "-q", "--raw", str(tmp_path / "p-1.png")], capture_output=True,
                         text=True).stdout.strip()
    assert out == slip.url


def test_slip_and_report_from_the_hub(live_hub, tmp_path):
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    c3 = live_hub.client("counter", 3)
    sup.post("/api/counters/3/open")
    live_hub.hub.auth.add_officer("hung", "246813", "Trần Văn Hùng")
    c3.post("/api/counters/3/sign-in", json={"username": "hung", "pin": "246813"})
    rec.post("/api/tickets", json={"service": "1.001612"})
    t = c3.post("/api/counters/3/next").json()
    slip = c3.post(f"/api/slips/{t['id']}",
                   json={"citizen_name": "Lê Thị Bình", "result_days": 3})
    assert slip.status_code == 200 and slip.headers["content-type"] == "application/pdf"
    text = text_of(slip.content, tmp_path)
    assert "Lê Thị Bình" in text and "Trần Văn Hùng" in text
    assert f"Số thứ tự: {t['number']} – ngày " in text and t["number"].startswith("U")
    assert "theo quy định: 03 ngày làm việc" in text  # the catalogue's time limit
    assert live_hub.client("counter", 1).post(
        f"/api/slips/{t['id']}", json={"citizen_name": "X"}).status_code == 403
    assert c3.post(f"/api/slips/{t['id']}", json={}).status_code == 422
    pdf = sup.get("/api/report").content
    assert pdf.startswith(b"%PDF") and "1. Tổng quan" in text_of(pdf, tmp_path)
    xlsx = sup.get("/api/report", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert c3.get("/api/report").status_code == 403
