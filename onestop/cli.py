"""`onestop <command>`: the one entry point (docs/architecture.md).

Commands are wired through COMMANDS, a table from command name to "module:function" in
onestop/commands/ (imported
only when that command runs, so `--help`/`--version` never pay for Qt or FastAPI) or None while
the command is not built yet. A handler takes (args, settings) and returns an exit code; it raises
CliError for anything the user can fix, which becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from onestop import __version__
from onestop.commands.admin_parsers import COMMANDS as ADMIN_COMMANDS
from onestop.commands.admin_parsers import GROUPS as ADMIN_GROUPS
from onestop.commands.admin_parsers import add_parsers as add_admin_parsers
from onestop.commands.central_parsers import COMMANDS as CENTRAL_CITY_COMMANDS
from onestop.commands.central_parsers import add_parsers as add_central_city_parsers
from onestop.commands.dossier_parsers import COMMANDS as DOSSIER_COMMANDS
from onestop.commands.dossier_parsers import GROUPS as DOSSIER_GROUPS
from onestop.commands.dossier_parsers import add_parsers as add_dossier_parsers
from onestop.commands.guide_parser import add_parser as add_guide_parser
from onestop.commands.planning import add_parsers as add_plan_parser
from onestop.errors import CliError  # noqa: F401  (re-exported: onestop.cli.CliError)
from onestop.settings import Settings, SettingsError, load_settings

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, Settings], int]

# Wiring a command is one line: replace None with "package.module:function".
COMMANDS: dict[str, str | None] = {
    "hub": "onestop.commands.hub:run_hub",
    "reception": "onestop.desktop.station:run_station",
    "counter": "onestop.desktop.station:run_station",
    "display": "onestop.desktop.station:run_station",
    "supervisor": "onestop.desktop.station:run_station",
    "admin": "onestop.desktop.station:run_station",
    "kiosk": "onestop.desktop.station:run_station",
    "sync": "onestop.commands.sync:sync_command",
    "simulate": "onestop.commands.simulate:simulate_command",
    "central": "onestop.commands.central:run_central",
    "central enrol": "onestop.commands.central:central_enrol",
    "central token": "onestop.commands.central:central_token",
    "central catalog": "onestop.commands.central:central_catalog",
    "central slots": "onestop.commands.central:central_slots",
    "report": "onestop.commands.report:report_command",
    "plan": "onestop.commands.planning:plan_command",
    "ticket": "onestop.commands.ticket:ticket_command",
    "doctor": "onestop.commands.doctor:doctor_command",
    "backup": "onestop.commands.backup:backup_command",
    "restore": "onestop.commands.backup:restore_command",
    **CENTRAL_CITY_COMMANDS,  # central notice, recommendations, reply, holidays
    "guide": "onestop.commands.guide:guide_command",
    **ADMIN_COMMANDS,  # officer, counter-config, ward, catalog, token (commands/admin_parsers.py)
    **DOSSIER_COMMANDS,  # dossier, holidays (commands/dossier_parsers.py)
}
# `onestop` with no command: single-PC mode (hub + launcher), not a command line of its own.
DEFAULT = "onestop.commands.hub:run_default"



class _Parser(argparse.ArgumentParser):
    # argparse prints the usage block plus the error; IT staff and scripts want one line.
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, got {port}")
    return port


def _counter_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a counter number: {text!r}") from None
    if not 1 <= number <= 999:  # as the hub's API (and SQLite's INTEGER) take them
        raise argparse.ArgumentTypeError(f"counter numbers are 1-999, got {text[:24]}")
    return number


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the data folder path is empty")
    return Path(text)


def _usable_folder(folder: Path) -> None:
    """The data folder exists as a folder or can be made: one line, not a traceback."""
    if folder.exists() and not folder.is_dir():
        raise CliError(f"data folder {folder} is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot use data folder {folder}: {exc.strerror or exc}") from None


def _batch_size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= size <= 2000:  # central refuses batches over 2,000 events (docs/sync.md)
        raise argparse.ArgumentTypeError(f"batch must be 1-2000 events, got {size}")
    return size


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    # --data is accepted before or after the command; SUPPRESS keeps a later default from
    # overwriting a value given earlier.
    data_opt = _Parser(add_help=False)
    data_opt.add_argument(
        "--data", type=_folder, default=argparse.SUPPRESS, metavar="DIR",
        help="data folder (default: $ONESTOP_DATA or the per-user data folder)",
    )

    parser = _Parser(
        prog="onestop",
        description="Counter-queue system for a ward one-stop centre. "
        "With no command: single-PC mode (hub + launcher).",
    )
    parser.add_argument("--version", action="version", version=f"onestop {__version__}")
    parser.add_argument(
        "--data", type=_folder, default=None, metavar="DIR",
        help="data folder (default: $ONESTOP_DATA or the per-user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    hub = sub.add_parser("hub", parents=[data_opt], help="headless hub for a LAN")
    hub.add_argument("--host", help="address to listen on (default from settings: 127.0.0.1)")
    hub.add_argument("--port", type=_port, help="port to listen on (default 8700)")

    def station(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[data_opt], help=help_text)
        p.add_argument("--hub", metavar="URL", help="hub address, e.g. http://192.168.1.10:8700")
        p.add_argument("--token", metavar="T", help="station token from 'onestop token create'")
        p.add_argument("--pair", metavar="CODE",
                       help="one-time pairing code from the supervisor window")
        p.add_argument("--screenshot", type=Path, metavar="F",
                       help="save a PNG of the window to F and exit")
        return p

    station("reception", "reception station window (issues tickets)")
    station("counter", "counter officer window").add_argument(
        "number", type=_counter_number, metavar="N", help="counter number"
    )
    station("display", "lobby display window")
    station("supervisor", "supervisor window")
    station("admin", "administration window: officers, counters, ward, catalogue, stations")
    station("kiosk", "self-service kiosk by the door: ask, take a number, check a booking in")

    add_admin_parsers(sub, data_opt, _Parser)
    add_dossier_parsers(sub, data_opt, _Parser)

    sync = sub.add_parser("sync", parents=[data_opt], help="this hub's link to central")
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True,
                                   parser_class=_Parser)
    enrol = sync_sub.add_parser("enrol", parents=[data_opt],
                                help="enrol this hub with a one-time code from central")
    enrol.add_argument("--central", metavar="URL", help="central server address "
                       "(default: central_url in settings.json)")
    enrol.add_argument("--code", required=True, help="one-time code from 'onestop central enrol'")
    enrol.add_argument("--ca-file", metavar="PEM", help="private CA certificate for HTTPS")
    status = sync_sub.add_parser("status", parents=[data_opt], help="what waits, last success")
    status.add_argument("--json", action="store_true")
    push = sync_sub.add_parser("push", parents=[data_opt], help="send every pending event now")
    push.add_argument("--batch", type=_batch_size, default=500, metavar="N",
                      help="events per request (1-2000, default 500)")
    sync_sub.add_parser("catalog", parents=[data_opt], help="pull the catalogue from central now")
    sync_sub.add_parser("inbox", parents=[data_opt],
                        help="pull the city's notices, feedback and replies now")
    sync_sub.add_parser("bookings", parents=[data_opt],
                        help="pull the ward's bookings (today and the coming days) now")

    sim = sub.add_parser("simulate", parents=[data_opt], help="simulate a ward day")
    sim.add_argument("--scenario", required=True, type=Path, metavar="FILE")
    sim.add_argument("--policy", required=True, metavar="NAME",
                     help="routing policy: smart, standard, fifo or oldest")
    sim.add_argument("--days", type=int, metavar="N", help="days to simulate (default: scenario)")
    sim.add_argument("--seed", type=int, metavar="S", help="random seed (default: scenario)")
    sim.add_argument("--staffing", default="static", choices=("static", "suggest", "plan"),
                     help="who sits where: static (as declared), suggest (follow the "
                          "supervisor's suggestions), plan (a day plan made before opening)")
    sim.add_argument("--json", action="store_true", help="print statistics as JSON")

    # --db, like --data, is accepted before or after the central action.
    db_opt = _Parser(add_help=False)
    db_opt.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL: sqlite:///PATH or postgresql://USER:PW@HOST/DB "
                             "(default: SQLite file central.db in the data folder)")
    central = sub.add_parser("central", parents=[data_opt, db_opt],
                             help="reference central server (serves; or an ACTION)")
    central.add_argument("--port", type=_port, help="port to listen on (default 8800)")
    central.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    central.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate "
                         "(or put central behind a TLS reverse proxy)")
    central.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    central_sub = central.add_subparsers(dest="central_command", metavar="ACTION",
                                         parser_class=_Parser)
    enrol = central_sub.add_parser("enrol", parents=[data_opt, db_opt],
                                   help="print a one-time enrolment code for a ward's hub")
    enrol.add_argument("--name", required=True, metavar="WARD",
                       help='ward name, e.g. "Phường Cửa Nam"')
    enrol.add_argument("--move", metavar="HUB_ID", help="allow this code to move a hub "
                       "already enrolled for another ward to this one (with its history)")
    central_sub.add_parser("token", parents=[data_opt, db_opt],
                           help="print a new admin token (dashboard, /api/hubs)")
    publish = central_sub.add_parser("catalog", parents=[data_opt, db_opt],
                                     help="validate and publish a catalogue JSON to hubs")
    publish.add_argument("file", type=Path, metavar="FILE", help="catalogue JSON file")
    slots = central_sub.add_parser("slots", parents=[data_opt, db_opt],
                                   help="set a ward's online booking slots for one group")
    slots.add_argument("--hub", required=True, metavar="HUB_ID", help="the ward's hub id")
    slots.add_argument("--group", required=True, metavar="GROUP", help="procedure group id")
    slots.add_argument("--capacity", required=True, type=int, metavar="N",
                       help="citizens the group serves in one slot (0: no booking)")
    slots.add_argument("--slot-minutes", type=int, default=30, metavar="M",
                       help="slot length in minutes (default 30)")
    slots.add_argument("--days-ahead", type=int, default=6, metavar="D",
                       help="bookable from today to D days ahead (default 6)")
    slots.add_argument("--booked-share", type=float, default=0.5, metavar="S",
                       help="share of a slot's capacity that may be booked (default 0.5)")
    add_central_city_parsers(central_sub, [data_opt, db_opt], _Parser)

    ticket = sub.add_parser("ticket", parents=[data_opt], help="render a ticket PDF")
    ticket.add_argument("--sample", action="store_true", help="a sample ticket, no hub needed")
    ticket.add_argument("--out", required=True, type=Path, metavar="FILE")
    ticket.add_argument("--width", type=int, choices=(58, 80), default=80,
                        help="roll width in mm (default 80)")

    report = sub.add_parser("report", parents=[data_opt], help="daily report PDF")
    report.add_argument("--date", type=_date, metavar="D", help="day, YYYY-MM-DD (default today)")
    report.add_argument("--out", required=True, type=Path, metavar="FILE")
    report.add_argument("--csv", type=Path, metavar="FILE", help="also export the tickets as CSV")
    report.add_argument("--xlsx", type=Path, metavar="FILE",
                        help="also export the tickets as Excel (.xlsx)")
    add_plan_parser(sub, data_opt, _date)
    doctor = sub.add_parser("doctor", parents=[data_opt], help="check this PC and the hub")
    doctor.add_argument("--hub", metavar="URL", help="hub to check (default: the one serving "
                        "the data folder, from <data>/hub.json; else http://127.0.0.1:<hub_port>)")
    doctor.add_argument("--json", action="store_true", help="print the checks as JSON")
    doctor.add_argument("--lang", choices=("vi", "en"), help="language (default from settings)")

    backup = sub.add_parser("backup", parents=[data_opt],
                            help="copy the hub database (also while the hub runs)")
    backup.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="where to write the copy (a folder: a dated file in it)")
    restore = sub.add_parser("restore", parents=[data_opt],
                             help="replace the hub database with a backup (hub stopped)")
    restore.add_argument("file", type=Path, metavar="FILE", help="a backup, e.g. "
                         "<data>/backups/hub-YYYY-MM-DD.db")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_guide_parser(sub, [data_opt], _Parser)
    return parser


def _command_key(args: argparse.Namespace) -> str | None:
    if args.command in (*ADMIN_GROUPS, *DOSSIER_GROUPS):
        return f"{args.command} {getattr(args, args.command.replace('-', '_') + '_command')}"
    if args.command == "central" and getattr(args, "central_command", None):
        return f"central {args.central_command}"
    return args.command


def _resolve(target: str) -> Handler:
    module_name, _, func_name = target.partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    key = _command_key(args)
    if key is not None and COMMANDS.get(key) is None:
        print(f"onestop {key}: not available yet in this version", file=sys.stderr)
        return EXIT_USAGE
    settings = load_settings(args.data)
    _usable_folder(settings.data_dir)
    if key is None:
        return int(_resolve(DEFAULT)(settings) or 0)
    return int(_resolve(COMMANDS[key])(args, settings) or 0)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except (CliError, SettingsError) as exc:
        print(f"onestop: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
