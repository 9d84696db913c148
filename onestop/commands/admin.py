"""Handlers of `onestop officer|counter-config|ward|catalog|token ...` (parsers:
admin_parsers.py).

One code path whether or not the hub runs: every command is an HTTP call to the hub's admin
API, so the use case, its validation, its event and its audit are the same as from the admin
window. When a hub serves the data folder (its instance lock is held, oslayer/instance_lock.py)
the command talks to it over loopback with the folder's local admin token; when none does, it
takes the lock itself, serves the hub in-process on a free loopback port for the length of the
command, and stops it. Never a second writer beside a running hub.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from onestop.errors import CliError
from onestop.settings import Settings


class Session:
    """Calls to the hub serving the data folder; a refusal becomes a CliError in the
    settings' language (the hub's message_vi or message)."""

    def __init__(self, client: httpx.Client, language: str) -> None:
        self.client, self.language = client, language

    def call(self, method: str, path: str, **kw):
        try:
            r = self.client.request(method, path, **kw)
        except httpx.HTTPError as exc:
            raise CliError(f"cannot reach the hub at {self.client.base_url}: {exc}") from exc
        if r.status_code >= 400:
            raise CliError(self._message(r))
        return r.json() if "json" in r.headers.get("content-type", "") else r.text

    def pdf(self, path: str, body: dict) -> bytes:
        """POST for a document (a receipt, an apology slip): its bytes, or the refusal."""
        r = self.client.post(path, json=body)
        if r.status_code >= 400:
            raise CliError(self._message(r))
        return r.content

    def _message(self, r: httpx.Response) -> str:
        try:
            body = r.json()
        except ValueError:
            return f"the hub answered {r.status_code}"
        # A request the API itself refused (422 invalid_request) is only detailed in English.
        vi = self.language != "en" and body.get("code") != "invalid_request"
        return str(body.get("message_vi" if vi else "message") or body.get("message"))


def _loopback(url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname in ("0.0.0.0", "", None):  # a hub on every interface: reach it here
        parts = parts._replace(netloc=f"127.0.0.1:{parts.port}")
    return urlunsplit(parts)


@contextlib.contextmanager
def session(settings: Settings) -> Iterator[Session]:
    from onestop.oslayer.instance_lock import AlreadyRunning, acquire, running_hub

    from .local_tokens import ADMIN_TOKEN, LOCAL_TOKENS, read_tokens

    data = settings.data_dir
    running = running_hub(data) if data.is_dir() else None
    if running is not None:
        if not running.url:
            raise CliError(f"the hub of {data} ({running.describe()}) is still starting; "
                           "try again in a moment")
        token = read_tokens(data / LOCAL_TOKENS).get("admin") or \
            read_tokens(data / ADMIN_TOKEN).get("admin")
        if not token:
            raise CliError(f"{running.describe()} serves {data} but left no local admin "
                           "token there; restart it")
        with _client(_loopback(running.url), token) as client:
            yield Session(client, settings.language)
        return
    try:
        lock = acquire(data)
    except AlreadyRunning as exc:  # a hub started between the check and now
        raise CliError(f"{exc}; try again") from exc
    except OSError as exc:
        raise CliError(f"cannot use data folder {data}: {exc.strerror or exc}") from exc
    with lock:
        yield from _in_process(settings, lock)


def _in_process(settings: Settings, lock) -> Iterator[Session]:
    from onestop.compose import HubServer, open_hub
    from onestop.serving import free_port

    from .local_tokens import local_admin_token

    hub = open_hub(settings)
    try:
        token = local_admin_token(hub)
        server = HubServer(hub, "127.0.0.1", free_port("127.0.0.1"))
        server.start()
        lock.record(server.url)
        try:
            with _client(server.url, token) as client:
                yield Session(client, settings.language)
        finally:
            server.stop()
    finally:
        hub.close()


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"})


def _pin(given: str | None) -> str:
    """--pin, else asked twice on the terminal (never echoed); no terminal, no guessing."""
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the PIN: give --pin PIN")
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN again: ") != first:
        raise CliError("the two PINs differ; nothing was changed")
    return first


def _show(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1))


# --- officers -----------------------------------------------------------------------------------
def officer_add(args: argparse.Namespace, settings: Settings) -> int:
    pin = _pin(args.pin)
    with session(settings) as hub:
        o = hub.call("POST", "/api/officers", json={"username": args.username,
                                                    "display_name": args.name, "pin": pin})
    print(f"officer {o['username']} ({o['display_name']}) added; sign in at a counter with "
          "this username and PIN")
    return 0


def officer_list(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        answer = hub.call("GET", "/api/officers")
    if args.json:
        _show(answer)
        return 0
    for o in answer["officers"]:
        state = "active" if o["active"] else "disabled"
        print(f"{o['username']:<20} {state:<8} last sign-in {o['last_sign_in_at'] or 'never'}"
              f"  {o['display_name']}")
    if not answer["officers"]:
        print("no officers yet: onestop officer add USERNAME --name \"Full Name\"")
    return 0


def officer_rename(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        o = hub.call("PATCH", f"/api/officers/{args.username}",
                     json={"display_name": args.name})
    print(f"officer {o['username']} is now {o['display_name']}")
    return 0


def officer_reset_pin(args: argparse.Namespace, settings: Settings) -> int:
    pin = _pin(args.pin)
    with session(settings) as hub:
        o = hub.call("POST", f"/api/officers/{args.username}/pin", json={"pin": pin})
    print(f"new PIN set for {o['username']}")
    return 0


def _active(args: argparse.Namespace, settings: Settings, change: str) -> int:
    with session(settings) as hub:
        o = hub.call("POST", f"/api/officers/{args.username}/{change}")
    print(f"officer {o['username']} {change}d")
    return 0


def officer_disable(args: argparse.Namespace, settings: Settings) -> int:
    return _active(args, settings, "disable")


def officer_enable(args: argparse.Namespace, settings: Settings) -> int:
    return _active(args, settings, "enable")


# --- counters -----------------------------------------------------------------------------------
def counter_list(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        counters = hub.call("GET", "/api/counters")
    if args.json:
        _show(counters)
        return 0
    for c in counters:
        lane = "  fast lane" if c["fast_lane"] else ""
        print(f"{c['number']:>3}  {c['label_vi']} / {c['label_en']}  skills "
              f"{','.join(c['skills'])}{lane}  ({c['status']})")
    return 0


def _counter_fields(args: argparse.Namespace) -> dict:
    fields = {"label_vi": args.label_vi, "label_en": args.label_en, "skills": args.skills,
              "fast_lane": args.fast_lane}
    return {k: v for k, v in fields.items() if v is not None}


def counter_add(args: argparse.Namespace, settings: Settings) -> int:
    body = _counter_fields(args)
    if args.number is not None:
        body["number"] = args.number
    with session(settings) as hub:
        c = hub.call("POST", "/api/counters", json=body)
    print(f"counter {c['number']} added ({c['label_vi']}, skills {','.join(c['skills'])})")
    return 0


def counter_set(args: argparse.Namespace, settings: Settings) -> int:
    body, can_serve = _counter_fields(args), getattr(args, "can_serve", None)
    if not body and can_serve is None:
        raise CliError("nothing to change: give --label-vi, --label-en, --skills, "
                       "--fast-lane/--no-fast-lane or --can-serve")
    with session(settings) as hub:
        if can_serve is not None:  # the day plan's setting (hub/planning.py): checked first
            staffing = hub.call("GET", "/api/staffing")
            hub.call("PUT", "/api/staffing", json={"can_serve": {
                **staffing["can_serve"], str(args.number): can_serve}})
            print(f"counter {args.number} may also serve {','.join(can_serve) or 'nothing'}")
        c = hub.call("PATCH", f"/api/counters/{args.number}", json=body) if body else None
    if c:
        print(f"counter {c['number']}: skills {','.join(c['skills'])}"
              f"{', fast lane' if c['fast_lane'] else ''}")
    return 0


def counter_remove(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        done = hub.call("DELETE", f"/api/counters/{args.number}")
    print(f"counter {done['number']} removed; {done['revoked_stations']} station token(s) "
          "revoked")
    return 0


# --- ward ---------------------------------------------------------------------------------------
def ward_show(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        ward = hub.call("GET", "/api/ward")
    if args.json:
        _show(ward)
        return 0
    for key in ("name_vi", "name_en", "office_name_vi", "office_name_en", "address_vi",
                "address_en", "notice_vi", "notice_en", "ward_code"):
        print(f"{key:<14} {ward[key]}")
    print(f"{'hours':<14} {format_hours(ward['hours'])}")
    if not ward["configured"]:
        print("(defaults: not set yet; onestop ward set ...)")
    return 0


def format_hours(hours: list[dict]) -> str:
    def days(d: list[int]) -> str:
        run = d == list(range(d[0], d[-1] + 1)) and len(d) > 2
        return f"{d[0]}-{d[-1]}" if run else ",".join(map(str, d))
    return "; ".join(f"{days(h['days'])} {h['open']}-{h['close']}" for h in hours)


def parse_hours_text(text: str) -> list[dict]:
    """"0-4 07:30-11:30; 5 08:00-11:00" -> the API's hours (the hub checks the times)."""
    sessions = []
    for part in (p.strip() for p in text.split(";")):
        try:
            day_text, times = part.split()
            opens, closes = times.split("-")
            days: list[int] = []
            for piece in day_text.split(","):
                low, _, high = piece.partition("-")
                days += list(range(int(low), int(high or low) + 1))
        except ValueError:
            raise CliError(f"--hours: cannot read {part!r}; write sessions like "
                           "\"0-4 07:30-11:30; 5 08:00-11:00\" (0 = Monday)") from None
        sessions.append({"days": days, "open": opens, "close": closes})
    return sessions


def ward_set(args: argparse.Namespace, settings: Settings) -> int:
    body = {k: getattr(args, k) for k in ("name_vi", "name_en", "office_name_vi",
                                          "office_name_en", "address_vi", "address_en",
                                          "notice_vi", "notice_en", "ward_code")
            if getattr(args, k) is not None}
    if args.hours is not None:
        body["hours"] = parse_hours_text(args.hours)
    if not body:
        raise CliError("nothing to change: give --name-vi, --address-vi, --hours, "
                       "--ward-code, ...")
    with session(settings) as hub:
        ward = hub.call("PUT", "/api/ward", json=body)
    print(f"ward: {ward['name_vi']} / {ward['name_en']}")
    return 0


# --- catalogue ----------------------------------------------------------------------------------
def catalog_export(args: argparse.Namespace, settings: Settings) -> int:
    with session(settings) as hub:
        text = hub.call("GET", "/api/catalog/export")
    text = text if isinstance(text, str) else json.dumps(text, ensure_ascii=False, indent=1)
    if str(args.file) == "-":
        sys.stdout.write(text + "\n")
        return 0
    try:
        args.file.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    print(f"catalogue written to {args.file}")
    return 0


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): "
                       f"{exc.msg}") from None


def catalog_import(args: argparse.Namespace, settings: Settings) -> int:
    doc = _read_json(args.file)
    with session(settings) as hub:
        done = hub.call("PUT", "/api/catalog", json=doc)
    print(f"catalogue {done['version']} installed ({done['services']} procedures)")
    return 0


def catalog_set(args: argparse.Namespace, settings: Settings) -> int:
    body: dict = {k: getattr(args, k) for k in ("enabled", "minutes", "fee_vi", "fee_en",
                                                "result_vi", "result_en",
                                                "result_working_days")
                  if getattr(args, k) is not None}
    for key in ("checklist_vi", "checklist_en"):
        if getattr(args, key) is not None:
            body[key] = [s.strip() for s in getattr(args, key).split("|") if s.strip()]
    if not body:
        raise CliError("nothing to change: give --enable/--disable, --minutes, --fee-vi, ...")
    with session(settings) as hub:
        s = hub.call("PATCH", f"/api/catalog/services/{args.code}", json=body)
    print(f"{s['code']} {s['name_vi']}: {'enabled' if s['enabled'] else 'disabled'}, "
          f"{s['minutes']:g} min")
    return 0
