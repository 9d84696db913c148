"""`onestop central notice|recommendations|reply|holidays`: what the city says to its wards,
delivered through the inbox the hubs pull (docs/central.md, "Notices, recommendations and
holidays"). A refusal is one line and exit code 2 (CliError)."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator

from sqlalchemy import text

from onestop.errors import CliError
from onestop.settings import Settings
from onestop.sync.central.inbox import add_holidays
from onestop.sync.central.server import Central

from .central import open_central, start_logging

MAX_TITLE, MAX_BODY, MAX_REPLY = 200, 4000, 4000


@contextlib.contextmanager
def _central(args: argparse.Namespace, settings: Settings) -> Iterator[Central]:
    start_logging(settings)
    central = open_central(args, settings)
    try:
        yield central
    finally:
        central.close()


def _words(value: str | None, what: str, longest: int) -> str:
    value = (value or "").strip()
    if not value:
        raise CliError(f"{what} is empty")
    if len(value) > longest:
        raise CliError(f"{what} is longer than {longest} characters")
    return value


def _resolve_wards(central: Central, named: list[str]) -> list[str]:
    """Ward names (as enrolled) from names or short codes; an unknown one is refused."""
    with central.db.read() as conn:
        rows = conn.execute(text("SELECT DISTINCT ward, ward_code FROM hubs")).all()
    by_code = {r.ward_code: r.ward for r in rows if r.ward_code}
    names = {r.ward for r in rows}
    wards = []
    for item in named:
        ward = item if item in names else by_code.get(item.strip().upper())
        if ward is None:
            raise CliError(f"no enrolled ward {item!r} (a ward's name as enrolled, or its "
                           "short code)")
        if ward not in wards:
            wards.append(ward)
    return wards


def central_notice(args: argparse.Namespace, settings: Settings) -> int:
    with _central(args, settings) as central:
        if args.notice_command == "publish":
            title = _words(args.title, "--title", MAX_TITLE)
            body = _words(args.body, "--body", MAX_BODY)
            title_en = _words(args.title_en, "--title-en", MAX_TITLE) if args.title_en else title
            body_en = _words(args.body_en, "--body-en", MAX_BODY) if args.body_en else body
            if args.expires and args.expires < central.today():
                raise CliError(f"--expires {args.expires} is already past")
            wards = _resolve_wards(central, args.ward) if args.ward else None
            notice_id = central.inbox.publish_notice(title, body, title_en, body_en, wards,
                                                     args.ticker, args.expires)
            print(f"notice {notice_id} published to "
                  f"{', '.join(wards) if wards else 'every ward'}; hubs receive it with their "
                  "next pull")
        elif args.notice_command == "withdraw":
            if not central.inbox.withdraw_notice(args.notice_id):
                raise CliError(f"no notice {args.notice_id} to withdraw (onestop central "
                               "notice list)")
            print(f"notice {args.notice_id} withdrawn; hubs stop showing it with their next "
                  "pull")
        else:
            for n in central.inbox.notices():
                wards = ", ".join(json.loads(n.wards)) if n.wards else "every ward"
                state = f"withdrawn {n.withdrawn_at[:10]}" if n.withdrawn_at else (
                    f"until {n.expires_on}" if n.expires_on else "until withdrawn")
                ticker = " ticker" if n.ticker else ""
                print(f"{n.notice_id}\t{n.published_at[:10]}\t{state}{ticker}\t{wards}\t"
                      f"{n.title_vi}")
    return 0


def central_recommendations(args: argparse.Namespace, settings: Settings) -> int:
    with _central(args, settings) as central:
        rows = central.inbox.recommendations(waiting_only=args.waiting)
    if not rows:
        print("no recommendations" + (" waiting for a reply" if args.waiting else ""))
    for r in rows:
        reply = f"replied {r.replied_at[:10]}" if r.replied_at else "waiting for a reply"
        print(f"{r.recommendation_id}\t{r.ward}\t{r.sent_at[:10]}\t{reply}\t{r.subject}")
        print(f"    {r.text}")
        if r.reply:
            print(f"    → {r.reply}")
    return 0


def central_reply(args: argparse.Namespace, settings: Settings) -> int:
    words = _words(args.text, "the reply", MAX_REPLY)
    with _central(args, settings) as central:
        ward = central.inbox.reply(args.recommendation_id.strip(), words)
    if ward is None:
        raise CliError(f"no recommendation {args.recommendation_id!r} (onestop central "
                       "recommendations)")
    print(f"reply sent to {ward}; its hub receives it with its next pull")
    return 0


def central_holidays(args: argparse.Namespace, settings: Settings) -> int:
    with _central(args, settings) as central:
        if args.holidays_command == "list":
            with central.db.read() as conn:
                for r in conn.execute(text("SELECT day, name_vi, name_en FROM holidays "
                                           "ORDER BY day")):
                    print(f"{r.day}\t{r.name_vi}\t{r.name_en}")
            return 0
        day = args.day.isoformat()
        with central.db.write() as conn:
            if args.holidays_command == "set":
                name_vi = _words(args.name_vi, "--name-vi", MAX_TITLE)
                name_en = _words(args.name_en, "--name-en", MAX_TITLE) if args.name_en \
                    else name_vi
                conn.execute(text(
                    "INSERT INTO holidays (day, name_vi, name_en) VALUES (:d, :v, :e) "
                    "ON CONFLICT (day) DO UPDATE SET name_vi = excluded.name_vi, "
                    "name_en = excluded.name_en"), {"d": day, "v": name_vi, "e": name_en})
            elif conn.execute(text("DELETE FROM holidays WHERE day = :d"),
                              {"d": day}).rowcount != 1:
                raise CliError(f"{day} is not a holiday in the calendar")
            # The whole calendar goes to every ward, replacing the city's part of theirs.
            add_holidays(conn, central.db.sqlite, central.clock(), None)
    print(f"holiday {day} {'set' if args.holidays_command == 'set' else 'removed'}; the "
          "calendar is sent to every ward with their next pull")
    return 0
