"""The counter's two pickers: where to transfer the citizen (F8) and which parked citizen to
call back (F7). Both are keyboard-first: arrows choose, Enter confirms, Esc cancels. They are
opened with `open()` (not `exec()`), so the hub's events keep flowing while they are up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .counter_data import DeskCatalog
from .plain import Label


def _big(widget: QWidget, px: int = 18, bold: bool = False) -> QWidget:
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    for button in box.buttons():
        _big(button, 18, bold=True)
        button.setMinimumHeight(48)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class TransferDialog(QDialog):
    """Choose a group (lĩnh vực), and optionally one counter of that group."""

    def __init__(self, ticket: dict, catalog: DeskCatalog, counters: list[dict], own: int,
                 language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chuyển công dân"))
        self.setMinimumSize(560, 520)
        self._counters = [c for c in counters if c["number"] != own]
        self._language = language
        box = QVBoxLayout(self)
        box.addWidget(_big(Label(self.tr("Chuyển số {number} sang lĩnh vực:").format(
            number=ticket["number"])), 22, bold=True))
        self.groups = _big(QListWidget(), 19)
        current = ticket.get("group")
        for g in catalog.groups:
            name = catalog.group_name(g["id"])
            if g["id"] == current:
                name = self.tr("{name} (hiện tại)").format(name=name)
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, g["id"])
            self.groups.addItem(item)
        box.addWidget(self.groups, 1)
        box.addWidget(_big(Label(self.tr("Quầy nhận:")), 19, bold=True))
        self.counter = _big(QComboBox(), 18)
        self.counter.setMinimumHeight(44)
        box.addWidget(self.counter)
        box.addWidget(_big(Label(self.tr("Công dân giữ nguyên thứ tự theo giờ lấy số.")), 16))
        box.addWidget(_buttons(self, self.tr("Chuyển (Enter)"), self.tr("Hủy (Esc)")))
        self.groups.currentRowChanged.connect(self._fill_counters)
        others = [i for i, g in enumerate(catalog.groups) if g["id"] != current]
        self.groups.setCurrentRow(others[0] if others else 0)
        self.groups.setFocus()

    def _fill_counters(self, _row: int = 0) -> None:
        group = self.group()
        self.counter.clear()
        self.counter.addItem(self.tr("Bất kỳ quầy nào phục vụ lĩnh vực này"), None)
        for c in self._counters:
            if group in c.get("skills", []):
                label = c.get(f"label_{self._language}") or c.get("label_vi") or str(c["number"])
                self.counter.addItem(label, c["number"])

    def select_group(self, group_id: str) -> None:
        for row in range(self.groups.count()):
            if self.groups.item(row).data(Qt.ItemDataRole.UserRole) == group_id:
                self.groups.setCurrentRow(row)
                return
        raise KeyError(group_id)

    def select_counter(self, number: int | None) -> None:
        index = self.counter.findData(number)
        if index < 0:
            raise KeyError(number)
        self.counter.setCurrentIndex(index)

    def group(self) -> str:
        item = self.groups.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def choice(self) -> dict:
        body = {"to_group": self.group()}
        if self.counter.currentData() is not None:
            body["to_counter"] = int(self.counter.currentData())
        return body


class ParkedDialog(QDialog):
    """This counter's parked citizens; the chosen one is called back to the counter."""

    def __init__(self, tickets: list[dict], catalog: DeskCatalog,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gọi số tạm gác"))
        self.setMinimumSize(520, 400)
        box = QVBoxLayout(self)
        box.addWidget(_big(Label(self.tr("Chọn công dân đã quay lại:")), 22, bold=True))
        self.tickets = _big(QListWidget(), 20)
        for t in tickets:
            item = QListWidgetItem(f"{t['number']}  {catalog.service_name(t['service'])}")
            item.setData(Qt.ItemDataRole.UserRole, t["id"])
            self.tickets.addItem(item)
        self.tickets.setCurrentRow(0)
        self.tickets.itemActivated.connect(lambda _item: self.accept())
        box.addWidget(self.tickets, 1)
        box.addWidget(_buttons(self, self.tr("Gọi công dân này (Enter)"), self.tr("Hủy (Esc)")))
        self.tickets.setFocus()

    def select(self, ticket_id: str) -> None:
        for row in range(self.tickets.count()):
            if self.tickets.item(row).data(Qt.ItemDataRole.UserRole) == ticket_id:
                self.tickets.setCurrentRow(row)
                return
        raise KeyError(ticket_id)

    def chosen(self) -> str | None:
        item = self.tickets.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
