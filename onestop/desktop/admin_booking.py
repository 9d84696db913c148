"""The admin window's booking slots (issue 16, docs/booking.md): per field (lĩnh vực) the slot
length, the capacity (citizens the field's counters serve in one slot; 0 = no booking), the
days ahead and the booked share; the places a slot offers are floor(capacity × booked share).
Saved with PUT /api/admin/slots/{group}, which central receives as `booking.slots_set`; the
hub's refusal (422 `invalid_slots`, its `field`) is shown under the form, the input focused."""

from __future__ import annotations

import math

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from .admin_common import AdminTab, caption, error_label, fill_table, make_table, selected_key
from .admin_common import show_error as show_line
from .client import HubClient, HubError
from .plain import Label

SLOT_MINUTES = (5, 10, 15, 20, 30, 45, 60, 90, 120)  # queue/booking_slots.py


def places(capacity: int, share: float) -> int:
    return math.floor(capacity * share + 1e-9)


class BookingTab(AdminTab):
    EVENTS = ("booking.slots_set", "catalog.")

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.groups: list[dict] = []
        self.table = make_table(self, [self.tr("Lĩnh vực"), self.tr("Khung giờ (phút)"),
                                       self.tr("Sức chứa mỗi khung"), self.tr("Đặt trước (ngày)"),
                                       self.tr("Tỷ lệ đặt trước"), self.tr("Số chỗ đặt mỗi khung")],
                                stretch=0)
        self.table.itemSelectionChanged.connect(self._selection)
        self.layout_.addWidget(self.table, 1)
        form = QFormLayout()
        self.minutes = QComboBox(self)
        for m in SLOT_MINUTES:
            self.minutes.addItem(self.tr("%1 phút").replace("%1", str(m)), m)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(0, 500)
        self.capacity.setSpecialValueText(self.tr("0 – không nhận đặt lịch"))
        self.days = QSpinBox(self)
        self.days.setRange(0, 30)
        self.share = QSpinBox(self)  # a whole percent: "50 %" reads better than "0,50"
        self.share.setRange(0, 100)
        self.share.setSuffix(" %")
        self.places = Label(self)
        self.inputs = {"slot_minutes": self.minutes, "capacity": self.capacity,
                       "days_ahead": self.days, "booked_share": self.share}
        for text, widget in ((self.tr("Độ dài &khung giờ"), self.minutes),
                             (self.tr("&Sức chứa mỗi khung (số công dân)"), self.capacity),
                             (self.tr("Số &ngày đặt trước"), self.days),
                             (self.tr("&Tỷ lệ đặt trước tối đa (%)"), self.share)):
            form.addRow(caption(text, widget, self), widget)
        form.addRow("", self.places)
        self.layout_.addLayout(form)
        self.field_error = error_label(self)
        self.layout_.addWidget(self.field_error)
        row = QHBoxLayout()
        self.save = QPushButton(self.tr("&Lưu khung giờ"), self)
        self.save.clicked.connect(self.submit)
        row.addWidget(self.save)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(Label(self.tr(
            "Sức chứa: số công dân các quầy của lĩnh vực phục vụ được trong một khung giờ. Mỗi "
            "khung nhận tối đa sức chứa × tỷ lệ đặt trước lịch hẹn; phần còn lại dành cho "
            "người đến trực tiếp. Sức chứa 0: không nhận đặt lịch."), self, wordWrap=True))
        self.finish_layout()
        self.capacity.valueChanged.connect(self._show_places)
        self.share.valueChanged.connect(self._show_places)
        self._selection()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/admin/slots", done=self._got)

    def _got(self, answer: object) -> None:
        self.groups = (answer or {}).get("groups", []) if isinstance(answer, dict) else []
        key = f"name_{self.client.language}"
        rows = [[g.get(key) or g["name_vi"], str(g["slot_minutes"]), str(g["capacity"]),
                 str(g["days_ahead"]), f"{round(g['booked_share'] * 100)} %",
                 str(g.get("places", places(g["capacity"], g["booked_share"])))
                 if g["capacity"] else self.tr("không nhận")] for g in self.groups]
        fill_table(self.table, rows, [g["group"] for g in self.groups])
        self._selection()
        self.sig_loaded.emit()

    def selected(self) -> dict | None:
        key = selected_key(self.table)
        return next((g for g in self.groups if g["group"] == key), None)

    def _selection(self) -> None:
        group = self.selected()
        for widget in (*self.inputs.values(), self.save):
            widget.setEnabled(group is not None)
        if group is None:
            return
        show_line(self.field_error, None)
        index = self.minutes.findData(group["slot_minutes"])
        self.minutes.setCurrentIndex(index if index >= 0 else self.minutes.findData(30))
        self.capacity.setValue(group["capacity"])
        self.days.setValue(group["days_ahead"])
        self.share.setValue(round(group["booked_share"] * 100))
        self._show_places()

    def _show_places(self) -> None:
        n = places(self.capacity.value(), self.share.value() / 100)
        self.places.setText(self.tr("Mỗi khung giờ nhận %1 lịch hẹn.").replace("%1", str(n))
                            if n else self.tr("Lĩnh vực này không nhận đặt lịch."))

    def body(self) -> dict:
        return {"capacity": self.capacity.value(), "slot_minutes": self.minutes.currentData(),
                "days_ahead": self.days.value(), "booked_share": self.share.value() / 100}

    def submit(self) -> None:
        group = self.selected()
        if group is None:
            return
        show_line(self.field_error, None)
        name = group.get(f"name_{self.client.language}") or group["name_vi"]
        self.client.call(self, "PUT", f"/api/admin/slots/{group['group']}", self.body(),
                         done=lambda _a: self.accepted(self.tr(
                             "Đã lưu khung giờ đặt lịch của lĩnh vực %1.").replace("%1", name)),
                         failed=self.show_hub_error)

    def show_hub_error(self, error: HubError) -> None:
        """A refusal about one input sits under the form with that input focused."""
        widget = self.inputs.get(str(error.details.get("field", "")))
        if error.code == "invalid_slots" or widget is not None:
            show_line(self.field_error, error)
            if widget is not None:
                widget.setFocus()
        else:
            super().show_hub_error(error)
