"""The command line of the dossier register and the holiday calendar:
`onestop dossier list|show|supplement|resume|ready|return|reject|withdraw|apology ...` and
`onestop holidays list|add|remove ...` (handlers: commands/dossier.py). For the city's IT staff
and tests; the same hub API the counter and admin windows call."""

from __future__ import annotations

import argparse
from pathlib import Path

GROUPS = ("dossier", "holidays")
_H = "onestop.commands.dossier:"
ACTIONS = ("supplement", "resume", "ready", "return", "reject", "withdraw")
COMMANDS: dict[str, str] = {
    "dossier list": _H + "dossier_list", "dossier show": _H + "dossier_show",
    **{f"dossier {a}": _H + "dossier_act" for a in ACTIONS},
    "dossier apology": _H + "dossier_apology", "dossier slip": _H + "dossier_slip",
    "holidays list": _H + "holidays_list", "holidays add": _H + "holidays_add",
    "holidays remove": _H + "holidays_remove",
}
FILTERS = ("open", "due_today", "overdue", "due_soon", "ready", "all")


def add_parsers(sub, data_opt: argparse.ArgumentParser, parser_class) -> None:
    def group(name: str, help_text: str):
        p = sub.add_parser(name, parents=[data_opt], help=help_text)
        return p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True,
                                parser_class=parser_class)

    def action(actions, name: str, help_text: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, parents=[data_opt], help=help_text)

    dossier = group("dossier", "the dossier register (hồ sơ): list, show, change state")
    listing = action(dossier, "list", "dossiers of the register (default: the open ones)")
    listing.add_argument("--filter", choices=FILTERS, default="open")
    listing.add_argument("--json", action="store_true")
    show = action(dossier, "show", "one dossier and its history")
    show.add_argument("code", help="e.g. CUANAM-261205-0007")
    show.add_argument("--json", action="store_true")
    for name in ACTIONS:
        act = action(dossier, name, f"mark a dossier: {name}")
        act.add_argument("code")
        act.add_argument("--reason", metavar="TEXT", required=name in ("reject", "withdraw"),
                         help="why (free text; never a citizen's name)")
    sorry = action(dossier, "apology", "record an apology with a new date for a late dossier")
    sorry.add_argument("code")
    sorry.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the new date")
    sorry.add_argument("--reason", required=True, metavar="TEXT")
    sorry.add_argument("--pdf", type=Path, metavar="FILE", help="also write the apology slip "
                       "(Phiếu xin lỗi và hẹn lại ngày trả kết quả) to FILE")
    sorry.add_argument("--name", default="", metavar="NAME",
                       help="the citizen's name printed on the slip (never stored)")
    slip = action(dossier, "slip", "write a dossier's receipt to a PDF file (to print again)")
    slip.add_argument("code")
    slip.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    slip.add_argument("--name", default="", metavar="NAME",
                      help="the citizen's name printed on it (never stored)")

    holidays = group("holidays", "the ward's calendar of public holidays and days off")
    action(holidays, "list", "every holiday (the city's and the ward's own)")
    add = action(holidays, "add", "add a ward's own day off")
    add.add_argument("day", metavar="YYYY-MM-DD")
    add.add_argument("name", metavar="NAME", help="its name in Vietnamese")
    add.add_argument("--name-en", metavar="NAME", default="")
    action(holidays, "remove", "remove a day from the calendar").add_argument(
        "day", metavar="YYYY-MM-DD")
