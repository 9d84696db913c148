"""Logging for every onestop process: a rotating file in the data folder plus stderr warnings.

The file keeps full detail for IT staff reading it after the fact (a ward PC has no log
service); stderr gets only WARNING and above so a terminal or a launcher stays readable.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from onestop.settings import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

# Marks the handlers we installed so a second call replaces them instead of doubling output.
_OURS = "_onestop_handler"


def log_path(settings: Settings) -> Path:
    return settings.data_dir / "logs" / "onestop.log"


def configure_logging(settings: Settings) -> Path:
    """Set up the root logger; safe to call more than once. Returns the log file path."""
    path = log_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()

    formatter = logging.Formatter(LOG_FORMAT)
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    file_handler.setFormatter(formatter)
    stderr_handler = logging.StreamHandler()
    stderr_handler.setLevel(logging.WARNING)
    stderr_handler.setFormatter(logging.Formatter("onestop: %(levelname)s: %(message)s"))
    for handler in (file_handler, stderr_handler):
        setattr(handler, _OURS, True)
        root.addHandler(handler)

    level = logging.getLevelName(settings.log_level.upper())
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    if not isinstance(level, int):
        logging.getLogger(__name__).warning(
            "unknown log_level %r in settings; using INFO", settings.log_level
        )
    return path
