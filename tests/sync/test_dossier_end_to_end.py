"""A dossier end to end (issue 17): a real central on loopback (SQLite and PostgreSQL) and a
real hub enrolled to it, the stations' windows where a person would use them.

The counter window records the dossier of the citizen it serves and prints the receipt; the
receipt's PDF carries the hub's due date and a QR (decoded here) to central's lookup page with
the code and the check number; reception's board shows the dossier; the sync worker pushes;
central's /lookup in headless Chromium shows the state; the result is marked ready; reception
finds the dossier by its code and issues the linked "Nhận kết quả" number; the counter calls it
and presses Done; central shows the dossier returned with its history. A wrong check number
gets the same 404 as an unknown code, and no name, phone or ID number reaches central's
tables. The hub's clock is a fake one (Monday 7/12/2026 in Hanoi), central's follows it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import inspect, text

from onestop.compose import HubServer, build_hub, build_sync
from onestop.desktop import counter_slip
from onestop.desktop.client import HubClient as StationClient
from onestop.desktop.counter import CounterWindow
from onestop.desktop.qtapp import application
from onestop.desktop.reception import ReceptionWindow
from onestop.serving import free_port
from onestop.settings import Settings
from onestop.sync.central.lookup_text import STATE_WORDS
from onestop.sync.pusher import enrol
from tests.clock import FakeClock, hanoi
from tests.conftest import require
from tests.livehub import LiveHub
from tests.sync.syncenv import drain
from tests.sync.test_central_kit import (  # noqa: F401  (fixtures)
    central_fixture,
    clock_fixture,
    db_url_fixture,
    server_fixture,
)

WAIT = 15_000
WARD = "Phường Cửa Nam"
CITIZEN, PHONE, OFFICER = "Lê Thị Bình", "0912345678", "Trần Văn Hùng"


@pytest.fixture
def ward(tmp_path, central, server, clock):
    hub_clock = FakeClock(hanoi(2026, 12, 7, 9, 0))
    clock.now = hub_clock.now  # central's day is the ward's
    hub = build_hub(Settings(data_dir=tmp_path / "hub", print_tickets=False), clock=hub_clock)
    port = free_port()
    hub_server = HubServer(hub, "127.0.0.1", port)
    hub_server.start()
    live = LiveHub(hub, hub_server, "127.0.0.1", port)
    enrol(hub.outbox, server.url, central.auth.create_enrol_code(WARD), clock=hub_clock,
          ward_code=hub.ward()["ward_code"])  # central binds the hub to CUANAM
    hub.auth.add_officer("hung", "246813", OFFICER)
    hub.auth.add_officer("lan", "246813", "Nguyễn Thị Lan")
    for number, officer in ((3, "hung"), (5, "lan")):
        hub.store.set_counter_status(number, "open")
        hub.store.sign_in(number, officer)
    yield live, build_sync(hub), hub_clock
    live.stop()


@pytest.fixture
def clients(ward):
    """The station windows' hub clients, stopped before the hub goes (a client left
    reconnecting would reach windows already deleted)."""
    made: list[StationClient] = []
    yield made
    for client in made:
        client.blockSignals(True)
        client.stop()


def window(qtbot, live, clients, cls, role, counter=None, **options):
    application("vi")
    client = StationClient(live.url, live.token(role, counter))
    clients.append(client)
    w = cls(client, **options)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.sig_ready, timeout=WAIT):
        client.start()
        w.show()
    return w


def pdf_text_and_qr(pdf: bytes, tmp_path) -> tuple[str, str]:
    for tool in ("pdftotext", "pdftoppm", "zbarimg"):
        require(tool, shutil.which(tool) is not None, f"{tool} is not installed")
    (tmp_path / "r.pdf").write_bytes(pdf)
    words = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "r.pdf"),
                    str(tmp_path / "r")], check=True)
    qr = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "r-1.png")],
                        capture_output=True, text=True).stdout.strip()
    return " ".join(words.split()), qr


def lookup_in_chromium(url: str) -> tuple[str, list[str]]:
    require("chromium", shutil.which("chromium") is not None,
            "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(url)
        state = page.inner_text("#state")
        steps = [s.splitlines()[0] for s in page.locator("#history li").all_inner_texts()]
        browser.close()
    return state, steps


def central_text(central) -> tuple[list[str], str]:
    """Every column name and every value of every central table, as text."""
    columns, values = [], []
    with central.db.read() as conn:
        for table in inspect(conn).get_table_names():
            columns += [f"{table}.{c['name']}" for c in inspect(conn).get_columns(table)]
            values += [str(v) for row in conn.execute(text(f'SELECT * FROM "{table}"'))
                       for v in row]
    return columns, "\n".join(values)


@pytest.mark.needs("chromium")
def test_dossier_from_the_counter_to_the_citizens_phone_and_back(qtbot, ward, clients, central,
                                                                 server, monkeypatch, tmp_path):
    live, worker, hub_clock = ward
    hub = live.hub
    rec = live.client("reception")
    rec.post("/api/tickets", json={"service": "1.001612"})

    # The counter window serves the citizen and records the dossier; the receipt is printed.
    printed: list[bytes] = []
    monkeypatch.setattr(counter_slip, "print_pdf", lambda pdf, **_: printed.append(pdf) or "p")
    counter = window(qtbot, live, clients, CounterWindow, "counter", 3, number=3)
    counter.trigger("next")
    qtbot.waitUntil(lambda: counter.current is not None, timeout=WAIT)
    slip = counter_slip.SlipDialog(counter)
    qtbot.addWidget(slip)
    slip.name.setText(CITIZEN)
    slip.phone.setText(PHONE)
    with qtbot.waitSignal(slip.sig_printed, timeout=WAIT):
        slip.submit()
    code, check, due = (slip.recorded[k] for k in ("code", "check", "due_date"))
    assert code == "CUANAM-261207-0001" and due == "2026-12-10"  # Monday + 3 working days
    words, qr = pdf_text_and_qr(printed[0], tmp_path)
    assert f"Mã hồ sơ: {code} Mã kiểm tra: {check}" in words
    assert f"{date.fromisoformat(due):%d/%m/%Y}" in words  # the hub's date on paper
    link = urlsplit(qr)
    assert f"{link.scheme}://{link.netloc}" == server.url and link.path == "/lookup"
    assert parse_qs(link.query) == {"code": [code], "check": [check]}
    counter.trigger("done")

    # Reception's board counts it (due in 3 working days: open, not yet in a column) …
    reception = window(qtbot, live, clients, ReceptionWindow, "reception")
    board = reception.collect.board
    qtbot.waitUntil(lambda: board.count("ready") == 0, timeout=WAIT)
    hub_clock.now = hanoi(2026, 12, 8, 9, 0)  # … and the next morning, due within 2 days
    board.feed.tick.timeout.emit()
    qtbot.waitUntil(lambda: board.count("due_soon") == 1, timeout=WAIT)

    # Sync; the citizen opens the QR on a phone.
    drain(worker)
    state, steps = lookup_in_chromium(qr)
    assert state == STATE_WORDS["received"][0] and steps == [STATE_WORDS["received"][0]]
    public = httpx.get(f"{server.url}/api/public/dossiers/{code}", params={"check": check})
    assert public.status_code == 200 and public.json()["due_date"] == due
    wrong = httpx.get(f"{server.url}/api/public/dossiers/{code}",
                      params={"check": f"{(int(check) + 1) % 10000:04d}"})
    unknown = httpx.get(f"{server.url}/api/public/dossiers/CUANAM-261207-0099",
                        params={"check": check})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()

    # The result is ready; the citizen comes with the receipt.
    hub_clock.now = hanoi(2026, 12, 9, 15, 0)
    with live.client("counter", 3) as c3:
        assert c3.post(f"/api/dossiers/{code}/ready").status_code == 200
    qtbot.waitUntil(lambda: board.count("ready") == 1, timeout=WAIT)  # pushed, no tick
    hub_clock.now = hanoi(2026, 12, 10, 8, 0)
    with qtbot.waitSignal(reception.sig_ticket_issued, timeout=WAIT) as got:
        reception.search_box.setText(qr)  # the scanner types the QR into the search box
    collect = got.args[0]
    assert collect["ticket"]["kind"] == "collect" and collect["dossier"]["code"] == code

    desk = window(qtbot, live, clients, CounterWindow, "counter", 5, number=5)
    desk.trigger("next")
    qtbot.waitUntil(lambda: desk.current_panel.dossier.text().endswith(code), timeout=WAIT)
    assert desk.current["number"] == collect["number"]
    desk.trigger("done")
    qtbot.waitUntil(lambda: rec.get(f"/api/dossiers/{code}").json()["state"] == "returned",
                    timeout=WAIT)
    qtbot.waitUntil(lambda: board.count("ready") == 0, timeout=WAIT)

    drain(worker)
    state, steps = lookup_in_chromium(qr)
    assert state == STATE_WORDS["returned"][0]
    assert steps == [STATE_WORDS[s][0] for s in ("received", "result_ready", "returned")]
    answer = httpx.get(f"{server.url}/api/public/dossiers/{code}", params={"check": check})
    assert answer.json()["state"] == "returned" and answer.json()["timeliness"] == "early"

    # No citizen's personal data in central: the name and phone printed on the receipt are
    # nowhere, and no column is made to hold a citizen's name or ID number. (The officer's
    # full name does reach central, with the staff events, as docs/security.md says.)
    columns, values = central_text(central)
    for secret in (CITIZEN, PHONE, "0912 345 678"):
        assert secret not in values, secret
    assert not [c for c in columns if any(w in c.lower() for w in (
        "citizen", "cccd", "id_number", "identity", "birth", "full_name"))], columns
    assert hub.store.db.execute("SELECT count(*) FROM dossier_collect").fetchone()[0] == 1
