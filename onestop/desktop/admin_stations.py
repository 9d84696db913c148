"""The admin window's stations: every paired station and token with its role, counter and last
contact; revoke one (a lost or replaced PC); a new pairing code with its QR (the supervisor's
pairing dialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from .admin_common import AdminTab, confirm, fill_table, make_table, selected_key, when
from .client import HubClient
from .supervisor_dialogs import PairingDialog


class StationsTab(AdminTab):
    # A redeemed pairing code or a station's last contact is no event: "Tải lại" (F5) asks.
    EVENTS = ("station.", "counter.added", "counter.removed", "setup.")

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.stations: list[dict] = []
        self.dialog: PairingDialog | None = None
        self.ask = confirm  # replaced in tests
        self.table = make_table(self, [self.tr("Tên trạm"), self.tr("Loại"), self.tr("Quầy"),
                                       self.tr("Tạo lúc"), self.tr("Liên lạc gần nhất"),
                                       self.tr("Thu hồi lúc")], stretch=0)
        self.table.itemSelectionChanged.connect(self._selection)
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.pair = QPushButton(self.tr("&Mã ghép nối mới…"), self)
        self.revoke = QPushButton(self.tr("&Thu hồi mã trạm"), self)
        self.reload = QPushButton(self.tr("Tải &lại"), self)
        self.reload.setToolTip("F5")
        self.reload.clicked.connect(self.refresh)
        self.show_revoked = QCheckBox(self.tr("Hiện cả trạm đã thu hồi"), self)
        self.show_revoked.toggled.connect(lambda: self._show())
        self.pair.clicked.connect(self.open_pairing)
        self.revoke.clicked.connect(self.revoke_selected)
        row.addWidget(self.pair)
        row.addWidget(self.revoke)
        row.addWidget(self.reload)
        row.addStretch(1)
        row.addWidget(self.show_revoked)
        self.layout_.addLayout(row)
        self.finish_layout()
        self._selection()

    def role_name(self, role: str) -> str:
        return {"reception": self.tr("Tiếp nhận"), "counter": self.tr("Quầy"),
                "display": self.tr("Màn hình phòng chờ"), "supervisor": self.tr("Giám sát"),
                "admin": self.tr("Quản trị"),
                "kiosk": self.tr("Ki-ốt tự phục vụ")}.get(role, role)

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/stations", done=self._got)

    def _got(self, answer: object) -> None:
        if isinstance(answer, dict):
            answer = answer.get("stations", [])
        self.stations = answer if isinstance(answer, list) else []
        self._show()
        self.sig_loaded.emit()

    def _show(self) -> None:
        shown = [s for s in self.stations if self.show_revoked.isChecked()
                 or not s.get("revoked_at")]
        rows = [[s.get("name") or s["id"][:8], self.role_name(s.get("role", "")),
                 str(s["counter"]) if s.get("counter") else "", when(s.get("created_at")),
                 when(s.get("last_seen_at")), when(s.get("revoked_at"))
                 if s.get("revoked_at") else ""] for s in shown]
        fill_table(self.table, rows, [s["id"] for s in shown])
        self._selection()

    def selected(self) -> dict | None:
        key = selected_key(self.table)
        return next((s for s in self.stations if s["id"] == key), None)

    def _selection(self) -> None:
        station = self.selected()
        self.revoke.setEnabled(station is not None and not station.get("revoked_at"))

    def revoke_selected(self) -> None:
        station = self.selected()
        if station is None or station.get("revoked_at"):
            return
        name = station.get("name") or station["id"][:8]
        text = self.tr("Thu hồi mã của trạm “%1”? Máy đó phải ghép nối lại mới dùng được.")
        if not self.ask(self, self.tr("Thu hồi mã trạm?"), text.replace("%1", name),
                        self.tr("&Thu hồi")):
            return
        self.client.call(self, "POST", f"/api/stations/{station['id']}/revoke",
                         done=lambda _a: self.accepted(
                             self.tr("Đã thu hồi mã của trạm “%1”.").replace("%1", name)))

    def open_pairing(self) -> PairingDialog:
        state = self.client.state or {}
        counters = [{"number": c["number"], "label": c.get(f"label_{self.client.language}")
                     or c["label_vi"]} for c in state.get("counters", [])]
        self.dialog = PairingDialog(self.client, counters, state.get("timezone"), self)
        self.dialog.sig_done.connect(lambda _a: self.refresh())
        self.dialog.open()
        return self.dialog
