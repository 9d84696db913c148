"""The counter window: an officer signs in, calls the next citizen, serves them and moves on.

Everything the window shows comes from the hub over HubClient: the pushed state (this counter's
status, officer, current ticket and today's count), the ticket events (instant updates), and
three reads (the catalogue, the counter's backlog and its parked tickets). Every command is a
POST with an Idempotency-Key; one command at a time, so a double press never calls two people.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .base import StationWindow
from .client import HubClient, HubError
from .counter_commands import CounterCommands
from .counter_compact import CompactStrip
from .counter_data import DeskCatalog, HubClock, concerns_counter, concerns_parked
from .counter_dialogs import ParkedDialog, TransferDialog
from .counter_dossier import CollectLink
from .counter_lists import CounterLists
from .counter_lookup import LookupPanel
from .counter_panels import CounterWords, CurrentPanel, QueuePanel, SignInPanel
from .counter_widgets import ActionButton, rescale, set_font
from .plain import Label

TICK_MS = 15_000  # waiting minutes refresh
REFRESH_DELAY_MS = 150  # a burst of events asks for the backlog once
AT_COUNTER = ("called", "serving")
# action -> keys; the first key is shown on the button
KEYS = {"next": ("F1", "Space"), "recall": ("F2",), "start": ("F3",), "done": ("F4",),
        "no_show": ("F5",), "park": ("F6",), "return": ("F7",), "transfer": ("F8",),
        "compact": ("Ctrl+M",), "slip": ("Ctrl+H",), "lookup": ("Ctrl+F",)}


class CounterWindow(CounterCommands, CounterLists, StationWindow):
    def __init__(self, client: HubClient, settings=None, number: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(client, "", parent)
        self.settings = settings  # the slip's printer comes from here
        self.number = number
        self.setWindowTitle(self.tr("Quầy {n} – onestop").format(n=number))
        self.words = CounterWords(self)
        self.clock = HubClock()
        self.catalog: DeskCatalog | None = None
        self.counter: dict | None = None  # this counter as in the last state
        self.counters: list[dict] = []
        self.groups: list[dict] = []
        self.current: dict | None = None  # the whole ticket at the counter
        self.backlog: list[dict] | None = None  # upcoming, in the order "next" brings them
        self.waiting = 0  # everyone this counter can serve who is waiting
        self.parked: list[dict] = []
        self.busy = False  # a command is in flight: every action waits for its answer
        self._retry: tuple[str, str] | None = None  # (request, key) lost on the way
        self._fetching: str | None = None  # ticket id being read
        self._resync = True  # the next state is a fresh start: reload the lists
        self._generation = {"backlog": 0, "parked": 0}
        self._large = False  # fonts scaled up for a full-HD screen
        self.parked_dialog: ParkedDialog | None = None
        self.transfer_dialog: TransferDialog | None = None
        self._build()
        self._bind_keys(self)
        self._bind_keys(self.strip)
        client.sig_state.connect(self._on_state)
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self._on_online)
        client.sig_offline.connect(self._on_offline)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start(TICK_MS)
        self._refresh = {}
        for name, load in (("backlog", self._load_backlog), ("parked", self._load_parked)):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(REFRESH_DELAY_MS)
            timer.timeout.connect(load)
            self._refresh[name] = timer
        area = self.screen().availableGeometry()  # a laptop-sized window by default
        self.resize(min(1366, area.width()), min(768, area.height()))
        self._load_catalog()
        if client.state is not None:  # a client already running (e.g. shared by a launcher)
            self._on_state(client.state)
        self._render()

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        root = self.centralWidget()
        root.setObjectName("counterRoot")
        root.setStyleSheet("#counterRoot { background:#eef2f6; }")
        self.body.setContentsMargins(16, 10, 16, 10)
        self.body.setSpacing(10)
        self.title = Label(self.tr("Quầy {n}").format(n=self.number))
        set_font(self.title, 26, bold=True)
        self.officer = Label("")
        set_font(self.officer, 17)
        self.status_pill = Label("")
        set_font(self.status_pill, 17, bold=True)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.officer)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addLayout(names)
        header.addWidget(self.status_pill, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)
        self.pause_button = self._small_button("", self._toggle_pause)
        self.close_button = self._small_button(self.tr("Đóng quầy"), self._close_counter)
        self.signout_button = self._small_button(self.tr("Đăng xuất"), self._sign_out)
        self.compact_button = self._small_button(self.tr("Thu gọn (Ctrl+M)"), self.toggle_compact)
        self.slip_button = self._small_button(self.tr("Phiếu hẹn (Ctrl+H)"),
                                              self.open_slip)
        self.lookup_button = self._small_button(self.tr("Tra cứu (Ctrl+F)"), self.toggle_lookup)
        for button in (self.lookup_button, self.slip_button, self.pause_button, self.close_button,
                       self.signout_button, self.compact_button):
            header.addWidget(button)
        self.body.addLayout(header)

        self.pages = QStackedWidget()
        self.signin = SignInPanel()
        self.signin.sig_submit.connect(self._sign_in)
        signin_page = QWidget()
        centred = QVBoxLayout(signin_page)
        centred.addStretch(1)
        centred.addWidget(self.signin, 0, Qt.AlignmentFlag.AlignHCenter)
        centred.addStretch(2)
        self.pages.addWidget(signin_page)
        desk = QWidget()
        desk_box = QVBoxLayout(desk)
        desk_box.setContentsMargins(0, 0, 0, 0)
        desk_box.setSpacing(10)
        panels = QHBoxLayout()
        panels.setSpacing(12)
        self.current_panel = CurrentPanel(self.words)
        self.collect_link = CollectLink(self.client, self.current_panel)
        self.queue_panel = QueuePanel(self.words)
        self.queue_panel.sig_return.connect(self._return_parked)
        panels.addWidget(self.current_panel, 5)
        panels.addWidget(self.queue_panel, 4)
        self.lookup = LookupPanel(self.client)  # beside the queue: the buttons stay usable
        self.lookup.setVisible(False)
        self.lookup.sig_closed.connect(self.setFocus)
        panels.addWidget(self.lookup, 4)
        desk_box.addLayout(panels, 1)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        specs = (("next", self.tr("Gọi số tiếp"), self.tr("F1 / Phím cách"), "#0b5cab"),
                 ("recall", self.tr("Gọi lại"), "F2", "#5b4bb7"),
                 ("start", self.tr("Bắt đầu"), "F3", "#00737d"),
                 ("done", self.tr("Hoàn thành"), "F4", "#0a7a3d"),
                 ("no_show", self.tr("Vắng mặt"), "F5", "#b45309"),
                 ("park", self.tr("Tạm gác"), "F6", "#5c6b7a"),
                 ("return", self.tr("Gọi số tạm gác"), "F7", "#3f5063"),
                 ("transfer", self.tr("Chuyển"), "F8", "#7a3e9d"))
        for i, (action, name, keys, color) in enumerate(specs):
            button = ActionButton(name, keys, color)
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
            grid.addWidget(button, i // 4, i % 4)
            self.buttons[action] = button
        desk_box.addLayout(grid)
        self.pages.addWidget(desk)
        self.body.addWidget(self.pages, 1)
        self.message = Label("")
        self.message.setWordWrap(True)
        set_font(self.message, 18)
        self.message.setVisible(False)  # shown only with something to say
        self.body.addWidget(self.message)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.say(""))
        self.strip = CompactStrip(self.tr("Quầy {n}").format(n=self.number), self)
        self.strip.sig_action.connect(self.trigger)

    def _small_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(46)
        set_font(button, 16, bold=True)
        button.setStyleSheet("QPushButton { background:white; border:1px solid #9fb0c0; "
                             "border-radius:6px; padding:4px 10px; } "
                             "QPushButton:disabled { color:#9aa8b5; border-color:#d5dbe1; }")
        button.clicked.connect(slot)
        return button

    def _bind_keys(self, target: QWidget) -> None:
        for action, keys in KEYS.items():
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), target)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda a=action: self.trigger(a))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        # The number is what the officer checks against the citizen's slip: as big as fits.
        self.current_panel.scale_number(max(72, min(160, int(size.height() * 0.13))))
        large = size.height() >= 900 and size.width() >= 1600
        for button in self.buttons.values():  # a laptop screen needs its height for the list
            button.setMinimumHeight(84 if large else 62)
        if large != self._large:
            self._large = large
            rescale(self.centralWidget(), 1.2 if large else 1.0)
            self._render_queue()  # table cells take the new size when refilled

    # --- what the hub tells us ---------------------------------------------------------------
    def _load_catalog(self) -> None:
        def loaded(data) -> None:
            self.catalog = DeskCatalog(data, self.client.language)
            self._render()

        def failed(error: HubError) -> None:
            if error.status:  # unreachable: retried when the hub is back (sig_online)
                self.say(error.message, error=True)

        self._get("/api/catalog", loaded, failed)

    def _on_offline(self, _reason: str) -> None:
        self._render()

    def _on_online(self) -> None:
        # Back after a loss (or first connected): a fresh picture of everything, because a
        # resumed event stream replays changes but sends no snapshot until the next change.
        self._resync = True
        self._load_catalog()
        self._get("/api/state", self._on_state)
        self._render()

    def _on_state(self, state: dict) -> None:
        if state.get("seq", 0) < (self.client.last_seq or 0):
            return  # older than events already applied (a late reply): a newer one follows
        self.clock.update(state)
        mine = next((c for c in state.get("counters", []) if c["number"] == self.number), None)
        if mine is None:
            self.say(self.tr("Máy chủ không có quầy số {n}").format(n=self.number), error=True)
            return
        self.counter, self.counters, self.groups = mine, state["counters"], state["groups"]
        summary = mine.get("ticket")
        if summary is None:
            self.current = None
        elif self.current is not None and self.current["id"] == summary["id"]:
            self.current = {**self.current, **{k: summary[k] for k in
                                               ("status", "recalls", "called_at")}}
        else:
            self.current = None
            self._fetch_ticket(summary["id"])
        if self._resync:
            self._resync = False
            self._load_backlog()
            self._load_parked()
        self._render()

    def _fetch_ticket(self, ticket_id: str) -> None:
        if self._fetching == ticket_id:
            return
        self._fetching = ticket_id

        def got(ticket) -> None:
            self._fetching = None
            held = (self.counter or {}).get("ticket") or {}
            if held.get("id") == ticket["id"]:
                self.current = ticket
            self._render()

        def failed(error: HubError) -> None:
            self._fetching = None
            self.say(error.message, error=True)

        self._get(f"/api/tickets/{ticket_id}", got, failed)

    def _on_event(self, event: dict) -> None:
        data = event.get("data") or {}
        ticket = data.get("ticket")
        if ticket is not None and ticket.get("counter") == self.number:
            self._apply_ticket(ticket)
        changed = data.get("counter")
        if (self.counter is not None and changed is not None
                and changed.get("number") == self.number):
            if changed.get("officer", self.counter.get("officer")) != self.counter.get("officer"):
                self.counter.pop("officer_name", None)  # another officer: the state names them
            self.counter = {**self.counter, **{k: changed[k] for k in
                                               ("status", "officer", "skills", "label_vi",
                                                "label_en") if k in changed}}
            self._render()
        if event.get("type") == "catalog.updated":
            self._load_catalog()
        skills = (self.counter or {}).get("skills", [])
        if concerns_counter(event, self.number, skills):
            self._refresh["backlog"].start()
        if concerns_parked(event, self.number, {t["id"] for t in self.parked}):
            self._refresh["parked"].start()

    def _apply_ticket(self, ticket: dict) -> None:
        """A ticket as the hub now has it (from a reply or an event)."""
        if ticket.get("counter") == self.number and ticket["status"] in AT_COUNTER:
            self.current = ticket
        elif self.current is not None and self.current["id"] == ticket["id"]:
            self.current = None
        self._render()

    def _on_tick(self) -> None:
        self.current_panel.tick(self.clock)
        self._render_queue()
        if self.client.online:
            self._refresh["backlog"].start()  # ageing reorders the line as time passes

    # --- drawing -----------------------------------------------------------------------------
    def _render(self) -> None:
        c = self.counter or {}
        signed_in = bool(c.get("officer"))
        if self.pages.currentIndex() != int(signed_in):
            self.pages.setCurrentIndex(int(signed_in))
            if not signed_in:
                self.signin.username.setFocus()
        label = c.get(f"label_{self.client.language}") or c.get("label_vi")
        self.title.setText(label or self.tr("Quầy {n}").format(n=self.number))
        status = c.get("status", "closed")
        colours = {"open": ("#e3f4ea", "#0a6b35"), "paused": ("#fff1d6", "#8a4b00"),
                   "closed": ("#e6e9ed", "#4a5866")}
        bg, fg = colours.get(status, colours["closed"])
        self.status_pill.setText(self.words.counter_status(status) if c else "")
        self.status_pill.setStyleSheet(f"background:{bg}; color:{fg}; border-radius:14px; "
                                       "padding:4px 14px;")
        who = (self.tr("Cán bộ: {name}").format(name=c.get("officer_name") or c["officer"])
               if signed_in
               else self.tr("Chưa có cán bộ đăng nhập"))
        self.officer.setText(self.tr("{who} · Hôm nay đã phục vụ: {n}").format(
            who=who, n=c.get("served_today", 0)) if c else "")
        self.pause_button.setText(self.tr("Tạm dừng") if status == "open"
                                  else self.tr("Mở quầy"))
        if self.catalog is not None:
            self.current_panel.show_ticket(self.current, self.catalog, self.clock,
                                           is_open=status == "open")
            self.collect_link.follow(self.current)
        self._render_queue()
        self._render_buttons()
        self._maybe_ready()

    def _render_queue(self) -> None:
        if self.catalog is None or self.backlog is None or self.counter is None:
            return
        self.queue_panel.show_backlog(self.backlog, self.waiting, self.catalog, self.clock)
        self.queue_panel.show_parked(self.parked, self.catalog, self.clock)

    def _render_buttons(self) -> None:
        c = self.counter or {}
        ready = (self.client.online and not self.busy and bool(c.get("officer"))
                 and self.catalog is not None)
        status = (self.current or {}).get("status")
        is_open = c.get("status") == "open"
        free = self.current is None and not (c.get("ticket") or self._fetching)
        allowed = {
            "next": is_open and free, "recall": status == "called",
            "start": status == "called", "done": status in AT_COUNTER,
            "no_show": status == "called", "park": status in AT_COUNTER,
            "return": is_open and free and bool(self.parked),
            "transfer": status in AT_COUNTER,
        }
        for action, button in self.buttons.items():
            button.setEnabled(ready and allowed[action])
        self.pause_button.setEnabled(ready)
        self.close_button.setEnabled(ready and free and c.get("status") != "closed")
        self.signout_button.setEnabled(ready and free)
        for button in (self.signout_button, self.pause_button, self.close_button):
            button.setVisible(bool(c.get("officer")))  # the sign-in page offers only sign-in
        if not self.client.online:
            text, colour = self.tr("Mất kết nối với máy chủ – đang thử lại"), "#b00020"
        elif not c.get("officer"):
            text, colour = self.tr("Chưa đăng nhập"), "#5a6b7b"
        elif self.current is not None:
            minutes = self.clock.minutes_since(self.current.get("issued_at"))
            text = self.tr("{status} · chờ {m} phút").format(
                status=self.words.ticket_status(self.current["status"]), m=minutes)
            colour = "#0a7a3d" if self.current["status"] == "serving" else "#0b5cab"
        else:
            text, colour = self.words.counter_status(c.get("status", "closed")), "#5a6b7b"
        self.strip.show_state((self.current or {}).get("number"), text, colour,
                              {a: self.buttons[a].isEnabled() for a in ("next", "recall",
                                                                        "done")})

    def _maybe_ready(self) -> None:
        if (self.counter is not None and self.catalog is not None and self.backlog is not None
                and not self._fetching):
            self.mark_ready()
