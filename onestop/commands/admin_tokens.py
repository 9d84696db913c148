"""Handlers of `onestop token create|list|revoke` (parsers: admin_parsers.py): station tokens
through the hub's pairing and stations API, the same one code path as every admin command
(admin.py `session`)."""

from __future__ import annotations

import argparse

from onestop.errors import CliError
from onestop.settings import Settings

from .admin import session


def token_create(args: argparse.Namespace, settings: Settings) -> int:
    """A station token, made as a PC pairing would: a one-time code redeemed at once."""
    if args.role == "counter" and args.counter is None:
        raise CliError("--role counter needs --counter N")
    with session(settings) as hub:
        code = hub.call("POST", "/api/pairing-codes",
                        json={"role": args.role, "counter": args.counter})["code"]
        paired = hub.call("POST", "/api/pair", json={"code": code, "name": args.name})
    print(paired["token"])
    return 0


def token_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every station token ever issued (never the tokens themselves: only hashes are kept)."""
    with session(settings) as hub:
        rows = hub.call("GET", "/api/stations")
    for r in rows:
        where = f" counter {r['counter']}" if r["counter"] is not None else ""
        state = f"revoked {r['revoked_at']}" if r["revoked_at"] else "active"
        print(f"{r['id']}  {r['role']}{where}  {r['name']!r}  created {r['created_at']}  "
              f"last seen {r['last_seen_at'] or 'never'}  {state}")
    return 0


def token_revoke(args: argparse.Namespace, settings: Settings) -> int:
    """Revoke a station (a lost or replaced PC): its token stops working at once. The id may
    be shortened to any unique prefix of 4 or more from `onestop token list`."""
    prefix = args.id.strip()
    with session(settings) as hub:
        matches = [r for r in hub.call("GET", "/api/stations") if r["id"].startswith(prefix)]
        if len(prefix) < 4 or len(matches) != 1:
            found = "no station" if not matches else f"{len(matches)} stations"
            raise CliError(f"{found} with id starting {args.id!r}; see onestop token list")
        station = matches[0]
        if station["revoked_at"]:
            print(f"{station['id']} was already revoked at {station['revoked_at']}")
            return 0
        hub.call("POST", f"/api/stations/{station['id']}/revoke")
    print(f"revoked {station['id']} ({station['role']} {station['name']!r})")
    return 0
