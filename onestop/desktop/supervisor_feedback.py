"""The supervisor's "Góp ý, phản ánh" window (issue 17 parts 6-7, docs/feedback.md): the
citizens' cases (state, owner, due date, overdue in red; take, note, close), the city's notices
and the ward's recommendations (supervisor_dialogue.py), and the alert line the supervisor
window shows the moment an unhappy rating arrives.

Everything follows the hub by push: a `feedback.case`, `notice.received`,
`recommendation.sent` or `recommendation.replied` event fetches the lists again (never a
polling timer). Keyboard: Ctrl+1/2/3 switch tabs, Alt+N take, Alt+G note, Alt+D close.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .admin_common import make_table
from .client import HubClient, HubError, ignore
from .plain import Label, tooltip
from .supervisor_dialogue import NoticesTab, RecommendationsTab
from .supervisor_widgets import table_item

REFRESH_EVENTS = ("feedback.case", "notice.received", "recommendation.sent",
                  "recommendation.replied")


def tr(text: str) -> str:
    return QCoreApplication.translate("FeedbackWindow", text)


def kind_text(kind: str) -> str:
    return {"suggestion": tr("Góp ý"), "complaint": tr("Phản ánh"),
            "unhappy": tr("Không hài lòng")}.get(kind, kind)


def state_text(state: str) -> str:
    return {"open": tr("Mới"), "in_progress": tr("Đang xử lý"),
            "closed": tr("Đã đóng")}.get(state, state)


def source_text(source: str) -> str:
    return {"ticket": tr("Trang số thứ tự"), "lookup": tr("Trang tra cứu"),
            "rating": tr("Đánh giá")}.get(source, source)


def local_time(text: str | None) -> str:
    if not text:
        return ""
    return datetime.fromisoformat(text).astimezone().strftime("%d/%m %H:%M")


def day_text(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


class FeedbackAlert(QPushButton):
    """A red line across the supervisor window, shown the moment a "Không hài lòng" rating
    (or another new case) arrives over the WebSocket; a click opens the cases."""

    sig_alerted = Signal(dict)
    """A new case's event raised the alert (the `feedback.case` data)."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QPushButton { background: #b00020; color: white; font-weight: bold;"
                           " padding: 8px; border: none; text-align: left; }")
        self.setVisible(False)
        self.unseen = 0
        self.client = client
        self.button: QPushButton | None = None
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self._count)

    def count_on(self, button: QPushButton) -> None:
        """Keep `button` saying how many cases are active, red while one is overdue."""
        self.button = button
        self._shortcut = button.shortcut()  # setText() resets it to the text's mnemonic
        self._count()

    def _count(self) -> None:
        if self.button is not None:
            self.client.call(self, "GET", "/api/feedback/cases?state=active",
                             done=self._counted, failed=ignore)

    def _counted(self, answer: object) -> None:
        a = answer or {}
        counts = a.get("counts", {})  # type: ignore[union-attr]
        active = counts.get("open", 0) + counts.get("in_progress", 0)
        overdue = a.get("overdue", 0)  # type: ignore[union-attr]
        self.button.setText(tr("Góp ý, phản ánh (%1)…").replace("%1", str(active))
                            if active else tr("Góp ý, phản ánh…"))
        self.button.setShortcut(self._shortcut)
        self.button.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else "")
        self.button.setToolTip(tooltip(tr("Đang mở: %1 · Quá hạn: %2 (Ctrl+F)")
                                       .replace("%1", str(active))
                                       .replace("%2", str(overdue))))

    def _on_event(self, event: dict) -> None:
        data = event.get("data") or {}
        if event.get("type") == "feedback.case":
            self._count()
        if event.get("type") != "feedback.case" or data.get("state") != "open" \
                or data.get("closed_at"):
            return
        opened = data.get("opened_at") or ""
        if event.get("at") and opened and opened[:19] != str(event["at"])[:19]:
            return  # a later change of the case, not its opening
        self.unseen += 1
        what = kind_text(data.get("kind", ""))
        if data.get("kind") == "unhappy":
            text = tr("Công dân đánh giá KHÔNG HÀI LÒNG lúc %1 (vụ việc số %2) – bấm để xem")
        else:
            text = tr("%3 mới lúc %1 (vụ việc số %2) – bấm để xem").replace("%3", what)
        self.setText(text.replace("%1", local_time(opened)[-5:])
                     .replace("%2", str(data.get("case_id"))))
        if self.unseen > 1:
            self.setText(self.text() + tr(" · %1 vụ việc mới").replace("%1", str(self.unseen)))
        self.setVisible(True)
        self.sig_alerted.emit(data)

    def seen(self) -> None:
        self.unseen = 0
        self.setVisible(False)


class CasesTab(QWidget):
    """The cases: active ones most urgent first (or the closed ones), the selected one's text,
    phone and history, and the actions."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.answer: dict = {}
        self.detail: dict | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = Label("", self)
        self.which = QComboBox(self)
        self.which.addItem(tr("Đang mở"), "active")
        self.which.addItem(tr("Đã đóng"), "closed")
        self.which.addItem(tr("Tất cả"), "all")
        self.which.currentIndexChanged.connect(self.fetch)
        top.addWidget(self.summary, 1)
        top.addWidget(Label(tr("Hiển thị:"), self))
        top.addWidget(self.which)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = make_table(self, stretch=6, headers=[
            tr("Số"), tr("Loại"), tr("Nguồn"), tr("Trạng thái"), tr("Người xử lý"),
            tr("Hạn xử lý"), tr("Nội dung")])
        self.table.itemSelectionChanged.connect(self._selected_changed)
        split.addWidget(self.table)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        split.addWidget(self.text)
        split.setSizes([300, 160])
        layout.addWidget(split, 1)
        actions = QHBoxLayout()
        self.owner = QComboBox(self)
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner.setMinimumContentsLength(14)  # a full name, not "Nguyễn …"
        self.take = QPushButton(tr("&Nhận xử lý"), self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(tr("Ghi chú hoặc kết quả xử lý"))
        self.add_note = QPushButton(tr("&Ghi chú"), self)
        self.close_case = QPushButton(tr("Đóng vụ việc (&D)"), self)
        for w in (Label(tr("Cán bộ:"), self), self.owner, self.take, self.note, self.add_note,
                  self.close_case):
            actions.addWidget(w, 1 if w is self.note else 0)
        layout.addLayout(actions)
        self.error = Label("", self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.take.clicked.connect(lambda: self._act("take"))
        self.add_note.clicked.connect(lambda: self._act("note"))
        self.close_case.clicked.connect(lambda: self._act("close"))
        self._enable()

    def fetch(self) -> None:
        which = self.which.currentData() or "active"
        self.client.call(self, "GET", f"/api/feedback/cases?state={which}", done=self._got,
                         failed=self._failed)
        self.client.call(self, "GET", "/api/officers", done=self._got_officers, failed=ignore)

    def _failed(self, error: HubError) -> None:
        self.error.setText(error.message)

    def _got_officers(self, answer: object) -> None:
        current = self.owner.currentData()
        self.owner.clear()
        for o in (answer or {}).get("officers", []):  # type: ignore[union-attr]
            if o.get("active"):
                self.owner.addItem(o["display_name"], o["username"])
        if current:
            self.owner.setCurrentIndex(max(0, self.owner.findData(current)))

    def _got(self, answer: object) -> None:
        self.answer = a = answer or {}  # type: ignore[assignment]
        counts = a.get("counts", {})
        self.summary.setText(tr("Mới: %1 · Đang xử lý: %2 · Quá hạn: %3 · Đã đóng: %4")
                             .replace("%1", str(counts.get("open", 0)))
                             .replace("%2", str(counts.get("in_progress", 0)))
                             .replace("%3", str(a.get("overdue", 0)))
                             .replace("%4", str(counts.get("closed", 0))))
        selected = self.selected_id()
        cases = a.get("cases", [])
        self.table.setRowCount(len(cases))
        for row, c in enumerate(cases):
            first_line = (c.get("text") or "").splitlines()[0] if c.get("text") else "–"
            due = day_text(c["due_date"]) + (tr(" (quá hạn)") if c.get("overdue") else "")
            cells = [str(c["id"]), kind_text(c["kind"]), source_text(c["source"]),
                     state_text(c["state"]), c.get("owner_name") or "–", due, first_line]
            for col, text in enumerate(cells):
                item = table_item(text, col == 0)
                item.setData(Qt.ItemDataRole.UserRole, c["id"])
                if c.get("overdue") or c["kind"] == "unhappy" and c["state"] == "open":
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(row, col, item)
            if c["id"] == selected:
                self.table.selectRow(row)
        if selected is None and cases:
            self.table.selectRow(0)
        self._selected_changed()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) \
            if rows else None

    def select_case(self, case_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == case_id:
                self.table.selectRow(row)

    def _selected_changed(self) -> None:
        case_id = self.selected_id()
        self._enable()
        if case_id is None:
            self.text.setPlainText("")
            return
        self.client.call(self, "GET", f"/api/feedback/cases/{case_id}", done=self._got_detail,
                         failed=ignore)

    def _got_detail(self, case: object) -> None:
        self.detail = c = case or {}  # type: ignore[assignment]
        if c.get("id") != self.selected_id():
            return
        lines = [f"{kind_text(c['kind'])} – {source_text(c['source'])}"
                 + (f" – {tr('hồ sơ')} {c['dossier_code']}" if c.get("dossier_code") else ""),
                 c.get("text") or tr("(không có nội dung)")]
        if c.get("want_reply"):
            lines.append(tr("Muốn được trả lời: %1").replace(
                "%1", c.get("phone") or tr("(số điện thoại đã xóa)")))
        if c.get("resolution"):
            lines.append(tr("Kết quả: %1").replace("%1", c["resolution"]))
        lines.append("")
        for h in c.get("history", []):
            lines.append(f"{local_time(h['at'])}  {self._action_text(h['action'])}"
                         + (f" – {h['officer']}" if h.get("officer") else "")
                         + (f": {h['note']}" if h.get("note") else ""))
        self.text.setPlainText("\n".join(lines))
        self._enable()

    @staticmethod
    def _action_text(action: str) -> str:
        return {"opened": tr("Tiếp nhận"), "take": tr("Nhận xử lý"), "note": tr("Ghi chú"),
                "close": tr("Đóng")}.get(action, action)

    def _enable(self) -> None:
        case = next((c for c in self.answer.get("cases", []) if c["id"] == self.selected_id()),
                    None)
        active = case is not None and case["state"] != "closed"
        for w in (self.take, self.add_note, self.close_case):
            w.setEnabled(active)

    def _act(self, action: str) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        note = self.note.text().strip()
        if action == "take":
            body: dict = {"owner": self.owner.currentData() or ""}
            if note:
                body["note"] = note
        elif action == "note":
            body = {"note": note}
        else:
            body = {"resolution": note}
        if action != "take" and not note:
            self.error.setText(tr("Xin nhập ghi chú hoặc kết quả xử lý vào ô bên cạnh."))
            self.note.setFocus()
            return

        def done(_answer: object) -> None:
            self.note.clear()
            self.error.setText("")
            self.fetch()

        self.client.call(self, "POST", f"/api/feedback/cases/{case_id}/{action}", body,
                         done=done, failed=self._failed)


class FeedbackWindow(QWidget):
    """The window itself: three tabs, refreshed by pushed events."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("Góp ý, phản ánh – onestop"))
        self.client = client
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.cases = CasesTab(client, self)
        self.notices = NoticesTab(client, self)
        self.recommendations = RecommendationsTab(client, self)
        self.tabs.addTab(self.cases, tr("Góp ý, phản ánh"))
        self.tabs.addTab(self.notices, tr("Thông báo của thành phố"))
        self.tabs.addTab(self.recommendations, tr("Kiến nghị"))
        layout.addWidget(self.tabs)
        for n in range(3):
            QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self,
                      activated=lambda n=n: self.tabs.setCurrentIndex(n))
        client.sig_event.connect(self._on_event)
        self.resize(1100, 640)
        self.refresh()

    def refresh(self) -> None:
        self.cases.fetch()
        self.notices.fetch()
        self.recommendations.fetch()

    def _on_event(self, event: dict) -> None:
        if event.get("type") in REFRESH_EVENTS and self.isVisible():
            self.refresh()

    def show_hub_error(self, error: HubError) -> None:
        self.cases.error.setText(error.message)
