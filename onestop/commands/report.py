"""`onestop report --date D --out FILE.pdf [--csv F] [--xlsx F]`: the daily report (and its
exports) from the hub's database, the same as the supervisor window's button."""

from __future__ import annotations

import argparse

from onestop.hub.reporting import export_rows, report_input
from onestop.printing.exports import to_csv, to_xlsx
from onestop.printing.report import render_report
from onestop.queue.errors import InvalidRequest
from onestop.queue.numbering import service_day
from onestop.settings import Settings


def report_command(args: argparse.Namespace, settings: Settings) -> int:
    from onestop.compose import build_hub
    from onestop.errors import CliError
    from onestop.hub.db import DatabaseError

    try:
        hub = build_hub(settings)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    try:
        store = hub.store
        day = args.date or service_day(store.clock(), store.rules.timezone)
        if day > service_day(store.clock(), store.rules.timezone):
            raise InvalidRequest("future_day", f"{day} is in the future", "Ngày trong tương lai")
        outputs = [(args.out, lambda: render_report(report_input(
            store, day, hub.ward_name_vi, hub.office_name_vi, hub.opening_hours)))]
        if args.csv:
            outputs.append((args.csv, lambda: to_csv(export_rows(store, day))))
        if args.xlsx:
            outputs.append((args.xlsx, lambda: to_xlsx(export_rows(store, day))))
        for path, make in outputs:
            try:
                path.write_bytes(make())
            except OSError as exc:
                raise CliError(f"cannot write {path}: {exc.strerror or exc}") from exc
            print(f"onestop: report for {day} written to {path}")
    except InvalidRequest as exc:
        raise CliError(exc.message) from exc
    finally:
        hub.close()
    return 0
