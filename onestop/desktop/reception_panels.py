"""The reception window's parts: group buttons, the request choices (kind, count, priority),
the estimate shown before issuing, and the preview of the ticket just issued.

Texts are Vietnamese source strings translated through Qt Linguist (reception_en.ts)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onestop.queue.labels import KINDS, complexity_label, kind_label

from .plain import Label
from .qtapp import current_language

MAX_COUNT = 500  # the hub refuses more in one ticket
COMPLEXITY_COLOURS = {"quick": "#1b7f3b", "standard": "#1f5fa8", "complex": "#b3261e"}


# Marked for Qt Linguist (lupdate reads QT_TRANSLATE_NOOP), translated when shown.
_WORDS = {
    "nobody": QT_TRANSLATE_NOOP("ReceptionText", "Không có ai phía trước"),
    "people": QT_TRANSLATE_NOOP("ReceptionText", "{n} người phía trước"),
}


class ReceptionText:
    """Wording shared by several panels (one translation context, ReceptionText, for all)."""

    @staticmethod
    def word(key: str) -> str:
        text = _WORDS.get(key)
        return key if text is None else QCoreApplication.translate("ReceptionText", text)

    @staticmethod
    def kind(kind: str) -> str:
        return kind_label(kind, current_language())

    @staticmethod
    def complexity(value: str) -> str:
        return complexity_label(value, current_language())

    @classmethod
    def people(cls, n: int) -> str:
        return cls.word("nobody") if n == 0 else cls.word("people").format(n=n)

    @staticmethod
    def wait(estimate: dict | None, english: bool = False) -> str:
        """The hub's words for the forecast (`text_vi`/`text_en`): the paper ticket, the
        citizen page and the lobby print the same sentence, so it is never formatted here."""
        return (estimate or {}).get("text_en" if english else "text_vi") or "–"


def _english(widget: QWidget) -> bool:
    return bool(getattr(widget.window(), "english", False))


def section_title(text: str) -> QLabel:
    label = Label(text)
    label.setObjectName("sectionTitle")
    return label


class GroupPad(QWidget):
    """One big touch button per group (lĩnh vực) with how many people wait in it: three in a
    row when every name fits (a row less, so the search results above keep 6 rows at
    1366x768 under the booking code's row), else two."""

    sig_group = Signal(str)
    """A group button was pressed; the argument is the group id."""

    COLUMNS = 2
    MOST_COLUMNS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        self.names: dict[str, str] = {}
        self.waiting: dict[str, int] = {}
        self._cells: list[tuple[int, int, int]] | None = None

    def set_groups(self, groups: list[tuple[str, str]]) -> None:
        """(id, shown name) pairs, in catalogue order."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        self.names = dict(groups)
        for gid, _name in groups:
            button = QPushButton(self)
            button.setObjectName("groupButton")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, g=gid: self.sig_group.emit(g))
            self.buttons[gid] = button
        self._relabel()
        self._place(force=True)

    def _spans(self, columns: int) -> list[int] | None:
        """Cells each button takes in a row of `columns` (a long name takes two); None when a
        name fits nowhere."""
        spacing = self.grid.spacing()
        cell = (self.width() - spacing * (columns - 1)) / columns
        spans = []
        for button in self.buttons.values():
            metrics = button.fontMetrics()
            needed = max(metrics.horizontalAdvance(line) for line in button.text().split("\n"))
            needed += 2 * metrics.averageCharWidth() + 12  # padding and border
            span = next((k for k in range(1, columns + 1)
                         if k * cell + (k - 1) * spacing >= needed), None)
            if span is None:
                return None
            spans.append(span)
        return spans

    def _layout(self) -> list[tuple[int, int, int]]:
        """(row, column, span) of each button: three narrow columns (long names across two)
        when that takes fewer rows than two columns, else two."""
        spans = self._spans(self.MOST_COLUMNS) if self.width() > 0 else None
        if spans is not None:
            cells, row, col = [], 0, 0
            for span in spans:
                if col + span > self.MOST_COLUMNS:
                    row, col = row + 1, 0
                cells.append((row, col, span))
                col += span
            if row + 1 < -(-len(spans) // self.COLUMNS):
                return cells
        return [(i // self.COLUMNS, i % self.COLUMNS, 1) for i in range(len(self.buttons))]

    def _place(self, force: bool = False) -> None:
        cells = self._layout()
        if cells == self._cells and not force:
            return
        self._cells = cells
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for button, (row, col, span) in zip(self.buttons.values(), cells, strict=True):
            self.grid.addWidget(button, row, col, 1, span)
        used = max((col + span for _, col, span in cells), default=self.COLUMNS)
        for col in range(self.MOST_COLUMNS):  # equal columns, whichever layout
            self.grid.setColumnStretch(col, 1 if col < used else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place()

    def set_waiting(self, waiting: dict[str, int]) -> None:
        self.waiting = waiting
        self._relabel()

    def _relabel(self) -> None:
        for gid, button in self.buttons.items():
            n = self.waiting.get(gid)
            count = "…" if n is None else self.tr("{n} đang chờ").format(n=n)
            button.setText(f"{self.names[gid]}\n{count}")
        self._place()


class RequestPanel(QWidget):
    """What the citizen came for: kind, how many units, priority category."""

    sig_changed = Signal()
    """Kind, count or priority changed (the estimate must be asked again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(section_title(self.tr("Loại yêu cầu")))
        kinds = QGridLayout()
        kinds.setSpacing(8)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QPushButton] = {}
        for i, kind in enumerate(KINDS):
            button = QPushButton(ReceptionText.kind(kind), self)
            button.setObjectName("kindButton")
            button.setCheckable(True)
            button.setToolTip(f"Alt+{i + 1}")
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
            kinds.addWidget(button, i // 2, i % 2)
        self.kind_group.idToggled.connect(lambda _id, on: on and self.sig_changed.emit())
        layout.addLayout(kinds)

        self.count_label = section_title(self.tr("Số lượng"))
        layout.addWidget(self.count_label)
        self.count = QSpinBox(self)
        self.count.setObjectName("countBox")
        self.count.setRange(1, MAX_COUNT)
        self.count.setAccelerated(True)
        self.count.valueChanged.connect(lambda _v: self.sig_changed.emit())
        layout.addWidget(self.count)

        layout.addWidget(section_title(self.tr("Diện ưu tiên")))
        self.priority_box = QVBoxLayout()
        self.priority_box.setSpacing(4)
        layout.addLayout(self.priority_box)
        self.priority_group = QButtonGroup(self)
        self.priority_group.idToggled.connect(lambda _id, on: on and self.sig_changed.emit())
        self.priority_buttons: dict[str | None, QPushButton] = {}
        self.set_priorities([])
        layout.addStretch(1)
        self.reset()

    def set_priorities(self, categories: list[tuple[str, str]]) -> None:
        """(id, shown name) pairs; "Không ưu tiên" always comes first and is the default."""
        for button in self.priority_buttons.values():
            self.priority_group.removeButton(button)
            button.deleteLater()
        self.priority_buttons.clear()
        for i, (cid, name) in enumerate([(None, self.tr("Không ưu tiên")), *categories]):
            button = QPushButton(name, self)
            button.setObjectName("priorityButton")
            button.setCheckable(True)
            self.priority_group.addButton(button, i)
            self.priority_box.addWidget(button)
            self.priority_buttons[cid] = button
        self.priority_buttons[None].setChecked(True)

    def set_unit(self, unit: str | None) -> None:
        self.count_label.setText(self.tr("Số lượng ({unit})").format(unit=unit) if unit
                                 else self.tr("Số lượng"))

    @property
    def kind(self) -> str:
        return str(KINDS[max(self.kind_group.checkedId(), 0)])

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    @property
    def priority(self) -> str | None:
        for cid, button in self.priority_buttons.items():
            if button.isChecked():
                return cid
        return None

    def reset(self) -> None:
        self.blockSignals(True)
        self.set_kind("submit")
        self.count.setValue(1)
        self.priority_buttons[None].setChecked(True)
        self.blockSignals(False)

    def focus_order(self) -> list[QWidget]:
        return [*self.kind_buttons.values(), self.count, *self.priority_buttons.values()]


class EstimatePanel(QFrame):
    """What issuing now would give: complexity, people ahead, the wait as a range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estimatePanel")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setVerticalSpacing(6)
        grid.addWidget(section_title(self.tr("Dự kiến nếu cấp số bây giờ")), 0, 0, 1, 2)
        self.complexity = Label(self)
        self.complexity.setObjectName("complexityChip")
        self.complexity.setWordWrap(True)
        self.ahead = Label(self)
        self.ahead.setObjectName("estimateValue")
        self.ahead.setWordWrap(True)
        self.wait = Label(self)
        self.wait.setObjectName("estimateWait")
        self.wait.setWordWrap(True)
        rows = ((self.tr("Mức độ"), self.complexity), (self.tr("Phía trước"), self.ahead),
                (self.tr("Thời gian chờ"), self.wait))
        self.rows: list[QLabel] = []
        for row, (caption, value) in enumerate(rows, start=1):
            label = Label(caption, self)
            label.setObjectName("estimateCaption")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.rows += [label, value]
        # Shown instead of the rows when there is nothing to estimate (or it failed).
        self.note = Label(self)
        self.note.setObjectName("estimateNote")
        self.note.setWordWrap(True)
        grid.addWidget(self.note, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.estimate: dict | None = None
        self.clear()

    def clear(self, note: str | None = None) -> None:
        self.estimate = None
        for widget in self.rows:
            widget.setVisible(False)
        self.note.setText(note or self.tr("Chọn thủ tục để xem ước tính"))
        self.note.setVisible(True)

    def show_estimate(self, estimate: dict) -> None:
        self.estimate = estimate
        self.note.setVisible(False)
        for widget in self.rows:
            widget.setVisible(True)
        level = estimate.get("complexity", "")
        minutes = estimate.get("expected_minutes")
        text = ReceptionText.complexity(level)
        if minutes:
            text += self.tr(" · khoảng {m} phút tại quầy").format(m=math.ceil(minutes))
        self.complexity.setText(text)
        colour = COMPLEXITY_COLOURS.get(level, "#444")
        self.complexity.setStyleSheet(f"color:{colour};")
        self.ahead.setText(ReceptionText.people(int(estimate.get("people_ahead") or 0)))
        self.wait.setText(ReceptionText.wait(estimate.get("estimate"), _english(self)))


class TicketPanel(QFrame):
    """The ticket just issued, as the citizen will get it (until printing renders it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.caption = section_title(self.tr("Số vừa cấp (xem trước phiếu)"))
        self.number = Label("—", self)
        self.number.setObjectName("ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = Label(self.tr("Chưa cấp số nào."), self)
        self.details.setObjectName("ticketDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url = Label(self)
        self.url.setObjectName("ticketUrl")
        self.url.setWordWrap(True)
        self.url.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.caption, self.number, self.details, self.url):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.issued: dict | None = None

    def show_ticket(self, issued: dict, service_name: str, unit: str, offset_minutes: int,
                    priority_name: str | None) -> None:
        self.issued = issued
        ticket = issued.get("ticket", {})
        self.number.setText(str(issued.get("number", "")))
        request = ReceptionText.kind(ticket.get("kind", ""))
        if ticket.get("count", 1) > 1:
            request += f" · {ticket['count']} {unit}"
        if priority_name:
            request += " · " + self.tr("Ưu tiên: {name}").format(name=priority_name)
        # Short lines: a 768-pixel-high screen has room for five under the number.
        lines = [service_name, request,
                 ReceptionText.people(int(issued.get("people_ahead") or 0)),
                 self.tr("Chờ: {wait}").format(
                     wait=ReceptionText.wait(issued.get("estimate"), _english(self)))]
        when = _local_time(ticket.get("issued_at"), offset_minutes)
        if when:
            lines.append(self.tr("Cấp lúc {time}").format(time=when))
        self.details.setText("\n".join(lines))
        url = issued.get("public_url", "")
        # Zero-width spaces let the long address wrap at its slashes instead of being cut.
        self.url.setText(self.tr("Theo dõi lượt: {url}").format(url=url.replace("/", "/\u200b")))


def _local_time(iso: str | None, offset_minutes: int) -> str:
    """HH:MM dd/mm/yyyy at the centre (the hub tells its UTC offset; the PC's may differ)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(timezone(timedelta(minutes=offset_minutes)))
    return local.strftime("%H:%M %d/%m/%Y")
