"""The admin window's ward identity: name, the office's name (on tickets, pages, the display and
reports) and ticket address (Vietnamese and English), the opening hours, the notice line on
the lobby display and the calling order (smart or fifo, issue 19). Saved in one PUT /api/ward;
a change made elsewhere while the person edits never overwrites what they typed."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.queue.office import default_office_name
from onestop.queue.routing import POLICY_WORDS, WARD_POLICIES

from .admin_common import AdminTab
from .client import HubClient
from .plain import Label

TEXT_FIELDS = ("name_vi", "name_en", "office_name_vi", "office_name_en", "address_vi",
               "address_en", "notice_vi", "notice_en")


def follow_office_name(edits: dict, before: tuple[str, str]) -> tuple[str, str]:
    """Keep the office's name fields following the ward's name while they still hold the
    default of the name typed `before` (queue/office.py); returns the ward's name now."""
    now = (edits["name_vi"].text(), edits["name_en"].text())
    old, new = default_office_name(*before), default_office_name(*now)
    for i, field in enumerate(("office_name_vi", "office_name_en")):
        if edits[field].text().strip() in ("", old[i]):
            edits[field].setText(new[i])
        edits[field].setPlaceholderText(new[i])
    return now


class HoursRow(QWidget):
    """One opening period: the weekdays it applies to (0 = Monday), from and until."""

    def __init__(self, period: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        names = (self.tr("T2"), self.tr("T3"), self.tr("T4"), self.tr("T5"), self.tr("T6"),
                 self.tr("T7"), self.tr("CN"))
        self.days = [QCheckBox(name, self) for name in names]
        for day, box in enumerate(self.days):
            box.setChecked(day in period.get("days", []))
            row.addWidget(box)
        self.open, self.close = QTimeEdit(self), QTimeEdit(self)
        for edit, value in ((self.open, period.get("open", "08:00")),
                            (self.close, period.get("close", "17:00"))):
            edit.setDisplayFormat("HH:mm")
            edit.setTime(QTime.fromString(value, "HH:mm"))
        row.addSpacing(12)
        row.addWidget(Label(self.tr("từ"), self))
        row.addWidget(self.open)
        row.addWidget(Label(self.tr("đến"), self))
        row.addWidget(self.close)
        self.remove = QPushButton(self.tr("Bỏ"), self)
        self.remove.setToolTip(self.tr("Bỏ khung giờ này"))
        row.addWidget(self.remove)
        row.addStretch(1)

    def value(self) -> dict:
        return {"days": [d for d, box in enumerate(self.days) if box.isChecked()],
                "open": self.open.time().toString("HH:mm"),
                "close": self.close.time().toString("HH:mm")}


class WardTab(AdminTab):
    EVENTS = ("ward.", "setup.")

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.ward: dict = {}
        self.dirty = False
        self.hours: list[HoursRow] = []
        form = QFormLayout()
        captions = {"name_vi": self.tr("Tên phường (tiếng &Việt)"),
                    "name_en": self.tr("Tên phường (tiếng &Anh)"),
                    "office_name_vi": self.tr("Tên đơn vị &một cửa (tiếng Việt)"),
                    "office_name_en": self.tr("Tên đơn vị một cửa (tiếng Anh)"),
                    "address_vi": self.tr("Địa &chỉ trên phiếu (tiếng Việt)"),
                    "address_en": self.tr("Địa chỉ trên phiếu (tiếng A&nh)"),
                    "notice_vi": self.tr("Thông &báo trên màn hình chờ (tiếng Việt)"),
                    "notice_en": self.tr("Thông báo trên màn hình chờ (tiếng Anh)")}
        self.edits = {name: QLineEdit(self) for name in TEXT_FIELDS}
        for name, edit in self.edits.items():
            edit.setMaxLength(200)
            edit.textEdited.connect(self._edited)
            caption = Label(captions[name], self)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
        # The calling order (issue 19): said on the lobby display and in the daily report.
        self.policy = QComboBox(self)
        english = getattr(client, "language", "vi") == "en"
        for name in WARD_POLICIES:
            self.policy.addItem(POLICY_WORDS[name][1 if english else 0], name)
        self.policy.activated.connect(self._edited)
        caption = Label(self.tr("Thứ tự &gọi số"), self)
        caption.setBuddy(self.policy)
        form.addRow(caption, self.policy)
        self._names = ("", "")
        for name in ("name_vi", "name_en"):
            self.edits[name].textEdited.connect(self._name_edited)
        self.layout_.addLayout(form)
        self.hours_box = QGroupBox(self.tr("Giờ làm việc"), self)
        self.hours_layout = QVBoxLayout(self.hours_box)
        self.add_hours = QPushButton(self.tr("Thêm &khung giờ"), self.hours_box)
        self.add_hours.clicked.connect(lambda: self._add_row({"days": [0, 1, 2, 3, 4]}, True))
        self.hours_layout.addWidget(self.add_hours)
        self.layout_.addWidget(self.hours_box)
        row = QHBoxLayout()
        self.save = QPushButton(self.tr("&Lưu"), self)
        self.save.setDefault(True)
        self.save.clicked.connect(self.submit)
        self.undo = QPushButton(self.tr("&Hoàn lại"), self)
        self.undo.setToolTip(self.tr("Bỏ các thay đổi chưa lưu"))
        self.undo.clicked.connect(lambda: self.show_ward(self.ward, force=True))
        row.addWidget(self.save)
        row.addWidget(self.undo)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        self.finish_layout()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/ward", done=self.show_ward)

    def show_ward(self, ward: object, force: bool = False) -> None:
        self.ward = ward if isinstance(ward, dict) else {}
        if self.dirty and not force:
            self.status.setText(self.tr("Thông tin phường vừa được sửa ở nơi khác; bấm Lưu để "
                                        "ghi đè bằng nội dung đang sửa, hoặc Hoàn lại."))
            return
        for name, edit in self.edits.items():
            edit.setText(self.ward.get(name) or "")
        self.policy.setCurrentIndex(max(0, self.policy.findData(self.ward.get("policy",
                                                                              "smart"))))
        self._names = follow_office_name(self.edits, (self.edits["name_vi"].text(),
                                                      self.edits["name_en"].text()))
        for row in self.hours:
            row.deleteLater()
        self.hours = []
        for period in self.ward.get("hours", []):
            self._add_row(period, False)
        self.dirty = False
        self.sig_loaded.emit()

    def _add_row(self, period: dict, edited: bool) -> None:
        row = HoursRow(period, self.hours_box)
        self.hours_layout.insertWidget(self.hours_layout.count() - 1, row)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        for box in row.days:
            box.toggled.connect(self._edited)
        row.open.timeChanged.connect(self._edited)
        row.close.timeChanged.connect(self._edited)
        self.hours.append(row)
        if edited:
            self._edited()
            row.days[0].setFocus()

    def _remove_row(self, row: HoursRow) -> None:
        self.hours.remove(row)
        row.deleteLater()
        self._edited()
        self.add_hours.setFocus()

    def _edited(self, *_args) -> None:
        self.dirty = True

    def _name_edited(self, *_args) -> None:
        self._names = follow_office_name(self.edits, self._names)

    def body(self) -> dict:
        return {**{name: edit.text().strip() for name, edit in self.edits.items()},
                "hours": [row.value() for row in self.hours],
                "policy": self.policy.currentData()}

    def submit(self) -> None:
        self.client.call(self, "PUT", "/api/ward", self.body(), done=self._saved)

    def _saved(self, _answer: object) -> None:
        self.dirty = False
        self.accepted(self.tr("Đã lưu thông tin phường; mọi màn hình cập nhật ngay."))
