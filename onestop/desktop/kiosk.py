"""The self-service kiosk by the door (issue 18, docs/kiosk.md): `onestop kiosk --hub URL`.

Start → field → procedure → "Lấy số thứ tự" is three taps; the question box asks the hub's
guide (`GET /api/guide`); a booking code checks in. The number, the people ahead and the wait
on the confirmation screen are the hub's answer to `POST /api/tickets` (the same call
reception makes), shown as given, and the ticket goes to the same ticket printer, with every
document of the checklist. A kiosk token may do nothing else (hub/deps.py KIOSK_MAY): no
queue state, no event stream. Nothing a citizen types is kept: the boxes empty on every
return to the start screen. Esc goes back a screen; Tab moves between buttons; Enter presses.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QWidget

from .base import StationWindow
from .client import HubClient, HubError
from .kiosk_data import KioskCatalog, kind_for, text, texts
from .kiosk_pages import CardPage, DonePage, ListPage, StartPage, TapButton, title_label
from .kiosk_parts import CONTEXT, DONE_SECONDS, STYLE, IdleReset, KioskWords

RETRY_MS = 10_000  # the catalogue is asked again until the hub answers
MAX_ANSWERS = 5


class KioskWindow(StationWindow):
    live_events = False  # a kiosk token may not follow the queue (run_station, launcher)

    def __init__(self, client: HubClient, settings=None, clock=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(client, "onestop – Ki-ốt tự phục vụ", parent)
        self.words = KioskWords()
        client.language = "vi"  # the hub's messages in Vietnamese, with English beside them
        self.catalog: KioskCatalog | None = None
        self.ward: dict = {}
        self.service: dict | None = None
        self.field_id: str | None = None
        self.question: str | None = None
        self.last_issued: dict | None = None
        self._ward_asked = False
        self.ticket_printer = None  # kiosk_printing.attach_printer sets it
        self._busy = False
        self._key: str | None = None  # kept for a retry after a lost answer: one ticket
        self._key_for: str | None = None
        self.banner.setVisible(False)
        self.centralWidget().setObjectName("kiosk")
        # Every screen scrolls what may not fit, so the window never asks for more than the
        # touch screen has (Qt would grow it past the screen's edge).
        self.centralWidget().setMinimumSize(480, 480)
        self.centralWidget().setStyleSheet(STYLE)
        self.body.setContentsMargins(40, 24, 40, 32)
        self.body.setSpacing(18)
        header = QHBoxLayout()
        self.office = title_label("kioskOffice", self)
        header.addWidget(self.office, 1)
        self.home = TapButton("kioskHeader", self)
        self.home.clicked.connect(self.reset)
        self.back = TapButton("kioskHeader", self)
        self.back.clicked.connect(self.go_back)
        self.language = TapButton("kioskHeader", self)
        self.language.clicked.connect(self.switch_language)
        for button in (self.back, self.home, self.language):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            header.addWidget(button)
        self.body.addLayout(header)
        self.notice = title_label("kioskNotice", self)
        self.notice.setVisible(False)
        self.body.addWidget(self.notice)
        self.stack = QStackedWidget(self)
        self.start_page, self.list_page = StartPage(self), ListPage(self)
        self.card_page, self.done_page = CardPage(self), DonePage(self)
        for page in (self.start_page, self.list_page, self.card_page, self.done_page):
            self.stack.addWidget(page)
        self.body.addWidget(self.stack, 1)
        self.start_page.sig_field.connect(self.open_field)
        self.start_page.sig_ask.connect(self.ask)
        self.start_page.sig_check_in.connect(self.check_in)
        self.list_page.sig_service.connect(self.open_service)
        self.card_page.sig_take.connect(self.take_number)
        self.card_page.sig_print.connect(self.print_checklist)
        self.done_page.sig_finish.connect(self.reset)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.go_back)
        self.idle = IdleReset(self, clock)
        self.idle.sig_idle.connect(self.reset)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.load)
        self.retranslate()
        self.stack.currentChanged.connect(lambda _i: self._header())
        self._header()
        self._default_size()
        QTimer.singleShot(0, self.load)

    def show_on_tv(self) -> None:
        """`onestop kiosk` fills the touch screen (run_station calls this)."""
        self.showFullScreen()

    def _default_size(self) -> None:
        """The portrait touch screen (1080x1920), or as much of a smaller screen as there is
        (opened from the launcher of a desk PC); `onestop kiosk` then goes full screen."""
        width, height = 1080, 1920
        screen = self.screen()
        if screen is not None and QGuiApplication.platformName() != "offscreen":
            available = screen.availableGeometry()
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def _tr(self, source: str) -> str:
        return self.words.translate(CONTEXT, source)

    # --- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        self.client.call(self, "GET", "/api/ward", done=self._got_ward,
                         failed=lambda _e: self._got_ward(None))
        self.client.call(self, "GET", "/api/catalog", done=self._got_catalog,
                         failed=self._load_failed)

    def _got_ward(self, answer: object) -> None:
        """The office's name for the header and the paper (without it, both still work)."""
        self._ward_asked = True
        if isinstance(answer, dict):
            self.ward = answer
            self.retranslate()
        self._maybe_ready()

    def _maybe_ready(self) -> None:
        if self.catalog is not None and self._ward_asked:
            self.mark_ready()

    def _got_catalog(self, answer: object) -> None:
        if not isinstance(answer, dict):
            return
        self.catalog = KioskCatalog(answer)
        self.say("")
        self._fill_fields()
        self._maybe_ready()

    def _load_failed(self, error: HubError) -> None:
        self.say(self._unreachable(error))
        self._retry.start()

    # --- what the citizen does ----------------------------------------------------------------
    def open_field(self, field_id: str) -> None:
        if self.catalog is None:
            return
        self.field_id, self.question = field_id, None
        lang = self.words.language
        entries = [(s["code"], text(s, "name", lang), text(s, "result", lang))
                   for s in self.catalog.services_in(field_id)]
        self.list_page.show_list(self.catalog.field_name(field_id, lang), entries)
        self._show(self.list_page)

    def ask(self, question: str) -> None:
        self.question = question  # asked again in the other language on a switch
        path = f"/api/guide?q={quote(question)}&lang={self.words.language}"
        self.client.call(self, "GET", path, done=lambda a: self._answered(question, a),
                         failed=self._guide_failed)

    def _answered(self, question: str, answer: object) -> None:
        if not isinstance(answer, dict) or self.catalog is None:
            return
        lang, known = self.words.language, self.catalog.by_code
        found = [a for a in answer.get("answers") or [] if isinstance(a, dict)
                 and a.get("service") in known][:MAX_ANSWERS]
        self.field_id, self.question = None, question
        title = self._tr("Kết quả cho: “{q}”").format(q=question)
        if not answer.get("confident") or not found:
            self.list_page.show_list(title, [], self._tr(
                "Chưa tìm được thủ tục phù hợp. Mời Ông/Bà chạm vào một lĩnh vực, hoặc hỏi "
                "cán bộ tại quầy tiếp nhận."))
        else:
            entries = [(a["service"], text(known[a["service"]], "name", lang),
                        self.catalog.field_name(self.catalog.field_of(known[a["service"]]),
                                                lang)) for a in found]
            self.list_page.show_list(title, entries)
        self._show(self.list_page)

    def _guide_failed(self, error: HubError) -> None:
        if error.code == "guide_question_invalid":
            self.say(self._tr("Câu hỏi quá dài hoặc trống. Mời Ông/Bà gõ ngắn gọn hơn."))
        else:
            self.say(self._unreachable(error))

    def open_service(self, code: str) -> None:
        if self.catalog is None or code not in self.catalog.by_code:
            return
        self.service = s = self.catalog.by_code[code]
        lang = self.words.language
        self.card_page.show_service(
            self._tr, text(s, "name", lang),
            self.catalog.field_name(self.catalog.field_of(s), lang), texts(s, "checklist", lang),
            text(s, "fee", lang), text(s, "result", lang),
            [str(x) for x in s.get("legal_basis_vi") or ()], s.get("verified") is not False)
        self._show(self.card_page)
        self.card_page.take.setFocus()

    def take_number(self) -> None:
        if self._busy or self.service is None:
            return
        code = self.service["code"]
        if code != self._key_for:
            self._key, self._key_for = uuid.uuid4().hex, code
        self._busy = True
        self.card_page.take.setEnabled(False)
        self.say(self._tr("Đang lấy số…"), error=False)
        self.client.call(self, "POST", "/api/tickets",
                         {"service": code, "kind": kind_for(code), "count": 1},
                         done=self._issued, failed=self._issue_failed, key=self._key)

    def check_in(self, code: str) -> None:
        if self._busy:
            return
        if code != self._key_for:
            self._key, self._key_for = uuid.uuid4().hex, code
        self._busy = True
        self.client.call(self, "POST", "/api/check-in", {"code": code}, done=self._issued,
                         failed=self._issue_failed, key=self._key)

    def _issued(self, answer: object) -> None:
        self._busy = False
        self._key = self._key_for = None
        self.card_page.take.setEnabled(True)
        if not isinstance(answer, dict) or "number" not in answer:
            return
        self.last_issued = answer
        self.say("")
        estimate = answer.get("estimate") or {}
        service = (self.catalog.by_code.get(answer["ticket"]["service"], {})
                   if self.catalog else {})
        wait = estimate.get("text_en" if self.words.language == "en" else "text_vi") or ""
        self.done_page.show_ticket(self._tr, answer["number"],
                                   text(service, "name", self.words.language),
                                   answer.get("people_ahead"), wait)
        self._show(self.done_page)
        self.done_page.finish.setFocus()
        self.idle.touched(DONE_SECONDS)
        if self.ticket_printer is not None:
            self.ticket_printer.send_ticket(answer)
        else:
            self.done_page.printing.setText("")

    def _issue_failed(self, error: HubError) -> None:
        self._busy = False
        self.card_page.take.setEnabled(True)
        if error.status:  # the hub answered: a new try is a new request
            self._key = self._key_for = None
        if error.status == 0:
            self.say(self._unreachable(error))
        else:
            self.say(error.message_en if self.words.language == "en" else error.message)

    def print_checklist(self) -> None:
        if self.service is not None and self.ticket_printer is not None:
            self.ticket_printer.send_checklist(self.service)
            self.say(self._tr("Đang in danh mục giấy tờ…"), error=False)

    def printed(self, number: str) -> None:
        """The printer took the job (kiosk_printing)."""
        if number:
            self.done_page.printing.setText(self._tr("Đã in phiếu. Mời Ông/Bà nhận phiếu."))
        else:
            self.say(self._tr("Đã in danh mục giấy tờ. Mời Ông/Bà nhận phiếu in."), error=False)

    def printed_nothing(self) -> None:
        """Printing is off on this kiosk (no roll printer yet): no paper to take."""
        self.done_page.printing.setText("")
        self.done_page.hint.setText(self._tr("Mời Ông/Bà ghi nhớ số thứ tự và theo dõi màn "
                                             "hình gọi số."))

    def print_failed(self, number: str) -> None:
        """The printer failed: the number stays on screen; nothing is lost."""
        text_ = (self._tr("Máy in đang gặp sự cố. Mời Ông/Bà ghi nhớ số {n} hoặc chụp ảnh "
                          "màn hình; cán bộ tiếp nhận sẽ in lại phiếu.").format(n=number)
                 if number else
                 self._tr("Máy in đang gặp sự cố, chưa in được danh mục giấy tờ. Mời Ông/Bà "
                          "xem trên màn hình hoặc hỏi cán bộ tại quầy tiếp nhận."))
        if number:  # no paper to take: the screen and the display are what is left
            self.done_page.printing.setText(text_)
            self.done_page.hint.setText(self._tr("Mời Ông/Bà theo dõi màn hình gọi số."))
        else:
            self.say(text_)

    # --- moving around -------------------------------------------------------------------------
    def go_back(self) -> None:
        page = self.stack.currentWidget()
        if page is self.card_page and self.list_page.title.text():
            self._show(self.list_page)
        elif page is not self.start_page:
            self.reset()

    def reset(self) -> None:
        """Back to the start screen in Vietnamese, every box empty: idle, "Về trang đầu" on
        the confirmation, "Trang đầu" in the header."""
        self.service = self.field_id = self.question = self.last_issued = None
        self.start_page.clear()
        self.say("")
        if self.words.language != "vi":
            self.words.set_language("vi")
            self.retranslate()
        self._show(self.start_page)
        self.start_page.question.setFocus()

    def switch_language(self) -> None:
        self.words.set_language("en" if self.words.language == "vi" else "vi")
        self.retranslate()
        if self.stack.currentWidget() is self.list_page and self.field_id:
            self.open_field(self.field_id)
        elif self.stack.currentWidget() is self.list_page and self.question:
            self.ask(self.question)
        elif self.stack.currentWidget() is self.card_page and self.service:
            self.open_service(self.service["code"])

    def retranslate(self) -> None:
        lang = self.words.language
        self.office.setText(self.ward.get(f"office_name_{lang}") or self.ward.get(
            "office_name_vi") or self._tr("Ki-ốt tự phục vụ"))
        self.home.setText(self._tr("Trang đầu"))
        self.back.setText(self._tr("Quay lại"))
        self.language.setText("English" if lang == "vi" else "Tiếng Việt")
        self.start_page.retranslate(self._tr)
        self._fill_fields()

    def _fill_fields(self) -> None:
        if self.catalog is None:
            return
        lang = self.words.language
        fields = [(f.id, f.name_en if lang == "en" else f.name_vi, self._tr(
            "{n} thủ tục").format(n=len(self.catalog.services_in(f.id))))
            for f in self.catalog.fields]
        self.start_page.set_fields(fields, 4 if self.width() > self.height() else 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        wide = self.width() > self.height()
        self.card_page.landscape(wide)
        columns = 4 if wide else 2
        if self.start_page.field_buttons and self.start_page.columns != columns:
            self._fill_fields()

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)

    def _header(self) -> None:
        page = self.stack.currentWidget()
        # The confirmation has its own big "Về trang đầu" button: one way back, not two.
        self.home.setVisible(page not in (self.start_page, self.done_page))
        self.back.setVisible(page not in (self.start_page, self.done_page))

    def say(self, message: str, error: bool = True) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        self.notice.setStyleSheet("" if error else "background:#e3f1e7; color:#14532d;")

    def _unreachable(self, error: HubError) -> str:
        if error.status == 0:
            return self._tr("Ki-ốt tạm thời không kết nối được máy chủ. Mời Ông/Bà thử lại "
                            "sau ít phút hoặc lấy số tại quầy tiếp nhận.")
        return error.message_en if self.words.language == "en" else error.message

    def show_hub_error(self, error: HubError) -> None:
        self.say(self._unreachable(error))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.idle.stop()
        super().closeEvent(event)
