"""The dialogue tabs of the supervisor's "Góp ý, phản ánh" window (issue 17 part 7): the city's
notices, and the ward's recommendations (kiến nghị) to the city — written here, stored on the
hub and delivered by the outbox when the link is up — each with its delivery state and the
city's reply when it arrives."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .admin_common import make_table
from .client import HubClient, HubError, ignore
from .plain import Label
from .supervisor_widgets import table_item

MAX_SUBJECT, MAX_TEXT = 200, 4000


def tr(text: str) -> str:
    return QCoreApplication.translate("FeedbackWindow", text)


def when(text: str | None) -> str:
    if not text:
        return ""
    return datetime.fromisoformat(text).astimezone().strftime("%d/%m/%Y %H:%M")


class NoticesTab(QWidget):
    """The city's notices, newest first; the selected one in full. Expired ones greyed."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.items: list[dict] = []
        layout = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = make_table(self, stretch=1, headers=[
            tr("Nhận lúc"), tr("Tiêu đề"), tr("Chữ chạy"), tr("Hết hạn")])
        self.table.itemSelectionChanged.connect(self._show)
        split.addWidget(self.table)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        split.addWidget(self.body)
        layout.addWidget(split)
        self.empty = Label(tr("Chưa có thông báo nào của thành phố."), self)
        layout.addWidget(self.empty)

    def fetch(self) -> None:
        self.client.call(self, "GET", "/api/notices", done=self._got, failed=ignore)

    def _title(self, n: dict) -> str:
        return (n.get(f"title_{self.client.language}") or n["title_vi"]).strip()

    def _got(self, answer: object) -> None:
        self.items = (answer or {}).get("notices", [])  # type: ignore[union-attr]
        self.empty.setVisible(not self.items)
        self.table.setRowCount(len(self.items))
        for row, n in enumerate(self.items):
            cells = [when(n["received_at"]), self._title(n),
                     tr("Có") if n["ticker"] else "", n.get("expires_on") or "–"]
            for col, text in enumerate(cells):
                item = table_item(text)
                if n.get("expired"):
                    item.setForeground(QColor("#78909c"))
                self.table.setItem(row, col, item)
        if self.items and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self._show()

    def _show(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.items):
            self.body.setPlainText("")
            return
        n = self.items[rows[0].row()]
        body = n.get(f"body_{self.client.language}") or n["body_vi"]
        self.body.setPlainText(f"{self._title(n)}\n\n{body}")


class RecommendationsTab(QWidget):
    """Write a recommendation to the city; the ones sent, with "đã gửi" / "chờ gửi" and the
    city's reply."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.items: list[dict] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.subject = QLineEdit(self)
        self.subject.setMaxLength(MAX_SUBJECT)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        form.addRow(tr("Tiêu đề"), self.subject)
        form.addRow(tr("Nội dung"), self.text)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.error = Label("", self)
        self.error.setWordWrap(True)
        self.send = QPushButton(tr("Gửi kiến nghị (&S)"), self)
        self.send.clicked.connect(self.submit)
        row.addWidget(self.error, 1)
        row.addWidget(self.send)
        layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = make_table(self, stretch=1, headers=[
            tr("Gửi lúc"), tr("Tiêu đề"), tr("Chuyển đến thành phố"), tr("Trả lời")])
        self.table.itemSelectionChanged.connect(self._show)
        split.addWidget(self.table)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        split.addWidget(self.detail)
        layout.addWidget(split, 1)

    def fetch(self) -> None:
        self.client.call(self, "GET", "/api/recommendations", done=self._got, failed=ignore)

    def submit(self) -> None:
        subject, text = self.subject.text().strip(), self.text.toPlainText().strip()
        if not subject or not text:
            self._say(tr("Xin nhập tiêu đề và nội dung kiến nghị."), error=True)
            return
        if len(text) > MAX_TEXT:
            self._say(tr("Nội dung tối đa %1 ký tự.").replace("%1", str(MAX_TEXT)), error=True)
            return
        self.send.setEnabled(False)

        def done(_answer: object) -> None:
            self.send.setEnabled(True)
            self.subject.clear()
            self.text.clear()
            self._say(tr("Đã lưu kiến nghị; sẽ chuyển đến thành phố khi có kết nối."))
            self.fetch()

        def failed(error: HubError) -> None:  # what was typed stays in the form
            self.send.setEnabled(True)
            self._say(error.message, error=True)

        self.client.call(self, "POST", "/api/recommendations",
                         {"subject": subject, "text": text}, done=done, failed=failed)

    def _say(self, text: str, error: bool = False) -> None:
        self.error.setStyleSheet("color: #b00020; font-weight: bold;" if error
                                 else "color: #2e7d32;")
        self.error.setText(text)

    def _got(self, answer: object) -> None:
        self.items = (answer or {}).get("recommendations", [])  # type: ignore[union-attr]
        self.table.setRowCount(len(self.items))
        for row, r in enumerate(self.items):
            cells = [when(r["sent_at"]), r["subject"],
                     tr("Đã gửi") if r["delivered"] else tr("Chờ gửi"),
                     tr("Đã trả lời") if r.get("reply_text") else "–"]
            for col, text in enumerate(cells):
                item = table_item(text)
                if col == 2:
                    item.setForeground(QColor("#2e7d32" if r["delivered"] else "#ef6c00"))
                self.table.setItem(row, col, item)
        self._show()

    def _show(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.items):
            self.detail.setPlainText("")
            return
        r = self.items[rows[0].row()]
        lines = [r["subject"], "", r["text"]]
        if r.get("reply_text"):
            lines += ["", tr("Thành phố trả lời (%1):").replace("%1", when(r.get("replied_at"))),
                      r["reply_text"]]
        self.detail.setPlainText("\n".join(lines))
