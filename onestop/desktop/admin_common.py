"""Pieces shared by the first-run set-up and the admin window: the error line, OK/Cancel in
Vietnamese, the PIN rule in words, a two-field PIN entry, and the ordered skills picker.

Every hub refusal arrives as a HubError whose `message` is already in the window's language;
`field_for(error)` tells which input it is about, so the message can sit next to that input.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .client import HubError
from .plain import Label

# Which input a refusal is about (the hub's error codes, docs/administration.md).
FIELDS = {"invalid_username": "username", "officer_exists": "username",
          "invalid_pin": "pin", "invalid_name": "name", "unknown_skill": "skills",
          "invalid_skills": "skills", "counter_exists": "number", "invalid_counter": "number",
          "invalid_label": "label", "invalid_ward": "ward"}


def tr(text: str) -> str:
    return QCoreApplication.translate("AdminCommon", text)


def field_for(error: HubError) -> str | None:
    return FIELDS.get(error.code)


def tint(widget: QWidget, colour: str, bold: bool = False) -> None:
    """Colour (and bold) a widget's text through its palette and a bold-only font, not a
    style sheet: the text keeps following the window's size when it grows on a big screen."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)
    if bold:
        font = QFont()
        font.setBold(True)  # only the weight is set: the size still comes from the parent
        widget.setFont(font)


def error_label(parent: QWidget) -> QLabel:
    """A red line under an input or a form, hidden while there is nothing to say."""
    label = Label(parent)
    tint(label, "#b00020", bold=True)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, error: HubError | str | None) -> None:
    text = error.message if isinstance(error, HubError) else (error or "")
    label.setText(text)
    label.setVisible(bool(text))


def ok_cancel(parent: QWidget, ok_text: str | None = None) -> QDialogButtonBox:
    """OK / Cancel in the window's language (Qt ships no Vietnamese for its own)."""
    box = QDialogButtonBox(parent)
    box.addButton(QDialogButtonBox.StandardButton.Ok).setText(ok_text or tr("&Đồng ý"))
    box.addButton(QDialogButtonBox.StandardButton.Cancel).setText(tr("&Hủy"))
    return box


def finish_form(dialog: QWidget, layout) -> QLabel:
    """The error line and OK/Cancel under a dialog's form (OK calls `dialog.submit`); returns
    the error line."""
    error = error_label(dialog)
    layout.addWidget(error)
    buttons = ok_cancel(dialog)
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Ask before something that cannot be undone; "No" is the default (Enter keeps it)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(tr("Không"), QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is ok


def pin_rule_text(rule: dict | None) -> str:
    """'Mã PIN gồm 6 đến 12 chữ số.' from GET /api/officers' `pin`."""
    if not rule:
        return ""
    low, high = rule.get("min_length"), rule.get("max_length")
    if low == high:
        return tr("Mã PIN gồm đúng %1 chữ số.").replace("%1", str(low))
    return tr("Mã PIN gồm %1 đến %2 chữ số.").replace("%1", str(low)).replace("%2", str(high))


def pin_problem(pin: str, again: str, rule: dict | None) -> str | None:
    """What is wrong with a PIN typed twice, before asking the hub (which checks again)."""
    if not pin:
        return tr("Nhập mã PIN.")
    if not pin.isdigit():
        return tr("Mã PIN chỉ gồm chữ số.")
    if rule and not rule.get("min_length", 0) <= len(pin) <= rule.get("max_length", 99):
        return pin_rule_text(rule)
    if pin != again:
        return tr("Hai lần nhập mã PIN không khớp.")
    return None


class PinFields(QObject):
    """The PIN typed twice, hidden, with the rule under it and the PIN's own error line, as
    rows of the caller's form (aligned with its other inputs)."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        super().__init__(parent)
        self.rule: dict | None = None
        self.pin, self.again = QLineEdit(parent), QLineEdit(parent)
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
        self.pin_caption = Label(tr("Mã &PIN"), parent)
        self.pin_caption.setBuddy(self.pin)
        self.again_caption = Label(tr("Nhập &lại mã PIN"), parent)
        self.again_caption.setBuddy(self.again)
        self.rule_label = Label(parent)
        tint(self.rule_label, "#546e7a")
        self.rule_label.setWordWrap(True)
        self.error = error_label(parent)
        form.addRow(self.pin_caption, self.pin)
        form.addRow(self.again_caption, self.again)
        form.addRow("", self.rule_label)
        form.addRow("", self.error)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.pin, self.again, self.pin_caption, self.again_caption,
                       self.rule_label):
            widget.setVisible(visible)

    def set_rule(self, rule: dict | None) -> None:
        self.rule = rule
        self.rule_label.setText(pin_rule_text(rule))

    def problem(self) -> str | None:
        return pin_problem(self.pin.text(), self.again.text(), self.rule)

    def value(self) -> str:
        return self.pin.text()


class SkillsPicker(QWidget):
    """The groups a counter serves, ticked, in order (the first is its main group). Space ticks
    the current group; Alt+Up / Alt+Down (or the buttons) move it."""

    sig_changed = Signal()
    """The ticked groups or their order changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.itemChanged.connect(lambda _item: self.sig_changed.emit())
        self.list.installEventFilter(self)
        moves = QVBoxLayout()
        self.up, self.down = QPushButton(tr("Lên"), self), QPushButton(tr("Xuống"), self)
        self.up.setToolTip(tr("Alt+Mũi tên lên"))
        self.down.setToolTip(tr("Alt+Mũi tên xuống"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        row.addWidget(self.list, 1)
        row.addLayout(moves)
        self.setFocusProxy(self.list)

    def set_groups(self, groups: list[tuple[str, str]], skills: list[str]) -> None:
        """Show every group; the counter's skills first, ticked, in their order."""
        names = dict(groups)
        ordered = [g for g in skills if g in names] + [g for g, _ in groups if g not in skills]
        self.list.blockSignals(True)
        self.list.clear()
        for gid in ordered:
            item = QListWidgetItem(names[gid], self.list)
            item.setData(Qt.ItemDataRole.UserRole, gid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if gid in skills else Qt.CheckState.Unchecked)
        self.list.setCurrentRow(0)
        self.list.blockSignals(False)

    def skills(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)
        self.sig_changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.list and event.type() == QEvent.Type.KeyPress \
                and event.modifiers() & Qt.KeyboardModifier.AltModifier \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)


def group_names(catalog: dict | None, language: str) -> list[tuple[str, str]]:
    """[(group id, name in the window's language)] from GET /api/catalog."""
    key = f"name_{language}"
    return [(g["id"], g.get(key) or g["name_vi"]) for g in (catalog or {}).get("groups", [])]


def make_table(parent: QWidget, headers: list[str], stretch: int = 1) -> QTableWidget:
    """A read-only table, one row selected at a time, column `stretch` taking the room."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], keys: list[object]) -> None:
    """Replace the rows, keeping the selected key selected (a live refresh must not move the
    person's place)."""
    selected = selected_key(table)
    table.setRowCount(len(rows))
    for r, (values, key) in enumerate(zip(rows, keys, strict=True)):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    if selected in keys:
        table.selectRow(keys.index(selected))
    elif rows and table.currentRow() < 0:
        table.selectRow(0)


def selected_key(table: QTableWidget) -> object:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def when(value: str | None) -> str:
    """An ISO time as 'HH:MM dd/mm/yyyy' in this PC's zone; '–' when never."""
    if not value:
        return "–"
    from datetime import datetime

    try:
        return datetime.fromisoformat(value).astimezone().strftime("%H:%M %d/%m/%Y")
    except ValueError:
        return value


class AdminTab(QWidget):
    """One tab of the admin window: loads its part from the hub, reloads when an event of one
    of its `EVENTS` prefixes arrives, and shows refusals on its own status line."""

    EVENTS: tuple[str, ...] = ()
    sig_loaded = Signal()
    """The tab shows the hub's data (after every load)."""
    sig_changed = Signal(str)
    """A change this tab asked for was accepted; the words shown to the person."""

    def __init__(self, client, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.layout_ = QVBoxLayout(self)
        self.status = Label(self, wordWrap=True)
        self.error = error_label(self)
        self.loaded = False
        self.sig_loaded.connect(lambda: setattr(self, "loaded", True))

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.status)

    def wants(self, event_type: str) -> bool:
        return event_type.startswith(self.EVENTS) if self.EVENTS else False

    def refresh(self) -> None:
        """Ask the hub again (subclasses)."""

    def show_hub_error(self, error: HubError) -> None:
        """Where HubClient.call shows this tab's refusals (and its dialogs' unhandled ones)."""
        show_error(self.error, error)

    def accepted(self, text: str) -> None:
        show_error(self.error, None)
        self.status.setText(text)
        self.sig_changed.emit(text)
        self.refresh()  # the feed's event refreshes too; this one is not left to chance


# The ward identity's text fields, and every field PUT /api/ward takes.
WARD_FIELDS = ("name_vi", "name_en", "office_name_vi", "office_name_en", "address_vi",
               "address_en")
WARD_BODY = (*WARD_FIELDS, "notice_vi", "notice_en", "hours")


def caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A caption whose Alt+letter moves the focus to `buddy`."""
    label = Label(text, parent)
    label.setBuddy(buddy)
    return label


def heading_font(label: QWidget, base: QFont) -> None:
    """A step's heading: the window's text (`base`), larger and bold."""
    font = QFont(base)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
