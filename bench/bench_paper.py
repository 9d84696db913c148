"""Render times of paper: tickets (80 and 58 mm), the appointment slip and the daily report.

Baseline in the same process: the same ticket with reportlab's own QR widget instead of our
vector path from the qrcode matrix. Run: .venv/bin/python bench/bench_paper.py [--n 200]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)
from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402

import onestop.printing.ticket as ticket_module  # noqa: E402
from onestop.printing.slip import render_slip, sample_slip  # noqa: E402
from onestop.printing.ticket import render_ticket, sample_ticket  # noqa: E402


def widget_qr(canvas, data, x, y, size):
    """reportlab's QR widget, the baseline."""
    widget = QrCodeWidget(data)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def timings(fn, n: int) -> list[float]:
    fn()  # warm: fonts registered, caches filled
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def row(name: str, xs: list[float], base: float | None = None) -> str:
    xs = sorted(xs)
    p50, p95 = statistics.median(xs), xs[int(0.95 * (len(xs) - 1))]
    ratio = f"{base / p50:5.2f}x" if base else "     "
    return f"{name:<34}{p50:9.2f}{p95:9.2f}{xs[-1]:9.2f}   {ratio}"


def report_setup():
    from onestop.compose import build_hub
    from onestop.hub.reporting import report_input
    from onestop.printing.report import render_report
    from onestop.settings import Settings
    from tests.clock import FakeClock, hanoi
    from tests.printing.seed import seed_day

    day = date(2026, 11, 23)
    hub = build_hub(Settings(data_dir=Path(tempfile.mkdtemp())),
                    clock=FakeClock(hanoi(2026, 10, 26, 7)))
    for weeks, n in ((4, 150), (3, 160), (2, 170), (1, 180), (0, 200)):
        seed_day(hub.store, day - timedelta(weeks=weeks), n, seed=weeks + 1)
    return lambda: render_report(report_input(hub.store, day, "Phường Cửa Nam"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    n = parser.parse_args().n
    ticket = sample_ticket()
    ours = timings(lambda: render_ticket(ticket, 80), n)
    ours58 = timings(lambda: render_ticket(ticket, 58), n)
    original = ticket_module.draw_qr
    ticket_module.draw_qr = widget_qr
    try:
        widget = timings(lambda: render_ticket(ticket, 80), n)
    finally:
        ticket_module.draw_qr = original
    slip = timings(lambda: render_slip(sample_slip()), max(20, n // 5))
    report = timings(report_setup(), 10)
    cpu = cpu_model()
    print(f"onestop paper benchmark · {date.today()} · {cpu} · "
          f"Python {platform.python_version()}")
    print(f"{'ms':<34}{'p50':>9}{'p95':>9}{'max':>9}   vs widget")
    base = statistics.median(widget)
    print(row("ticket 80 mm (vector QR)", ours, base))
    print(row("ticket 58 mm (vector QR)", ours58, base))
    print(row("ticket 80 mm (reportlab QR widget)", widget))
    print(row("appointment slip A5", slip))
    print(row("daily report (200 tickets, 4 weeks)", report))


if __name__ == "__main__":
    main()
