"""The dossier behind a "Nhận kết quả" ticket at the counter: reception issued it for one
dossier (docs/dossiers.md, "Collecting a result"), the counter shows that dossier's code under
the number, and Done on the ticket returns the dossier on the hub."""

from __future__ import annotations

from PySide6.QtCore import QObject

from .client import HubClient, ignore


class CollectLink(QObject):
    """Asks the hub once per collect ticket which dossier it is for, and shows the code."""

    def __init__(self, client: HubClient, panel) -> None:
        super().__init__(panel)
        self.client, self.panel = client, panel
        self.codes: dict[str, str | None] = {}  # ticket id -> dossier code (None: no link)

    def follow(self, ticket: dict | None) -> None:
        if not ticket or ticket.get("kind") != "collect":
            return
        ticket_id = ticket["id"]
        if ticket_id in self.codes:
            self.panel.show_dossier(self.codes[ticket_id])
            return
        self.codes[ticket_id] = None  # asked once; a collect number issued by hand has none

        def got(dossier: object) -> None:
            self.codes[ticket_id] = dossier.get("code") if isinstance(dossier, dict) else None
            if (self.panel.ticket or {}).get("id") == ticket_id:
                self.panel.show_dossier(self.codes[ticket_id])

        self.client.call(self, "GET", f"/api/tickets/{ticket_id}/dossier", done=got,
                         failed=ignore)
