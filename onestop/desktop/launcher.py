"""The launcher of single-PC mode (`onestop` with no command): the hub runs in this process and
every station window opens from here, each with its own hub connection and the local token
from `<data>/local-stations.json`, exactly as it would on its own PC.

It also shows what IT staff need to grow past one PC: the address other PCs use (with a QR),
the data folder, the sync state, and the language. Closing it stops the hub, so it asks first.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.settings import Settings, save_settings

from .client import HubClient, HubError
from .launcher_parts import StationButtons, sync_text
from .launcher_setup import FirstRunSetup
from .launcher_tokens import LocalTokens
from .plain import Label
from .qr import qr_pixmap
from .qtapp import application, install_language
from .station import build_window

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))
HEALTH_MS = 30_000  # the sync worker pushes no event, so its state is asked for now and then


class LauncherWindow(FirstRunSetup, QMainWindow):
    sig_ready = Signal()
    """The hub answered: counters and sync state are on screen (emitted once)."""
    sig_opened = Signal(str, object)
    """A station window opened: its key ("reception", "counter2", ...) and the window."""
    sig_closed = Signal()
    """The launcher closed: single-PC mode stops the hub."""
    sig_setup = Signal(object)
    """The first-run set-up opened (the SetupDialog), because the hub says it is needed."""
    sig_setup_checked = Signal(bool)
    """The hub answered whether the first-run set-up is needed (True: it opens)."""

    def __init__(self, hub_url: str, tokens: dict[str, str], settings: Settings, *,
                 lan_url: str | None = None, lan_open: bool = False,
                 confirm_close: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub_url, self.tokens, self.settings = hub_url, tokens, settings
        self.lan_url = lan_url or hub_url
        self.lan_open, self.confirm_close = lan_open, confirm_close
        self.stations: dict[str, QMainWindow] = {}
        self.state: dict | None = None
        self.health: dict | None = None
        self._ready = False
        self._sized: list[tuple[QWidget, int, bool, str | None]] = []
        self._points = 0
        # The launcher reads state and health with the supervisor's local token.
        self.client = HubClient(hub_url, tokens.get("supervisor") or next(iter(tokens.values())),
                                language=settings.language, parent=self)
        # The local admin token: first-run set-up, and tokens for counters added later.
        self.admin = HubClient(hub_url, tokens["admin"], language=settings.language,
                               parent=self) if tokens.get("admin") else None
        self.local_tokens = LocalTokens(self.admin, tokens, settings.data_dir, self) \
            if self.admin else None
        self.setup = None  # the first-run set-up dialog while it is open
        self._build()
        self.client.sig_state.connect(self._on_state)
        self.client.sig_online.connect(self.fetch_health)
        self.client.sig_online.connect(lambda: self._set_hub_line(True))
        self.client.sig_offline.connect(lambda _why: self._set_hub_line(False))
        self._health_timer = QTimer(self, interval=HEALTH_MS)
        self._health_timer.timeout.connect(self.fetch_health)
        self._health_timer.start()
        self.retranslate()
        self.client.start()
        if self.admin is not None:
            self.admin.call(self, "GET", "/api/setup", done=self._got_setup)
        self.resize(1024, 720)

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        self.title = Label(central)
        self._size(self.title, 9, bold=True)
        self.subtitle = Label(central)
        self.subtitle.setWordWrap(True)
        self._size(self.subtitle, 0)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)

        self.windows_box = QGroupBox(central)
        self._size(self.windows_box, 2, bold=True)
        self.buttons = StationButtons(self.windows_box)
        self.buttons.sig_open.connect(lambda key: self.open_station(key))
        QVBoxLayout(self.windows_box).addWidget(self.buttons)
        outer.addWidget(self.windows_box)

        row = QHBoxLayout()
        self.lan_box = QGroupBox(central)
        self._size(self.lan_box, 2, bold=True)
        lan = QGridLayout(self.lan_box)
        self.qr = Label(self.lan_box)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address = Label(self.lan_url, self.lan_box)
        self._size(self.address, 7, bold=True, family="DejaVu Sans Mono")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lan_note = Label(self.lan_box)
        self.lan_note.setWordWrap(True)
        self._size(self.lan_note, 0)
        self.lan_switch = QCheckBox(self.lan_box)
        self._size(self.lan_switch, 0)
        self.lan_switch.setChecked(self.settings.hub_host not in ("127.0.0.1", "localhost"))
        self.lan_switch.toggled.connect(self._save_lan)
        lan.addWidget(self.qr, 0, 0, 4, 1, Qt.AlignmentFlag.AlignTop)
        lan.addWidget(self.address, 0, 1)
        lan.addWidget(self.lan_note, 1, 1)
        lan.addWidget(self.lan_switch, 2, 1)
        lan.setColumnStretch(1, 1)
        lan.setRowStretch(3, 1)  # text stays next to the QR, not spread down the box
        lan.setHorizontalSpacing(16)
        row.addWidget(self.lan_box, 3)

        self.data_box = QGroupBox(central)
        self._size(self.data_box, 2, bold=True)
        data = QVBoxLayout(self.data_box)
        self.folder_caption, self.sync_caption = Label(self.data_box), Label(self.data_box)
        self.folder = Label(str(self.settings.data_dir), self.data_box)
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.data_box)
        self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.settings.data_dir))))
        self.sync = Label(self.data_box)
        self.sync.setWordWrap(True)
        self.hub_line = Label(self.data_box)
        self.language_caption = Label(self.data_box)
        self.language = QComboBox(self.data_box)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        self.language.currentIndexChanged.connect(
            lambda: self.set_language(self.language.currentData()))
        for w in (self.folder_caption, self.folder, self.open_folder, self.sync_caption,
                  self.sync, self.hub_line, self.language_caption, self.language):
            self._size(w, 0, bold=w in (self.folder_caption, self.sync_caption,
                                        self.language_caption))
            data.addWidget(w)
        row.addWidget(self.data_box, 2)
        outer.addLayout(row)
        self.message = Label(central)
        self.message.setWordWrap(True)
        self._size(self.message, 0)
        outer.addWidget(self.message)
        outer.addStretch(1)
        self.setCentralWidget(central)

    def _size(self, widget: QWidget, offset: int, bold: bool = False,
              family: str | None = None) -> None:
        """Remember a widget's text size relative to the window's base size."""
        self._sized.append((widget, offset, bold, family))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Text and QR grow with the window: 11 pt on a 1366x768 laptop, 15 pt full screen on
        # a 1080p monitor, instead of small text in a large empty window.
        points = max(11, min(16, round(11 * self.height() / 768)))
        if points == self._points:
            return
        self._points = points
        for widget, offset, bold, family in self._sized:
            font = QFont(family) if family else QFont(self.font())
            font.setPointSize(points + offset)
            font.setBold(bold)
            widget.setFont(font)
        self.buttons.set_text_size(points + 2)
        if self.setup is not None:
            self._size_setup()
        side = round(180 * points / 11)
        self.qr.setPixmap(qr_pixmap(self.lan_url, side))
        self.qr.setFixedSize(side + 10, side + 10)
        self.centralWidget().layout().activate()  # lay out with the new sizes right away

    def retranslate(self) -> None:
        """Every visible text, again: called at start and after a language switch."""
        self.setWindowTitle(self.tr("onestop – Trình khởi chạy"))
        ward = (self.state or {}).get("ward", {})
        name = ward.get(f"name_{self.settings.language}") or ward.get("name_vi") \
            or self.settings.ward_name
        self.title.setText(f"onestop – {name}")
        self.subtitle.setText(self.tr("Chế độ một máy: máy chủ (hub) chạy ngay trên máy này. "
                                      "Đóng cửa sổ này sẽ dừng máy chủ."))
        self.windows_box.setTitle(self.tr("Mở cửa sổ trạm"))
        self.buttons.retranslate(self._counters())
        self.lan_box.setTitle(self.tr("Kết nối máy khác"))
        self.lan_note.setStyleSheet("" if self.lan_open else "color: #b45309;")
        if self.lan_open:
            self.lan_note.setText(self.tr("Máy khác trong mạng dùng địa chỉ này (quét mã QR). "
                                          "Ghép nối trạm mới bằng mã tạo trong cửa sổ Giám sát."))
        else:
            self.lan_note.setText(self.tr("Hiện chỉ máy này kết nối được (127.0.0.1). Bật tùy "
                                          "chọn dưới đây rồi khởi động lại onestop để máy khác "
                                          "trong mạng dùng địa chỉ này."))
        self.lan_switch.setText(self.tr("Cho phép máy khác trong mạng kết nối"))
        self.data_box.setTitle(self.tr("Dữ liệu và đồng bộ"))
        self.folder_caption.setText(self.tr("Thư mục dữ liệu"))
        self.open_folder.setText(self.tr("Mở thư mục"))
        self.sync_caption.setText(self.tr("Đồng bộ với máy chủ trung tâm"))
        self.language_caption.setText(self.tr("Ngôn ngữ"))
        self._set_hub_line(self.client.online)
        self._show_sync()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- hub data ----------------------------------------------------------------------------
    def _counters(self) -> list[tuple[int, str]]:
        key = f"label_{self.settings.language}"
        return [(c["number"], c.get(key) or c.get("label_vi") or str(c["number"]))
                for c in (self.state or {}).get("counters", [])]

    def _on_state(self, state: dict) -> None:
        changed = self.state is None or [c["number"] for c in self.state["counters"]] != [
            c["number"] for c in state["counters"]] or self.state.get("ward") != state.get("ward")
        self.state = state
        if self.local_tokens is not None:
            self.local_tokens.follow([c["number"] for c in state["counters"]])
        if changed:
            self.retranslate()
        self._maybe_ready()

    def fetch_health(self) -> None:
        self.client.call(self, "GET", "/api/health", done=self._got_health,
                         failed=lambda error: self.sync.setText(error.message))

    def _got_health(self, health: object) -> None:
        self.health = health if isinstance(health, dict) else {}
        self._show_sync()
        self._maybe_ready()

    def _show_sync(self) -> None:
        if self.health is not None:
            self.sync.setText(sync_text(self.health.get("sync") or {}))

    def _set_hub_line(self, online: bool) -> None:
        self.hub_line.setStyleSheet("color: #2e7d32;" if online else "color: #b00020;")
        self.hub_line.setText(self.tr("Máy chủ (hub): đang chạy tại %1").replace(
            "%1", self.hub_url) if online else self.tr("Máy chủ (hub): mất kết nối – đang "
                                                       "kết nối lại…"))

    def _maybe_ready(self) -> None:
        if not self._ready and self.state is not None and self.health is not None:
            self._ready = True
            self.sig_ready.emit()

    # --- actions -----------------------------------------------------------------------------
    def open_station(self, key: str) -> QMainWindow | None:
        """Open (or bring forward) the station window for `key`: reception, display,
        supervisor or counter<N>."""
        if key in self.stations:
            window = self.stations[key]
            window.showNormal()
            window.raise_()
            window.activateWindow()
            return window
        # The supervisor opened from this PC is the centre's admin (the person at the hub PC
        # owns the data folder anyway): it may also pair supervisor and admin stations.
        token = self.tokens.get("admin") if key in ("supervisor", "admin") else None
        token = token or self.tokens.get(key)
        if not token and self.local_tokens is not None and key in self.local_tokens.pending:
            self.say(self.tr("Đang tạo mã trạm cho quầy mới, thử lại sau giây lát."))
            return None
        if not token:
            self.say(self.tr("Không có mã trạm cho %1 trong thư mục dữ liệu.").replace("%1", key))
            return None
        role, number = (("counter", int(key[7:])) if key.startswith("counter") else (key, None))
        client = HubClient(self.hub_url, token, language=self.settings.language)
        options = {"number": number} if role == "counter" else {}
        try:
            window = build_window(role, client, settings=self.settings, **options)
        except ImportError:
            client.deleteLater()
            self.say(self.tr("Cửa sổ này chưa có trong phiên bản này."))
            return None
        client.setParent(window)  # the connection lives and dies with its window
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: self.stations.pop(key, None))
        self.stations[key] = window
        if getattr(window, "live_events", True):  # a kiosk may not follow the queue
            client.start()
        window.show()
        self.sig_opened.emit(key, window)
        return window

    def show_hub_error(self, error: HubError) -> None:
        self.say(error.message)  # HubClient.call's default for errors nobody handles

    def say(self, text: str) -> None:
        self.message.setText(text)

    def set_language(self, language: str) -> None:
        if language == self.settings.language:
            return
        self.settings = dataclasses.replace(self.settings, language=language)
        save_settings(self.settings)
        self.client.language = language
        install_language(application(language), language)  # sends LanguageChange to widgets
        self.retranslate()
        self.say(self.tr("Đã lưu ngôn ngữ. Cửa sổ trạm mở từ bây giờ dùng ngôn ngữ mới."))

    def _save_lan(self, allow: bool) -> None:
        self.settings = dataclasses.replace(self.settings,
                                            hub_host="0.0.0.0" if allow else "127.0.0.1")
        save_settings(self.settings)
        self.say(self.tr("Đã lưu. Khởi động lại onestop để áp dụng."))

    def close_stations(self) -> None:
        """Every station window opened from here goes, even one that would rather stay (a
        counter's compact strip answers a close by coming back): hidden and deleted."""
        for key, window in list(self.stations.items()):
            window.close()
            if window.isVisible():
                window.hide()
            window.deleteLater()
            self.stations.pop(key, None)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.confirm_close and not self._really_stop():
            event.ignore()
            return
        self.close_stations()
        if self.setup is not None:
            self.setup.reject()
        self.client.stop()
        self._health_timer.stop()
        event.accept()
        self.sig_closed.emit()

    def _really_stop(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Dừng onestop?"),
                          self.tr("Đóng trình khởi chạy sẽ dừng máy chủ (hub) và mọi cửa sổ "
                                  "trạm, kể cả các máy khác đang kết nối. Tiếp tục?"),
                          parent=self)
        # Own button texts: Qt ships no Vietnamese for its standard Yes/No.
        stop = box.addButton(self.tr("Dừng onestop"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("Tiếp tục chạy"),
                                           QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is stop

    def quit_now(self) -> None:
        """Ctrl+C or a stop signal in the terminal: close without asking."""
        self.confirm_close = False
        self.close()
