"""The admin window's holiday calendar (docs/dossiers.md, "Holidays"): the public holidays and
the ward's own days off that due dates skip. The city's days come with onestop and from
central; the ward adds its own (a day and its name) or removes one. Each change is one hub call
(POST /api/holidays, DELETE /api/holidays/{day}); due dates of new dossiers follow at once."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .admin_common import AdminTab, caption, fill_table, make_table, selected_key
from .client import HubClient
from .plain import Label


class HolidaysTab(AdminTab):
    EVENTS = ("holidays.",)

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.days: list[dict] = []
        self.table = make_table(self, [self.tr("Ngày"), self.tr("Tên ngày nghỉ"),
                                       self.tr("Nguồn")], stretch=1)
        self.table.itemSelectionChanged.connect(self._selection)
        self.layout_.addWidget(self.table, 1)
        form = QFormLayout()
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate.currentDate())
        self.name_vi = QLineEdit(self)
        self.name_vi.setMaxLength(80)
        self.name_vi.setPlaceholderText(self.tr("Ví dụ: Nghỉ bù theo quyết định của phường"))
        self.name_en = QLineEdit(self)
        self.name_en.setMaxLength(80)
        form.addRow(caption(self.tr("&Ngày nghỉ"), self.day, self), self.day)
        form.addRow(caption(self.tr("&Tên (tiếng Việt)"), self.name_vi, self), self.name_vi)
        form.addRow(caption(self.tr("Tên (tiếng &Anh)"), self.name_en, self), self.name_en)
        self.layout_.addLayout(form)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Thêm ngày nghỉ"), self)
        self.add.clicked.connect(self.submit)
        self.remove = QPushButton(self.tr("&Xóa ngày đã chọn"), self)
        self.remove.clicked.connect(self.remove_selected)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(Label(self.tr(
            "Hạn trả kết quả tính theo ngày làm việc: bỏ qua thứ Bảy, Chủ nhật và các ngày "
            "trong lịch này. Ngày nghỉ của thành phố được cập nhật từ máy chủ trung tâm; ngày "
            "phường tự thêm được giữ lại."), self, wordWrap=True))
        self.finish_layout()
        self._selection()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/holidays", done=self._got)

    def _got(self, answer: object) -> None:
        self.days = answer.get("holidays", []) if isinstance(answer, dict) else []
        key = f"name_{self.client.language}"
        origin = {"city": self.tr("Thành phố"), "ward": self.tr("Phường")}
        rows = [[f"{h['day'][8:10]}/{h['day'][5:7]}/{h['day'][:4]}",
                 h.get(key) or h["name_vi"], origin.get(h["origin"], h["origin"])]
                for h in self.days]
        fill_table(self.table, rows, [h["day"] for h in self.days])
        self._selection()
        self.sig_loaded.emit()

    def _selection(self) -> None:
        self.remove.setEnabled(selected_key(self.table) is not None)

    def submit(self) -> None:
        name = self.name_vi.text().strip()
        if not name:
            self.error.setText(self.tr("Nhập tên ngày nghỉ."))
            self.name_vi.setFocus()
            return
        day = self.day.date().toString("yyyy-MM-dd")
        shown = self.day.date().toString("dd/MM/yyyy")
        self.client.call(self, "POST", "/api/holidays",
                         {"day": day, "name_vi": name, "name_en": self.name_en.text().strip()},
                         done=lambda _a: self._added(shown))

    def _added(self, shown: str) -> None:
        self.name_vi.clear()
        self.name_en.clear()
        self.accepted(self.tr("Đã thêm ngày nghỉ %1.").replace("%1", shown))

    def remove_selected(self) -> None:
        day = selected_key(self.table)
        if day is None:
            return
        shown = f"{day[8:10]}/{day[5:7]}/{day[:4]}"
        self.client.call(self, "DELETE", f"/api/holidays/{day}",
                         done=lambda _a: self.accepted(
                             self.tr("Đã xóa ngày nghỉ %1.").replace("%1", shown)))
