"""The counter's lookup panel (Hỏi thủ tục for officers, docs/guide.md): type a citizen's
question or a procedure code, see the procedure card (checklist, fee, time, legal basis) beside
the queue. The call buttons and F1–F8 stay usable while it is open; Esc closes it.

Answers come from the hub's `GET /api/guide` through HubClient.call, the same ranking the
/guide page, the kiosk and `onestop guide` use.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from .client import HubClient, HubError
from .counter_widgets import set_font
from .plain import Label

MAX_QUESTION = 300  # as the hub takes it (guide_question_invalid beyond)


class LookupPanel(QFrame):
    """Question box, the ranked procedures and the chosen one's card."""

    sig_closed = Signal()
    """The officer closed the panel (Esc or the close button); the window takes focus back."""

    def __init__(self, client: HubClient, parent=None) -> None:
        super().__init__(parent)
        self.client = client
        self.answers: list[dict] = []
        self.setObjectName("lookupPanel")
        self.setStyleSheet("#lookupPanel { background:white; border:1px solid #c9d3dd; "
                           "border-radius:8px; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(6)
        head = QHBoxLayout()
        title = Label(self.tr("Tra cứu thủ tục"))
        set_font(title, 18, bold=True)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_font(close, 14)
        close.clicked.connect(self.close_panel)
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(close)
        box.addLayout(head)
        self.question = QLineEdit()
        self.question.setMaxLength(MAX_QUESTION)
        self.question.setPlaceholderText(self.tr("Câu hỏi hoặc mã thủ tục, rồi Enter"))
        self.question.setClearButtonEnabled(True)
        set_font(self.question, 16)
        self.question.returnPressed.connect(self.ask)
        box.addWidget(self.question)
        self.status = Label("")
        self.status.setWordWrap(True)
        set_font(self.status, 14)
        box.addWidget(self.status)
        self.list = QListWidget()
        self.list.setMaximumHeight(150)
        # Long names wrap in the narrow panel rather than hiding behind a sideways scroll.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        set_font(self.list, 14)
        self.list.currentRowChanged.connect(self._show)
        box.addWidget(self.list)
        self.card = QTextBrowser()
        self.card.setOpenLinks(False)
        set_font(self.card, 14)
        box.addWidget(self.card, 1)

    def open_panel(self) -> None:
        self.setVisible(True)
        self.question.setFocus()
        self.question.selectAll()

    def close_panel(self) -> None:
        self.setVisible(False)
        self.sig_closed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_panel()
            return
        super().keyPressEvent(event)

    def ask(self) -> None:
        text = self.question.text().strip()
        if not text:
            self.status.setText(self.tr("Nhập câu hỏi hoặc mã thủ tục."))
            return
        self.status.setText(self.tr("Đang tìm…"))
        query = urlencode({"q": text, "lang": self.client.language})
        self.client.call(self, "GET", f"/api/guide?{query}", done=self.show_result,
                         failed=self._failed)

    def _failed(self, error: HubError) -> None:
        self.status.setText(error.message)

    def show_result(self, result) -> None:
        self.answers = list(result.get("answers", [])) if result.get("confident") else []
        self.list.clear()
        self.card.clear()
        if not self.answers:
            self.status.setText(self.tr("Không tìm thấy thủ tục phù hợp – hỏi lại bằng từ "
                                        "khác hoặc nhập mã thủ tục."))
            return
        self.status.setText(self.tr("{n} thủ tục phù hợp").format(n=len(self.answers)))
        en = self.client.language == "en"
        for answer in self.answers:
            name = answer["name_en"] if en else answer["name_vi"]
            code = "" if answer["service"].startswith("local.") else f" ({answer['service']})"
            self.list.addItem(QListWidgetItem(name + code))
        self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.answers):
            return
        self.card.setHtml(self.card_html(self.answers[row]))

    def card_html(self, a: dict) -> str:
        en = self.client.language == "en"

        def pick(key: str):
            return (a.get(f"{key}_en") if en else None) or a.get(f"{key}_vi")

        days = a.get("result_working_days")
        time = "" if days is None else (self.tr("Trong ngày") if days == 0 else
                                        self.tr("{n} ngày làm việc").format(n=days))
        parts = [f"<h3>{escape(a['name_en'] if en else a['name_vi'])}</h3>"]
        checklist = pick("checklist") or []
        if checklist:
            parts.append(f"<b>{escape(self.tr('Hồ sơ cần chuẩn bị'))}</b><ul>" + "".join(
                f"<li>{escape(item)}</li>" for item in checklist) + "</ul>")
        for label, value in ((self.tr("Lệ phí"), pick("fee")),
                             (self.tr("Thời hạn giải quyết"), time),
                             (self.tr("Kết quả"), pick("result"))):
            if value:
                parts.append(f"<p><b>{escape(label)}:</b> {escape(value)}</p>")
        if a.get("legal_basis_vi"):
            parts.append(f"<b>{escape(self.tr('Căn cứ pháp lý'))}</b><ul>" + "".join(
                f"<li>{escape(law)}</li>" for law in a["legal_basis_vi"]) + "</ul>")
        return "".join(parts)
