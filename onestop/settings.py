"""The one typed place for onestop's settings.

Settings live in ``<data folder>/settings.json`` (optional; every key has a default). The data
folder is ``--data DIR``, else env ``ONESTOP_DATA``, else the platform's per-user data folder.
A typo in the file must not be silently ignored (a centre would run on defaults without knowing),
so unknown keys and wrong types raise ``SettingsError`` naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import platformdirs

SETTINGS_FILE = "settings.json"
DATA_ENV = "ONESTOP_DATA"


class SettingsError(Exception):
    """A settings file that cannot be used as written; the message names file and key."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    hub_host: str = "127.0.0.1"
    hub_port: int = 8700
    central_port: int = 8800
    timezone: str = "Asia/Ho_Chi_Minh"
    ward_name: str = "Phường Cửa Nam"
    language: str = "vi"
    central_url: str | None = None      # default for `onestop sync enrol --central`
    central_ca_file: str | None = None  # a private CA's PEM file for central's HTTPS
    sync_batch_events: int = 500        # events per request to central (smaller on poor links)
    log_level: str = "INFO"
    # Lobby display: the scrolling notice (None: the default priority notice) and the voice,
    # "clips" (shipped or <data>/voice/ recordings) or "tts" / "tts:<engine>" (a local Qt
    # speech engine, used only when it has a Vietnamese voice).
    display_notice: str | None = None
    # Reception printing: the OS printer's name (None: the default printer), the roll width
    # (80 or 58 mm), and whether issuing prints at all (a centre without a printer yet).
    printer: str | None = None
    ticket_width_mm: int = 80
    print_tickets: bool = True
    logo_path: str | None = None  # the ward's emblem on tickets (PNG or JPEG)
    # The counter's A5 receipt ("Phiếu hẹn"): its own printer, chosen in the receipt dialog
    # (None: the ticket printer above, else the system default).
    slip_printer: str | None = None
    display_voice: str = "clips"
    announce_twice: bool = True  # each call said twice, as Vietnamese centres do
    backup_keep_days: int = 14  # daily copies of hub.db kept in <data>/backups (newest first)
    # Officers' PINs: digits only, at least this many (6 as docs/security.md recommends; a
    # ward may ask for more, never fewer than 4) and at most 12.
    pin_min_length: int = 6

    @property
    def settings_path(self) -> Path:
        return self.data_dir / SETTINGS_FILE


def default_data_dir() -> Path:
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("onestop", appauthor=False))


# data_dir is where the file lives, so it is never read from the file itself.
_FILE_KEYS = tuple(f.name for f in dataclasses.fields(Settings) if f.name != "data_dir")
# Resolved annotations (this module uses `from __future__ import annotations`, so
# dataclasses.fields() would give strings).
_HINTS = typing.get_type_hints(Settings)


def _accepts(annotation: object, value: object) -> bool:
    """True when a JSON value fits a field annotation (str, int, or X | None)."""
    if isinstance(annotation, types.UnionType):
        return any(_accepts(arg, value) for arg in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if annotation is int:
        # bool is an int subclass in Python; `"hub_port": true` is a mistake, not port 1.
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation)  # type: ignore[arg-type]


def _type_name(annotation: object) -> str:
    if isinstance(annotation, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(annotation))
    if annotation is type(None):
        return "null"
    return {str: "a string", int: "an integer", bool: "true or false"}.get(
        annotation, str(annotation))  # type: ignore[call-overload]  # type: ignore[arg-type]


def _check_timezone(path: Path, name: object) -> None:
    """An IANA zone this PC knows ("Asia/Ho_Chi_Minh"); "Mars/Olympus" killed the hub later."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(str(name))
    except (ValueError, OSError, LookupError):
        raise SettingsError(f"{path}: setting 'timezone' is not a known time zone: "
                            f"{json.dumps(name)} (e.g. \"Asia/Ho_Chi_Minh\")") from None


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings for a data folder: defaults overlaid with its settings.json, if any."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return Settings(data_dir=data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: must hold a JSON object of settings")
    values: dict[str, object] = {}
    for key, value in raw.items():
        if key not in _FILE_KEYS:
            known = ", ".join(sorted(_FILE_KEYS))
            raise SettingsError(f"{path}: unknown setting {key!r} (known: {known})")
        hint = _HINTS[key]
        if not _accepts(hint, value):
            raise SettingsError(
                f"{path}: setting {key!r} must be {_type_name(hint)}, got {json.dumps(value)}"
            )
        values[key] = value
    if "timezone" in values:
        _check_timezone(path, values["timezone"])
    return Settings(data_dir=data_dir, **values)  # type: ignore[arg-type]


def save_settings(settings: Settings) -> Path:
    """Write every setting except data_dir; atomic so a power cut never leaves half a file."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.settings_path
    data = {name: getattr(settings, name) for name in _FILE_KEYS}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
