"""Real PostgreSQL for the central server's tests: one fresh database per test.

Connects with ONESTOP_TEST_PG (default: the role .ci/run creates). Locally, without a running
PostgreSQL, the tests skip with the reason; under CI they fail (tests/conftest.require).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import require

ADMIN_URL = os.environ.get("ONESTOP_TEST_PG",
                           "postgresql://onestop:onestop@127.0.0.1:5432/postgres")


def _admin():
    import psycopg

    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)


def postgres_available() -> tuple[bool, str]:
    try:
        with _admin() as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure means: no usable server here
        return False, f"PostgreSQL not reachable at {ADMIN_URL}: {exc}".splitlines()[0]
    return True, ""


def _url_for(database: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    ok, reason = postgres_available()
    require("PostgreSQL", ok, reason)
    name = f"onestop_test_{uuid.uuid4().hex[:12]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _url_for(name)
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
