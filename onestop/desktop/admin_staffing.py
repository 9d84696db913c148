"""The day plan's ward settings in the admin window (counters tab, "Cán bộ dự phòng, mục tiêu
chờ…"): the target mean wait, the weeks of history the forecast reads, the payout days of the
month, and the reserve officers who may come to the front {fields, most hours, minutes'
notice}. Saved whole with `PUT /api/staffing` (hub/planning.py); a refusal names the field and
is shown in place, nothing typed is lost. Which fields each counter may be moved to is in the
counter's own dialog (admin_counters.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .admin_common import SkillsPicker, caption, finish_form, show_error
from .client import HubClient, HubError
from .plain import Label


def _spin(parent: QWidget, low: float, high: float, value: float, step: float,
          suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(1)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class ReserveDialog(QDialog):
    """One reserve officer: the fields they can serve, most hours at the front, notice."""

    sig_done = Signal(dict)
    """The reserve as typed ({groups, max_hours, notice_min}); the hub checks it on save."""

    def __init__(self, groups: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm cán bộ dự phòng"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields = SkillsPicker(self)
        self.fields.set_groups(groups, [])
        self.hours = _spin(self, 0.5, 12, 2, 0.5, self.tr(" giờ"))
        self.notice = _spin(self, 0, 240, 10, 5, self.tr(" phút"))
        form.addRow(caption(self.tr("&Lĩnh vực"), self.fields, self), self.fields)
        form.addRow(caption(self.tr("Tối &đa mỗi ngày"), self.hours, self), self.hours)
        form.addRow(caption(self.tr("&Báo trước"), self.notice, self), self.notice)
        layout.addLayout(form)
        self.error = finish_form(self, layout)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        if not self.fields.skills():
            show_error(self.error, self.tr("Chọn ít nhất một lĩnh vực."))
            return
        self.sig_done.emit({"groups": self.fields.skills(), "max_hours": self.hours.value(),
                            "notice_min": self.notice.value()})
        self.accept()


class StaffingDialog(QDialog):
    sig_done = Signal(dict)
    """The hub saved the settings: its answer."""

    def __init__(self, client: HubClient, staffing: dict, groups: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.groups = client, groups
        self.reserves: list[dict] = [dict(r) for r in staffing.get("reserves", [])]
        self.reserve_dialog: ReserveDialog | None = None
        self.setWindowTitle(self.tr("Kế hoạch ngày: cán bộ dự phòng, mục tiêu chờ"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.target = _spin(self, 1, 240, staffing.get("target_wait_min", 15), 1,
                            self.tr(" phút"))
        self.weeks = QSpinBox(self)
        self.weeks.setRange(1, 26)
        self.weeks.setValue(int(staffing.get("history_weeks", 6)))
        self.weeks.setSuffix(self.tr(" tuần"))
        self.payout = QLineEdit(", ".join(map(str, staffing.get("payout_days", []))), self)
        self.payout.setPlaceholderText(self.tr("ví dụ: 5, 10"))
        form.addRow(caption(self.tr("&Mục tiêu thời gian chờ trung bình"), self.target, self),
                    self.target)
        form.addRow(caption(self.tr("Số &tuần số liệu"), self.weeks, self), self.weeks)
        form.addRow(caption(self.tr("Ngày &chi trả trợ cấp trong tháng"), self.payout, self),
                    self.payout)
        layout.addLayout(form)
        layout.addWidget(Label(self.tr("Cán bộ dự phòng (có thể ra quầy trong giờ đông):"), self))
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Thêm cán bộ dự phòng…"), self)
        self.remove = QPushButton(self.tr("&Xóa"), self)
        self.add.clicked.connect(self.open_reserve)
        self.remove.clicked.connect(self.remove_selected)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = finish_form(self, layout)
        self._show_reserves()
        self.setMinimumWidth(620)

    def _show_reserves(self) -> None:
        names = dict(self.groups)
        line = self.tr("%1 – tối đa %2 giờ, báo trước %3 phút")
        comma = getattr(self.client, "language", "vi") != "en"  # 2,5 giờ in Vietnamese

        def number(value: float) -> str:
            return f"{value:g}".replace(".", ",") if comma else f"{value:g}"

        self.list.clear()
        for r in self.reserves:
            self.list.addItem(line.replace("%1", ", ".join(names.get(g, g) for g in r["groups"]))
                              .replace("%2", number(r["max_hours"]))
                              .replace("%3", number(r["notice_min"])))
        self.remove.setEnabled(bool(self.reserves))

    def open_reserve(self) -> ReserveDialog:
        self.reserve_dialog = ReserveDialog(self.groups, self)
        self.reserve_dialog.sig_done.connect(self._added)
        self.reserve_dialog.open()
        return self.reserve_dialog

    def _added(self, reserve: dict) -> None:
        self.reserves.append(reserve)
        self._show_reserves()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.reserves):
            del self.reserves[row]
            self._show_reserves()

    def submit(self) -> None:
        show_error(self.error, None)
        try:
            days = [int(d) for d in self.payout.text().replace(",", " ").split()]
        except ValueError:
            show_error(self.error, self.tr("Ngày chi trả: các số từ 1 đến 31, cách nhau bằng "
                                           "dấu phẩy."))
            self.payout.setFocus()
            return
        self.client.call(self, "PUT", "/api/staffing", {
            "target_wait_min": self.target.value(), "history_weeks": self.weeks.value(),
            "payout_days": days, "reserves": self.reserves}, done=self._done)

    def _done(self, answer: object) -> None:
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()

    def show_hub_error(self, error: HubError) -> None:
        show_error(self.error, error)
