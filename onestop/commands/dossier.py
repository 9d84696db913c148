"""Handlers of `onestop dossier ...` and `onestop holidays ...` (parsers: dossier_parsers.py):
HTTP calls to the hub serving the data folder, or to one served in-process for the command,
exactly as the admin commands do (commands/admin.py `session`)."""

from __future__ import annotations

import argparse
import json

from onestop.errors import CliError
from onestop.settings import Settings

from .admin import session


def _line(d: dict) -> str:
    flag = " QUÁ HẠN" if d.get("overdue") else ""
    return (f"{d['code']}  {d['state']:<21} hạn {d['due_date']}{flag}  {d['service']} "
            f"{d['service_vi']}")


def dossier_list(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        found = hub.call("GET", "/api/dossiers", params={"filter": args.filter})
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    counts = ", ".join(f"{k} {v}" for k, v in found["counts"].items())
    print(f"{len(found['dossiers'])} dossier(s), filter {found['filter']} ({counts})")
    for d in found["dossiers"]:
        print(_line(d))
    return 0


def dossier_show(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        d = hub.call("GET", f"/api/dossiers/{args.code}")
    if args.json:
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return 0
    print(_line(d))
    print(f"  check {d['check']}, received {d['received_at']}, original due "
          f"{d['original_due_date']}, paused {d['paused_working_days']} working day(s)"
          + (f", apology date {d['apology_due_date']}" if d["apology_due_date"] else "")
          + (f", {d['timeliness']}" if d["timeliness"] else ""))
    for h in d["history"]:
        print(f"  {h['at']}  {h['action']:<10} → {h['state']}"
              + (f"  ({h['reason']})" if h["reason"] else ""))
    print(f"  lookup: {d['lookup_url']}")
    return 0


def dossier_act(args: argparse.Namespace, settings: Settings) -> int:
    body = {"reason": args.reason} if args.reason else None
    with session(settings) as hub:
        d = hub.call("POST", f"/api/dossiers/{args.code}/{args.dossier_command}", json=body)
    print(_line(d))
    return 0


def dossier_apology(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        d = hub.call("POST", f"/api/dossiers/{args.code}/apology",
                     json={"new_due_date": args.date, "reason": args.reason})
    print(f"{_line(d)}; new date {d['apology_due_date']}")
    if args.pdf:
        with session(settings) as hub:
            _write_pdf(hub, f"/api/dossiers/{d['code']}/apology-slip", args.name, args.pdf)
    return 0


def dossier_slip(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        code = hub.call("GET", f"/api/dossiers/{args.code}")["code"]
        _write_pdf(hub, f"/api/dossiers/{code}/slip", args.name, args.pdf)
    return 0


def _write_pdf(hub, path: str, name: str, out) -> None:
    pdf = hub.pdf(path, {"citizen_name": name})
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"written: {out}")


def holidays_list(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        days = hub.call("GET", "/api/holidays")["holidays"]
    for h in days:
        print(f"{h['day']}  {h['origin']:<4}  {h['name_vi']} / {h['name_en']}")
    return 0


def holidays_add(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        h = hub.call("POST", "/api/holidays", json={"day": args.day, "name_vi": args.name,
                                                     "name_en": args.name_en})
    print(f"{h['day']} added: {h['name_vi']}")
    return 0


def holidays_remove(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        h = hub.call("DELETE", f"/api/holidays/{args.day}")
    print(f"{h['day']} removed: {h['name_vi']}")
    return 0
