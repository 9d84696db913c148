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


def decoded_qr(pdf: bytes, tmp_path) -> str:
    (tmp_path / "q.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "q.pdf"),
                    str(tmp_path / "q")], check=True)
    zbar = shutil.which("zbarimg")
    require("zbarimg", zbar is not None, "zbar-tools not installed")
    return subprocess.run([zbar, "-q", "--raw", str(tmp_path / "q-1.png")],
                          capture_output=True, text=True).stdout.strip()


def test_slip_content_and_qr(tmp_path):
    slip = sample_slip()
    pdf = render_slip(slip)
    text = text_of(pdf, tmp_path)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "UBND PHƯỜNG CỬA NAM" in text
    # The register's code and check number; the queue number's old code is gone.
    assert "Mã hồ sơ: CUANAM-261125-0007 Mã kiểm tra: 4821" in text
    assert "Số thứ tự" not in text
    assert "Tiếp nhận hồ sơ của: Ông/Bà Nguyễn Văn An" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh" in text
    assert "Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc" in text
    # Both signatures, the submitter's first, as on Form 01 of Circular 03/2025/TT-VPCP.
    assert text.index("NGƯỜI NỘP HỒ SƠ") < text.index("NGƯỜI TIẾP NHẬN HỒ SƠ")
    assert text.count("(Ký và ghi rõ họ tên)") == 2
    # Received Wednesday 15:20 (counted from Thursday), three working days: Tuesday.
    assert "15 giờ 20 phút, thứ tư ngày 25/11/2026" in text
    assert "thứ ba ngày 01/12/2026" in text
    assert "Trần Văn Hùng" in text
    assert decoded_qr(pdf, tmp_path) == slip.url


def test_apology_slip(tmp_path):
    from onestop.printing.apology import render_apology, sample_apology

    text = text_of(render_apology(sample_apology()), tmp_path)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Mã hồ sơ: CUANAM-261125-0007" in text and "Kính gửi: Ông/Bà Nguyễn Văn An" in text
    assert "thứ ba ngày 01/12/2026" in text and "Thứ sáu ngày 04/12/2026" in text
    assert "Lý do: Cần xác minh thêm" in text


def test_receipt_from_the_hub(live_hub, tmp_path):
    sup, rec = live_hub.client("supervisor"), live_hub.client("reception")
    c3 = live_hub.client("counter", 3)
    sup.post("/api/counters/3/open")
    live_hub.hub.auth.add_officer("hung", "246813", "Trần Văn Hùng")
    c3.post("/api/counters/3/sign-in", json={"username": "hung", "pin": "246813"})
    rec.post("/api/tickets", json={"service": "1.001612"})
    t = c3.post("/api/counters/3/next").json()
    d = c3.post("/api/dossiers", json={"ticket_id": t["id"]}).json()
    slip = c3.post(f"/api/dossiers/{d['code']}/slip", json={"citizen_name": "Lê Thị Bình"})
    assert slip.status_code == 200 and slip.headers["content-type"] == "application/pdf"
    text = text_of(slip.content, tmp_path)
    assert "Lê Thị Bình" in text and "Trần Văn Hùng" in text
    assert f"Mã hồ sơ: {d['code']} Mã kiểm tra: {d['check']}" in text
    due = d["due_date"]
    assert f"ngày {due[8:10]}/{due[5:7]}/{due[:4]}" in text  # the hub's due date, not typed
    assert "theo quy định: 03 ngày làm việc" in text  # the catalogue's time limit
    assert decoded_qr(slip.content, tmp_path) == d["lookup_url"]
    assert "Lê Thị Bình" not in (live_hub.hub.settings.data_dir / "hub.db").read_bytes() \
        .decode("utf-8", "ignore")  # printed, never stored
    assert rec.post(f"/api/dossiers/{d['code']}/slip", json={}).status_code == 403
    pdf = sup.get("/api/report").content
    report = text_of(pdf, tmp_path)
    assert pdf.startswith(b"%PDF") and "1. Tổng quan" in report
    assert "8. Hồ sơ và hạn trả kết quả" in report and "Hồ sơ tiếp nhận trong ngày 1" in report
    xlsx = sup.get("/api/report", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert c3.get("/api/report").status_code == 403
