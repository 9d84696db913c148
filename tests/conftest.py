"""Shared test set-up: headless Qt, the CI rule for missing components, a temporary data folder.

Import the helper in tests as ``from tests.conftest import require``.
"""

import os

# Before anything can import Qt: widgets must render offscreen on machines with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402  (must follow the QT_QPA_PLATFORM line)

import pytest  # noqa: E402

from onestop.settings import DATA_ENV  # noqa: E402

CI_TRUE = ("true", "1", "yes")


def on_ci() -> bool:
    """CI=true, CI=1 or CI=yes (any case): CI services set one of these."""
    return os.environ.get("CI", "").strip().lower() in CI_TRUE


def require(component: str, available: bool, reason: str) -> None:
    """Skip a test whose real component (PostgreSQL, Chromium, CUPS, Xvfb...) is missing.

    Locally a skip is fine; under CI (see on_ci) the component must be there (.ci/run installs and
    starts it), so a missing one fails loudly instead of letting a green run hide it.
    """
    if available:
        return
    if on_ci():
        pytest.fail(f"{component} missing under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _one_qt_application():
    """The process's one Qt application is a QApplication, made first. Code that only needs
    Qt's core (the doctor's printer and voice checks) makes a QCoreApplication when none
    exists; made first by a test, it stayed the instance, and the next window's font
    registration crashed the run (QFontDatabase needs a QGuiApplication)."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # Qt's system libraries missing: the Qt tests report it themselves
        yield None
        return
    yield QApplication.instance() or QApplication(["onestop-tests"])


@pytest.fixture
def tmp_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder, also exported as ONESTOP_DATA for code and subprocesses."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv(DATA_ENV, str(data))
    return data


# The real hub on loopback, shared by the hub, desktop and printing tests.
from tests.livehub import live_hub  # noqa: E402,F401

# Real PostgreSQL, one fresh database per test (the central server).
from tests.pg import pg_url  # noqa: E402,F401
