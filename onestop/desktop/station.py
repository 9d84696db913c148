"""Running one station window from the command line:
`onestop reception|counter N|display|supervisor|admin|kiosk --hub URL [--token T] [--screenshot F]`.

The token comes from --token, else from the single-PC tokens in the data folder when the hub
is this PC's. With --screenshot the window opens, waits until it shows the hub's data, saves
a PNG and exits (for documentation and checks).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib import import_module

from PySide6.QtCore import QTimer

from onestop.settings import Settings

from .client import HubClient
from .pairing import pair, saved_token
from .qtapp import application, has_display

log = logging.getLogger(__name__)

# role -> (module, class); the class takes (client, **options) and is a StationWindow.
WINDOWS = {
    "reception": ("onestop.desktop.reception", "ReceptionWindow"),
    "counter": ("onestop.desktop.counter", "CounterWindow"),
    "display": ("onestop.desktop.display", "DisplayWindow"),
    "supervisor": ("onestop.desktop.supervisor", "SupervisorWindow"),
    "admin": ("onestop.desktop.admin", "AdminWindow"),
    "kiosk": ("onestop.desktop.kiosk", "KioskWindow"),
}
SCREENSHOT_TIMEOUT_MS = 20_000


def local_token(settings: Settings, key: str) -> str | None:
    """This PC's own token for `key` from the data folder: single-PC mode's, or for the admin
    window the one a headless hub keeps for this PC's admin commands (admin-token.json)."""
    names = ["local-stations.json"] + (["admin-token.json"] if key == "admin" else [])
    for name in names:
        try:
            token = json.loads((settings.data_dir / name).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        if token:
            return token
    return None


def build_window(role: str, client: HubClient, **options):
    module, name = WINDOWS[role]
    window = getattr(import_module(module), name)(client, **options)
    settings = options.get("settings")
    if role == "reception" and settings is not None:
        from .reception_printing import attach_printer
        from .ticket_printer import TicketPrinter

        attach_printer(window, TicketPrinter(settings.printer, settings.ticket_width_mm),
                       settings.ward_name, settings)
    if role == "kiosk":
        from .kiosk_printing import attach_printer as attach_kiosk_printer

        attach_kiosk_printer(window, settings)
    return window


def run_station(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.errors import CliError

    role = args.command
    key = f"counter{args.number}" if role == "counter" else role
    hub_url = args.hub or f"http://127.0.0.1:{settings.hub_port}"
    token = args.token
    if not token and getattr(args, "pair", None):
        token = pair(settings, hub_url, args.pair, key)
    token = token or saved_token(settings, hub_url, key) or local_token(settings, key)
    if not token:
        raise CliError(f"no token for the {key} station: pass --pair CODE (from the supervisor "
                       "window) or --token T (from 'onestop token create')")
    if not args.screenshot and not has_display():
        raise CliError("no display available (DISPLAY is not set); run this on a PC with a "
                       "screen, or use --screenshot F")
    if args.screenshot and not has_display():
        # A screenshot needs no screen: render offscreen rather than let Qt abort on xcb.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application(settings.language)
    client = HubClient(hub_url, token, language=settings.language)
    options = {"number": args.number} if role == "counter" else {}
    window = build_window(role, client, settings=settings, **options)
    if getattr(window, "live_events", True):  # a kiosk may not follow the queue's events
        client.start()
    if args.screenshot:
        return _screenshot(app, window, args.screenshot)
    # A window meant for a wall screen (the lobby display) shows itself full screen.
    getattr(window, "show_on_tv", window.show)()
    return app.exec()


def _screenshot(app, window, path) -> int:
    result = {"rc": 1}

    def save() -> None:
        window.grab().save(str(path))
        result["rc"] = 0
        app.quit()

    def give_up() -> None:
        print(f"onestop: the window got no data from the hub within "
              f"{SCREENSHOT_TIMEOUT_MS // 1000} s", file=sys.stderr)
        app.quit()

    window.sig_ready.connect(lambda: QTimer.singleShot(300, save))  # let layouts settle
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    window.show()
    app.exec()
    return result["rc"]
