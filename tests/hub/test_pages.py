"""The hub's browser pages over HTTP (no browser): the citizen page through a ticket's life,
the rating form and its refusals, the display's help page and the static files."""

from __future__ import annotations

import importlib.resources
import re
import struct

import pytest
from fastapi.testclient import TestClient
from hubfakes import FakeClock, hanoi

from onestop.compose import build_hub, create_app
from onestop.hub.ward import set_ward
from onestop.queue.operations import IssueRequest
from onestop.settings import Settings

CERTIFY = "2.000815"  # Chứng thực bản sao từ bản chính (group A, counter 1)


@pytest.fixture
def hub(tmp_path):
    hub = build_hub(Settings(data_dir=tmp_path / "data"), clock=FakeClock(hanoi(2026, 11, 25, 8)))
    hub.store.set_counter_status(1, "open")
    yield hub
    hub.close()


@pytest.fixture
def client(hub):
    with TestClient(create_app(hub), follow_redirects=False) as c:
        yield c


def issue(hub, service: str = CERTIFY, **kw):
    return hub.store.issue(IssueRequest(service, **kw)).ticket


def text_of(html: str) -> str:
    """The page's visible text, tags removed, whitespace folded (for phrase assertions)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_private_page(r) -> None:
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["cache-control"] == "no-store"
    assert '<meta name="robots" content="noindex' in r.text
    assert r.headers["referrer-policy"] == "no-referrer"


def test_waiting_page_shows_number_place_and_range(hub, client):
    first = issue(hub)
    second = issue(hub)
    r = client.get(f"/t/{second.token}")
    assert r.status_code == 200
    assert_private_page(r)
    page = text_of(r.text)
    assert second.number in page and "Chứng thực bản sao từ bản chính" in page
    assert "Còn 1 người chờ trước" in page
    assert re.search(r"khoảng \d+(–\d+)? phút", page)
    assert '<meta http-equiv="refresh" content="20">' in r.text
    assert "Sắp đến lượt – không còn ai chờ trước" in text_of(client.get(f"/t/{first.token}").text)


def test_people_ahead_counts_only_tickets_issued_before(hub, client):
    first = issue(hub)
    hub.store.clock.advance(1)
    issue(hub)
    issue(hub)
    assert "Sắp đến lượt – không còn ai chờ trước" in text_of(client.get(f"/t/{first.token}").text)


def test_called_serving_done_rate_then_already_rated(hub, client):
    ticket = issue(hub)
    hub.store.call_next(1)
    page = text_of(client.get(f"/t/{ticket.token}").text)
    assert "Đã đến lượt – mời Ông/Bà đến Quầy 1" in page
    assert "Quầy 1 – Chứng thực" in page  # the counter's full label under the call
    hub.store.act(ticket.id, "start")
    r = client.get(f"/t/{ticket.token}")
    assert "Đang được phục vụ tại Quầy 1" in text_of(r.text)
    hub.store.act(ticket.id, "done")

    r = client.get(f"/t/{ticket.token}")
    assert "http-equiv=\"refresh\"" not in r.text  # never reload a form being filled in
    for value, label in (("3", "Rất hài lòng"), ("2", "Hài lòng"), ("1", "Không hài lòng")):
        assert f'name="rating" value="{value}"' in r.text and label in r.text
    assert f'action="/t/{ticket.token}/rate"' in r.text

    r = client.post(f"/t/{ticket.token}/rate",
                    data={"rating": "3", "comment": "Cán bộ nhiệt tình, chu đáo"})
    assert r.status_code == 303 and r.headers["location"] == f"/t/{ticket.token}?m=thanks"
    rated = hub.store.ticket(ticket.id)
    assert rated.rating == 3 and rated.rating_comment == "Cán bộ nhiệt tình, chu đáo"
    page = client.get(r.headers["location"]).text
    assert "Xin cảm ơn Ông/Bà đã đánh giá" in page and "<form" not in page

    again = client.post(f"/t/{ticket.token}/rate", data={"rating": "1"})
    assert again.status_code == 303 and again.headers["location"].endswith("?m=already")
    assert "Số này đã được đánh giá" in client.get(again.headers["location"]).text
    assert hub.store.ticket(ticket.id).rating == 3  # the first rating stands


def served(hub):
    ticket = issue(hub)
    hub.store.call_next(1)
    hub.store.act(ticket.id, "start")
    return hub.store.act(ticket.id, "done")


@pytest.mark.parametrize("form", [{"rating": "7"}, {"rating": "0"}, {"rating": "abc"},
                                  {"rating": ""}, {}, {"rating": "2.5"}])
def test_bad_rating_is_a_422_page_and_changes_nothing(hub, client, form):
    ticket = served(hub)
    r = client.post(f"/t/{ticket.token}/rate", data=form)
    assert r.status_code == 422
    assert_private_page(r)
    assert "Mức đánh giá phải là 1, 2 hoặc 3" in r.text
    assert f'href="/t/{ticket.token}"' in r.text  # a way back
    assert hub.store.ticket(ticket.id).rating is None


def test_rating_before_service_is_refused_politely(hub, client):
    ticket = issue(hub)
    r = client.post(f"/t/{ticket.token}/rate", data={"rating": "3"})
    assert r.status_code == 409 and "Chỉ đánh giá được sau khi được phục vụ" in r.text


def test_long_comment_is_cut_to_500_characters(hub, client):
    ticket = served(hub)
    r = client.post(f"/t/{ticket.token}/rate", data={"rating": "2", "comment": "ư" * 900})
    assert r.status_code == 303
    assert hub.store.ticket(ticket.id).rating_comment == "ư" * 500


def test_unknown_token_is_a_friendly_404(client):
    for r in (client.get("/t/not-a-ticket"),
              client.post("/t/not-a-ticket/rate", data={"rating": "3"})):
        assert r.status_code == 404
        assert_private_page(r)
        assert "Không tìm thấy số thứ tự" in r.text and "quét lại mã QR" in r.text


@pytest.mark.parametrize(("action", "phrase"), [
    ("park", "Lượt của Ông/Bà đang được giữ"),
    ("no-show", "Số này đã hết lượt do không có mặt khi được gọi"),
    ("cancel", "Số này đã được hủy"),
])
def test_other_statuses_have_a_clear_line(hub, client, action, phrase):
    ticket = issue(hub)
    hub.store.call_next(1)
    if action == "no-show":
        for _ in range(hub.store.rules.no_show_min_recalls):
            hub.store.act(ticket.id, "recall")
    hub.store.act(ticket.id, action)
    assert phrase in text_of(client.get(f"/t/{ticket.token}").text)


def test_page_shows_no_personal_data_and_escapes_everything(tmp_path):
    settings = Settings(data_dir=tmp_path / "d", ward_name='Phường <script>alert("x")</script>')
    hub = build_hub(settings, clock=FakeClock(hanoi(2026, 11, 25, 8)))
    try:
        ticket = issue(hub, priority="pregnant")
        with TestClient(create_app(hub)) as c:
            html = c.get(f"/t/{ticket.token}").text
        assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
        assert "mang thai" not in html and "pregnant" not in html  # priority category hidden
    finally:
        hub.close()


def test_english_version(hub, client):
    ticket = issue(hub)
    r = client.get(f"/t/{ticket.token}?lang=en")
    assert '<html lang="en">' in r.text and "Almost your turn" in r.text
    assert "Certified copy" in r.text or "Certification" in r.text
    assert f'href="/t/{ticket.token}"' in r.text  # the way back to Vietnamese


def test_no_counter_open_says_no_estimate(hub, client):
    hub.store.set_counter_status(1, "closed")
    hub.store.update_counter(4, skills=["land"])  # nobody else serves certification
    hub.store.update_counter(1, skills=["civil-status"])
    ticket = issue(hub)
    # Its only open counter closed: the forecast's own words say why there is no wait.
    assert "chưa có quầy mở — chờ trung tâm mở cửa" in client.get(f"/t/{ticket.token}").text


def test_display_without_token_explains_how_to_open_it(client):
    r = client.get("/display")
    assert r.status_code == 200
    assert "Màn hình này cần mã truy cập" in r.text and "/display?token=" in r.text
    assert "onestop token create --role display" in r.text


def test_display_page_and_its_files(client):
    r = client.get("/display?token=abc")
    assert r.status_code == 200 and '<html lang="vi">' in r.text
    assert '<script src="/web/display.js"' in r.text and "Số vừa gọi" in r.text
    assert "connect-src 'self' ws: wss:" in r.headers["content-security-policy"]
    js = client.get("/web/display.js")
    assert js.headers["content-type"].startswith("text/javascript")
    assert "/api/events" in js.text and "onestopDisplay" in js.text
    css = client.get("/web/display.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "/web/fonts/DejaVuSans-Bold.ttf" in css.text
    font = client.get("/web/fonts/DejaVuSans.ttf")
    assert font.status_code == 200 and font.headers["content-type"] == "font/ttf"
    assert font.content[:4] == b"\x00\x01\x00\x00"  # a TrueType file


@pytest.mark.parametrize("path", ["/web/citizen.py", "/web/__init__.py", "/web/..%2Fpages.py",
                                  "/web/fonts/..%2F..%2Fcatalog.json", "/web/nothing.js",
                                  "/web/fonts/LICENSE-DejaVu.txt"])
def test_only_web_files_are_served(client, path):
    assert client.get(path).status_code == 404


def test_pages_are_not_in_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith(("/t/", "/display", "/web")) for p in paths)


def bmp_coverage(font: bytes) -> set[int]:
    """Code points of a TrueType font's format-4 (BMP) cmap: enough to check Vietnamese."""
    tables = {font[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", font[20 + 16 * i:24 + 16 * i])[0]
              for i in range(struct.unpack(">H", font[4:6])[0])}
    cmap = tables[b"cmap"]
    covered: set[int] = set()
    for k in range(struct.unpack(">H", font[cmap + 2:cmap + 4])[0]):
        off = cmap + struct.unpack(">I", font[cmap + 8 + 8 * k:cmap + 12 + 8 * k])[0]
        if struct.unpack(">H", font[off:off + 2])[0] != 4:
            continue
        segs = struct.unpack(">H", font[off + 6:off + 8])[0] // 2
        ends = struct.unpack(f">{segs}H", font[off + 14:off + 14 + 2 * segs])
        starts = struct.unpack(f">{segs}H", font[off + 16 + 2 * segs:off + 16 + 4 * segs])
        for start, end in zip(starts, ends, strict=True):
            covered.update(range(start, end + 1))
    return covered


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_shipped_font_has_every_letter_the_pages_show(name):
    """A TV or phone without fonts relies on the shipped one for the diacritics."""
    font = (importlib.resources.files("onestop.assets") / "fonts" / name).read_bytes()
    covered = bmp_coverage(font)
    web = importlib.resources.files("onestop.hub.web")
    shown = "".join((web / f).read_text("utf-8") for f in
                    ("display.html", "display.js", "citizen.py"))
    shown += "ĂÂĐÊÔƠƯăâđêôơư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))  # all of Vietnamese
    missing = sorted({ch for ch in shown if ord(ch) > 127 and ord(ch) not in covered})
    assert not missing, f"{name} lacks {missing}"
    assert (importlib.resources.files("onestop.assets") / "fonts" / "LICENSE-DejaVu.txt").is_file()


def test_header_names_the_office_from_the_ward_identity(hub, client):
    ticket = issue(hub)
    page = text_of(client.get(f"/t/{ticket.token}").text)
    assert "Trung tâm Phục vụ hành chính công phường Cửa Nam" in page
    assert "Bộ phận Tiếp nhận" not in page and "bạn" not in page.lower().split()
    set_ward(hub.store, {"office_name_vi": "Bộ phận Một cửa phường Cửa Nam"}, hub.ward_defaults)
    page = text_of(client.get(f"/t/{ticket.token}").text)
    assert "Bộ phận Một cửa phường Cửa Nam" in page
    assert "Public Administrative Service Centre, Cua Nam Ward" in client.get(
        f"/t/{ticket.token}?lang=en").text
