"""The supervisor's dialogs: re-skill a counter, move a waiting ticket, pair a new station.

Each dialog makes its own hub call and stays open with the hub's message when the call is
refused (a mistyped number is fixed in place, not by starting over); on success it emits
`sig_done` with the hub's answer and closes. All are opened with open(), never exec(): the
window keeps receiving pushed events while a dialog is up.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .admin_common import SkillsPicker
from .client import HubClient, HubError
from .plain import Label
from .qr import qr_pixmap
from .supervisor_plan import PlanDialog

QR_SIZE = 220  # pixels: a phone camera reads it from the supervisor's screen


def _finish(dialog, layout) -> QLabel:
    """The error line and OK/Cancel under a dialog's form; returns the error label."""
    error = _error_label(dialog)
    layout.addWidget(error)
    buttons = _buttons(dialog, QDialogButtonBox.StandardButton.Ok,
                       QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error


def _error_label(parent: QWidget) -> QLabel:
    label = Label(parent)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _buttons(dialog: QDialog, *roles: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    """OK / Cancel / Close in the window's language: Qt ships no Vietnamese for its own."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("SupervisorDialogs", text)

    box = QDialogButtonBox(dialog)
    texts = {QDialogButtonBox.StandardButton.Ok: tr("Đồng ý"),
             QDialogButtonBox.StandardButton.Cancel: tr("Hủy"),
             QDialogButtonBox.StandardButton.Close: tr("Đóng")}
    for role in roles:
        box.addButton(role).setText(texts[role])
    return box


def _show_error(label: QLabel, error: HubError | str) -> None:
    label.setText(error.message if isinstance(error, HubError) else error)
    label.setVisible(True)


class _HubDialog(QDialog):
    """A dialog whose hub call may be refused: the hub's message is shown in place."""

    error: QLabel

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows this dialog's refusals."""
        _show_error(self.error, error)


class ReskillDialog(_HubDialog):
    """Which groups a counter serves, in order (primary first), and its fast-lane flag."""

    sig_done = Signal(dict)
    """The hub accepted the change: {number, skills, fast_lane}."""

    def __init__(self, client: HubClient, counter: dict, groups: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.number = client, counter["number"]
        self.setWindowTitle(self.tr("Đổi lĩnh vực – quầy %1").replace("%1", str(self.number)))
        layout = QVBoxLayout(self)
        layout.addWidget(Label(self.tr("Đánh dấu các lĩnh vực quầy phục vụ; lĩnh vực đầu tiên "
                                        "là lĩnh vực chính. Kéo thả hoặc dùng nút Lên/Xuống để "
                                        "đổi thứ tự."), self, wordWrap=True))
        self.picker = SkillsPicker(self)  # the admin window's picker: ticks, order, Alt+↑/↓
        self.picker.set_groups(groups, list(counter["skills"]))
        self.list = self.picker.list
        layout.addWidget(self.picker, 1)
        self.fast_lane = QCheckBox(self.tr("Làn nhanh (ưu tiên việc đơn giản)"), self)
        self.fast_lane.setChecked(bool(counter.get("fast_lane")))
        layout.addWidget(self.fast_lane)
        self.error = _finish(self, layout)
        self.resize(460, 420)

    def skills(self) -> list[str]:
        return self.picker.skills()

    def submit(self) -> None:
        skills = self.skills()
        if not skills:
            _show_error(self.error, self.tr("Chọn ít nhất một lĩnh vực."))
            return
        self.client.call(self, "PATCH", f"/api/counters/{self.number}",
                         {"skills": skills, "fast_lane": self.fast_lane.isChecked()},
                         done=self._done)

    def _done(self, answer: object) -> None:
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()


class MoveTicketDialog(_HubDialog):
    """Move a waiting ticket to another group, or to one counter in particular."""

    sig_done = Signal(dict)
    """The hub moved the ticket: the ticket as it is now."""

    def __init__(self, client: HubClient, groups: list[tuple[str, str]], counters: list[dict],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.counters = client, counters
        self.setWindowTitle(self.tr("Chuyển số thứ tự"))
        self.names = dict(groups)
        self.waiting: dict[str, dict] = {}
        form = QFormLayout()
        self.number = QComboBox(self)
        self.number.setEditable(True)
        self.number.lineEdit().setPlaceholderText(self.tr("Nhập hoặc chọn số, ví dụ A023"))
        form.addRow(self.tr("Số thứ tự"), self.number)
        self.to_group = QRadioButton(self.tr("Sang lĩnh vực"), self)
        self.to_group.setChecked(True)
        self.group = QComboBox(self)
        for gid, name in groups:
            self.group.addItem(name, gid)
        form.addRow(self.to_group, self.group)
        self.to_counter = QRadioButton(self.tr("Sang quầy"), self)
        self.counter = QComboBox(self)
        for c in counters:
            self.counter.addItem(c["label"], c["number"])
        form.addRow(self.to_counter, self.counter)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Không bắt buộc"))
        form.addRow(self.tr("Lý do"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.error = _finish(self, layout)
        self.setMinimumWidth(520)
        client.call(self, "GET", "/api/tickets?day=today&status=waiting", done=self._fill)

    def _fill(self, answer: object) -> None:
        typed = self.number.currentText()
        for t in (answer or {}).get("tickets", []):
            self.waiting[t["number"].upper()] = t
            self.number.addItem(f"{t['number']} · {self.names.get(t['group'], t['group'])}",
                                t["number"])
        self.number.setEditText(typed)

    def ticket_number(self) -> str:
        index = self.number.findText(self.number.currentText())
        data = self.number.itemData(index) if index >= 0 else None
        return "".join((data or self.number.currentText()).split()).upper()

    def submit(self) -> None:
        number = self.ticket_number()
        if not number:
            _show_error(self.error, self.tr("Nhập số thứ tự cần chuyển."))
        elif number in self.waiting:
            self._transfer(self.waiting[number])
        else:  # not in the list fetched when the dialog opened: ask the hub now
            self.client.call(self, "GET", f"/api/tickets?day=today&number={number}",
                             done=lambda answer: self._found(number, answer))

    def _found(self, number: str, answer: object) -> None:
        tickets = [t for t in (answer or {}).get("tickets", [])
                   if t["status"] not in ("done", "no_show", "cancelled")]
        if not tickets:
            _show_error(self.error, self.tr("Hôm nay không có số %1 đang chờ.")
                        .replace("%1", number))
            return
        self._transfer(tickets[-1])

    def _transfer(self, ticket: dict) -> None:
        body: dict = {}
        if self.to_counter.isChecked():
            target = next(c for c in self.counters if c["number"] == self.counter.currentData())
            body["to_counter"] = target["number"]
            # The ticket keeps its group when the counter serves it, else joins the counter's
            # primary group (the hub refuses a counter that does not serve the group).
            skills = target["skills"] or [ticket["group"]]
            body["to_group"] = ticket["group"] if ticket["group"] in skills else skills[0]
        else:
            body["to_group"] = self.group.currentData()
        if self.reason.text().strip():
            body["reason"] = self.reason.text().strip()
        self.client.call(self, "POST", f"/api/tickets/{ticket['id']}/transfer", body,
                         done=self._done)

    def _done(self, answer: object) -> None:
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()


class PairingDialog(_HubDialog):
    """A one-time code (10 minutes) a new station types, shown big, with a QR of the pairing
    string for a station that can scan it."""

    sig_done = Signal(dict)
    """The hub made a code: {code, expires_at, role, counter, hub_url}."""

    ROLES = ("reception", "counter", "display", "kiosk", "supervisor", "admin")

    def __init__(self, client: HubClient, counters: list[dict], timezone: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.timezone = client, timezone
        self.setWindowTitle(self.tr("Mã ghép nối trạm mới"))
        names = {"reception": self.tr("Tiếp nhận (cấp số)"), "counter": self.tr("Quầy"),
                 "display": self.tr("Màn hình phòng chờ"), "supervisor": self.tr("Giám sát"),
                 "admin": self.tr("Quản trị"), "kiosk": self.tr("Ki-ốt tự phục vụ")}
        form = QFormLayout()
        self.role = QComboBox(self)
        for role in self.ROLES:
            self.role.addItem(names[role], role)
        form.addRow(self.tr("Loại trạm"), self.role)
        self.counter = QComboBox(self)
        for c in counters:
            self.counter.addItem(c["label"], c["number"])
        form.addRow(self.tr("Quầy"), self.counter)
        self.role.currentIndexChanged.connect(
            lambda: self.counter.setEnabled(self.role.currentData() == "counter"))
        self.counter.setEnabled(False)
        make = QPushButton(self.tr("Tạo mã"), self)
        make.setDefault(True)
        make.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(make)
        self.code = Label("", self)
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(40)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expiry = Label("", self, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.qr = Label(self, alignment=Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(QR_SIZE + 8, QR_SIZE + 8)
        self.pairing_text = ""
        for w in (self.code, self.expiry, self.qr):
            w.setVisible(False)  # until the hub has given a code
            layout.addWidget(w)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        close = _buttons(self, QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        self.error.setVisible(False)
        role = self.role.currentData()
        body = {"role": role, "counter": self.counter.currentData() if role == "counter"
                else None}
        self.client.call(self, "POST", "/api/pairing-codes", body, done=self._show)

    def _show(self, answer: object) -> None:
        answer = answer if isinstance(answer, dict) else {}
        hub_url = answer.get("hub_url") or self.client.base_url
        self.pairing_text = f"onestop://pair?hub={hub_url}&code={answer['code']}"
        self.code.setText(answer["code"])
        expires = datetime.fromisoformat(answer["expires_at"])
        try:
            expires = expires.astimezone(ZoneInfo(self.timezone)) if self.timezone \
                else expires.astimezone()
        except (KeyError, ValueError):  # an unknown zone name: the PC's own time then
            expires = expires.astimezone()
        self.expiry.setText(self.tr("Dùng một lần, hết hạn lúc %1. Trên máy mới, nhập mã này "
                                    "cùng địa chỉ máy chủ %2.")
                            .replace("%1", expires.strftime("%H:%M"))
                            .replace("%2", hub_url))
        self.qr.setPixmap(qr_pixmap(self.pairing_text, QR_SIZE))
        for w in (self.code, self.expiry, self.qr):
            w.setVisible(True)
        self.adjustSize()
        self.sig_done.emit(answer)


class SupervisorDialogs:
    """The supervisor window's dialogs (a mixin of SupervisorWindow): re-skill the selected
    counter, move a waiting ticket, make a pairing code. Each says what it did when done."""

    def _open_dialog(self, dialog, done_text) -> None:
        self.dialog = dialog
        dialog.sig_done.connect(lambda answer: self.say(done_text(answer)))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def open_reskill(self) -> None:
        c = self._selected()
        if c is not None:
            self._open_dialog(ReskillDialog(self.client, c, self.group_names(), self),
                              lambda _a: self.tr("Đã đổi lĩnh vực của %1.")
                              .replace("%1", c["label"]))

    def open_move(self) -> None:
        self._open_dialog(MoveTicketDialog(self.client, self.group_names(), self.counter_rows(),
                                           self),
                          lambda t: self.tr("Đã chuyển số %1.").replace("%1", t.get("number", "")))

    def open_pairing(self) -> None:
        timezone = (self.client.state or {}).get("timezone")
        self._open_dialog(PairingDialog(self.client, self.counter_rows(), timezone, self),
                          lambda a: self.tr("Đã tạo mã ghép nối %1.").replace("%1", a["code"]))

    def open_feedback(self) -> None:
        """The cases, the city's notices and the recommendations (supervisor_feedback.py)."""
        self.alert.seen()
        if self.feedback is None:
            from .supervisor_feedback import FeedbackWindow

            self.feedback = FeedbackWindow(self.client, self)
        self.feedback.refresh()
        self.feedback.show()
        self.feedback.raise_()
        self.feedback.activateWindow()

    def open_plan(self) -> None:
        """Kế hoạch ngày mai (supervisor_plan.py): the hub's tomorrow first, any day after."""
        dialog = PlanDialog(self.client, dict(self.group_names()), self)
        self.dialog = dialog
        dialog.sig_saved.connect(lambda path: self.say(
            self.tr("Đã lưu kế hoạch vào %1").replace("%1", path)))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        dialog.fetch()
