"""Fixtures of the sync tests: central on SQLite and on PostgreSQL (see syncenv.py)."""

from __future__ import annotations

import pytest

from tests.sync.syncenv import start_central


@pytest.fixture(params=["sqlite", "postgresql"])
def central_url(request, tmp_path) -> str:
    """A database URL for central: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def central(central_url):
    env = start_central(central_url)
    yield env
    env.stop()
