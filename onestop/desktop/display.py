"""The lobby display window: full screen on the hall's TV, read from 10 m.

Header (ward, the centre's clock), the latest call in a banner, one tile per open counter with
its ticket number HUGE, the last calls, people waiting per group with the estimated wait, and
a scrolling notice. It follows the hub by push only (HubClient's state and events; it never
polls): a call flashes its tile and the banner and is announced (chime, then Vietnamese voice).
The look matches the browser display at /display, so a centre can mix TVs and PCs.
"""

from __future__ import annotations

import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QWidget

from onestop.queue.office import office_name

from .announcer import Announcer
from .base import StationWindow
from .client import HubClient
from .display_panels import Marquee, RecentCalls, WaitingFooter
from .display_widgets import NAVY, Board, CallBanner, Header

log = logging.getLogger(__name__)
CALL_EVENTS = ("ticket.called", "ticket.recalled", "ticket.returned")
FLASH_MS = 6000  # how long a new call blinks
BLINK_MS = 500
# A call replayed after an outage longer than this is shown but not announced: the citizen
# has most likely gone to the counter already, and a stale voice call confuses the hall.
STALE_CALL_S = 120
RECENT_ROWS = 8
DEFAULT_SIZE = (1366, 768)


class DisplayWindow(StationWindow):
    def __init__(self, client: HubClient, settings=None, announcer: Announcer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(client, "", parent)
        self.setWindowTitle(self.tr("Màn hình gọi số"))
        self.settings = settings
        self.english = client.language == "en"
        self.announcer = announcer or Announcer.for_data_folder(
            settings.data_dir if settings else None,
            settings.display_voice if settings else "clips",
            settings.announce_twice if settings else True)
        self.announcer.setParent(self)
        self.state: dict | None = None
        self.calls: list[dict] = []  # every call seen, in order (tests and diagnostics)
        self._seq = -1
        self._resync = True  # the next state is applied whatever its sequence number
        self._was_offline = False
        self._clock_offset = 0.0  # hub time - this PC's time (s): a TV PC's clock drifts
        self._utc_offset = 7 * 60  # Asia/Ho_Chi_Minh until the hub says otherwise
        self._flash_until: dict[int, float] = {}
        self._banner_until = 0.0
        self._build()
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._on_blink)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._tick()
        client.sig_state.connect(self.apply_state)
        client.sig_event.connect(self._on_event)
        client.sig_online.connect(self._on_online)
        client.sig_offline.connect(self._on_offline)
        self.resize(*DEFAULT_SIZE)

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, NAVY)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.header = Header()
        # The office's name (queue/office.py) until the hub's ward identity arrives.
        self.header.ward = office_name({"name_vi": self.settings.ward_name if self.settings
                                        else ""}, "en" if self.english else "vi")
        self.header.subtitle = ""
        self.call_banner = CallBanner()
        self.call_banner.show_text(self.tr("Xin kính chào quý công dân – vui lòng chờ đến lượt"))
        middle = QWidget()
        self._middle = QHBoxLayout(middle)
        self.board = Board()
        self.board.empty_text = self.tr("Đang kết nối…")
        self.recent = RecentCalls()
        self.recent.set_rows(self.tr("Số vừa gọi"), [])
        self._middle.addWidget(self.board, 1)
        self._middle.addWidget(self.recent)
        self.footer = WaitingFooter()
        self.footer.set_content(self.tr("Đang chờ"), "0", [])
        self.marquee = Marquee()
        # The notice comes with the hub's state (the catalogue's priority categories, or the
        # ward's own notice); this station's setting display_notice overrides both.
        self.marquee.set_text(self._notice({}))
        for widget in (self.header, self.call_banner, middle, self.footer, self.marquee):
            self.body.addWidget(widget, 1 if widget is middle else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """Every size from the window's height (vh) and width (vw), like the browser's CSS."""
        vh, vw = self.height() / 100, self.width() / 100
        self.header.setFixedHeight(int(9 * vh))
        self.call_banner.setFixedHeight(int(12 * vh))
        self._middle.setContentsMargins(int(1.2 * vw), int(vh), int(1.2 * vw), int(vh))
        self._middle.setSpacing(int(1.2 * vw))
        self.recent.setFixedWidth(int(17 * vw))
        self.marquee.setFixedHeight(int(5.4 * vh))
        # The shared "lost the hub" strip, sized to be noticed from across the hall.
        self.banner.setStyleSheet(f"background:#b00020; color:white; font-weight:bold; "
                                  f"padding:{int(0.6 * vh)}px; font-size:{int(2.8 * vh)}px;")
        for widget in (self.header, self.call_banner, self.board, self.recent, self.footer,
                       self.marquee):
            widget.set_vh(vh)

    def show_hub_error(self, error) -> None:
        """The lobby's public screen shows no error text: it goes to the log (the banner
        already says when the hub is lost)."""
        log.warning("display: hub call failed: %s %s", error.code, error.message_en)

    def show_on_tv(self) -> None:
        """Full screen without a mouse pointer: how the hall's TV runs it."""
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F11 toggles full screen and Esc leaves it, so staff can reach the desktop.
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    # --- hub ---------------------------------------------------------------------------------
    def _on_offline(self, _reason: str) -> None:
        self._was_offline = True
        self._resync = True  # a restarted hub may come back with a lower sequence number

    def _on_online(self) -> None:
        if self._was_offline:
            # A resumed stream replays missed events but no board: fetch one snapshot.
            self._was_offline = False
            self.client.call(self, "GET", "/api/state",
                             done=lambda s: self.apply_state(s, force=True),
                             failed=lambda e: log.info("state after reconnect failed: %s",
                                                       e.message_en))

    def apply_state(self, state: dict, force: bool = False) -> None:
        seq = state.get("seq", 0)
        if seq < self._seq and not (force or self._resync):
            return  # an older snapshot overtaken by a newer one
        self._resync = False
        self._seq = seq
        self.state = state
        with contextlib.suppress(KeyError, TypeError, ValueError):  # keep the last offset
            self._clock_offset = (datetime.fromisoformat(state["now"]).timestamp()
                                  - time.time())
        self._utc_offset = state.get("utc_offset_minutes", self._utc_offset)
        ward = state.get("ward") or {}
        if ward.get("name_vi"):
            lang = "en" if self.english else "vi"
            self.header.ward = office_name(ward, lang)
            self.header.subtitle = ward.get(f"address_{lang}") or ward.get("address_vi") or ""
        notice = self._notice(state)
        if notice != self.marquee.text:
            self.marquee.set_text(notice)
        self._tick()
        self._render_footer(state)
        self._render_recent(state)
        self._render_board(state)
        if self._banner_until <= time.monotonic() and state.get("recent_calls"):
            last = state["recent_calls"][0]
            self._show_call(last["number"], last["counter"], last.get("recall", False), False)
        self.mark_ready()

    def _notice(self, state: dict) -> str:
        own = self.settings.display_notice if self.settings else None
        ward = state.get("ward") or {}
        lang = "en" if self.english else "vi"
        local = (own or ward.get(f"notice_{lang}") or ward.get("notice_vi")
                 or state.get(f"priority_notice_{lang}") or state.get("priority_notice_vi", ""))
        policy = state.get("policy") or {}
        order = policy.get(f"text_{lang}") or policy.get("text_vi")
        if order:  # the calling order the ward chose (issue 19) runs with the notice
            local = f"{local}   •   " + self.tr("Thứ tự gọi: %1").replace("%1", order)
        # The city's notices for the ticker (issue 17), composed once by the hub, go first.
        city = state.get(f"city_ticker_{lang}") or state.get("city_ticker_vi") or ""
        return f"{city}   •   {local}" if city and local else city or local

    def _group_name(self, group_id: str, fallback: str = "") -> str:
        for g in (self.state or {}).get("groups", []):
            if g["id"] == group_id:
                return (g.get("name_en") if self.english else None) or g["name_vi"]
        return fallback or group_id

    def _render_board(self, state: dict) -> None:
        shown = [c for c in state.get("counters", [])
                 if c["status"] == "open" or (c["status"] == "paused" and c.get("ticket"))]
        self.board.empty_text = self.tr("Chưa có quầy nào mở")
        self.board.set_order([c["number"] for c in shown])
        for c in shown:
            label = (c.get("label_en") if self.english else None) or c.get("label_vi") or \
                self.counter_name(c["number"])
            title, _, speciality = label.partition(" – ")
            t = c.get("ticket")
            if t:
                status = (self.tr("đang phục vụ") if t["status"] == "serving"
                          else self.tr("mời đến quầy"))
                # A priority number says why it goes ahead (issue 19); the call banner
                # already invites it, as on the browser display.
                why = (t.get("priority_en") if self.english else None) or t.get("priority_vi")
                detail = why or f"{self._group_name(t['group'], t.get('group_vi', ''))} · " \
                    f"{status}"
            else:
                detail = (self.tr("Tạm dừng") if c["status"] == "paused"
                          else self.tr("Sẵn sàng tiếp nhận"))
            self.board.tiles[c["number"]].set_content(
                title, speciality, t["number"] if t else "—", detail, bool(t),
                c["status"] == "paused")
        self.board.arrange()
        self._apply_flashes()

    def _render_recent(self, state: dict) -> None:
        rows = [(r["number"], self.counter_name(r["counter"]))
                for r in state.get("recent_calls", [])[:RECENT_ROWS]]
        self.recent.set_rows(self.tr("Số vừa gọi"), rows)

    def _render_footer(self, state: dict) -> None:
        items = []
        for g in state.get("groups", []):
            if g.get("waiting", 0) > 0:
                name = (g.get("name_en") if self.english else None) or g["name_vi"]
                rest = self.tr("%1 người chờ").replace("%1", str(g["waiting"]))
                wait = self.range_text(g.get("estimate"))
                items.append((f"{name}: ", f"{rest} · {wait}" if wait else rest))
        if not items:
            items = [("", self.tr("Hiện không có người chờ – mời quý công dân lấy số"))]
        self.footer.set_content(self.tr("Đang chờ"), str(state.get("waiting_total", 0)), items)

    def counter_name(self, number: int) -> str:
        return self.tr("Quầy %1").replace("%1", str(number))

    def range_text(self, estimate: dict | None) -> str:
        """The hub's words for the group's forecast (`text_vi`/`text_en`), the sentence the
        tickets and the citizen pages of the group print."""
        return (estimate or {}).get("text_en" if self.english else "text_vi") or ""

    # --- calls -------------------------------------------------------------------------------
    def _on_event(self, event: dict) -> None:
        if event.get("type") not in CALL_EVENTS:
            return
        t = (event.get("data") or {}).get("ticket") or {}
        number, counter = t.get("number"), t.get("counter")
        if not number or counter is None:
            return
        recall = event["type"] == "ticket.recalled"
        fresh = self._is_fresh(event.get("at"))
        self.calls.append({"number": number, "counter": counter, "type": event["type"],
                           "seq": event.get("seq"), "announced": fresh})
        now = time.monotonic()
        self._flash_until[counter] = now + FLASH_MS / 1000
        tile = self.board.tiles.get(counter)
        if tile is not None:  # show it now; the state that follows confirms it
            tile.set_content(tile.title, tile.speciality, number,
                             f"{self._group_name(t.get('group', ''))} · {self.tr('mời đến quầy')}",
                             True, tile.paused)
            self.board.arrange()
        self._banner_until = now + FLASH_MS / 1000
        self.call_banner.blink_on = True  # a new call starts lit, whatever the blink phase
        for other in self.board.tiles.values():
            other.blink_on = True
        self._show_call(number, counter, recall, True)
        self._apply_flashes()
        if fresh:
            self.announcer.announce(number, counter)

    def stop_flashing(self, except_counter: int | None = None) -> None:
        """End the flashes now (all, or all but one counter's), e.g. for a screenshot."""
        for n in list(self._flash_until):
            if n != except_counter:
                del self._flash_until[n]
        if except_counter is None:
            self._banner_until = 0.0
        self._apply_flashes()

    def _is_fresh(self, at: str | None) -> bool:
        try:
            age = time.time() + self._clock_offset - datetime.fromisoformat(at).timestamp()
        except (TypeError, ValueError):
            return True
        return age < STALE_CALL_S

    def _show_call(self, number: str, counter: int, recall: bool, flash: bool) -> None:
        before, _, after = self.tr("Mời số %1 đến %2").partition("%1")
        self.call_banner.show_text(before, number, after.replace("%2", self.counter_name(counter)),
                                   "  " + self.tr("(gọi lại)") if recall else "")
        self.call_banner.flashing = flash

    def _apply_flashes(self) -> None:
        now = time.monotonic()
        active = False
        for n, tile in self.board.tiles.items():
            tile.flashing = self._flash_until.get(n, 0) > now
            active = active or tile.flashing
            tile.update()
        self.call_banner.flashing = self._banner_until > now
        self.call_banner.update()
        if (active or self.call_banner.flashing) and not self._blink.isActive():
            self._blink.start()
        elif not (active or self.call_banner.flashing):
            self._blink.stop()

    def _on_blink(self) -> None:
        on = not self.call_banner.blink_on
        self.call_banner.blink_on = on
        for tile in self.board.tiles.values():
            tile.blink_on = on
        self._apply_flashes()

    # --- clock -------------------------------------------------------------------------------
    def _tick(self) -> None:
        centre = timezone(timedelta(minutes=self._utc_offset))
        now = datetime.fromtimestamp(time.time() + self._clock_offset, UTC).astimezone(centre)
        self.header.time = now.strftime("%H:%M")
        self.header.date = QLocale().toString(QDate(now.year, now.month, now.day),
                                              "dddd, dd/MM/yyyy")
        self.header.update()
