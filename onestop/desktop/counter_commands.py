"""The counter window's commands: every button, shortcut and strip press ends here.

One command at a time: while a POST is in flight every action waits (a double press of
"next" can never call two citizens), and a request whose answer was lost is sent again with
the same Idempotency-Key, so the hub applies it once. Mixed into CounterWindow, which
provides the widgets, `client`, `counter`, `current`, `parked` and `_render`.
"""

from __future__ import annotations

import json
import uuid

from .client import HubError, ignore
from .counter_dialogs import ParkedDialog, TransferDialog

TICKET_ACTIONS = {"recall": "recall", "start": "start", "done": "done", "no_show": "no-show",
                  "park": "park"}


class CounterCommands:
    def trigger(self, action: str) -> None:
        """A button, a shortcut or the compact strip asked for an action."""
        if action == "slip":
            self.open_slip()
            return
        if action == "lookup":
            self.toggle_lookup()
            return
        if action == "compact" or action == "expand":
            self.toggle_compact()
            return
        button = self.buttons.get(action)
        if button is None or not button.isEnabled():
            return  # not possible now (or a command is in flight): a second press is ignored
        if action == "next":
            self._post(f"/api/counters/{self.number}/next", None, self._called)
        elif action in TICKET_ACTIONS:
            self._post(f"/api/tickets/{self.current['id']}/{TICKET_ACTIONS[action]}", None,
                       self._apply_ticket)
        elif action == "return":
            self._pick_parked()
        elif action == "transfer":
            self._pick_transfer()

    def _post(self, path: str, body: dict | None, done, failed=None) -> None:
        if self.busy:
            return
        request = path + json.dumps(body, sort_keys=True)
        # The same request after a lost answer reuses its key: the hub applies it once.
        key = self._retry[1] if self._retry and self._retry[0] == request else uuid.uuid4().hex
        self.busy = True
        self._render_buttons()

        def ok(value) -> None:
            self.busy, self._retry = False, None
            self.say("")
            done(value)
            self._render()

        def refused(error: HubError) -> None:
            self.busy = False
            self._retry = (request, key) if error.status == 0 else None
            (failed or self._refused)(error)
            self._render()

        self.client.call(self, "POST", path, body, done=ok, failed=refused, key=key)

    def _get(self, path: str, done, failed=ignore) -> None:
        """A read; by default a failure is dropped (the next event or state asks again)."""
        self.client.call(self, "GET", path, done=done, failed=failed)

    def show_hub_error(self, error: HubError) -> None:
        self.say(error.message, error=True)

    def _refused(self, error: HubError) -> None:
        self.say(error.message, error=True)
        if error.status == 409:  # our picture of the counter is behind: read it again
            self._get("/api/state", self._on_state)
            self._refresh["backlog"].start()

    def _called(self, ticket) -> None:
        if ticket is None:
            self.say(self.tr("Không còn công dân nào đang chờ ở lĩnh vực của quầy."))
            return
        self._apply_ticket(ticket)

    def _pick_parked(self) -> None:
        if not self.parked or self.catalog is None:
            return
        if self.parked_dialog is not None:
            self.parked_dialog.deleteLater()
        self.parked_dialog = ParkedDialog(self.parked, self.catalog, self)
        self.parked_dialog.accepted.connect(
            lambda: self._return_parked(self.parked_dialog.chosen()))
        self.parked_dialog.open()

    def _return_parked(self, ticket_id: str | None) -> None:
        if ticket_id and self.buttons["return"].isEnabled():
            self._post(f"/api/tickets/{ticket_id}/return", {"counter": self.number},
                       self._apply_ticket)

    def _pick_transfer(self) -> None:
        if self.current is None or self.catalog is None:
            return
        ticket = self.current
        if self.transfer_dialog is not None:
            self.transfer_dialog.deleteLater()
        self.transfer_dialog = TransferDialog(ticket, self.catalog, self.counters, self.number,
                                              self.client.language, self)

        def chosen() -> None:
            def moved(result) -> None:
                self._apply_ticket(result)
                self.say(self.tr("Đã chuyển số {number} sang {group}.").format(
                    number=result["number"], group=self.catalog.group_name(result["group"])))

            self._post(f"/api/tickets/{ticket['id']}/transfer",
                       self.transfer_dialog.choice(), moved)

        self.transfer_dialog.accepted.connect(chosen)
        self.transfer_dialog.open()

    def _counter_changed(self, result: dict) -> None:
        if self.counter is not None:
            name = result.get("officer_name") or (
                self.counter.get("officer_name")
                if result["officer"] == self.counter.get("officer") else None)
            self.counter = {**self.counter, "status": result["status"],
                            "officer": result["officer"], "officer_name": name}

    def _sign_in(self, username: str, pin: str) -> None:
        def welcome(result) -> None:
            self._counter_changed(result)
            self.signin.reset()

        self._post(f"/api/counters/{self.number}/sign-in", {"username": username, "pin": pin},
                   welcome, lambda error: self.signin.refused(error.message))

    def _sign_out(self) -> None:
        self._post(f"/api/counters/{self.number}/sign-out", None, self._counter_changed)

    def _toggle_pause(self) -> None:
        change = "pause" if (self.counter or {}).get("status") == "open" else "open"
        self._post(f"/api/counters/{self.number}/{change}", None, self._counter_changed)

    def _close_counter(self) -> None:
        self._post(f"/api/counters/{self.number}/close", None, self._counter_changed)

    def toggle_compact(self) -> None:
        if self.strip.isVisible():
            self.strip.hide()
            self.show()
            self.raise_()
            self.activateWindow()
            return
        area = self.screen().availableGeometry()
        self.strip.move(area.right() - self.strip.width() - 24, area.top() + 24)
        self.strip.show()
        self.strip.raise_()
        self.strip.activateWindow()
        self.hide()

    @property
    def compact(self) -> bool:
        return self.strip.isVisible()

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setStyleSheet(
            "color:#8c0017; background:#fde7ea; border-radius:6px; padding:4px 10px;"
            if error and text else "color:#22384d; padding:4px 10px;")
        if text and not error:
            self._message_timer.start(10_000)

    # The header's two side tools: the procedure lookup beside the queue and the receipt.
    def toggle_lookup(self) -> None:
        if self.lookup.isVisible() and self.lookup.question.hasFocus():
            self.lookup.close_panel()
        else:
            self.lookup.open_panel()

    def open_slip(self) -> None:
        from .counter_slip import SlipDialog

        SlipDialog(self).open()
