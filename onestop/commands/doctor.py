"""`onestop doctor [--hub URL] [--json] [--lang vi|en]`: the checks of onestop/ops/doctor.py,
one line each (✓ ok, ! warning, ✗ fault, · information) and a verdict; exit 1 on any fault."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from onestop.ops.doctor import FAULT, SYMBOLS, run_checks, verdict
from onestop.settings import Settings


def _write(line: str) -> None:
    # A Windows console in a legacy code page cannot show ✓ or Vietnamese: replace, not crash.
    enc = sys.stdout.encoding or "utf-8"
    print(line.encode(enc, errors="replace").decode(enc), flush=True)


def doctor_command(args: argparse.Namespace, settings: Settings) -> int:
    lang = args.lang or settings.language
    checks = run_checks(settings, args.hub, lang)
    failed = any(c.status == FAULT for c in checks)
    if args.json:
        print(json.dumps({"ok": not failed, "checks": [asdict(c) for c in checks]},
                         ensure_ascii=False, indent=1))
    else:
        for c in checks:
            _write(f"{SYMBOLS[c.status]} {c.message}")
        _write(verdict(checks, lang))
    return 1 if failed else 0
