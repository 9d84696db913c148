"""The admin window (`onestop admin`, or "Quản trị" in the launcher): officers, counters, the
ward's identity and hours, the catalogue, the stations, the booking slots and the holiday
calendar, each in a tab.
Every change is one hub call; every tab reloads when the feed reports a change of its kind,
whoever made it.

It needs an admin token: with another role the hub refuses GET /api/stations (403) and the
window says so in words instead of showing tabs that would refuse every change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from .admin_booking import BookingTab
from .admin_catalog import CatalogTab
from .admin_common import AdminTab, tint
from .admin_counters import CountersTab
from .admin_holidays import HolidaysTab
from .admin_officers import OfficersTab
from .admin_stations import StationsTab
from .admin_ward import WardTab
from .base import StationWindow
from .client import HubClient, HubError
from .plain import Label


class AdminWindow(StationWindow):
    def __init__(self, client: HubClient, settings=None, parent: QWidget | None = None) -> None:
        title = QCoreApplication.translate("AdminWindow", "Quản trị – onestop")
        super().__init__(client, title, parent)
        self.settings = settings
        self.allowed: bool | None = None  # None until the hub has answered
        self._points = 0
        self.body.setContentsMargins(12, 8, 12, 8)
        self.heading = Label(self)
        self.body.addWidget(self.heading)
        self.pages = QStackedWidget(self)
        self.tabs = QTabWidget(self)
        self.officers = OfficersTab(client, self.tabs)
        self.counters = CountersTab(client, self.tabs)
        self.ward = WardTab(client, self.tabs)
        self.catalog = CatalogTab(client, self.tabs)
        self.stations = StationsTab(client, self.tabs)
        self.booking = BookingTab(client, self.tabs)
        self.holidays = HolidaysTab(client, self.tabs)
        names = (self.tr("&1 Cán bộ"), self.tr("&2 Quầy"), self.tr("&3 Phường và giờ làm việc"),
                 self.tr("&4 Danh mục thủ tục"), self.tr("&5 Trạm và mã"), self.tr("&6 Đặt lịch"),
                 self.tr("&7 Ngày nghỉ"))
        for tab, name in zip(self.all_tabs(), names, strict=True):
            self.tabs.addTab(tab, name)
            tab.sig_loaded.connect(self._maybe_ready)
        # "&1 ..." in each tab's name: Alt+1..7 jump to a tab wherever the focus is.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self,
                  lambda: self.tabs.currentWidget().refresh() if self.allowed else None)
        self.refused = Label(self, wordWrap=True)
        self.refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tint(self.refused, "#b00020", bold=True)
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.refused)
        self.body.addWidget(self.pages, 1)
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self.check_role)  # and everything again after a lost hub
        client.sig_state.connect(self._on_state)
        self._show_heading()
        QTimer.singleShot(0, self.check_role)
        self.resize(1366, 768)

    def all_tabs(self) -> tuple[AdminTab, ...]:
        return (self.officers, self.counters, self.ward, self.catalog, self.stations,
                self.booking, self.holidays)

    # --- the role ----------------------------------------------------------------------------
    def check_role(self) -> None:
        """GET /api/stations answers only an admin; its answer also fills the stations tab."""
        self.client.call(self, "GET", "/api/stations", done=self._allowed,
                         failed=self._refused)

    def _allowed(self, answer: object) -> None:
        self.allowed = True
        self.pages.setCurrentWidget(self.tabs)
        self.stations._got(answer)
        for tab in self.all_tabs():
            if tab is not self.stations:
                tab.refresh()

    def _refused(self, error: HubError) -> None:
        if error.status in (401, 403):
            self.allowed = False
            self.refused.setText(self.tr(
                "Cửa sổ Quản trị cần mã trạm có quyền quản trị (admin). Mã của trạm này không có "
                "quyền đó: trên máy chủ, mở Quản trị từ trình khởi chạy, hoặc chạy onestop admin "
                "--pair MÃ với mã ghép nối loại Quản trị.") + "\n\n" + error.message)
            self.pages.setCurrentWidget(self.refused)
            self.mark_ready()
        else:  # the hub is away: the banner says so, and sig_online asks again
            self.stations.show_hub_error(error)

    # --- live --------------------------------------------------------------------------------
    def _on_event(self, event: dict) -> None:
        if not self.allowed:
            return
        kind = event.get("type", "")
        for tab in self.all_tabs():
            if tab.wants(kind):
                tab.refresh()

    def _on_state(self, state: dict) -> None:
        self._show_heading(state)

    def _show_heading(self, state: dict | None = None) -> None:
        ward = (state or self.client.state or {}).get("ward", {})
        name = ward.get(f"name_{self.client.language}") or ward.get("name_vi") or ""
        self.heading.setText(self.tr("Quản trị") + (f" – {name}" if name else ""))
        self.setWindowTitle(self.tr("Quản trị – onestop") + (f" – {name}" if name else ""))

    def _maybe_ready(self) -> None:
        if self.allowed and all(tab.loaded for tab in self.all_tabs()):
            self.mark_ready()

    # --- size --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # 11 pt on a 1366x768 laptop, up to 15 pt on a 1080p monitor.
        points = max(11, min(15, round(11 * self.height() / 768)))
        if points == self._points:
            return
        self._points = points
        font = QFont(self.font())
        font.setPointSize(points)
        self.setFont(font)  # the tabs' dialogs follow too (they are children)
        bold = QFont(font)
        bold.setPointSize(points + 5)
        bold.setBold(True)
        self.heading.setFont(bold)
        # QTabWidget keeps its tab bar's old width after a font change until it lays out
        # again; renaming a tab makes it do so now (else the tabs scroll behind arrows).
        self.tabs.setTabText(0, self.tabs.tabText(0))
        self.centralWidget().layout().activate()
