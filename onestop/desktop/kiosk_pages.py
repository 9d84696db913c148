"""The kiosk's screens: start (question box, fields, booking code), a list of procedures, a
procedure's card and the confirmation with the number. Each screen only shows and signals;
the window (kiosk.py) talks to the hub. Texts come through the window's `_tr` so the citizen's
language switch touches the kiosk alone (docs/kiosk.md)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .plain import Label

Tr = Callable[[str], str]


class TapButton(QPushButton):
    """A button a finger hits and the keyboard presses (Enter as well as Space)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class CardButton(TapButton):
    """A button whose long text wraps (a procedure's name runs to three lines)."""

    MARGIN_X, MARGIN_Y, GAP = 24, 16, 6

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None,
                 name: str = "kioskCard", centred: bool = False) -> None:
        super().__init__(name, parent)
        self.title = Label(title, self)
        self.title.setObjectName(f"{name}Title")
        self.subtitle = Label(subtitle, self)
        self.subtitle.setObjectName(f"{name}Sub")
        for label in (self.title, self.subtitle):
            label.setWordWrap(True)
            if centred:
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.subtitle.setVisible(bool(subtitle))
        self.setAccessibleName(title)
        self.least = 96

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.setAccessibleName(title)
        self.resizeEvent(None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """As tall as its wrapped text at its width: a QPushButton knows nothing of labels
        inside it, so they are placed, and the height set, here."""
        if event is not None:
            super().resizeEvent(event)
        inner = max(1, self.width() - 2 * self.MARGIN_X)
        top = self.MARGIN_Y
        heights = []
        for label in (self.title, self.subtitle):
            if label.isVisibleTo(self):
                height = label.heightForWidth(inner)
                label.setGeometry(self.MARGIN_X, top, inner, height)
                heights.append(height)
                top += height + self.GAP
        self.setMinimumHeight(max(self.least, sum(heights) + self.GAP * (len(heights) - 1)
                                  + 2 * self.MARGIN_Y))


def title_label(name: str, parent: QWidget) -> Label:
    label = Label(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def scroller(parent: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A vertical scroll area for touch (a finger drags it) and its content's layout."""
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    # A tap reaches its button at once (Qt holds the press back a quarter second by default
    # to see whether it becomes a drag; a citizen would tap again and again).
    scroller = QScroller.scroller(area.viewport())
    properties = scroller.scrollerProperties()
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(properties)
    content = QWidget(area)
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 12, 0)
    layout.setSpacing(14)
    area.setWidget(content)
    return area, layout


class StartPage(QWidget):
    sig_ask = Signal(str)
    """The citizen asked a question in words."""
    sig_field = Signal(str)
    """The citizen tapped a field (lĩnh vực); its id."""
    sig_check_in = Signal(str)
    """A booking code was scanned or typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        self.title = title_label("kioskTitle", self)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.question = QLineEdit(self)
        self.question.setObjectName("kioskQuestion")
        self.question.setMaxLength(200)
        self.question.setMinimumHeight(88)
        self.question.returnPressed.connect(self._ask)
        self.ask_button = TapButton("kioskAsk", self)
        self.ask_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.ask_button.setMinimumWidth(200)
        self.ask_button.clicked.connect(self._ask)
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_button)
        layout.addLayout(row)
        self.or_fields = title_label("kioskSection", self)
        layout.addWidget(self.or_fields)
        area, fields = scroller(self)  # a centre with many fields scrolls, never overflows
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        fields.addLayout(self.grid)
        fields.addStretch(1)
        layout.addWidget(area, 1)
        self.booking_title = title_label("kioskSection", self)
        layout.addWidget(self.booking_title)
        code_row = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setObjectName("kioskCode")
        self.code.setMaxLength(40)
        self.code.setMinimumHeight(80)
        self.code.returnPressed.connect(self._check_in)
        self.code_button = TapButton("kioskCheckIn", self)
        self.code_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.code_button.setMinimumWidth(200)
        self.code_button.clicked.connect(self._check_in)
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.code_button)
        layout.addLayout(code_row)
        self.field_buttons: dict[str, CardButton] = {}
        self.columns = 0

    def retranslate(self, tr: Tr) -> None:
        self.title.setText(tr("Ông/Bà cần làm thủ tục gì?"))
        self.question.setPlaceholderText(tr("Gõ câu hỏi, ví dụ: làm giấy khai sinh cho con"))
        self.ask_button.setText(tr("Tìm"))
        self.or_fields.setText(tr("Hoặc chạm vào lĩnh vực:"))
        self.booking_title.setText(tr("Đã đặt lịch hẹn trực tuyến? Quét mã QR hoặc gõ mã:"))
        self.code.setPlaceholderText(tr("Mã đặt lịch, ví dụ 7K2M-9QX4-TPAB-XY3Z"))
        self.code_button.setText(tr("Nhận số"))

    def set_fields(self, fields: list[tuple[str, str, str]], columns: int) -> None:
        """(id, name, count in words) of each field, in `columns` columns; the same fields in
        the same columns keep their buttons (only the words change: a language switch)."""
        if [f[0] for f in fields] == list(self.field_buttons) and columns == self.columns:
            for field_id, name, count in fields:
                self.field_buttons[field_id].set_texts(name, count)
            return
        self.columns = columns
        for button in self.field_buttons.values():
            button.deleteLater()
        self.field_buttons = {}
        for index, (field_id, name, count) in enumerate(fields):
            button = CardButton(name, count, self, name="kioskField", centred=True)
            button.least = 120
            # One height for a row: a three-line name makes its neighbours as tall.
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            button.clicked.connect(lambda _=False, f=field_id: self.sig_field.emit(f))
            self.grid.addWidget(button, index // columns, index % columns)
            self.field_buttons[field_id] = button

    def clear(self) -> None:
        self.question.clear()
        self.code.clear()

    def _ask(self) -> None:
        if self.question.text().strip():
            self.sig_ask.emit(self.question.text().strip())

    def _check_in(self) -> None:
        if self.code.text().strip():
            self.sig_check_in.emit(self.code.text().strip())


class ListPage(QWidget):
    sig_service = Signal(str)
    """A procedure was tapped; its code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.title = title_label("kioskTitle", self)
        layout.addWidget(self.title)
        self.note = title_label("kioskNote", self)
        layout.addWidget(self.note)
        area, self.items = scroller(self)
        layout.addWidget(area, 1)
        self.cards: dict[str, CardButton] = {}

    def show_list(self, title: str, entries: list[tuple[str, str, str]], note: str = "") -> None:
        """`entries`: (code, name, subtitle) best first; `note` above them (or instead)."""
        self.title.setText(title)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        while self.items.count():
            self.items.takeAt(0)
        for code, name, subtitle in entries:
            card = CardButton(name, subtitle, self)
            card.clicked.connect(lambda _=False, c=code: self.sig_service.emit(c))
            self.items.addWidget(card)
            self.cards[code] = card
        self.items.addStretch(1)


class CardPage(QWidget):
    sig_take = Signal()
    """"Lấy số thứ tự" was pressed."""
    sig_print = Signal()
    """"In danh mục giấy tờ" was pressed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.title = title_label("kioskTitle", self)
        self.field = title_label("kioskSub", self)
        layout.addWidget(self.title)
        layout.addWidget(self.field)
        self.split = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.split.setSpacing(24)
        area, details = scroller(self)
        self.checklist_title = title_label("kioskSection", self)
        self.checklist = title_label("kioskBody", self)
        self.facts = title_label("kioskBody", self)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.checklist_title, self.checklist, self.facts):
            details.addWidget(widget)
        details.addStretch(1)
        self.split.addWidget(area, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(16)
        self.take = TapButton("kioskTake", self)
        self.take.setMinimumHeight(140)
        self.take.clicked.connect(self.sig_take)
        self.print_list = TapButton("kioskPrint", self)
        self.print_list.clicked.connect(self.sig_print)
        buttons.addWidget(self.take)
        buttons.addWidget(self.print_list)
        buttons.addStretch(1)  # landscape: at the top of the column, under the title
        self.buttons = QWidget(self)
        self.buttons.setLayout(buttons)
        self.split.addWidget(self.buttons)
        layout.addLayout(self.split, 1)

    def landscape(self, wide: bool) -> None:
        """Side by side on a landscape screen, buttons under the text on a portrait one."""
        self.split.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                else QBoxLayout.Direction.TopToBottom)
        self.buttons.setFixedWidth(560 if wide else 16_777_215)
        self.buttons.setMaximumWidth(560 if wide else 16_777_215)

    def show_service(self, tr: Tr, name: str, field: str, checklist: list[str], fee: str,
                     time: str, legal: list[str], verified: bool = True) -> None:
        self.title.setText(name)
        self.field.setText(tr("Lĩnh vực: {f}").format(f=field))
        self.checklist_title.setText(tr("Giấy tờ cần chuẩn bị"))
        self.checklist.setText("\n".join(f"• {item}" for item in checklist)
                               or tr("Hỏi cán bộ tại quầy tiếp nhận."))
        lines = [tr("Lệ phí: {x}").format(x=fee or tr("hỏi cán bộ")),
                 tr("Thời hạn giải quyết: {x}").format(x=time or tr("hỏi cán bộ"))]
        if legal:
            lines += ["", tr("Căn cứ pháp lý:")] + [f"• {item}" for item in legal]
        if not verified:  # the catalogue says a detail could not be sourced: say so
            lines += ["", tr("Một số thông tin chưa được đối chiếu với văn bản gốc; mời Ông/Bà "
                             "hỏi cán bộ tại quầy để chắc chắn.")]
        self.facts.setText("\n".join(lines))
        self.take.setText(tr("Lấy số thứ tự"))
        self.print_list.setText(tr("In danh mục giấy tờ"))


class DonePage(QWidget):
    sig_finish = Signal()
    """The citizen pressed "Về trang đầu" (the screen also goes back by itself)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        # In a scroll area: a long procedure name on a landscape screen must not push the
        # window past the screen's height.
        area, content = scroller(self)
        content.addStretch(1)
        self.heading = title_label("kioskSection", self)
        self.number = title_label("kioskNumber", self)
        self.service = title_label("kioskSub", self)
        self.wait = title_label("kioskWait", self)
        self.hint = title_label("kioskBody", self)
        self.printing = title_label("kioskBody", self)
        for label in (self.heading, self.number, self.service, self.wait, self.hint,
                      self.printing):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            content.addWidget(label)
        content.addStretch(1)
        layout.addWidget(area, 1)
        self.finish = TapButton("kioskFinish", self)
        self.finish.clicked.connect(self.sig_finish)
        layout.addWidget(self.finish)

    def show_ticket(self, tr: Tr, number: str, service: str, people_ahead: int | None,
                    wait: str) -> None:
        self.heading.setText(tr("Số thứ tự của Ông/Bà"))
        self.number.setText(number)
        self.service.setText(service)
        ahead = (tr("Không có ai chờ trước") if not people_ahead
                 else tr("Còn {n} người chờ trước").format(n=people_ahead))
        self.wait.setText(ahead + (("\n" + tr("Dự kiến chờ: {w}").format(w=wait)) if wait else ""))
        self.hint.setText(tr("Mời Ông/Bà nhận phiếu và theo dõi màn hình gọi số."))
        self.printing.setText(tr("Đang in phiếu…"))
        self.finish.setText(tr("Về trang đầu"))
