"""`onestop ticket --sample`: a sample ticket PDF, no hub needed."""

from __future__ import annotations

import argparse

from onestop.printing.ticket import render_ticket, sample_ticket
from onestop.settings import Settings


def ticket_command(args: argparse.Namespace, settings: Settings) -> int:
    """`onestop ticket --sample --out FILE.pdf [--width 58|80]`: a ticket without a hub."""
    from dataclasses import replace

    from onestop.errors import CliError

    if not args.sample:
        raise CliError("only --sample is available from the command line; tickets are "
                       "printed by the reception window")
    ticket = replace(sample_ticket(), ward_name=settings.ward_name or sample_ticket().ward_name)
    try:
        args.out.write_bytes(render_ticket(ticket, args.width))
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"onestop: sample {args.width} mm ticket written to {args.out}")
    return 0
