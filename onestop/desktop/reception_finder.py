"""Finding the procedure at reception: a search box with a live list for the keyboard, and
one big button per group (lĩnh vực) for touch, both ending in `sig_chosen`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from onestop.queue.catalog import Catalog, Service, public_code
from onestop.queue.search import search

from .plain import Label
from .reception_panels import GroupPad, section_title

RESULTS = 8


class ServiceFinder(QWidget):
    sig_chosen = Signal(str)
    """A service was chosen (Enter, a tap, or a group with one service); its code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.english = False
        self.group: str | None = None  # the group whose services are listed, if any
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section_title(self.tr("Tìm thủ tục – gõ không dấu cũng được")))
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Tên, từ khóa hoặc mã thủ tục"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_query)
        self.search_box.installEventFilter(self)
        layout.addWidget(self.search_box)
        self.caption = Label(self)
        self.caption.setObjectName("listCaption")
        layout.addWidget(self.caption)
        self.results = QListWidget(self)
        self.results.setObjectName("results")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemClicked.connect(self._choose_item)
        self.results.itemActivated.connect(self._choose_item)
        layout.addWidget(self.results, 1)
        layout.addWidget(section_title(self.tr("Lĩnh vực")))
        self.groups = GroupPad(self)
        self.groups.sig_group.connect(self.show_group)
        layout.addWidget(self.groups)
        self._on_query("")

    def set_catalog(self, catalog: Catalog, english: bool) -> None:
        self.catalog, self.english = catalog, english
        self.groups.set_groups([(g.id, self.name(g)) for g in catalog.groups])
        self._on_query(self.search_box.text())

    def name(self, item) -> str:
        return item.name_en if self.english else item.name_vi

    def clear(self) -> None:
        """Back to an empty search listing every procedure."""
        self.group = None
        self.search_box.clear()
        self._on_query("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """↑/↓ in the search box move through the results and Enter chooses, so the hands
        never leave the typing position."""
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            rows = self.results.count()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and rows:
                step = 1 if key == Qt.Key.Key_Down else -1
                self.results.setCurrentRow(min(max(self.results.currentRow() + step, 0),
                                               rows - 1))
                return True
            if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                    and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                item = self.results.currentItem()
                if item is not None:
                    self._choose_item(item)
                return True
        return super().eventFilter(watched, event)

    def _on_query(self, text: str) -> None:
        if self.catalog is None:
            self._fill([], self.tr("Đang tải danh mục thủ tục…"))
        elif text.strip():
            self.group = None
            found = search(self.catalog, text, RESULTS)
            self._fill(found, self.tr("Kết quả tìm kiếm") if found
                       else self.tr("Không tìm thấy thủ tục nào – thử từ khác hoặc chọn lĩnh vực"))
        elif self.group is not None:
            self.show_group(self.group)
        else:
            self._fill(list(self.catalog.services), self.tr("Tất cả thủ tục"))

    def show_group(self, group_id: str) -> None:
        """A group button: list its services; a group with one service chooses it at once."""
        if self.catalog is None:
            return
        self.group = group_id
        if self.search_box.text():
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
        services = list(self.catalog.services_in(group_id))
        self._fill(services, self.tr("Lĩnh vực {name}").format(
            name=self.name(self.catalog.group(group_id))))
        if len(services) == 1:
            self.sig_chosen.emit(services[0].code)

    def _fill(self, services: list[Service], caption: str) -> None:
        self.caption.setText(caption)
        self.results.clear()
        for service in services:
            group = self.name(self.catalog.group(service.group)) if self.catalog else ""
            shown = " · ".join(x for x in (group, public_code(service.code)) if x)
            item = QListWidgetItem(f"{self.name(service)}\n{shown}")
            item.setData(Qt.ItemDataRole.UserRole, service.code)
            self.results.addItem(item)
        if services:
            self.results.setCurrentRow(0)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.sig_chosen.emit(item.data(Qt.ItemDataRole.UserRole))


def offered(data: object) -> object:
    """The hub flags each service `enabled` (and `edited`) for the admin window; reception
    offers only the enabled ones (the hub refuses a ticket for the others), as a catalogue the
    parser knows."""
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        return data
    services = [{k: v for k, v in s.items() if k not in ("enabled", "edited")}
                if isinstance(s, dict) else s for s in data["services"]
                if not (isinstance(s, dict) and s.get("enabled") is False)]
    return {**data, "services": services}
