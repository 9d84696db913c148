"""Issue 13, finding 7: every desktop label fed from hub data shows it as text. A counter label
`<font color=red size=7><b>QUẦY GIẢ</b></font>` (supervisor, admin or central's catalogue)
was a big red heading in the counter window, and `<img src=x>` an image placeholder. Each
window (counter, display, supervisor, reception, launcher) is opened against a real hub whose
data holds markup; every label showing it must be Qt.PlainText, and a label that uses rich
text on purpose must show it escaped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from onestop.desktop.announcer import Announcer, RecordingPlayer
from onestop.desktop.client import HubClient
from onestop.desktop.counter import CounterWindow
from onestop.desktop.display import DisplayWindow
from onestop.desktop.launcher import LauncherWindow
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.desktop.supervisor import SupervisorWindow
from onestop.queue.catalog import default_catalog
from onestop.settings import Settings

WAIT = 15_000
LABEL = "<font color=red size=7><b>QUẦY GIẢ</b></font>"
OFFICER = "<img src=x>Lan"
SERVICE = "<b>Chứng thực</b><img src=y>"
ERROR = "central said <font size=9>GỬI LẠI</font>"
RAW = ("<font", "<img")


@pytest.fixture
def hostile_hub(live_hub):
    """Markup in a counter label, an officer name, a service name and a sync error."""
    hub = live_hub.hub
    catalog = default_catalog().to_dict()
    service = next(s for s in catalog["services"] if s["code"] == "2.000815")
    service["name_vi"] = SERVICE
    with live_hub.client("admin") as admin:
        assert admin.put("/api/catalog", json=catalog).status_code == 200
        assert admin.patch("/api/counters/1", json={"label_vi": LABEL}).status_code == 200
    hub.auth.add_officer("lan", "123456", OFFICER)
    hub.store.sign_in(1, "lan")
    hub.outbox.enrolled("http://127.0.0.1:9", "t" * 40, "Phường", None, 0, hub.store.clock())
    hub.outbox.failed(ERROR, hub.store.clock())
    with live_hub.client("counter", 1) as desk:
        assert desk.post("/api/counters/1/open").status_code == 200
        with live_hub.client("reception") as rec:
            assert rec.post("/api/tickets", json={"service": "2.000815"}).status_code == 201
        assert desk.post("/api/counters/1/next").status_code == 200
    return live_hub


def _hostile_labels(window) -> list[QLabel]:
    """Labels showing hub markup; fails on any that would render it."""
    shown = []
    for label in window.findChildren(QLabel):
        text = label.text()
        # AutoText renders what looks like markup (Qt::mightBeRichText, not in PySide6).
        rich = label.textFormat() in (Qt.TextFormat.RichText, Qt.TextFormat.AutoText)
        if any(bit in text for bit in RAW):
            assert not rich, (type(label).__name__, label.objectName(), text)
            shown.append(label)
    return shown


def _open(qtbot, window, client=None):
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=WAIT):
        if client is not None:
            client.start()
        window.show()
    return window


def _station(qtbot, hub, cls, role, counter=None, **kw):
    application("vi")
    client = HubClient(hub.url, hub.token(role, counter))
    window = cls(client, **kw)
    return _open(qtbot, window, client), client


def test_counter_window(qtbot, hostile_hub):
    window, client = _station(qtbot, hostile_hub, CounterWindow, "counter", 1, number=1)
    qtbot.waitUntil(lambda: any(LABEL in lb.text() for lb in _hostile_labels(window)),
                    timeout=WAIT)
    qtbot.waitUntil(lambda: any(SERVICE in lb.text() for lb in _hostile_labels(window)),
                    timeout=WAIT)
    client.stop()


def test_supervisor_window(qtbot, hostile_hub):
    window, client = _station(qtbot, hostile_hub, SupervisorWindow, "supervisor")
    qtbot.waitUntil(lambda: _hostile_labels(window) != [], timeout=WAIT)
    client.stop()


def test_reception_window(qtbot, hostile_hub):
    window, client = _station(qtbot, hostile_hub, ReceptionWindow, "reception")
    window.choose(window.catalog.service("2.000815"))
    assert "&lt;b&gt;Chứng thực&lt;/b&gt;&lt;img src=y&gt;" in window.service_label.text()
    _hostile_labels(window)
    client.stop()


def test_display_window(qtbot, hostile_hub):
    window, client = _station(qtbot, hostile_hub, DisplayWindow, "display",
                              announcer=Announcer(RecordingPlayer()))
    _hostile_labels(window)  # the lobby screen paints its texts: no label renders markup
    client.stop()


def test_launcher_window(qtbot, hostile_hub, tmp_path):
    application("vi")
    tokens = {role: hostile_hub.token(role) for role in ("reception", "display", "supervisor",
                                                         "admin")}
    settings = Settings(data_dir=tmp_path / "onestop", ward_name="Phường <b>X</i>")
    settings.data_dir.mkdir()
    window = _open(qtbot, LauncherWindow(hostile_hub.url, tokens, settings))
    qtbot.waitUntil(lambda: any(ERROR in lb.text() for lb in _hostile_labels(window)),
                    timeout=WAIT)
    window.close()
