"""Qt tests share one QApplication, so one failing test must not leave it in a state that
takes later tests down: after each test the language goes back to Vietnamese (translators
removed, default locale restored) and every hub client the test made and left running is
silenced and stopped. A client left streaming after its window was deleted once delivered
an event to the freed window and crashed the whole run (issue 12)."""

from __future__ import annotations

import weakref

import pytest


@pytest.fixture(autouse=True)
def _qt_state_restored(monkeypatch):
    from onestop.desktop.client import HubClient

    made: weakref.WeakSet[HubClient] = weakref.WeakSet()  # never keeps one alive
    original = HubClient.__init__

    def recording_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.add(self)

    monkeypatch.setattr(HubClient, "__init__", recording_init)
    yield
    import shiboken6
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from onestop.desktop.qtapp import install_language

    for client in list(made):
        if shiboken6.isValid(client):
            client.blockSignals(True)
            client.stop()
    app = QApplication.instance()
    if app is not None:
        install_language(app, "vi")
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
