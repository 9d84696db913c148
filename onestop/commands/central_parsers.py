"""The command lines of central's dialogue with the wards (issue 17): `onestop central notice
publish|list|withdraw`, `central recommendations`, `central reply`, `central holidays
list|set|remove`. Argparse only, so `onestop --help` stays cheap; the handlers are in
onestop/commands/central_city.py."""

from __future__ import annotations

import argparse
import datetime as dt

COMMANDS: dict[str, str] = {
    "central notice": "onestop.commands.central_city:central_notice",
    "central recommendations": "onestop.commands.central_city:central_recommendations",
    "central reply": "onestop.commands.central_city:central_reply",
    "central holidays": "onestop.commands.central_city:central_holidays",
}


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def add_parsers(central_sub, parents: list, parser_class) -> None:
    notice = central_sub.add_parser("notice", parents=parents,
                                    help="city notices to the wards: publish, list, withdraw")
    actions = notice.add_subparsers(dest="notice_command", metavar="ACTION", required=True,
                                    parser_class=parser_class)
    publish = actions.add_parser("publish", parents=parents,
                                 help="send a notice to every ward, or to the wards named")
    publish.add_argument("--title", required=True, help="title, in Vietnamese")
    publish.add_argument("--body", required=True, help="text, in Vietnamese")
    publish.add_argument("--title-en", help="title in English (default: the Vietnamese)")
    publish.add_argument("--body-en", help="text in English (default: the Vietnamese)")
    publish.add_argument("--ward", action="append", metavar="WARD",
                         help="a ward's name or short code (repeat; default: every ward)")
    publish.add_argument("--ticker", action="store_true",
                         help="also run it on the lobby display's ticker")
    publish.add_argument("--expires", type=_day, metavar="DAY",
                         help="last day it is shown, YYYY-MM-DD (default: until withdrawn)")
    actions.add_parser("list", parents=parents, help="the notices published")
    withdraw = actions.add_parser("withdraw", parents=parents, help="stop showing a notice")
    withdraw.add_argument("notice_id", type=int, metavar="ID")

    recs = central_sub.add_parser("recommendations", parents=parents,
                                  help="the wards' recommendations (kiến nghị) and replies")
    recs.add_argument("--waiting", action="store_true", help="only those without a reply")
    reply = central_sub.add_parser("reply", parents=parents,
                                   help="reply to a ward's recommendation")
    reply.add_argument("recommendation_id", metavar="REC_ID")
    reply.add_argument("text", metavar="TEXT", help="the reply, in Vietnamese")

    holidays = central_sub.add_parser("holidays", parents=parents,
                                      help="the city's public holidays (sent to every ward)")
    days = holidays.add_subparsers(dest="holidays_command", metavar="ACTION", required=True,
                                   parser_class=parser_class)
    days.add_parser("list", parents=parents, help="the calendar")
    put = days.add_parser("set", parents=parents, help="add or rename a holiday")
    put.add_argument("day", type=_day, metavar="DAY", help="YYYY-MM-DD")
    put.add_argument("--name-vi", required=True, help='e.g. "Tết Nguyên đán"')
    put.add_argument("--name-en", help="in English (default: the Vietnamese)")
    remove = days.add_parser("remove", parents=parents, help="remove a holiday")
    remove.add_argument("day", type=_day, metavar="DAY", help="YYYY-MM-DD")
