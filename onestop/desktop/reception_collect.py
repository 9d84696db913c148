"""Reception's dossier row: collecting a result, and the dossier board's counts.

A citizen coming to collect shows the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). The
QR scanner types its lookup address (or the officer types the dossier code) and Enter; the
hub finds the dossier and issues a "Nhận kết quả" number linked to it
(`POST /api/dossiers/{code}/collect`), printed like any other. A dossier not ready yet gets the
hub's "Hồ sơ chưa có kết quả, hẹn ngày …" and no number, unless the receptionist presses
"Cấp số hướng dẫn" (a guidance number for the dossier's procedure).

The row sits across the window's foot with the board's four counts after the code; a press on
a count opens its list (read only at reception).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from onestop.queue import dossier as ds
from onestop.queue.errors import DomainError

from .client import HubClient, HubError
from .dossier_board_dialog import DossierCounts

_CODE_IN_TEXT = re.compile(r"[A-Za-z0-9]{2,8}-\d{6}-\d{4}")


def dossier_code(text: str) -> str | None:
    """The dossier code in what was scanned or typed: a code, or the receipt's QR (the lookup
    page's address with `code=`); None for anything else (a procedure's name, a booking)."""
    text = (text or "").strip()
    if "code=" in text:
        text = (parse_qs(urlsplit(text).query).get("code") or [""])[0]
    elif not _CODE_IN_TEXT.fullmatch(text.replace(" ", "")):
        return None
    try:
        return ds.normal_code(text)
    except DomainError:
        return None


class CollectPanel(QWidget):
    sig_issued = Signal(dict)
    """A collect number was issued (or found again); the hub's answer, as for a ticket."""
    sig_guidance = Signal(str)
    """Reception chose a guidance number for a dossier not ready; its procedure's code."""
    sig_message = Signal(str, bool)
    """Text for the window's message line, and whether it is an error."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.guidance_service: str | None = None
        row = QHBoxLayout(self)  # one row across the window's foot: code, then the counts
        row.setContentsMargins(0, 0, 0, 0)
        self.code = QLineEdit(self)
        self.code.setObjectName("collectCode")
        self.code.setMaxLength(200)  # the QR's whole address
        self.code.setPlaceholderText(self.tr("Nhận kết quả: quét QR hoặc gõ mã hồ sơ"))
        self.code.returnPressed.connect(self.collect)
        self.code.setFixedHeight(26)  # the row may not cost the procedures' list a row at 768
        row.addWidget(self.code, 1)
        self.guidance = QPushButton(self.tr("Cấp số hướng dẫn"), self)
        self.guidance.setVisible(False)
        self.guidance.clicked.connect(self._guidance)
        row.addWidget(self.guidance)
        self.board = DossierCounts(client, self, actions=False, height=26)  # read only here
        row.addWidget(self.board)

    def take_scan(self, text: str) -> bool:
        """A code typed or scanned elsewhere (the search box): collect it here."""
        code = dossier_code(text)
        if code is None:
            return False
        self.code.setText(code)
        self.collect()
        return True

    def collect(self) -> None:
        code = dossier_code(self.code.text())
        self.guidance.setVisible(False)
        if code is None:
            self.sig_message.emit(self.tr("Mã hồ sơ không đúng dạng (ví dụ CUANAM-261205-0007)."),
                                  True)
            return

        def done(answer: object) -> None:
            self.code.clear()
            if isinstance(answer, dict):
                self.sig_issued.emit(answer)
                self.sig_message.emit(self.tr("Số {n}: nhận kết quả hồ sơ {code}.").format(
                    n=answer.get("number", ""), code=code), False)

        self.client.call(self, "POST", f"/api/dossiers/{code}/collect", done=done,
                         failed=self._refused)

    def _refused(self, error: HubError) -> None:
        self.sig_message.emit(error.message, True)
        if error.code == "dossier_not_ready" and error.details.get("service"):
            self.guidance_service = error.details["service"]
            self.guidance.setVisible(True)

    def _guidance(self) -> None:
        self.guidance.setVisible(False)
        self.code.clear()
        if self.guidance_service:
            self.sig_guidance.emit(self.guidance_service)

