"""Reception: find the procedure, say what the citizen came for, see the wait, issue a number.

Left: search (diacritic-insensitive, typo-forgiving) with a live list, and one touch button per
group. Middle: request kind, count, priority. Right: the estimate before issuing, the huge
"In số" button, messages, and the ticket just issued (a preview until printing exists:
`sig_ticket_issued` carries the hub's answer so a printer can hook in).

Issuing is safe to retry: the Idempotency-Key stays the same while the same request is
retried after a failure, so a number is never issued twice; it changes after a success or
when the request changes (the hub refuses a key reused for a different request).
"""

from __future__ import annotations

import uuid
from dataclasses import fields
from html import escape
from urllib.parse import urlencode

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from onestop.queue.catalog import Catalog, CatalogError, Service, parse_catalog, public_code
from onestop.queue.labels import KINDS

from .base import StationWindow
from .client import HubClient, HubError
from .plain import Label
from .reception_bookings import BookingPanel, looks_like_code
from .reception_collect import CollectPanel
from .reception_finder import ServiceFinder, offered
from .reception_panels import EstimatePanel, RequestPanel, TicketPanel, section_title
from .reception_style import scale_for, style

ESTIMATE_DEBOUNCE_MS = 150
CATALOG_RETRY_MS = 3_000


class ReceptionWindow(StationWindow):
    sig_ticket_issued = Signal(dict)
    """A ticket was issued; the argument is the hub's answer (number, ticket, estimate, URL)."""
    sig_reprint = Signal(dict)
    """The last ticket is to be printed again; the same dict as `sig_ticket_issued` gave."""
    sig_estimate = Signal(dict)
    """A fresh estimate for the current choice is on screen: the hub's answer plus `request`,
    the choice it was asked for."""
    sig_message = Signal(str)
    """A message (error or confirmation) is on screen."""

    def __init__(self, client: HubClient, settings=None, parent: QWidget | None = None) -> None:
        title = QCoreApplication.translate("ReceptionWindow", "Tiếp nhận – cấp số thứ tự")
        super().__init__(client, title, parent)
        self.settings = settings
        self.english = client.language == "en"
        self.catalog: Catalog | None = None
        self.service: Service | None = None
        self.last_issued: dict | None = None
        self._catalog_error = False
        self._key: str | None = None  # Idempotency-Key of the request being retried
        self._key_body: dict | None = None
        self._issuing = False
        self._estimate_serial = 0
        self._scale = 1.0
        self.setStyleSheet(style(self._scale))
        self._build()
        self._shortcuts()
        self.resize(1366, 768)  # the smallest screen it is made for; stations run maximised
        self._estimate_timer = QTimer(self, singleShot=True, interval=ESTIMATE_DEBOUNCE_MS)
        self._estimate_timer.timeout.connect(self._fetch_estimate)
        self._catalog_timer = QTimer(self, singleShot=True, interval=CATALOG_RETRY_MS)
        self._catalog_timer.timeout.connect(self._load_catalog)
        client.sig_state.connect(self._on_state)
        client.sig_online.connect(self._on_online)
        client.sig_event.connect(self._on_event)
        if client.state is not None:
            self._on_state(client.state)
        self._load_catalog()

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        columns = QHBoxLayout()
        columns.setSpacing(18)
        self.body.setContentsMargins(16, 10, 16, 4)
        self.body.setSpacing(4)  # the foot rows are close: the procedures keep 6 rows at 768
        self.body.addLayout(columns, 1)

        self.finder = ServiceFinder(self)
        self.finder.sig_chosen.connect(self._chosen)
        # Short names for what tests and a future kiosk mode drive directly.
        self.search_box, self.results = self.finder.search_box, self.finder.results
        self.groups, self.list_caption = self.finder.groups, self.finder.caption
        left = QVBoxLayout()
        left.addWidget(self.finder, 5)
        self.booking = BookingPanel(self.client, self)  # booked numbers: check-in, today's list
        self.booking.sig_checked_in.connect(self._issued)
        self.booking.sig_walk_in.connect(self.issue_walk_in)
        self.booking.sig_message.connect(self.show_message)
        left.addWidget(self.booking)  # the code's row; its list unfolds on demand (F7)
        self.collect = CollectPanel(self.client, self)  # collecting a result; dossier board
        self.collect.sig_issued.connect(self._issued)
        self.collect.sig_guidance.connect(self.issue_guidance)
        self.collect.sig_message.connect(self.show_message)
        columns.addLayout(left, 1)

        middle = QVBoxLayout()
        middle.addWidget(section_title(self.tr("Thủ tục đã chọn")))
        self.service_label = Label(self)
        self.service_label.setTextFormat(Qt.TextFormat.RichText)  # its names are escaped
        self.service_label.setObjectName("serviceName")
        self.service_label.setWordWrap(True)
        middle.addWidget(self.service_label)
        self.request = RequestPanel(self)
        self.request.sig_changed.connect(self._schedule_estimate)
        middle.addWidget(self.request, 1)
        columns.addLayout(middle, 1)
        # A QR scanner types into whatever has the focus, usually the search box: a whole
        # booking code there goes to the booking field, whose Enter checks it in.
        self.search_box.textChanged.connect(self._maybe_scanned)

        right = QVBoxLayout()
        self.estimate = EstimatePanel(self)
        right.addWidget(self.estimate)
        self.issue_button = QPushButton(self.tr("IN SỐ  (F12)"), self)
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self.issue)
        right.addWidget(self.issue_button)
        self.reprint_button = QPushButton(self.tr("In lại số vừa rồi  (F9)"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint)
        right.addWidget(self.reprint_button)
        self.message = Label(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        right.addWidget(self.message)
        self.ticket = TicketPanel(self)
        right.addWidget(self.ticket, 1)
        columns.addLayout(right, 1)

        hint = Label(self.tr("Phím tắt: gõ để tìm, ↑↓ chọn, Enter xác nhận · Alt+1…4 loại "
                              "yêu cầu · Tab rồi ↑↓ chọn ưu tiên · F12 hoặc Ctrl+Enter in số · "
                              "F9 in lại · Esc làm lại"), self)
        self.body.addWidget(self.collect)  # collecting a result; the dossier board's counts
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.body.addWidget(hint)

        self._tab_order()
        self._clear_choice()
        self.search_box.setFocus()

    def _maybe_scanned(self, text: str) -> None:
        if looks_like_code(text):
            self.finder.clear()
            self.booking.take_code(text)
        elif self.collect.take_scan(text):  # a receipt's QR or a dossier code
            self.finder.clear()

    def _tab_order(self) -> None:
        """The order a keyboard user needs: find, choose, describe, issue; then the touch
        group buttons. Set again whenever the catalogue rebuilds buttons."""
        order = [self.search_box, self.results, *self.request.focus_order(), self.issue_button,
                 self.reprint_button, *self.groups.buttons.values()]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _shortcuts(self) -> None:
        keys = [("F12", self.issue), ("Ctrl+Return", self.issue), ("Ctrl+Enter", self.issue),
                ("F9", self.reprint), ("Esc", self.start_over),
                ("F8", lambda: self.booking.offer_walk_in()),
                ("F7", lambda: self.booking.show_list(not self.booking.toggle.isChecked()))]
        keys += [(f"Alt+{i + 1}", lambda k=kind: self.request.set_kind(k))
                 for i, kind in enumerate(KINDS)]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        scale = scale_for(event.size().height())
        if scale != self._scale:
            self._scale = scale
            self.setStyleSheet(style(scale))

    # --- hub data ---------------------------------------------------------------------------
    def _load_catalog(self) -> None:
        self.client.call(self, "GET", "/api/catalog", done=self._on_catalog,
                         failed=self._catalog_failed)

    def _on_catalog(self, data: object) -> None:
        # Procedures the admin switched off are not offered; the hub's own flags ("enabled",
        # "edited") are not part of the catalogue file format the parser checks.
        if isinstance(data, dict) and isinstance(data.get("services"), list):
            known = {f.name for f in fields(Service)}
            data = {**data, "services": [
                {k: v for k, v in s.items() if k in known} if isinstance(s, dict) else s
                for s in data["services"] if not isinstance(s, dict) or s.get("enabled", True)]}
        try:
            self.catalog = parse_catalog(offered(data), source="GET /api/catalog")
        except CatalogError as exc:
            self.show_message(exc.message_vi if not self.english else str(exc), error=True)
            return
        self.finder.set_catalog(self.catalog, self.english)
        self.booking.group_names = {g.id: self._name(g) for g in self.catalog.groups}
        self.booking.refresh()
        self.request.set_priorities([(c.id, self._name(c))
                                     for c in self.catalog.priority_categories])
        self._tab_order()
        if self._catalog_error:
            self.hide_message()
        self._maybe_ready()

    def _catalog_failed(self, error: HubError) -> None:
        self.show_message(self.tr("Chưa tải được danh mục thủ tục: {m}").format(m=error.message),
                          error=True)
        self._catalog_error = True
        self._catalog_timer.start()

    def _on_online(self) -> None:
        if self.catalog is None:
            self._load_catalog()

    def _on_event(self, event: dict) -> None:
        if event.get("type", "").startswith("catalog."):  # imported, or one procedure edited
            self._load_catalog()

    def _on_state(self, state: dict) -> None:
        self.groups.set_waiting({g["id"]: int(g.get("waiting", 0))
                                 for g in state.get("groups", [])})
        self._schedule_estimate()  # someone else's ticket changes our people-ahead
        self._maybe_ready()

    def _maybe_ready(self) -> None:
        if self.catalog is not None and self.client.state is not None:
            self.mark_ready()

    def _name(self, item) -> str:
        return item.name_en if self.english else item.name_vi

    # --- the chosen service ----------------------------------------------------------------
    def _chosen(self, code: str) -> None:
        if self.catalog is not None:
            self.choose(self.catalog.service(code))

    def choose(self, service: Service) -> None:
        self.service = service
        group = self._name(self.catalog.group(service.group)) if self.catalog else service.group
        shown = " · ".join(x for x in (group, public_code(service.code)) if x)
        self.service_label.setText(
            f"<b>{escape(self._name(service))}</b><br><span style='color:#4a5868'>"
            f"{escape(shown)}</span>")
        self.request.set_unit(service.unit_en if self.english else service.unit_vi)
        self.request.count.setFocus()
        self.request.count.selectAll()
        self._schedule_estimate(now=True)

    def _clear_choice(self) -> None:
        self.service = None
        self.service_label.setText(self.tr("Chưa chọn – tìm ở ô bên trái hoặc bấm một lĩnh vực"))
        self.request.set_unit(None)
        self.request.reset()
        self.estimate.clear()

    def start_over(self) -> None:
        """Esc: a clean form for the next citizen (the last ticket stays visible)."""
        self._clear_choice()
        self.finder.clear()
        self.hide_message()
        self.search_box.setFocus()

    # --- estimate -----------------------------------------------------------------------------
    def request_body(self) -> dict | None:
        if self.service is None:
            return None
        return {"service": self.service.code, "kind": self.request.kind,
                "count": self.request.count.value(), "priority": self.request.priority}

    def _schedule_estimate(self, now: bool = False) -> None:
        if self.service is not None:
            self._estimate_timer.start(0 if now else ESTIMATE_DEBOUNCE_MS)

    def _fetch_estimate(self) -> None:
        body = self.request_body()
        if body is None:
            return
        self._estimate_serial += 1
        serial = self._estimate_serial
        query = urlencode({k: v for k, v in body.items() if v is not None})

        def done(answer: object) -> None:
            if serial == self._estimate_serial and isinstance(answer, dict):
                self.estimate.show_estimate(answer)
                self.sig_estimate.emit({**answer, "request": body})

        def failed(error: HubError) -> None:
            if serial == self._estimate_serial:  # an older answer must not overwrite a newer
                self.estimate.clear(self.tr("Chưa có ước tính: {m}").format(m=error.message))

        self.client.call(self, "GET", f"/api/estimate?{query}", done=done, failed=failed)

    # --- issuing -------------------------------------------------------------------------------
    def issue(self) -> None:
        if self._issuing:
            return
        body = self.request_body()
        if body is None:
            self.show_message(self.tr("Hãy chọn thủ tục trước khi in số."), error=True)
            self.search_box.setFocus()
            return
        if body != self._key_body:
            self._key, self._key_body = uuid.uuid4().hex, body
        self._issuing = True
        self.issue_button.setText(self.tr("Đang cấp số…"))
        self.client.call(self, "POST", "/api/tickets", body, done=self._issued,
                         failed=self._issue_failed, key=self._key)

    def _issued(self, answer: object) -> None:
        self._issuing = False
        self._key = self._key_body = None
        self.issue_button.setText(self.tr("IN SỐ  (F12)"))
        if not isinstance(answer, dict):
            return
        self.last_issued = answer
        self._show_ticket(answer)
        self.start_over()  # the ticket panel is the confirmation; a stale error goes
        self.sig_ticket_issued.emit(answer)

    def issue_walk_in(self, group: str) -> None:
        """A late booked citizen: a walk-in number of the booking's group, in one key."""
        service = next((s for s in (self.catalog.services if self.catalog else ())
                        if s.group == group), None)
        if service is None:
            self.show_message(self.tr("Chưa chọn được thủ tục của lĩnh vực này."), error=True)
            return
        self.choose(service)
        self.issue()

    def issue_guidance(self, service: str) -> None:
        """A dossier not ready yet: a guidance number for its procedure, if reception asks."""
        if self.catalog is not None:
            self.choose(self.catalog.service(service))
            self.request.set_kind("guidance")
            self.issue()

    def _issue_failed(self, error: HubError) -> None:
        self._issuing = False
        self.issue_button.setText(self.tr("IN SỐ  (F12)"))
        text = self.tr("Chưa cấp được số: {m}").format(m=error.message)
        if error.status == 0 or error.status >= 500:
            text += " " + self.tr("Bấm F12 để thử lại: số không bị cấp trùng.")
        self.show_message(text, error=True)
        self.issue_button.setFocus()

    def _show_ticket(self, answer: dict) -> None:
        ticket = answer.get("ticket", {})
        name, unit, priority = ticket.get("service", ""), "", None
        if self.catalog is not None:
            try:
                service = self.catalog.service(name)
                name = self._name(service)
                unit = service.unit_en if self.english else service.unit_vi
                if ticket.get("priority"):
                    priority = self._name(self.catalog.priority_category(ticket["priority"]))
            except KeyError:
                pass  # a catalogue changed since: the code still identifies it
        offset = int((self.client.state or {}).get("utc_offset_minutes", 420))
        self.ticket.show_ticket(answer, name, unit, offset, priority)

    def reprint(self) -> None:
        if self.last_issued is None:
            self.show_message(self.tr("Chưa có số nào để in lại."), error=True)
            return
        self._show_ticket(self.last_issued)
        self.show_message(self.tr("In lại số {n}.").format(n=self.last_issued.get("number", "")))
        self.sig_reprint.emit(self.last_issued)

    # --- messages --------------------------------------------------------------------------------
    def show_hub_error(self, error: HubError) -> None:
        self.show_message(error.message, error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self._catalog_error = False
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            self.sig_message.emit(text)

    def hide_message(self) -> None:
        self.message.setVisible(False)
        self.message.setText("")

