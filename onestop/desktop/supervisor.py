"""The supervisor's window: live load per group and per counter, the day's numbers with a
tickets-per-hour chart, and the supervisor's actions (open / pause / close / re-skill a counter,
move a ticket, pairing codes for new stations).

Statistics come from `GET /api/stats`, fetched again when the hub pushes a change (at most one
fetch per 500 ms however busy the centre is) - never on a polling timer. Between pushes only the
"longest wait" keeps growing, so it is aged locally from the time of the last fetch.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from .admin_common import make_table
from .base import StationWindow
from .client import HubClient, HubError
from .dossier_board_dialog import DossierCounts
from .plain import Label, tooltip
from .supervisor_booking import BookingFigures
from .supervisor_dialogs import SupervisorDialogs
from .supervisor_dialogue import ward_time
from .supervisor_feedback import FeedbackAlert, FeedbackWindow
from .supervisor_widgets import (
    HourlyChart,
    NumberTile,
    SuggestionsPanel,
    minutes_text,
    table_item,
    wait_text,
)
from .sync_line import SyncLine

REFRESH_MS = 500  # pushed changes are gathered for this long into one stats fetch
AGE_MS = 20_000  # re-render (no network) so waits shown keep growing between pushes
LONG_WAIT_MINUTES = 30  # a wait shown in red: worth a look (reopen a counter, move tickets)
STATUS_COLOUR = {"open": "#2e7d32", "paused": "#ef6c00", "closed": "#78909c"}


class SupervisorWindow(SupervisorDialogs, StationWindow):
    sig_stats = Signal(dict)
    """Fresh statistics from the hub are on screen (the /api/stats answer)."""
    sig_report_saved = Signal(str)
    """The day's report (PDF, XLSX or CSV) was saved at this path."""

    def __init__(self, client: HubClient, settings=None, parent=None) -> None:
        title = QCoreApplication.translate("SupervisorWindow", "Giám sát – onestop")
        super().__init__(client, title, parent)
        self.settings = settings
        self.stats: dict | None = None
        self._fetched_at = 0.0
        self._in_flight = self._again = False
        self.dialog = None  # the dialog open now, if any (tests reach it here)
        self.headings: list[QLabel] = []
        self._points = 0
        self._build()
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.fetch_stats)
        self._age = QTimer(self, interval=AGE_MS)
        self._age.timeout.connect(self._render)
        self._age.start()
        client.sig_event.connect(self._schedule)
        client.sig_state.connect(self._on_state)
        client.sig_online.connect(self.fetch_stats)  # a fresh picture after a lost hub
        QTimer.singleShot(0, self.fetch_stats)
        self.resize(1366, 768)

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.body.setContentsMargins(6, 8, 6, 8)  # the tables need the width at 1366 px
        self.body.setSpacing(8)
        self.alert = FeedbackAlert(self.client, self)  # an unhappy rating, at once (issue 17)
        self.alert.clicked.connect(self.open_feedback)
        self.body.addWidget(self.alert)
        self.feedback: FeedbackWindow | None = None
        head = QHBoxLayout()
        self.title = Label(self.tr("Giám sát"), self)
        self.updated = Label("", self)
        self.updated.setStyleSheet("color: #546e7a;")
        head.addWidget(self.title, 1)
        self.booking = BookingFigures(self)  # booked vs walk-in waits (issue 16)
        head.addWidget(self.booking)
        head.addWidget(self.updated)
        self.body.addLayout(head)
        self.dossiers = DossierCounts(self.client, self, actions=True)  # the dossier board
        self.body.addWidget(self.dossiers)

        top = QHBoxLayout()
        left = QVBoxLayout()
        tiles = QGridLayout()
        self.tiles = {
            "issued": NumberTile(self.tr("Đã cấp số"), "#1565c0", self),
            "served": NumberTile(self.tr("Đã phục vụ"), "#2e7d32", self),
            "waiting": NumberTile(self.tr("Đang chờ"), "#ef6c00", self),
            "no_show": NumberTile(self.tr("Vắng mặt"), "#78909c", self),
        }
        for i, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, i // 2, i % 2)
        left.addLayout(tiles)
        self.chart = HourlyChart(self)
        self.chart.set_title(self.tr("Số đã cấp theo giờ"))
        left.addWidget(self.chart, 1)
        top.addLayout(left, 3)
        groups = QVBoxLayout()
        groups.addWidget(self._heading(self.tr("Theo lĩnh vực")))
        self.groups = make_table(self, stretch=0, headers=[
            self.tr("Lĩnh vực"), self.tr("Đang chờ"), self.tr("Chờ lâu nhất"),
            self.tr("Dự kiến chờ"), self.tr("Đã phục vụ"), self.tr("TG phục vụ TB")])
        groups.addWidget(self.groups)
        self.suggestions = SuggestionsPanel(self)  # under the chart: the table keeps its rows
        left.addWidget(self.suggestions)
        top.addLayout(groups, 6)
        self.body.addLayout(top, 5)

        self.body.addWidget(self._heading(self.tr("Theo quầy")))
        self.counters = make_table(self, stretch=0, headers=[
            self.tr("Quầy"), self.tr("Trạng thái"), self.tr("Cán bộ"), self.tr("Đang phục vụ"),
            self.tr("Đã phục vụ"), self.tr("TG phục vụ TB"), self.tr("Lĩnh vực"),
            self.tr("Làn nhanh")])
        header = self.counters.horizontalHeader()  # the fields' list takes what is left
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.counters.itemSelectionChanged.connect(self._enable_actions)
        self.body.addWidget(self.counters, 4)

        actions = QHBoxLayout()
        self.buttons = {}
        for key, text, shortcut, slot in (
            ("open", self.tr("Mở quầy"), "Ctrl+O", lambda: self.change_counter("open")),
            ("pause", self.tr("Tạm dừng"), "Ctrl+P", lambda: self.change_counter("pause")),
            ("close", self.tr("Đóng quầy"), "Ctrl+D", lambda: self.change_counter("close")),
            ("reskill", self.tr("Đổi lĩnh vực…"), "Ctrl+L", self.open_reskill),
            ("move", self.tr("Chuyển số…"), "Ctrl+M", self.open_move),
            ("pair", self.tr("Mã ghép nối…"), "Ctrl+G", self.open_pairing),
            ("feedback", self.tr("Góp ý, phản ánh…"), "Ctrl+F", self.open_feedback),
            ("plan", self.tr("Kế hoạch ngày mai…"), "Ctrl+K", self.open_plan),
            ("report", self.tr("Báo cáo ngày"), "Ctrl+R", self.ask_report),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(40)
            if shortcut:
                button.setShortcut(QKeySequence(shortcut))
                button.setToolTip(shortcut)
            if slot:
                button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
            if key == "reskill":
                actions.addSpacing(24)
        self.body.addLayout(actions)
        self.alert.count_on(self.buttons["feedback"])  # "Góp ý, phản ánh (3)…", red if overdue
        self.message = Label("", self)
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.sync_line = SyncLine(self.client, self)  # the link to central, own refresh
        self.body.addWidget(self.sync_line)
        self._enable_actions()

    # --- the day's report ------------------------------------------------------------------------
    def ask_report(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        day = (self.client.state or {}).get("day", "")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu báo cáo ngày"), f"bao-cao-{day}.pdf",
            self.tr("Báo cáo PDF (*.pdf);;Bảng tính Excel (*.xlsx);;Tệp CSV (*.csv)"))
        if path:
            self.save_report(path)

    def save_report(self, path: str) -> None:
        """Fetch today's report from the hub in the format the file name asks for."""
        fmt = path.rsplit(".", 1)[-1].lower() if "." in path else "pdf"
        fmt = fmt if fmt in ("pdf", "xlsx", "csv") else "pdf"

        def done(data: object) -> None:
            try:
                with open(path, "wb") as out:
                    out.write(data)
            except OSError as exc:
                self.message.setText(self.tr("Không lưu được báo cáo: {e}").format(e=exc))
                return
            self.message.setText(self.tr("Đã lưu báo cáo ngày vào {p}").format(p=path))
            self.sig_report_saved.emit(path)

        self.client.call(self, "GET", f"/api/report?format={fmt}", done=done, raw=True)

    def _heading(self, text: str) -> QLabel:
        self.headings.append(Label(text, self))
        return self.headings[-1]

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Text grows with the window: 11 pt on a 1366x768 laptop, 15 pt on a 1080p monitor
        # across the room, instead of a small table floating in empty space.
        points = max(11, min(16, round(11 * self.height() / 768)))
        if points != self._points:
            self._points = points
            self._apply_text_size(points)

    def _apply_text_size(self, points: int) -> None:
        def sized(size: int, bold: bool = False) -> QFont:
            font = QFont(self.font())
            font.setPointSize(size)
            font.setBold(bold)
            return font

        self.title.setFont(sized(points + 7, True))
        for label in self.headings:
            label.setFont(sized(points + 2, True))
        for table in (self.groups, self.counters):
            table.setFont(sized(points))
            # Room around the text (headers sized to contents otherwise touch the borders);
            # a styled header takes its font from the style sheet, not from setFont().
            table.setStyleSheet(
                f"QTableWidget::item {{ padding: 0 8px; }} QHeaderView::section {{ "
                f"padding: 4px 8px; background: #eceff1; border: none; font-weight: bold; "
                f"font-size: {points}pt; border-right: 1px solid #cfd8dc; "
                f"border-bottom: 1px solid #b0bec5; }}")
            table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.6))
        for tile in self.tiles.values():
            tile.set_text_size(points)
        self.chart.setFont(sized(points))
        for button in self.buttons.values():
            button.setFont(sized(points))
        self.message.setFont(sized(points))
        self.updated.setFont(sized(points))
        self.suggestions.set_text_size(sized(points, True), sized(points))
        self.booking.set_text_size(sized(points, True), sized(points))
        self.sync_line.label.setFont(sized(points))
        # The title takes the stretch; without a floor the time is squeezed to one letter.
        self.updated.setMinimumWidth(self.updated.fontMetrics().horizontalAdvance(
            self.tr("Cập nhật lúc %1").replace("%1", "00:00:00")) + 8)

    # --- data --------------------------------------------------------------------------------
    def _schedule(self, *_args) -> None:
        if not self._refresh.isActive():  # a burst of events starts one timer, not many
            self._refresh.start()

    def _on_state(self, state: dict) -> None:
        ward = state.get("ward", {}).get("name_vi" if self.client.language == "vi"
                                         else "name_en")
        if ward:
            self.title.setText(self.tr("Giám sát – %1").replace("%1", ward))
        self._render()  # labels and current numbers come from the state
        self._schedule()

    def fetch_stats(self) -> None:
        if self._in_flight:
            self._again = True  # a change arrived while asking: ask again when answered
            return
        self._in_flight = True
        self.client.call(self, "GET", "/api/stats", done=self._got_stats,
                         failed=self._failed_stats)

    def _got_stats(self, stats: object) -> None:
        self._in_flight = False
        self.stats, self._fetched_at = stats, time.monotonic()  # type: ignore[assignment]
        self._render()
        self.mark_ready()
        self.sig_stats.emit(self.stats)
        self.client.call(self, "GET", "/api/suggestions", done=lambda answer: (
            self.suggestions.set_items(answer.get("suggestions", []), self.client.language)))
        if self._again:
            self._again = False
            self._schedule()

    def _failed_stats(self, error: HubError) -> None:
        self._in_flight = self._again = False
        self.say(error.message, error=True)  # sig_online fetches again once the hub is back

    # --- rendering ---------------------------------------------------------------------------
    def _name(self, item: dict, key: str = "name") -> str:
        return item.get(f"{key}_{self.client.language}") or item.get(f"{key}_vi") or ""

    def group_names(self) -> list[tuple[str, str]]:
        return [(g["id"], self._name(g)) for g in (self.stats or {}).get("groups", [])]

    def counter_rows(self) -> list[dict]:
        """The counters with a label in the window's language (the state has both labels)."""
        live = {c["number"]: c for c in (self.client.state or {}).get("counters", [])}
        # The officer by full name (the state's officer_name), never by login.
        return [{**c, "label": (self._name(live[c["number"]], "label")
                                if c["number"] in live else None) or c.get("label_vi")
                 or self.tr("Quầy %1").replace("%1", str(c["number"])),
                 "officer_name": live.get(c["number"], {}).get("officer_name") or c["officer"]}
                for c in (self.stats or {}).get("counters", [])]

    def _render(self) -> None:
        stats = self.stats
        if not stats:
            return
        aged = (time.monotonic() - self._fetched_at) / 60
        for key, tile in self.tiles.items():
            tile.set_value(stats["totals"].get(key, 0))
        self.chart.set_data(stats["issued_by_hour"])
        self.booking.set_figures(stats.get("booking"))
        self.groups.setRowCount(len(stats["groups"]))
        for row, g in enumerate(stats["groups"]):
            longest = g["longest_wait_minutes"] + aged if g["waiting"] else None
            wait, why = wait_text(g["expected_wait"], self.client.language == "en") \
                if g["waiting"] else ("–", "")
            cells = [self._name(g), str(g["waiting"]), minutes_text(longest), wait,
                     str(g["served"]), minutes_text(g["mean_service_minutes"], 1)]
            for col, text in enumerate(cells):
                item = table_item(text, col > 0)
                if col == 3 and why:
                    item.setToolTip(tooltip(why))
                if col == 2 and longest is not None and longest >= LONG_WAIT_MINUTES:
                    item.setForeground(QColor("#b00020"))  # someone has waited too long
                self.groups.setItem(row, col, item)
        self._render_counters()
        self.updated.setText(self.tr("Cập nhật lúc %1").replace(  # the ward's clock, as
            "%1", ward_time(stats.get("now"), self.client, "%H:%M:%S")))  # every window

    def _render_counters(self) -> None:
        names = dict(self.group_names())
        numbers = {c["ticket"]["id"]: c["ticket"]["number"]
                   for c in (self.client.state or {}).get("counters", []) if c.get("ticket")}
        status_text = {"open": self.tr("Đang mở"), "paused": self.tr("Tạm dừng"),
                       "closed": self.tr("Đã đóng")}
        selected = self.selected_counter()
        rows = self.counter_rows()
        self.counters.setRowCount(len(rows))
        for row, c in enumerate(rows):
            # The number alone (full label as tooltip): the fields column says the rest.
            cells = [self.tr("Quầy %1").replace("%1", str(c["number"])),
                     status_text.get(c["status"], c["status"]),
                     c["officer_name"] or "–",
                     numbers.get(c["current"], "…") if c["current"] else "–", str(c["served"]),
                     minutes_text(c["mean_service_minutes"], 1),
                     "; ".join(names.get(s, s) for s in c["skills"]),  # names hold commas
                     self.tr("Có") if c["fast_lane"] else ""]
            for col, text in enumerate(cells):
                item = table_item(text, col in (4, 5))
                item.setData(Qt.ItemDataRole.UserRole, c["number"])
                if col == 0:
                    item.setToolTip(tooltip(c["label"]))
                if col == 1:
                    item.setForeground(QColor(STATUS_COLOUR.get(c["status"], "#263238")))
                self.counters.setItem(row, col, item)
            if c["number"] == selected:
                self.counters.selectRow(row)
        self._enable_actions()

    # --- actions -----------------------------------------------------------------------------
    def show_hub_error(self, error: HubError) -> None:
        self.say(error.message, error=True)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error
                                   else "color: #2e7d32;")
        self.message.setText(text)

    def select_counter(self, number: int) -> None:
        for row in range(self.counters.rowCount()):
            if self.counters.item(row, 0).data(Qt.ItemDataRole.UserRole) == number:
                self.counters.selectRow(row)

    def selected_counter(self) -> int | None:
        rows = self.counters.selectionModel().selectedRows()
        return self.counters.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) \
            if rows else None

    def _selected(self) -> dict | None:
        number = self.selected_counter()
        return next((c for c in self.counter_rows() if c["number"] == number), None)

    def _enable_actions(self) -> None:
        c = self._selected()
        for key in ("open", "pause", "close"):
            want = {"open": "open", "pause": "paused", "close": "closed"}[key]
            self.buttons[key].setEnabled(c is not None and c["status"] != want)
        self.buttons["reskill"].setEnabled(c is not None)
        self.buttons["move"].setEnabled(self.stats is not None)
        self.buttons["pair"].setEnabled(self.stats is not None)

    def change_counter(self, change: str) -> None:
        c = self._selected()
        if c is None:
            return
        done = {"open": self.tr("Đã mở %1."), "pause": self.tr("Đã tạm dừng %1."),
                "close": self.tr("Đã đóng %1.")}[change].replace("%1", c["label"])
        self.client.call(self, "POST", f"/api/counters/{c['number']}/{change}",
                         done=lambda _answer: self.say(done))
