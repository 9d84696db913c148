"""The admin window's counters: the live list (from the feed's state), add, edit (labels,
skills in order, fast lane, and the fields the day plan may move it to: `can_serve`, kept in
the hub's staffing settings) and remove - which the hub refuses unless the counter is closed
and holds no ticket; its message is shown as it is. The ward's reserve officers and target
wait for the day plan: admin_staffing.py, from this tab's button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .admin_common import (
    AdminTab,
    SkillsPicker,
    confirm,
    field_for,
    fill_table,
    finish_form,
    group_names,
    make_table,
    selected_key,
    show_error,
)
from .admin_staffing import StaffingDialog
from .client import HubClient, HubError
from .plain import Label


class CounterDialog(QDialog):
    """A new counter, or one counter's labels, skills and fast lane."""

    sig_done = Signal(dict)
    """The hub accepted: its answer."""

    def __init__(self, client: HubClient, counter: dict | None, groups: list[tuple[str, str]],
                 parent: QWidget | None = None, can_serve: dict | None = None) -> None:
        super().__init__(parent)
        self.client, self.counter = client, counter
        self.all_can_serve = dict(can_serve or {})  # counter number (text) -> fields
        adding = counter is None
        counter = counter or {"label_vi": "", "label_en": "", "skills": [], "fast_lane": False}
        self.setWindowTitle(self.tr("Thêm quầy") if adding else self.tr(
            "Sửa quầy %1").replace("%1", str(counter["number"])))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number = QSpinBox(self)
        self.number.setRange(0, 999)
        self.number.setSpecialValueText(self.tr("số tiếp theo còn trống"))
        self.number.setValue(counter.get("number", 0))
        self.number.setEnabled(adding)
        self.label_vi, self.label_en = QLineEdit(counter["label_vi"], self), \
            QLineEdit(counter["label_en"], self)
        self.skills = SkillsPicker(self)
        self.skills.set_groups(groups, list(counter["skills"]))
        self.old_can_serve = self.all_can_serve.get(str(counter.get("number", "")), [])
        self.can_serve = SkillsPicker(self)  # order is not used: only what is ticked
        self.can_serve.set_groups(groups, self.old_can_serve)
        self.can_serve.up.hide()
        self.can_serve.down.hide()
        self.fast_lane = QCheckBox(self.tr("Làn &nhanh (ưu tiên việc đơn giản)"), self)
        self.fast_lane.setChecked(bool(counter["fast_lane"]))
        for text, widget in ((self.tr("&Số quầy"), self.number),
                             (self.tr("Nhãn (tiếng &Việt)"), self.label_vi),
                             (self.tr("Nhãn (tiếng &Anh)"), self.label_en),
                             (self.tr("&Lĩnh vực"), self.skills)):
            caption = Label(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("", Label(self.tr("Đánh dấu bằng phím cách; lĩnh vực đầu tiên là lĩnh vực "
                                       "chính; Alt+↑/↓ đổi thứ tự."), self, wordWrap=True))
        form.addRow("", self.fast_lane)
        caption = Label(self.tr("Có thể &chuyển sang"), self)
        caption.setBuddy(self.can_serve)
        form.addRow(caption, self.can_serve)
        form.addRow("", Label(self.tr("Kế hoạch ngày có thể cho quầy phục vụ trước một lĩnh vực "
                                       "đã đánh dấu ở đây trong giờ đông."), self, wordWrap=True))
        layout.addLayout(form)
        self.error = finish_form(self, layout)
        self.setMinimumWidth(560)
        (self.number if adding else self.label_vi).setFocus()

    def submit(self) -> None:
        show_error(self.error, None)
        body = {"label_vi": self.label_vi.text().strip(), "label_en": self.label_en.text().strip(),
                "skills": self.skills.skills(), "fast_lane": self.fast_lane.isChecked()}
        if not body["label_vi"] or not body["label_en"]:
            show_error(self.error, self.tr("Nhập nhãn tiếng Việt và tiếng Anh."))
            return
        if not body["skills"]:
            show_error(self.error, self.tr("Chọn ít nhất một lĩnh vực."))
            return
        if self.counter is None:
            if self.number.value():
                body["number"] = self.number.value()
            self.client.call(self, "POST", "/api/counters", body, done=self._done)
        else:
            self.client.call(self, "PATCH", f"/api/counters/{self.counter['number']}", body,
                             done=self._done)

    def _done(self, answer: object) -> None:
        answer = answer if isinstance(answer, dict) else {}
        number = answer.get("number") or (self.counter or {}).get("number")
        wanted = [g for g in self.can_serve.skills() if g not in self.skills.skills()]
        if number is None or wanted == self.old_can_serve:
            self._finished(answer)
            return
        self.old_can_serve = wanted  # OK again after a refusal does not patch twice
        self.client.call(self, "PUT", "/api/staffing", {"can_serve": {
            **self.all_can_serve, str(number): wanted}}, done=lambda _s: self._finished(answer))

    def _finished(self, answer: dict) -> None:
        self.sig_done.emit(answer)
        self.accept()

    def show_hub_error(self, error: HubError) -> None:
        show_error(self.error, error)
        if field_for(error) == "number":
            self.number.setFocus()
        elif field_for(error) == "skills":
            self.skills.setFocus()


class CountersTab(AdminTab):
    EVENTS = ("catalog.",)  # the counters themselves come with every state on the feed

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.counters: list[dict] = []
        self.groups: list[tuple[str, str]] = []
        self.staffing: dict = {}  # GET /api/staffing: the day plan's settings
        self.dialog: CounterDialog | None = None
        self.ask = confirm  # replaced in tests
        self.table = make_table(self, [self.tr("Số"), self.tr("Nhãn"), self.tr("Nhãn tiếng Anh"),
                                       self.tr("Lĩnh vực (theo thứ tự)"), self.tr("Làn nhanh"),
                                       self.tr("Trạng thái"), self.tr("Có thể chuyển sang")],
                                stretch=3)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self.open_dialog(edit=True))
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Thêm quầy…"), self)
        self.edit = QPushButton(self.tr("&Sửa…"), self)
        self.remove = QPushButton(self.tr("&Xóa quầy"), self)
        self.add.clicked.connect(lambda: self.open_dialog(edit=False))
        self.edit.clicked.connect(lambda: self.open_dialog(edit=True))
        self.remove.clicked.connect(self.remove_selected)
        for button in (self.add, self.edit, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        self.plan_settings = QPushButton(self.tr("Cán bộ dự phòng, mục tiêu chờ…"), self)
        self.plan_settings.clicked.connect(self.open_staffing)
        row.addWidget(self.plan_settings)
        self.layout_.addLayout(row)
        self.layout_.addWidget(Label(self.tr("Chỉ xóa được quầy đã đóng, không giữ số nào và "
                                              "không có số đang chờ riêng."), self,
                                      wordWrap=True))
        self.finish_layout()
        client.sig_state.connect(self.show_counters)
        self._selection()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/catalog", done=self._got_catalog)
        self.client.call(self, "GET", "/api/staffing", done=self._got_staffing)
        if self.client.state is not None:
            self.show_counters(self.client.state)

    def _got_catalog(self, catalog: object) -> None:
        self.groups = group_names(catalog if isinstance(catalog, dict) else {},
                                  self.client.language)
        if self.counters:
            self.show_counters({"counters": self.counters})

    def _got_staffing(self, staffing: object) -> None:
        self.staffing = staffing if isinstance(staffing, dict) else {}
        if self.counters:
            self.show_counters({"counters": self.counters})

    def show_counters(self, state: dict) -> None:
        self.counters = state.get("counters", [])
        names = dict(self.groups)
        statuses = {"open": self.tr("Đang mở"), "paused": self.tr("Tạm dừng"),
                    "closed": self.tr("Đã đóng")}
        rows = [[str(c["number"]), c["label_vi"], c["label_en"],
                 ", ".join(names.get(g, g) for g in c["skills"]),
                 self.tr("Có") if c.get("fast_lane") else "",
                 statuses.get(c.get("status"), c.get("status") or ""),
                 ", ".join(names.get(g, g) for g in self.staffing.get("can_serve", {})
                           .get(str(c["number"]), []))] for c in self.counters]
        fill_table(self.table, rows, [c["number"] for c in self.counters])
        self._selection()
        self.sig_loaded.emit()

    def selected(self) -> dict | None:
        key = selected_key(self.table)
        return next((c for c in self.counters if c["number"] == key), None)

    def _selection(self) -> None:
        for button in (self.edit, self.remove):
            button.setEnabled(self.selected() is not None)

    def open_dialog(self, edit: bool) -> CounterDialog | None:
        counter = self.selected() if edit else None
        if edit and counter is None:
            return None
        self.dialog = CounterDialog(self.client, counter, self.groups, self,
                                    self.staffing.get("can_serve"))
        text = self.tr("Đã lưu quầy %1.") if edit else self.tr("Đã thêm quầy %1.")
        self.dialog.sig_done.connect(lambda answer: self.accepted(text.replace(
            "%1", str(answer.get("number") or (counter or {}).get("number", "")))))
        self.dialog.open()
        return self.dialog

    def remove_selected(self) -> None:
        counter = self.selected()
        if counter is None:
            return
        number = counter["number"]
        if not self.ask(self, self.tr("Xóa quầy?"),
                        self.tr("Xóa %1? Mã trạm của quầy này bị thu hồi.").replace(
                            "%1", counter["label_vi"]), self.tr("&Xóa quầy")):
            return
        self.client.call(self, "DELETE", f"/api/counters/{number}", done=lambda _a: self.accepted(
            self.tr("Đã xóa quầy %1.").replace("%1", str(number))))

    def open_staffing(self) -> StaffingDialog:
        dialog = StaffingDialog(self.client, self.staffing, self.groups, self)
        done = self.tr("Đã lưu thiết lập kế hoạch ngày.")
        dialog.sig_done.connect(lambda _s: self.accepted(done))
        self.staffing_dialog = dialog
        dialog.open()
        return dialog
