"""`onestop sync enrol|status|push|catalog|bookings|inbox`: the hub side of sync from the
command line.

They open the hub's data folder directly, so IT staff can enrol a hub, see what waits, or
drain a backlog by hand. `status` only reads and runs beside a hub; enrol, push and catalog
take the data folder's lock and refuse, in one line naming its pid and address, while a hub
serves the folder (its own sync worker does the same work).
"""

from __future__ import annotations

import argparse
import json

from onestop.errors import CliError
from onestop.settings import Settings

SYNC_HINT = ('the hub sends by itself; use "sync now" in its supervisor window or launcher '
             "instead (or stop it first)")


def _hub(settings: Settings):
    from onestop.compose import build_hub
    from onestop.hub.db import DatabaseError

    try:
        return build_hub(settings)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc


def sync_command(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.logging_setup import configure_logging

    configure_logging(settings)
    action = args.sync_command
    lock = None
    if action != "status":  # a writer: never beside a running hub, which syncs by itself
        from onestop.oslayer.process import claim_folder

        lock = claim_folder(settings.data_dir, hint=SYNC_HINT)
    try:
        hub = _hub(settings)
        try:
            return {"enrol": _enrol, "status": _status, "push": _push,
                    "catalog": _catalog, "bookings": _bookings,
                    "inbox": _inbox}[action](args, settings, hub)
        finally:
            hub.close()
    finally:
        if lock is not None:
            lock.release()


def _enrol(args, settings: Settings, hub) -> int:
    from onestop.sync.pusher import enrol
    from onestop.sync.transport import SyncError

    central = args.central or settings.central_url
    if not central:
        raise CliError("name the central server: --central https://central.example.vn")
    if not central.startswith(("http://", "https://")):
        raise CliError(f"central address must start with https:// (or http://): {central!r}")
    ca_file = args.ca_file or settings.central_ca_file
    try:
        # The ward code starts every dossier code; central keeps it unique among its wards.
        answer = enrol(hub.outbox, central, args.code.strip(), ca_file=ca_file,
                       clock=hub.store.clock, ward_code=hub.ward()["ward_code"])
    except SyncError as exc:
        raise CliError(exc.message) from exc
    print(f"enrolled: hub {answer.hub_id} is {answer.ward} on {central}; "
          f"central already holds {answer.acked} events, {hub.outbox.pending()} to send")
    return 0


def _status(args, settings: Settings, hub) -> int:
    status = hub.sync_status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return 0
    if not status["configured"]:
        print("sync: not enrolled (onestop sync enrol --central URL --code CODE)")
        return 0
    print(f"central: {status['central_url']} as {status['ward']}")
    print(f"events: {status['last_seq']} in this hub, {status['acked']} acknowledged, "
          f"{status['pending']} pending, {status['parked']} parked")
    print(f"last success: {status['last_success'] or 'never'}")
    if status["last_error"]:
        print(f"last error: {status['last_error']} ({status['last_error_at']})")
    if status["needs_enrolment"]:
        print("central no longer accepts this hub's token: enrol again")
    return 0


def _push(args, settings: Settings, hub) -> int:
    """Drain the outbox now; exit 1 with one line when central cannot take it."""
    from onestop.sync.pusher import SyncWorker
    from onestop.sync.transport import SyncError

    worker = SyncWorker(hub.outbox, clock=hub.store.clock, batch_size=args.batch)
    try:
        result = worker.push_pending()
    except SyncError as exc:
        hub.outbox.failed(exc.message, hub.store.clock(), needs_enrolment=exc.reenrol)
        raise CliError(exc.message) from exc
    print(f"sent {result.sent} events in {result.batches} batches: {result.stored} new, "
          f"{result.duplicates} already there, {result.rejected} parked; "
          f"acknowledged up to {result.acked}")
    return 0


def _catalog(args, settings: Settings, hub) -> int:
    from onestop.compose import build_sync
    from onestop.sync.transport import SyncError

    link = hub.outbox.link()
    if not link.ready:
        raise CliError("not enrolled with a central server (onestop sync enrol)")
    try:
        outcome = build_sync(hub).catalog.pull(link)
    except SyncError as exc:
        raise CliError(exc.message) from exc
    print(f"catalogue {outcome}: {hub.store.catalog.version}")
    return 0


def _bookings(args, settings: Settings, hub) -> int:
    """Pull the ward's bookings for today and the coming days now (issue 16)."""
    from onestop.compose import build_sync
    from onestop.hub.bookings import pull_window
    from onestop.sync.transport import SyncError

    link = hub.outbox.link()
    if not link.ready:
        raise CliError("not enrolled with a central server (onestop sync enrol)")
    try:
        outcome = build_sync(hub).bookings.pull(link)
    except SyncError as exc:
        raise CliError(exc.message) from exc
    first, last = pull_window(hub.store)
    print(f"bookings {first}..{last}: {outcome}")
    return 0


def _inbox(args, settings: Settings, hub) -> int:
    """Pull the city's inbox now: notices, citizens' feedback, replies, holidays (issue 17)."""
    from onestop.compose import build_sync
    from onestop.hub.dialogue import inbox_after
    from onestop.sync.transport import SyncError

    link = hub.outbox.link()
    if not link.ready:
        raise CliError("not enrolled with a central server (onestop sync enrol)")
    try:
        applied = build_sync(hub).inbox.pull(link)
    except SyncError as exc:
        raise CliError(exc.message) from exc
    print(f"inbox: {applied} items applied, cursor {inbox_after(hub.store)}")
    return 0
