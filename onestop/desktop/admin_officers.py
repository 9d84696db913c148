"""The admin window's officers: the list with last sign-in, add, rename, reset PIN, disable and
enable. A disabled officer cannot sign in (and is signed out of a counter at once); history
keeps the name. The PIN rule comes from the hub (GET /api/officers `pin`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .admin_common import (
    AdminTab,
    PinFields,
    error_label,
    field_for,
    fill_table,
    finish_form,
    make_table,
    pin_rule_text,
    selected_key,
    show_error,
    when,
)
from .client import HubClient, HubError
from .plain import Label


class OfficerDialog(QDialog):
    """Add an officer (username, full name, PIN twice), rename one, or reset a PIN. Stays open
    with the hub's message next to the input when refused."""

    sig_done = Signal(dict)
    """The hub accepted: its answer."""

    def __init__(self, client: HubClient, mode: str, officer: dict | None, rule: dict | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.mode, self.officer = client, mode, officer or {}
        titles = {"add": self.tr("Thêm cán bộ"), "rename": self.tr("Đổi tên cán bộ"),
                  "pin": self.tr("Đặt lại mã PIN")}
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(self.officer.get("username", ""), self)
        self.username.setMaxLength(64)
        self.username.setReadOnly(mode != "add")
        caption = Label(self.tr("Tên đăng &nhập"), self)
        caption.setBuddy(self.username)
        form.addRow(caption, self.username)
        self.username_error = error_label(self)
        form.addRow("", self.username_error)
        self.full_name = QLineEdit(self.officer.get("display_name", ""), self)
        self.full_name.setMaxLength(80)
        caption = Label(self.tr("Họ &và tên"), self)
        caption.setBuddy(self.full_name)
        if mode in ("add", "rename"):
            form.addRow(caption, self.full_name)
        else:
            self.full_name.setVisible(False)
            caption.setVisible(False)
        self.pin = PinFields(self, form)
        self.pin.set_rule(rule)
        self.pin.set_visible(mode in ("add", "pin"))
        layout.addLayout(form)
        self.error = finish_form(self, layout)
        self.setMinimumWidth(520)
        first = {"add": self.username, "rename": self.full_name, "pin": self.pin.pin}[mode]
        first.setFocus()

    def submit(self) -> None:
        for label in (self.error, self.username_error, self.pin.error):
            show_error(label, None)
        if self.mode == "add" and not self.username.text().strip():
            show_error(self.username_error, self.tr("Nhập tên đăng nhập."))
            return
        if self.mode in ("add", "pin") and self.pin.problem():
            show_error(self.pin.error, self.pin.problem())
            self.pin.pin.setFocus()
            return
        name = self.username.text().strip()
        if self.mode == "add":
            self.client.call(self, "POST", "/api/officers", {
                "username": name, "display_name": self.full_name.text().strip(),
                "pin": self.pin.value()}, done=self._done)
        elif self.mode == "rename":
            self.client.call(self, "PATCH", f"/api/officers/{name}",
                             {"display_name": self.full_name.text().strip()}, done=self._done)
        else:
            self.client.call(self, "POST", f"/api/officers/{name}/pin",
                             {"pin": self.pin.value()}, done=self._done)

    def _done(self, answer: object) -> None:
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()

    def show_hub_error(self, error: HubError) -> None:
        """A refusal next to the input it is about."""
        where = field_for(error)
        if where == "username":
            show_error(self.username_error, error)
            self.username.setFocus()
        elif where == "pin":
            show_error(self.pin.error, error)
            self.pin.pin.setFocus()
        else:
            show_error(self.error, error)


class OfficersTab(AdminTab):
    EVENTS = ("officer.", "setup.")  # officer.signed_in: the last sign-in changes

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.officers: list[dict] = []
        self.rule: dict | None = None
        self.dialog: OfficerDialog | None = None
        self.rule_label = Label(self, wordWrap=True)
        self.table = make_table(self, [self.tr("Tên đăng nhập"), self.tr("Họ và tên"),
                                       self.tr("Trạng thái"), self.tr("Đăng nhập gần nhất")])
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self.open_dialog("rename"))
        self.layout_.addWidget(self.rule_label)
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Thêm cán bộ…"), self)
        self.rename = QPushButton(self.tr("Đổi tê&n…"), self)
        self.reset = QPushButton(self.tr("Đặt lại &PIN…"), self)
        self.toggle = QPushButton(self.tr("&Vô hiệu hóa"), self)
        self.add.clicked.connect(lambda: self.open_dialog("add"))
        self.rename.clicked.connect(lambda: self.open_dialog("rename"))
        self.reset.clicked.connect(lambda: self.open_dialog("pin"))
        self.toggle.clicked.connect(self.toggle_selected)
        for button in (self.add, self.rename, self.reset, self.toggle):
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.finish_layout()
        self._selection()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/officers", done=self._got)

    def _got(self, answer: object) -> None:
        answer = answer if isinstance(answer, dict) else {}
        self.officers = answer.get("officers", [])
        self.rule = answer.get("pin")
        self.rule_label.setText(pin_rule_text(self.rule))
        rows = [[o["username"], o.get("display_name") or "",
                 self.tr("Đang dùng") if o.get("active", True) else self.tr("Đã vô hiệu hóa"),
                 when(o.get("last_sign_in_at"))] for o in self.officers]
        fill_table(self.table, rows, [o["username"] for o in self.officers])
        self._selection()
        self.sig_loaded.emit()

    def selected(self) -> dict | None:
        key = selected_key(self.table)
        return next((o for o in self.officers if o["username"] == key), None)

    def _selection(self) -> None:
        officer = self.selected()
        for button in (self.rename, self.reset, self.toggle):
            button.setEnabled(officer is not None)
        active = officer is None or officer.get("active", True)
        self.toggle.setText(self.tr("&Vô hiệu hóa") if active else self.tr("&Kích hoạt lại"))

    def open_dialog(self, mode: str) -> OfficerDialog | None:
        officer = self.selected()
        if mode != "add" and officer is None:
            return None
        self.dialog = OfficerDialog(self.client, mode, officer, self.rule, self)
        texts = {"add": self.tr("Đã thêm cán bộ %1."), "rename": self.tr("Đã đổi tên cán bộ %1."),
                 "pin": self.tr("Đã đặt lại mã PIN của %1.")}
        self.dialog.sig_done.connect(lambda _a, d=self.dialog: self.accepted(
            texts[mode].replace("%1", d.username.text().strip().lower())))
        self.dialog.open()
        return self.dialog

    def toggle_selected(self) -> None:
        officer = self.selected()
        if officer is None:
            return
        name = officer["username"]
        action = "disable" if officer.get("active", True) else "enable"
        text = (self.tr("Đã vô hiệu hóa %1: không đăng nhập được nữa.") if action == "disable"
                else self.tr("Đã kích hoạt lại %1.")).replace("%1", name)
        self.client.call(self, "POST", f"/api/officers/{name}/{action}",
                         done=lambda _a: self.accepted(text))
