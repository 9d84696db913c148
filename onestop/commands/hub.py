"""Running the hub: `onestop hub` (headless, for a LAN) and `onestop` alone (single-PC mode: an
in-process hub and the launcher window). Both run the one lifecycle of onestop/compose.py;
what differs is the address, the tokens made for this PC and what keeps the process alive."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from onestop.compose import HubLifecycle, lan_address, loopback_url, prepare_folder
from onestop.errors import CliError
from onestop.serving import free_port, port_free
from onestop.settings import Settings

from .local_tokens import local_admin_token, provision_local_tokens

log = logging.getLogger(__name__)


def run_hub(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.hub_host
    port = args.port or settings.hub_port
    life = HubLifecycle(settings)
    with life.running():
        if not port_free(host, port):
            raise CliError(f"port {port} on {host} is in use (another program?); "
                           "choose --port")
        hub = life.open()
        local_admin_token(hub)  # so the admin commands on this PC can reach this hub
        life.serve(host, port, loopback_url(host, port))
        print(f"onestop hub {hub.store.hub_id[:8]} on http://{host}:{port} "
              f"(data {settings.data_dir})", flush=True)
        print(f"  lobby display: {hub.public_base}/display?token=<display token>",
              flush=True)
        print("  station tokens: onestop token create --role R [--counter N]", flush=True)
        life.wait()  # until Ctrl+C or SIGTERM
    print("onestop hub: stopped", file=sys.stderr)
    return 0


def run_default(settings: Settings) -> int:
    """`onestop` with no command. Started twice from the desktop, the running launcher comes
    forward instead; a hub with no launcher (headless, `onestop hub`) is refused with its pid
    and address when this one claims the folder."""
    from onestop.oslayer.instance_lock import running_hub

    prepare_folder(settings)  # a folder that cannot be used is one line, before Qt loads
    front_end = _launcher_if_display()
    running = running_hub(settings.data_dir)
    if running is not None and front_end is not None:
        from onestop.desktop.single_instance import wake_launcher

        if wake_launcher(settings):
            print(f"onestop: already running ({running.describe()}); its launcher window was "
                  "brought to the front", flush=True)
            return 0
    return run_single_pc(settings, front_end=front_end)


def _launcher_if_display() -> Callable[..., int] | None:
    """The launcher's runner when this PC can show windows, else None (the hub runs alone).
    Chosen here, not in the hub package, which must never import Qt (docs/architecture.md)."""
    try:
        from onestop.desktop.qtapp import has_display

        if not has_display():
            return None
        from onestop.desktop.launcher_main import run_launcher

        return run_launcher
    except ImportError as exc:  # Qt's system libraries missing: still serve the centre
        log.warning("cannot load the desktop windows (%s); the hub runs alone", exc)
        return None


FrontEnd = Callable[..., int]
"""Runs a window's event loop on the main thread until it closes (the launcher); called with
hub_url, lan_url, lan_open, tokens and settings."""


def run_single_pc(settings: Settings, front_end: FrontEnd | None = None) -> int:
    """An in-process hub (8700, or a free port) and, when this PC has a display, the launcher
    window; closing it stops the hub. Without a display the hub runs alone until Ctrl+C. The
    hub listens on 127.0.0.1 unless settings.hub_host opens it to the LAN (the launcher's
    "allow other PCs" switch)."""
    life = HubLifecycle(settings, stopping_notice="onestop: stopping")
    with life.running():
        hub = life.open()
        host = settings.hub_host or "127.0.0.1"
        port = settings.hub_port if port_free(host, settings.hub_port) else free_port(host)
        tokens = provision_local_tokens(hub)
        local = f"http://127.0.0.1:{port}"  # this PC's windows, whatever the LAN binding
        life.serve(host, port, local)
        lan_open = host not in ("127.0.0.1", "localhost")
        lan = f"http://{lan_address()}:{port}"
        _announce(hub, settings, tokens, local, lan, lan_open)
        if front_end is None:
            print("  no display available: the hub runs alone without the launcher "
                  "window; Ctrl+C stops it", flush=True)
            life.wait()  # until Ctrl+C or SIGTERM
        else:
            print("  launcher window open; closing it stops the hub", flush=True)
            front_end(hub_url=local, lan_url=lan, lan_open=lan_open, tokens=tokens,
                      settings=settings)
    return 0


def _announce(hub, settings: Settings, tokens: dict, local: str, lan: str,
              lan_open: bool) -> None:
    print(f"onestop: hub running at {local} (data folder {settings.data_dir})", flush=True)
    print(f"  lobby display:  {local}/display?token={tokens['display']}", flush=True)
    print(f"  citizen pages:  {hub.public_base}/t/<ticket token> (the QR on each ticket)",
          flush=True)
    if lan_open:
        print(f"  other PCs: hub address {lan}; pair stations with a code from the "
              "supervisor window", flush=True)
    else:
        print("  other PCs: set \"hub_host\": \"0.0.0.0\" in settings.json (or tick \"allow "
              "other PCs\" in the launcher) and restart, then pair stations with a code from "
              "the supervisor window", flush=True)
