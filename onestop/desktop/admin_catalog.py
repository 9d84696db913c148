"""The admin window's catalogue: every procedure with its group, minutes and whether reception
offers it; enable/disable one, edit one (minutes, checklist, fee, result time and its working
days, from which due dates are counted), import a file
(the hub validates it with the catalogue parser; a bad file is refused with the entry and the
problem, and nothing changes) and export the effective catalogue to a file."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .admin_common import (
    AdminTab,
    fill_table,
    finish_form,
    make_table,
    selected_key,
    show_error,
)
from .client import HubClient, HubError
from .plain import Label

TEXTS = ("fee_vi", "fee_en", "result_vi", "result_en")


class ServiceDialog(QDialog):
    """One procedure's minutes, checklist (one line per document), fee and result time."""

    sig_done = Signal(dict)
    """The hub accepted the edit: its answer."""

    def __init__(self, client: HubClient, service: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.code = client, service["code"]
        self.setWindowTitle(self.tr("Sửa thủ tục %1").replace("%1", self.code))
        layout = QVBoxLayout(self)
        title = Label(service.get("name_vi", ""), self, wordWrap=True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        form = QFormLayout()
        self.minutes = QDoubleSpinBox(self)
        self.minutes.setRange(0.5, 480)
        self.minutes.setDecimals(1)
        self.minutes.setSingleStep(0.5)
        self.minutes.setValue(float(service.get("minutes", 5)))
        self.checklist = {}
        for lang in ("vi", "en"):
            edit = QPlainTextEdit("\n".join(service.get(f"checklist_{lang}", [])), self)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(90)
            self.checklist[lang] = edit
        self.texts = {name: QLineEdit(service.get(name) or "", self) for name in TEXTS}
        # The due date printed on the receipt counts these working days (docs/dossiers.md);
        # -1 shows "not set" for a procedure that has none yet (no dossier can be recorded).
        self.result_days = QSpinBox(self)
        self.result_days.setRange(-1, 365)
        self.result_days.setSpecialValueText(self.tr("Chưa đặt"))
        days = service.get("result_working_days")
        self.result_days.setValue(-1 if days is None else int(days))
        self.result_days.setSuffix(self.tr(" ngày làm việc (0 = trong ngày)"))
        rows = ((self.tr("Số &phút xử lý tại quầy"), self.minutes),
                (self.tr("Giấy tờ cần có (tiếng &Việt, mỗi dòng một mục)"), self.checklist["vi"]),
                (self.tr("Giấy tờ cần có (tiếng &Anh)"), self.checklist["en"]),
                (self.tr("&Lệ phí (tiếng Việt)"), self.texts["fee_vi"]),
                (self.tr("Lệ phí (tiếng Anh)"), self.texts["fee_en"]),
                (self.tr("&Thời hạn trả kết quả (tiếng Việt)"), self.texts["result_vi"]),
                (self.tr("Thời hạn trả kết quả (tiếng Anh)"), self.texts["result_en"]),
                (self.tr("Số &ngày làm việc trả kết quả (để tính hạn)"), self.result_days))
        for text, widget in rows:
            caption = Label(text, self, wordWrap=True)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        layout.addLayout(form)
        self.error = finish_form(self, layout)
        self.setMinimumWidth(640)
        self.minutes.setFocus()

    def body(self) -> dict:
        lines = {lang: [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
                 for lang, edit in self.checklist.items()}
        days = self.result_days.value()
        return {"minutes": self.minutes.value(), "checklist_vi": lines["vi"],
                "checklist_en": lines["en"],
                **{name: edit.text().strip() for name, edit in self.texts.items()},
                **({"result_working_days": days} if days >= 0 else {})}

    def submit(self) -> None:
        show_error(self.error, None)
        self.client.call(self, "PATCH", f"/api/catalog/services/{self.code}", self.body(),
                         done=self._done)

    def show_hub_error(self, error: HubError) -> None:
        show_error(self.error, error)

    def _done(self, answer: object) -> None:
        self.sig_done.emit(answer if isinstance(answer, dict) else {})
        self.accept()


class CatalogTab(AdminTab):
    EVENTS = ("catalog.",)
    sig_exported = Signal(str)
    """The catalogue was saved to this file."""

    def __init__(self, client: HubClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.catalog: dict = {}
        self.dialog: ServiceDialog | None = None
        self.version = Label(self)
        self.layout_.addWidget(self.version)
        self.table = make_table(self, [self.tr("Mã"), self.tr("Thủ tục"), self.tr("Lĩnh vực"),
                                       self.tr("Phút"), self.tr("Tiếp nhận")])
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self.open_dialog())
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.edit = QPushButton(self.tr("&Sửa thủ tục…"), self)
        self.toggle = QPushButton(self.tr("&Tắt thủ tục"), self)
        self.import_button = QPushButton(self.tr("&Nhập từ tệp…"), self)
        self.export_button = QPushButton(self.tr("&Xuất ra tệp…"), self)
        self.edit.clicked.connect(self.open_dialog)
        self.toggle.clicked.connect(self.toggle_selected)
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        for button in (self.edit, self.toggle):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.import_button, self.export_button):
            row.addWidget(button)
        self.layout_.addLayout(row)
        self.finish_layout()
        self._selection()

    def refresh(self) -> None:
        self.client.call(self, "GET", "/api/catalog", done=self._got)

    def _got(self, catalog: object) -> None:
        self.catalog = catalog if isinstance(catalog, dict) else {}
        key = f"name_{self.client.language}"
        groups = {g["id"]: g.get(key) or g["name_vi"] for g in self.catalog.get("groups", [])}
        services = self.catalog.get("services", [])
        locale = QLocale()
        rows = [[s["code"], s.get(key) or s["name_vi"], groups.get(s["group"], s["group"]),
                 locale.toString(float(s["minutes"]), "g", 4),
                 self.tr("Có") if s.get("enabled", True) else self.tr("Đã tắt")]
                for s in services]
        fill_table(self.table, rows, [s["code"] for s in services])
        self.version.setText(self.tr("Phiên bản danh mục: %1 · %2 thủ tục").replace(
            "%1", str(self.catalog.get("version", "–"))).replace("%2", str(len(services))))
        self._selection()
        self.sig_loaded.emit()

    def selected(self) -> dict | None:
        code = selected_key(self.table)
        return next((s for s in self.catalog.get("services", []) if s["code"] == code), None)

    def _selection(self) -> None:
        service = self.selected()
        self.edit.setEnabled(service is not None)
        self.toggle.setEnabled(service is not None)
        on = service is None or service.get("enabled", True)
        self.toggle.setText(self.tr("&Tắt thủ tục") if on else self.tr("&Bật thủ tục"))

    def open_dialog(self) -> ServiceDialog | None:
        service = self.selected()
        if service is None:
            return None
        self.dialog = ServiceDialog(self.client, service, self)
        self.dialog.sig_done.connect(lambda _a: self.accepted(
            self.tr("Đã lưu thủ tục %1.").replace("%1", service["code"])))
        self.dialog.open()
        return self.dialog

    def toggle_selected(self) -> None:
        service = self.selected()
        if service is None:
            return
        on = not service.get("enabled", True)
        text = (self.tr("Đã bật thủ tục %1.") if on else
                self.tr("Đã tắt thủ tục %1: tiếp nhận không cấp số cho thủ tục này nữa."))
        self.client.call(self, "PATCH", f"/api/catalog/services/{service['code']}",
                         {"enabled": on}, done=lambda _a: self.accepted(
                             text.replace("%1", service["code"])))

    # --- files -------------------------------------------------------------------------------
    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Nhập danh mục thủ tục"), "",
                                              self.tr("Danh mục JSON (*.json)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Send the file to the hub, which replaces the catalogue only when all of it is
        valid; a refusal names the entry and the problem."""
        try:
            body = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            show_error(self.error, self.tr("Không đọc được tệp %1: %2").replace(
                "%1", str(path)).replace("%2", str(getattr(exc, "strerror", None) or exc)))
            return
        except ValueError as exc:
            show_error(self.error, self.tr("Tệp %1 không phải JSON hợp lệ: %2").replace(
                "%1", Path(path).name).replace("%2", str(exc)))
            return
        if not isinstance(body, dict):
            show_error(self.error, self.tr("Tệp %1 không phải danh mục thủ tục.").replace(
                "%1", Path(path).name))
            return
        self.client.call(self, "PUT", "/api/catalog", body, done=lambda answer: self.accepted(
            self.tr("Đã nhập danh mục %1: %2 thủ tục.").replace(
                "%1", str((answer or {}).get("version", ""))).replace(
                "%2", str((answer or {}).get("services", "")))))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất danh mục thủ tục"),
                                              "catalog.json", self.tr("Danh mục JSON (*.json)"))
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        self.client.call(self, "GET", "/api/catalog/export", raw=True,
                         done=lambda data: self._save(Path(path), data))

    def _save(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            show_error(self.error, self.tr("Không ghi được tệp %1: %2").replace(
                "%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return
        show_error(self.error, None)
        self.status.setText(self.tr("Đã xuất danh mục ra %1.").replace("%1", str(path)))
        self.sig_exported.emit(str(path))
