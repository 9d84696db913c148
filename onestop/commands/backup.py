"""`onestop backup --out FILE` and `onestop restore FILE [--yes]`: one line each for what was
done, CliError (one line, exit 2) for anything refused. The mechanism is onestop.hub.backup."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from onestop.errors import CliError
from onestop.hub.backup import DB_NAME, BackupError, copy_database, hub_running, inspect, restore
from onestop.hub.db import LATEST
from onestop.oslayer.file_modes import private_umask, secure_folder
from onestop.oslayer.process import claim_folder
from onestop.settings import Settings


def backup_command(args: argparse.Namespace, settings: Settings) -> int:
    db = settings.data_dir / DB_NAME
    if not db.exists():
        raise CliError(f"no hub database in {settings.data_dir} (nothing to back up)")
    out: Path = args.out
    if out.is_dir():
        out = out / f"hub-{datetime.now().strftime('%Y-%m-%d-%H%M%S')}.db"
    try:
        private_umask()  # the copy holds the central token and every ticket: 0600
        copy_database(db, out)  # checked with integrity_check before it is renamed into place
        info = inspect(out, check=False)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    size_mb = out.stat().st_size / 1e6
    print(f"onestop: backup of hub {info.hub_id[:8]} written to {out} ({size_mb:.1f} MB, "
          f"events up to {info.last_seq}, last ticket day {info.last_day or '-'}; checked)")
    return 0


def _confirm(source: Path, data_dir: Path) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(f"Replace the hub database in {data_dir} with {source}? [y/N] ")
    return answer.strip().lower() in ("y", "yes", "c", "có", "co")


def restore_command(args: argparse.Namespace, settings: Settings) -> int:
    source: Path = args.file
    data_dir = settings.data_dir
    try:
        info = inspect(source)  # refuse a bad file before asking anything
        secure_folder(data_dir)
        with claim_folder(data_dir, hint="stop that hub first"):
            if hub_running(data_dir / DB_NAME):  # another program has hub.db open
                raise BackupError(f"a hub is running on {data_dir} ({DB_NAME} is in use); "
                                  "stop it first")
            if not args.yes and not _confirm(source, data_dir):
                raise CliError(f"not restored: confirm with 'onestop restore {source} --yes'")
            done = restore(source, data_dir, datetime.now(), info)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    migrated = (f"; schema {info.schema} is migrated to {LATEST} at the next start"
                if info.schema < LATEST else "")
    print(f"onestop: restored hub {info.hub_id[:8]} from {source}: events up to "
          f"{info.last_seq}, last ticket day {info.last_day or '-'}{migrated}")
    if done.kept is not None:
        print(f"  the replaced database is kept as {done.kept}")
    for line in _sync_warnings(info, done.previous):
        print(f"  warning: {line}", file=sys.stderr)
    return 0


def _sync_warnings(info, previous) -> list[str]:
    """Central refuses reused sequence numbers (docs/sync.md, Known limits): say so when the
    restored copy is behind what central already acknowledged."""
    if previous is not None and previous.hub_id == info.hub_id:
        if previous.acked_seq > info.last_seq:
            return [f"central already holds events up to {previous.acked_seq} from this hub but "
                    f"the restored copy ends at {info.last_seq}; new events would reuse those "
                    "numbers and central parks them as conflicts. Enrol this hub again "
                    "(onestop sync enrol --code ...) and tell central's administrator"]
        return []
    if info.enrolled:
        return ["the replaced database could not be read, so it is unknown whether central "
                "already holds newer events from this hub; if it does, enrol this hub again "
                "(onestop sync enrol --code ...) and tell central's administrator"]
    return []
