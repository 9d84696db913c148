"""Widgets of the counter window that know nothing of tickets: fonts that scale with the
screen, a number that fills its box, checklist rows, read-only tables and the big buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .plain import Label, tooltip


def set_font(widget: QWidget, px: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)
    widget.setProperty("basePx", px)  # for rescale()


def rescale(root: QWidget, factor: float) -> None:
    """Grow or shrink every font set with _font under `root`: sizes are written for a
    1366×768 screen, a full-HD one gets the same layout a notch bigger."""
    for widget in (root, *root.findChildren(QWidget)):
        base = widget.property("basePx")
        if base:
            font = QFont(widget.font())
            font.setPixelSize(round(base * factor))
            widget.setFont(font)
        if isinstance(widget, QTableWidget):
            widget.verticalHeader().setDefaultSectionSize(round(36 * factor))


def make_label(text: str = "", px: int = 18, bold: bool = False, wrap: bool = True) -> QLabel:
    label = Label(text)
    set_font(label, px, bold)
    label.setWordWrap(wrap)
    return label


class FitLabel(Label):
    """The ticket number: as big as fits. The font shrinks to the label's width, and the
    size hint stays fixed so that resizing the font never moves the layout."""

    def __init__(self, max_px: int = 140) -> None:
        super().__init__("—")
        self.max_px = max_px
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_max_px(max_px)

    def set_max_px(self, px: int) -> None:
        self.max_px = px
        self.setFixedHeight(int(px * 1.2))
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(int(self.max_px * 2.2), int(self.max_px * 1.2))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, int(self.max_px * 1.2))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = QFont(self.font())
        font.setBold(True)
        room = self.contentsRect().width() - 12
        px = self.max_px
        while px > 28:
            font.setPixelSize(px)
            if QFontMetrics(font).horizontalAdvance(self.text()) <= room:
                break
            px -= 4
        font.setPixelSize(px)
        self.setFont(font)


class CheckRow(QWidget):
    """One document of the checklist: a tick box and its (wrapping) text; a click anywhere
    on the row ticks it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.setSpacing(10)
        self.box = QCheckBox()
        # No focus: the space bar stays "call next" even after a tick with the mouse.
        self.box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.box.setStyleSheet("QCheckBox::indicator { width:22px; height:22px; }")
        self.text = make_label(text, 18)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)

    def mousePressEvent(self, event) -> None:
        self.box.toggle()


def make_table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only list with columns; the long column (a service name) is elided, never
    scrolled sideways."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    set_font(table, 18)
    set_font(table.horizontalHeader(), 15, bold=True)
    table.verticalHeader().setDefaultSectionSize(36)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    table.setStyleSheet("QTableWidget { border:none; background:white; } "
                        "QTableWidget::item { border-bottom:1px solid #e3e8ee; padding:0 6px; } "
                        "QHeaderView::section { background:white; border:none; "
                        "border-bottom:2px solid #c9d3dd; padding:4px 6px; color:#3d4f60; }")
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, list[str]]],
               bold_first: bool = True) -> None:
    """Rows of (ticket id, cells)."""
    table.setRowCount(len(rows))
    for r, (ticket_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tooltip(text))  # the whole name where the column elides it
            item.setData(Qt.ItemDataRole.UserRole, ticket_id)
            if c == 0 and bold_first:
                font = QFont(table.font())
                font.setBold(True)
                item.setFont(font)
            if c == len(cells) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class ActionButton(QPushButton):
    """A big button that shows its shortcut under its name; it never takes the keyboard
    focus, so the space bar and F-keys always mean the counter's actions."""

    def __init__(self, name: str, keys: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{name}\n{keys}", parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(74)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        set_font(self, 20, bold=True)
        self.setStyleSheet(
            f"QPushButton {{ background:{color}; color:white; border:none; border-radius:8px; "
            "padding:6px; } QPushButton:hover { border:3px solid #1b2a38; } "
            "QPushButton:disabled { background:#d5dbe1; color:#7d8b98; }")
