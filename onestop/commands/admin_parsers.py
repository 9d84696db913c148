"""The command line of administration: `onestop officer|counter-config|ward|catalog|token ...`.

Only argparse here (cli.py imports it for every run); the handlers are in admin.py,
loaded when one of these commands runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .planning import add_staffing_parser

ROLES = ("reception", "counter", "display", "supervisor", "admin", "kiosk")
# The command groups whose action picks the handler: "officer add", "ward show", ...
GROUPS = ("token", "officer", "counter-config", "ward", "catalog")
_H = "onestop.commands.admin:"
_T = "onestop.commands.admin_tokens:"
COMMANDS: dict[str, str] = {
    "token create": _T + "token_create", "token list": _T + "token_list",
    "token revoke": _T + "token_revoke",
    **{f"officer {a}": _H + f"officer_{a.replace('-', '_')}"
       for a in ("add", "list", "rename", "reset-pin", "disable", "enable")},
    **{f"counter-config {a}": _H + f"counter_{a}" for a in ("list", "add", "set", "remove")},
    "counter-config staffing": "onestop.commands.planning:counter_staffing",
    "ward show": _H + "ward_show", "ward set": _H + "ward_set",
    "catalog export": _H + "catalog_export", "catalog import": _H + "catalog_import",
    "catalog set": _H + "catalog_set",
}


def _number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a counter number: {text!r}") from None
    if not 1 <= number <= 999:
        raise argparse.ArgumentTypeError(f"counter numbers are 1-999, got {number}")
    return number


def _skills(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def _minutes(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 365:
        raise argparse.ArgumentTypeError(f"working days are 0 to 365, got {text!r}")
    return int(text)


def add_parsers(sub, data_opt: argparse.ArgumentParser, parser_class) -> None:
    def group(name: str, help_text: str):
        p = sub.add_parser(name, parents=[data_opt], help=help_text)
        return p.add_subparsers(dest=f"{name.replace('-', '_')}_command", metavar="ACTION",
                                required=True, parser_class=parser_class)

    def action(actions, name: str, help_text: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, parents=[data_opt], help=help_text)

    token = group("token", "station tokens")
    create = action(token, "create", "print a new station token")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--counter", type=_number, metavar="N",
                        help="counter number (role counter)")
    create.add_argument("--name", default="", help="station name shown in the lists")
    action(token, "list", "every station token issued, with last seen")
    revoke = action(token, "revoke", "revoke a station's token (a lost or replaced PC)")
    revoke.add_argument("id", help="station id (or a unique prefix) from 'onestop token list'")

    officer = group("officer", "counter officers (sign-in at a counter)")
    add = action(officer, "add", "add an officer (asks for the PIN twice without --pin)")
    add.add_argument("username", help="sign-in name, e.g. nguyen.lan (a-z, 0-9, . and _)")
    add.add_argument("--name", required=True, help='full name, e.g. "Nguyễn Thị Lan"')
    add.add_argument("--pin", help="PIN (digits); prefer the prompt: a PIN typed here stays "
                     "in the shell history")
    listing = action(officer, "list", "officers with their last sign-in")
    listing.add_argument("--json", action="store_true")
    rename = action(officer, "rename", "change an officer's full name")
    rename.add_argument("username")
    rename.add_argument("--name", required=True)
    reset = action(officer, "reset-pin", "set a new PIN (asks twice without --pin)")
    reset.add_argument("username")
    reset.add_argument("--pin")
    for name, text in (("disable", "stop an officer signing in (history keeps the name)"),
                       ("enable", "let a disabled officer sign in again")):
        action(officer, name, text).add_argument("username")

    counters = group("counter-config", "the centre's counters: labels, skills, fast lane")
    action(counters, "list", "every counter").add_argument("--json", action="store_true")
    cadd = action(counters, "add", "add a counter")
    cadd.add_argument("--number", type=_number, metavar="N", help="default: the next free")
    cset = action(counters, "set", "change a counter's labels, skills or fast lane")
    cset.add_argument("number", type=_number, metavar="N")
    for p, required in ((cadd, True), (cset, False)):
        p.add_argument("--label-vi", required=required, metavar="TEXT", help='e.g. "Quầy 7"')
        p.add_argument("--label-en", required=required, metavar="TEXT", help='e.g. "Counter 7"')
        p.add_argument("--skills", type=_skills, required=required, metavar="G1,G2",
                       help="group ids, primary first, e.g. civil-status,general")
        p.add_argument("--fast-lane", action=argparse.BooleanOptionalAction, default=None,
                       help="serve quick tickets first")
    cset.add_argument("--can-serve", type=_skills, metavar="G1,G2", help="fields the counter "
                      "may be moved to in the day plan (\"\" for none)")
    add_staffing_parser(action, counters)
    action(counters, "remove", "remove a closed, empty counter (its station tokens are "
           "revoked)").add_argument("number", type=_number, metavar="N")

    ward = group("ward", "the ward's name, the office's name, address, opening hours and "
                 "lobby notice")
    action(ward, "show", "the ward's identity").add_argument("--json", action="store_true")
    wset = action(ward, "set", "change fields of the ward's identity (others are kept)")
    for field in ("name-vi", "name-en", "address-vi", "address-en", "notice-vi", "notice-en"):
        wset.add_argument(f"--{field}", metavar="TEXT")
    for field in ("office-name-vi", "office-name-en"):
        wset.add_argument(f"--{field}", metavar="TEXT", help="the office's name on tickets, "
                          "pages and reports; \"\" follows the ward's name (\"Trung tâm Phục vụ "
                          "hành chính công phường …\")")
    wset.add_argument("--ward-code", metavar="CODE", help="2-8 letters A-Z/0-9 starting every "
                      "dossier code, e.g. CUANAM; \"\" follows the ward's name")
    wset.add_argument("--hours", metavar="SESSIONS", help='e.g. "0-4 07:30-11:30; '
                      '0-4 13:30-17:00; 5 07:30-11:30" (days 0 = Monday ... 6 = Sunday)')

    catalog = group("catalog", "the catalogue of procedures")
    action(catalog, "export", "write the catalogue in use to FILE ('-': standard output)") \
        .add_argument("file", type=Path, metavar="FILE")
    action(catalog, "import", "replace the catalogue with FILE (checked first; nothing "
           "changes when refused)").add_argument("file", type=Path, metavar="FILE")
    cat = action(catalog, "set", "edit one procedure locally (kept over central's updates)")
    cat.add_argument("code", help="procedure code, e.g. 2.000815")
    cat.add_argument("--enable", dest="enabled", action="store_true", default=None)
    cat.add_argument("--disable", dest="enabled", action="store_false")
    cat.add_argument("--minutes", type=_minutes, metavar="M")
    for field in ("fee-vi", "fee-en", "result-vi", "result-en"):
        cat.add_argument(f"--{field}", metavar="TEXT")
    cat.add_argument("--result-days", dest="result_working_days", type=_days, metavar="N",
                     help="working days from receipt to result (0 = same day): the due date "
                     "printed on the receipt")
    for field in ("checklist-vi", "checklist-en"):
        cat.add_argument(f"--{field}", metavar="A|B|C", help="documents, separated by |")
