"""Errors shared across the layers that are not domain refusals."""

from __future__ import annotations


class CliError(Exception):
    """A problem the user can fix (bad argument, missing file); shown as one line, exit 2."""
