"""`onestop central slots`: central IT sets a ward's booking slots for one group
(docs/booking.md). The ward sets the same from its admin window (event booking.slots_set)."""

from __future__ import annotations

import argparse

from sqlalchemy import text

from onestop.errors import CliError
from onestop.queue.booking_slots import check_settings
from onestop.queue.errors import InvalidRequest
from onestop.settings import Settings

from .central import _logging, _open


def central_slots(args: argparse.Namespace, settings: Settings) -> int:
    try:
        slots = check_settings({"capacity": args.capacity, "slot_minutes": args.slot_minutes,
                                "days_ahead": args.days_ahead,
                                "booked_share": args.booked_share})
    except InvalidRequest as exc:
        raise CliError(f"slots refused: {exc.message}") from None
    _logging(settings)
    central = _open(args, settings)
    try:
        with central.db.write() as conn:
            if conn.execute(text("SELECT 1 FROM hubs WHERE hub_id = :h"),
                            {"h": args.hub}).first() is None:
                raise CliError(f"no enrolled hub {args.hub!r} (onestop central enrol)")
            groups = [g.id for g in central.bookings.catalog().groups]
            if args.group not in groups:
                raise CliError(f"group {args.group!r} is not in the published catalogue "
                               f"(groups: {', '.join(groups)})")
            central.bookings.set_slots(conn, args.hub, args.group, slots, "central")
    finally:
        central.close()
    print(f"hub {args.hub} group {args.group}: {slots.places} bookable places per "
          f"{slots.slot_minutes}-minute slot (capacity {slots.capacity} × share "
          f"{slots.booked_share:g}), today + {slots.days_ahead} days")
    return 0
