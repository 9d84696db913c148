"""A real print path: a ticket goes through the same Qt code the reception uses to a CUPS
queue backed by cups-pdf, and the printed file carries that ticket (its QR decodes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from onestop.printing.qtprint import PrintError, print_pdf, printer_names
from onestop.printing.ticket import render_ticket, sample_ticket
from tests.conftest import require

QUEUE = os.environ.get("ONESTOP_TEST_PRINTER", "onestop-test")
OUT = Path(os.environ.get("ONESTOP_CUPS_PDF_DIR", Path.home() / "PDF"))


@pytest.fixture
def cups_queue(qapp):
    require("cups-pdf queue", QUEUE in printer_names(),
            f"no CUPS queue {QUEUE!r} (.ci/run starts cupsd and adds it)")
    return QUEUE


def complete_pdf(path: Path) -> bool:
    """Written to the end: a PDF's last bytes hold its %%EOF marker."""
    try:
        return path.read_bytes()[-1024:].rstrip().endswith(b"%%EOF")
    except OSError:
        return False


def wait_for_new_pdf(before: set[Path], timeout: float = 60) -> Path:
    """cups-pdf writes the job asynchronously; wait (bounded) until the new file is complete
    (a condition, not a guessed delay)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p for p in OUT.glob("*.pdf") if p not in before]
        if new and all(complete_pdf(p) for p in new):
            return max(new, key=lambda p: p.stat().st_mtime)
        time.sleep(0.2)
    raise AssertionError(f"no complete printed PDF in {OUT} within {timeout} s")


def test_ticket_printed_through_cups_carries_its_qr(cups_queue, tmp_path):
    url = f"http://10.1.2.3:8700/t/print{int(time.time())}"
    ticket = replace(sample_ticket(), url=url, number="B042")
    before = set(OUT.glob("*.pdf"))
    assert print_pdf(render_ticket(ticket, 80), printer=cups_queue,
                     title="onestop-B042") == cups_queue
    printed = wait_for_new_pdf(before)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(printed), str(tmp_path / "p")],
                   check=True)
    zbar = shutil.which("zbarimg")
    require("zbarimg", zbar is not None, "zbar-tools not installed")
    decoded = subprocess.run([zbar, "-q", "--raw", *map(str, sorted(tmp_path.glob("p*.png")))],
                             capture_output=True, text=True).stdout.split()
    assert url in decoded


def test_missing_printer_gives_a_clear_error(qapp):
    with pytest.raises(PrintError) as err:
        print_pdf(render_ticket(sample_ticket(), 80), printer="no-such-printer")
    assert err.value.code == "printer_missing" and "Không tìm thấy máy in" in err.value.message_vi
