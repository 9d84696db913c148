"""The supervisor's "Kế hoạch ngày mai" (docs/operations.md): the hub's plan for a day
(`GET /api/plan`, tomorrow by default) - the expected tickets per hour and field from the
ward's own history, which field each counter serves first in each hour, when each reserve
officer is called, and the expected mean wait with and without the plan - and the same plan on
A4 paper (`GET /api/plan?format=pdf`, printing/dayplan_paper.py), saved where the supervisor
chooses and printed from there. Every number is the hub's: the window only lays it out.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from .admin_common import make_table
from .client import HubClient, HubError
from .plain import Label
from .supervisor_widgets import HourlyChart

MOVED = QColor("#fff3cd")  # a counter on another field than its own this hour (as on paper)
RESERVE = QColor("#e3f2e6")


def _n(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


class PlanDialog(QDialog):
    sig_plan = Signal(dict)
    """The hub's plan for the chosen day is on screen (the /api/plan answer)."""
    sig_saved = Signal(str)
    """The plan's PDF was saved at this path."""

    def __init__(self, client: HubClient, group_names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.client, self.names = client, group_names
        self.plan: dict | None = None
        self.setWindowTitle(self.tr("Kế hoạch ngày mai"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(Label(self.tr("Ngày:"), self))
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        tomorrow = date.today() + timedelta(days=1)  # until the hub's tomorrow comes back
        self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        top.addWidget(self.day)
        self.show_button = QPushButton(self.tr("Xem"), self)
        self.show_button.clicked.connect(lambda: self.fetch(self._chosen()))
        top.addWidget(self.show_button)
        top.addStretch(1)
        self.print_button = QPushButton(self.tr("In kế hoạch (PDF)…"), self)
        self.print_button.clicked.connect(self.ask_pdf)
        self.print_button.setEnabled(False)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        self.heading = Label("", self)
        self.heading.setFont(self._bold(2))
        layout.addWidget(self.heading)
        self.summary = Label("", self)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 3 + 6)
        layout.addWidget(self.summary)
        middle = QHBoxLayout()
        self.chart = HourlyChart(self)
        self.chart.set_title(self.tr("Số phiếu dự kiến theo giờ"))
        self.chart.setMinimumWidth(380)
        middle.addWidget(self.chart, 2)
        self.arrivals = make_table(self, [""], stretch=0)
        middle.addWidget(self.arrivals, 3)
        layout.addLayout(middle, 3)
        self.plan_heading = Label(self.tr("Quầy phục vụ lĩnh vực nào trước, theo giờ"), self)
        self.plan_heading.setFont(self._bold(1))
        layout.addWidget(self.plan_heading)
        self.table = make_table(self, [""], stretch=0)
        layout.addWidget(self.table, 4)
        self.legend = Label(self.tr("Ô vàng: quầy đổi sang lĩnh vực khác lĩnh vực chính của quầy "
                                    "trong giờ đó. Ô xanh: cán bộ dự phòng ra quầy."), self)
        self.legend.setStyleSheet("color: #546e7a;")
        layout.addWidget(self.legend)
        self.reserves = Label("", self)
        layout.addWidget(self.reserves)
        self.message = Label("", self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Đóng"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(1180, 760)

    def _bold(self, larger: int) -> QFont:
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + larger)
        font.setBold(True)
        return font

    def _chosen(self) -> str:
        return self.day.date().toString("yyyy-MM-dd")

    # --- the hub -----------------------------------------------------------------------------
    def fetch(self, day: str | None = None) -> None:
        """Ask the hub for the plan of `day` (None: the hub's tomorrow)."""
        self.message.setText(self.tr("Đang lập kế hoạch…"))
        path = "/api/plan" + (f"?day={day}" if day else "")
        self.client.call(self, "GET", path, done=self.show_plan, failed=self._failed)

    def _failed(self, error: HubError) -> None:
        self.message.setText(error.message)

    def ask_pdf(self) -> None:
        if self.plan is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu kế hoạch ngày"), f"ke-hoach-{self.plan['day']}.pdf",
            self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> None:
        """The plan on A4 from the hub (the same numbers as on screen), saved to `path`."""
        def done(data: object) -> None:
            try:
                with open(path, "wb") as out:
                    out.write(data)
            except OSError as exc:
                self.message.setText(self.tr("Không lưu được kế hoạch: %1")
                                     .replace("%1", str(exc)))
                return
            self.message.setText(self.tr("Đã lưu kế hoạch vào %1 – mở tệp để in.")
                                 .replace("%1", path))
            self.sig_saved.emit(path)

        self.client.call(self, "GET", f"/api/plan?day={self.plan['day']}&format=pdf",
                         done=done, failed=self._failed, raw=True)

    # --- what the person sees ----------------------------------------------------------------
    def show_plan(self, plan: dict) -> None:
        self.plan = plan
        day = date.fromisoformat(plan["day"])
        self.day.setDate(QDate(day.year, day.month, day.day))
        kind = self.tr("ngày chi trả trợ cấp") if plan["payout_day"] else self.tr("ngày thường")
        self.heading.setText(self.tr("Kế hoạch ngày %1 (%2)").replace(
            "%1", day.strftime("%d/%m/%Y")).replace("%2", kind))
        self.message.setText("")
        self.print_button.setEnabled(True)
        if not plan["hours"]:
            self.summary.setText(self.tr("Trung tâm không làm việc ngày này."))
        elif not plan["history_days"]:
            self.summary.setText(self.tr("Chưa có số liệu các ngày cùng loại trước đó: kế "
                                         "hoạch giữ nguyên lĩnh vực các quầy."))
        else:
            self.summary.setText(self._summary(plan))
        self._fill_arrivals(plan)
        self._fill_plan(plan)
        self._fill_reserves(plan)
        self.sig_plan.emit(plan)

    def _summary(self, p: dict) -> str:
        """Three short lines (not one wrapped paragraph: its height is then known)."""
        met = self.tr("đạt") if p["meets_target"] else self.tr("chưa đạt")
        return "\n".join((
            self.tr("Dự kiến từ %1 ngày đã qua cùng loại. Số phiếu dự kiến: %2.")
            .replace("%1", str(len(p["history_days"])))
            .replace("%2", _n(sum(p["arrivals_by_group"].values()))),
            self.tr("Thời gian chờ trung bình dự kiến: %1 phút (mục tiêu %2 phút: %3). Nếu giữ "
                    "nguyên lĩnh vực các quầy, không cán bộ dự phòng: %4 phút.")
            .replace("%1", _n(p["expected_wait_min"])).replace("%2", _n(p["target_wait_min"]))
            .replace("%3", met).replace("%4", _n(p["static_wait_min"])),
            self.tr("Số giờ cán bộ dự phòng: %1. Số lần đổi lĩnh vực và gọi cán bộ dự phòng: %2.")
            .replace("%1", _n(p["reserve_hours"])).replace("%2", str(p["moves"]))))

    def _name(self, group: str) -> str:
        return self.names.get(group, group)

    def _fill_arrivals(self, p: dict) -> None:
        groups = p["groups"]
        t = self.arrivals
        t.setColumnCount(len(groups) + 2)
        t.setHorizontalHeaderLabels([self.tr("Giờ"), *map(self._name, groups), self.tr("Tổng")])
        t.setRowCount(len(p["hours"]))
        points = []
        for row, h in enumerate(p["hours"]):
            per = p["arrivals"].get(str(h), {})
            values = [f"{h}h", *[_n(per.get(g, 0)) for g in groups], _n(sum(per.values()))]
            for col, text in enumerate(values):
                t.setItem(row, col, self._item(text, right=col > 0))
            points.append({"hour": h, "issued": round(sum(per.values()))})
        self.chart.set_data(points)

    def _fill_plan(self, p: dict) -> None:
        own = {str(c["number"]): c["groups"] for c in p["counters"]}
        counter = self.tr("Quầy %1")
        reserve = self.tr("Cán bộ dự phòng %1")
        columns = [(str(c["number"]), counter.replace("%1", str(c["number"])))
                   for c in p["counters"]]
        columns += [(str(-1 - r["reserve"]), reserve.replace("%1", str(r["reserve"] + 1)))
                    for r in p["reserves"]]
        t = self.table
        t.setColumnCount(len(columns) + 1)
        t.setHorizontalHeaderLabels([self.tr("Giờ"), *[label for _, label in columns]])
        t.setRowCount(len(p["hours"]))
        for row, h in enumerate(p["hours"]):
            t.setItem(row, 0, self._item(f"{h}h"))
            skills = p["skills"].get(str(h), {})
            for col, (key, _) in enumerate(columns, start=1):
                chosen = skills.get(key)
                item = self._item(self._name(chosen[0]) if chosen else "")
                if chosen:
                    item.setToolTip(", ".join(map(self._name, chosen)))
                    if key.startswith("-"):
                        item.setBackground(RESERVE)
                    elif chosen != own.get(key):
                        item.setBackground(MOVED)
                t.setItem(row, col, item)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def _fill_reserves(self, p: dict) -> None:
        if not p["reserves"]:
            self.reserves.setText(self.tr("Không cần gọi cán bộ dự phòng.") if p["hours"] else "")
            return
        line = self.tr("Cán bộ dự phòng %1: gọi lúc %2, ra quầy %3h–%4h, lĩnh vực %5.")
        self.reserves.setText("\n".join(
            line.replace("%1", str(r["reserve"] + 1)).replace("%2", r["call_at"])
            .replace("%3", str(r["from_hour"])).replace("%4", str(r["to_hour"]))
            .replace("%5", ", ".join(map(self._name, r["groups"]))) for r in p["reserves"]))

    @staticmethod
    def _item(text: str, right: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

