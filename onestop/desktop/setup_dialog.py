"""The first-run set-up the launcher opens while the hub says `needed` (GET /api/setup): three
short steps - the ward's name, the office's name and ticket address, the counters (prefilled
from the hub's current layout, which comes from the bundled centre), and the first officer -
then one POST /api/setup (one transaction on the hub).

A refusal is shown next to the input it is about, on its step; nothing typed is lost. The
set-up can be skipped (everything is also in the admin window). Keyboard only: Tab moves
through each step, Enter goes on, Alt+letter reaches the underlined inputs and buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .admin_common import (
    WARD_BODY,
    WARD_FIELDS,
    PinFields,
    SkillsPicker,
    caption,
    error_label,
    field_for,
    group_names,
    heading_font,
    show_error,
)
from .admin_ward import follow_office_name
from .client import HubClient, HubError
from .plain import Label

MAX_COUNTERS = 30


class SetupDialog(QDialog):
    sig_loaded = Signal()
    """The hub's current ward, counters, groups and PIN rule are in the form (emitted once)."""
    sig_done = Signal(dict)
    """The hub accepted the set-up: its answer."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.ward: dict = {}
        self.counters: list[dict] = []
        self.groups: list[tuple[str, str]] = []
        self._pending = {"ward", "counters", "catalog", "officers"}
        self._current = -1  # the counter shown in the editor
        self._filling = False
        self.setWindowTitle(self.tr("Thiết lập ban đầu – onestop"))
        self.setModal(True)
        outer = QVBoxLayout(self)
        self.step = Label(self)
        heading_font(self.step, self.font())
        self.intro = Label(self, wordWrap=True)
        outer.addWidget(self.step)
        outer.addWidget(self.intro)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._ward_page())
        self.pages.addWidget(self._counters_page())
        self.pages.addWidget(self._officer_page())
        outer.addWidget(self.pages, 1)
        self.error = error_label(self)
        outer.addWidget(self.error)
        outer.addLayout(self._buttons())
        self.show_page(0)
        self.resize(860, 600)
        self._load()

    # --- pages -------------------------------------------------------------------------------
    def _ward_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.ward_edits = {name: QLineEdit(page) for name in WARD_FIELDS}
        captions = {"name_vi": self.tr("Tên phường (tiếng &Việt)"),
                    "name_en": self.tr("Tên phường (tiếng &Anh)"),
                    "office_name_vi": self.tr("Tên đơn vị &một cửa (tiếng Việt)"),
                    "office_name_en": self.tr("Tên đơn vị một cửa (tiếng Anh)"),
                    "address_vi": self.tr("Địa &chỉ trên phiếu (tiếng Việt)"),
                    "address_en": self.tr("Địa chỉ trên phiếu (tiếng A&nh)")}
        placeholders = {"name_vi": "Phường Cửa Nam", "name_en": "Cua Nam Ward",
                        "office_name_vi": "", "office_name_en": "",
                        "address_vi": self.tr("Ví dụ: 35 Hàng Bông, Hà Nội"),
                        "address_en": self.tr("Ví dụ: 35 Hang Bong, Hanoi")}
        for name, edit in self.ward_edits.items():
            edit.setMaxLength(120)
            edit.setPlaceholderText(placeholders[name])
            form.addRow(caption(captions[name], edit, page), edit)
        self._names = ("", "")  # the ward's name the office's name follows (admin_ward.py)
        for name in ("name_vi", "name_en"):
            self.ward_edits[name].textEdited.connect(self._name_edited)
        self.ward_error = error_label(page)
        form.addRow("", self.ward_error)
        return page

    def _counters_page(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.count = QSpinBox(page)
        self.count.setRange(1, MAX_COUNTERS)
        self.count.valueChanged.connect(self._set_count)
        count_row = QHBoxLayout()
        count_row.addWidget(caption(self.tr("&Số quầy"), self.count, page))
        count_row.addWidget(self.count, 1)
        left.addLayout(count_row)
        self.counter_list = QListWidget(page)
        self.counter_list.setWordWrap(True)
        self.counter_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counter_list.currentRowChanged.connect(self._show_counter)
        left.addWidget(self.counter_list, 1)
        row.addLayout(left, 3)
        form = QFormLayout()
        self.label_vi, self.label_en = QLineEdit(page), QLineEdit(page)
        for edit in (self.label_vi, self.label_en):
            edit.setMaxLength(80)
            edit.textEdited.connect(self._edited)
        self.skills = SkillsPicker(page)
        self.skills.sig_changed.connect(self._edited)
        self.fast_lane = QCheckBox(self.tr("Làn &nhanh (ưu tiên việc đơn giản)"), page)
        self.fast_lane.toggled.connect(self._edited)
        form.addRow(caption(self.tr("Nhãn (tiếng &Việt)"), self.label_vi, page), self.label_vi)
        form.addRow(caption(self.tr("Nhãn (tiếng &Anh)"), self.label_en, page), self.label_en)
        skills_caption = caption(self.tr("&Lĩnh vực"), self.skills.list, page)
        form.addRow(skills_caption, self.skills)
        form.addRow("", Label(self.tr("Đánh dấu bằng phím cách; lĩnh vực đầu tiên là lĩnh vực "
                                       "chính; Alt+↑/↓ đổi thứ tự."), page, wordWrap=True))
        form.addRow("", self.fast_lane)
        self.counters_error = error_label(page)
        form.addRow("", self.counters_error)
        row.addLayout(form, 4)
        return page

    def _officer_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.username, self.full_name = QLineEdit(page), QLineEdit(page)
        self.username.setMaxLength(64)
        self.username.setPlaceholderText(self.tr("Ví dụ: lan.nguyen"))
        self.full_name.setMaxLength(80)
        self.full_name.setPlaceholderText(self.tr("Ví dụ: Nguyễn Thị Lan"))
        form.addRow(caption(self.tr("Tên đăng &nhập"), self.username, page), self.username)
        self.username_error = error_label(page)
        form.addRow("", self.username_error)
        form.addRow(caption(self.tr("Họ &và tên"), self.full_name, page), self.full_name)
        self.pin = PinFields(page, form)
        return page

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.skip = QPushButton(self.tr("&Bỏ qua"), self)
        self.skip.setToolTip(self.tr("Thiết lập sau trong cửa sổ Quản trị"))
        self.skip.clicked.connect(self.reject)
        self.back = QPushButton(self.tr("&Quay lại"), self)
        self.back.clicked.connect(lambda: self.show_page(self.pages.currentIndex() - 1))
        self.next = QPushButton(self.tr("&Tiếp theo"), self)
        self.next.clicked.connect(self.go_on)
        self.finish = QPushButton(self.tr("&Hoàn tất"), self)
        self.finish.clicked.connect(self.submit)
        for button in (self.skip, self.back, self.next, self.finish):
            button.setAutoDefault(False)
        row.addWidget(self.skip)
        row.addStretch(1)
        for button in (self.back, self.next, self.finish):
            row.addWidget(button)
        return row

    def show_page(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        titles = (self.tr("Tên và địa chỉ phường"), self.tr("Các quầy"),
                  self.tr("Cán bộ đầu tiên"))
        intros = (self.tr("In trên phiếu số và hiện trên màn hình phòng chờ."),
                  self.tr("Lấy sẵn từ cấu hình mẫu của trung tâm: chọn số quầy, sửa nhãn, lĩnh "
                          "vực và làn nhanh của từng quầy."),
                  self.tr("Cán bộ đăng nhập cửa sổ quầy bằng tên đăng nhập và mã PIN này. Thêm "
                          "cán bộ khác sau trong cửa sổ Quản trị."))
        self.step.setText(self.tr("Bước %1/%2: %3").replace("%1", str(index + 1))
                          .replace("%2", str(self.pages.count())).replace("%3", titles[index]))
        self.intro.setText(intros[index])
        last = index == self.pages.count() - 1
        self.back.setEnabled(index > 0)
        self.next.setVisible(not last)
        self.finish.setVisible(last)
        (self.finish if last else self.next).setDefault(True)
        self._first_input().setFocus()

    def _first_input(self) -> QWidget:
        return (self.ward_edits["name_vi"], self.count, self.username)[self.pages.currentIndex()]

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the launcher sized the dialog's text
            heading_font(self.step, self.font())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._first_input().setFocus()  # a hidden dialog's setFocus() is not kept

    # --- the hub's current values ------------------------------------------------------------
    def _load(self) -> None:
        call = self.client.call
        call(self, "GET", "/api/ward", done=self._got_ward, failed=lambda _e: self._got("ward"))
        call(self, "GET", "/api/counters", done=self._got_counters)
        call(self, "GET", "/api/catalog", done=self._got_catalog)
        call(self, "GET", "/api/officers", done=self._got_officers,
             failed=lambda _e: self._got("officers"))

    def _got(self, part: str) -> None:
        self._pending.discard(part)
        if not self._pending:
            self._fill_counters()
            self.sig_loaded.emit()

    def _got_ward(self, ward: object) -> None:
        self.ward = {k: v for k, v in (ward or {}).items() if k in WARD_BODY and v is not None}
        for name, edit in self.ward_edits.items():
            if not edit.text():  # never over what the person already typed
                edit.setText(self.ward.get(name) or "")
        self._name_edited()
        self._got("ward")

    def _name_edited(self, *_args) -> None:
        self._names = follow_office_name(self.ward_edits, self._names)

    def _got_counters(self, counters: object) -> None:
        self.counters = [{"number": c["number"], "label_vi": c["label_vi"],
                          "label_en": c["label_en"], "skills": list(c["skills"]),
                          "fast_lane": bool(c["fast_lane"])} for c in counters or []]
        self._got("counters")

    def _got_catalog(self, catalog: object) -> None:
        self.groups = group_names(catalog if isinstance(catalog, dict) else {},
                                  self.client.language)
        self._got("catalog")

    def _got_officers(self, answer: object) -> None:
        self.pin.set_rule((answer or {}).get("pin") if isinstance(answer, dict) else None)
        self._got("officers")

    # --- counters ----------------------------------------------------------------------------
    def _fill_counters(self) -> None:
        self._filling = True
        self.count.setValue(max(1, len(self.counters)))
        self._filling = False
        self._refresh_list(0)

    def _refresh_list(self, select: int) -> None:
        self.counter_list.blockSignals(True)
        self.counter_list.clear()
        for c in self.counters:
            self.counter_list.addItem(c["label_vi"] or str(c["number"]))
        self.counter_list.blockSignals(False)
        self._current = -1
        self.counter_list.setCurrentRow(min(select, len(self.counters) - 1))

    def _set_count(self, count: int) -> None:
        if self._filling:
            return
        while len(self.counters) < count:
            number = max((c["number"] for c in self.counters), default=0) + 1
            first = [self.groups[0][0]] if self.groups else []
            self.counters.append({"number": number,
                                  "label_vi": self.tr("Quầy %1").replace("%1", str(number)),
                                  "label_en": f"Counter {number}", "skills": first,
                                  "fast_lane": False})
        del self.counters[count:]
        self._refresh_list(max(0, self.counter_list.currentRow()))

    def _show_counter(self, row: int) -> None:
        self._current = -1
        if not 0 <= row < len(self.counters):
            return
        c = self.counters[row]
        self.label_vi.setText(c["label_vi"])
        self.label_en.setText(c["label_en"])
        self.skills.set_groups(self.groups, c["skills"])
        self.fast_lane.blockSignals(True)
        self.fast_lane.setChecked(c["fast_lane"])
        self.fast_lane.blockSignals(False)
        self._current = row

    def _edited(self, *_args) -> None:
        if not 0 <= self._current < len(self.counters):
            return
        c = self.counters[self._current]
        c.update(label_vi=self.label_vi.text().strip(), label_en=self.label_en.text().strip(),
                 skills=self.skills.skills(), fast_lane=self.fast_lane.isChecked())
        item = self.counter_list.item(self._current)
        if item is not None:
            item.setText(c["label_vi"] or str(c["number"]))

    # --- checks and the call -----------------------------------------------------------------
    def _problem(self, index: int) -> tuple[QLabel, str] | None:
        """The first thing to fix on a step, checked here before the hub checks it again."""
        if index == 0:
            for name in ("name_vi", "name_en"):
                if not self.ward_edits[name].text().strip():
                    self.ward_edits[name].setFocus()
                    return self.ward_error, self.tr("Nhập tên phường bằng tiếng Việt và tiếng "
                                                    "Anh.")
        elif index == 1:
            for row, c in enumerate(self.counters):
                if not c["label_vi"] or not c["label_en"] or not c["skills"]:
                    self.counter_list.setCurrentRow(row)
                    return self.counters_error, self.tr(
                        "Quầy %1 cần nhãn tiếng Việt, nhãn tiếng Anh và ít nhất một lĩnh vực."
                    ).replace("%1", str(c["number"]))
        else:
            if not self.username.text().strip():
                self.username.setFocus()
                return self.username_error, self.tr("Nhập tên đăng nhập.")
            problem = self.pin.problem()
            if problem:
                self.pin.pin.setFocus()
                return self.pin.error, problem
        return None

    def _clear_errors(self) -> None:
        for label in (self.error, self.ward_error, self.counters_error, self.username_error,
                      self.pin.error):
            show_error(label, None)

    def go_on(self) -> None:
        self._clear_errors()
        problem = self._problem(self.pages.currentIndex())
        if problem:
            show_error(*problem)
            return
        self.show_page(self.pages.currentIndex() + 1)

    def body(self) -> dict:
        ward = {**self.ward, **{k: e.text().strip() for k, e in self.ward_edits.items()}}
        return {"ward": ward, "counters": [dict(c) for c in self.counters],
                "officer": {"username": self.username.text().strip(),
                            "display_name": self.full_name.text().strip(),
                            "pin": self.pin.value()}}

    def submit(self) -> None:
        self._clear_errors()
        for index in range(self.pages.count()):
            problem = self._problem(index)
            if problem:
                self.show_page(index)
                self._problem(index)  # focus the input again after the page switch
                show_error(*problem)
                return
        self.finish.setEnabled(False)
        self.client.call(self, "POST", "/api/setup", self.body(), done=self._done)

    def _done(self, answer: object) -> None:
        self.finish.setEnabled(True)
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()

    def show_hub_error(self, error: HubError) -> None:
        """A refusal on the page and next to the input it is about."""
        self.finish.setEnabled(True)
        where = field_for(error)
        if where in ("username", "pin", "name"):
            self.show_page(2)
            label, edit = {"username": (self.username_error, self.username),
                           "name": (self.username_error, self.full_name),
                           "pin": (self.pin.error, self.pin.pin)}[where]
            edit.setFocus()
            show_error(label, error)
        elif where in ("skills", "number", "label") \
                or error.code in ("counter_busy", "last_counter"):
            self.show_page(1)
            show_error(self.counters_error, error)
        elif where == "ward":
            self.show_page(0)
            show_error(self.ward_error, error)
        else:
            show_error(self.error, error)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Enter goes on (or finishes); Esc skips, as QDialog does, but never mid-call.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            (self.submit if self.finish.isVisible() else self.go_on)()
            return
        super().keyPressEvent(event)
