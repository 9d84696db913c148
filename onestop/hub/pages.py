"""The hub's browser pages: the lobby display (/display), the citizen page (/t/{token}) with its
rating form, and their static files under /web/.

Files are read with importlib.resources so they also load from a PyInstaller bundle. The store
comes from ``request.app.state.hub`` (store, office_name_vi, office_name_en). Every failure is a
friendly HTML page with a 4xx status: a citizen's phone never sees JSON or a 500.
"""

from __future__ import annotations

import importlib.resources
import re
from urllib.parse import parse_qs, quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onestop.queue.catalog import public_code
from onestop.queue.errors import DomainError, InvalidRequest
from onestop.queue.model import Ticket
from onestop.ratelimit import RateLimiter

from . import feedback
from .web.citizen import TicketView, render_message, render_ticket, t
from .web.feedback_form import FormView, render_form

router = APIRouter(include_in_schema=False)

WEB = importlib.resources.files("onestop.hub.web")
FONTS = importlib.resources.files("onestop.assets") / "fonts"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".wav": "audio/wav", ".ttf": "font/ttf",
          ".svg": "image/svg+xml", ".png": "image/png"}
# Served names: one plain file name with a known extension, so no path can climb out of the
# package and the Python sources next to the web files are never served.
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(js|css|wav|ttf|svg|png)")
MAX_FORM_BYTES = 8192  # a rating and a 500-character comment fit many times over
# Per phone (client address) on /t/*: the page refreshes itself every 20-30 s (2-3 a minute),
# so 30 a minute never bothers a citizen, while guessing tokens from one phone crawls.
CITIZEN_RATE, CITIZEN_PER_S = 30, 60.0

# The citizen page's URL is its secret: keep it out of caches, search engines and Referer.
CITIZEN_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; "
                               "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
}
DISPLAY_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",  # the display token is in the page's URL
    "X-Content-Type-Options": "nosniff",
    # ws:/wss: spelled out: older TV browsers do not let 'self' cover WebSocket URLs.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "font-src 'self'; img-src 'self' data:; media-src 'self'; "
                               "connect-src 'self' ws: wss:; frame-ancestors 'none'",
}


def _hub(request: Request):
    return request.app.state.hub


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "vi"


def _ward(request: Request, lang: str) -> str:
    """The office's name for the page's header (the ward identity, queue/office.py)."""
    hub = _hub(request)
    return str(getattr(hub, "office_name_en" if lang == "en" else "office_name_vi", "") or "")


def _html(body: str, status: int = 200, headers: dict | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=headers or CITIZEN_HEADERS)


# --- static files ----------------------------------------------------------------------------

def _file(root, name: str) -> Response:
    if not _NAME.fullmatch(name):
        return Response("not found", status_code=404, media_type="text/plain")
    item = root / name
    if not item.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    ext = name[name.rfind("."):]
    # Fonts never change under a name; scripts and styles change with an upgrade, so the TV
    # revalidates them (a few kB on the LAN) instead of running an old script for a day.
    cache = "public, max-age=86400" if ext == ".ttf" else "no-cache"
    return Response(item.read_bytes(), media_type=_TYPES[ext],
                    headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})


@router.get("/web/fonts/{name}")
def web_font(name: str) -> Response:
    return _file(FONTS, name)


@router.get("/web/{name}")
def web_file(name: str) -> Response:
    return _file(WEB, name)


# --- lobby display ---------------------------------------------------------------------------

DISPLAY_HELP = (
    "Màn hình này cần mã truy cập. Xin vui lòng mở đúng đường dẫn do cán bộ giám sát cung cấp, "
    "có dạng /display?token=… (cán bộ giám sát tạo mã bằng lệnh "
    "“onestop token create --role display”).")


@router.get("/display", response_class=HTMLResponse)
def display(request: Request) -> HTMLResponse:
    if not request.query_params.get("token"):
        page = render_message("Màn hình gọi số", DISPLAY_HELP, "vi", ward=_ward(request, "vi"))
        return _html(page, headers=DISPLAY_HEADERS)
    return _html((WEB / "display.html").read_text("utf-8"), headers=DISPLAY_HEADERS)


# --- citizen page ----------------------------------------------------------------------------

def _not_found(request: Request, lang: str) -> HTMLResponse:
    return _html(render_message(t("nf_title", lang), t("nf_body", lang), lang,
                                ward=_ward(request, lang)), status=404)


def ticket_view(request: Request, ticket: Ticket, lang: str, notice: str | None) -> TicketView:
    store = _hub(request).store
    en = lang == "en"
    try:
        svc = store.catalog.service(ticket.service)
        service = svc.name_en if en else svc.name_vi
    except KeyError:  # a service removed from the catalogue since the ticket was issued
        service = public_code(ticket.service)
    try:
        grp = store.catalog.group(ticket.group)
        group = grp.name_en if en else grp.name_vi
    except KeyError:
        group = ticket.group
    counters = store.counters()
    counter = label = None
    if ticket.counter is not None:
        counter = f"{'Counter' if en else 'Quầy'} {ticket.counter}"
        label = next((c.label_en if en else c.label_vi for c in counters
                      if c.number == ticket.counter), None)
    estimate = store.forecaster.wait(ticket)  # the one forecast (hub/forecast.py)
    local = ticket.issued_at.astimezone(ZoneInfo(store.rules.timezone))
    return TicketView(
        token=ticket.token, lang=lang, ward=_ward(request, lang), number=ticket.number,
        service=service, group=group, status=str(ticket.status),
        issued=local.strftime("%H:%M"), counter=counter, counter_label=label,
        people_ahead=estimate.people_ahead if estimate else 0,
        wait=estimate.text(lang) if estimate else "", rated=ticket.rating is not None,
        notice=notice)


def citizen_limiter(request: Request) -> RateLimiter:
    """One limiter per app for the public pages (/t/*, /lookup and the public dossier API);
    a test may put its own, with a fake clock, in app.state."""
    state = request.app.state
    if getattr(state, "citizen_limiter", None) is None:
        state.citizen_limiter = RateLimiter(CITIZEN_RATE, CITIZEN_PER_S)
    return state.citizen_limiter


def _too_many(request: Request, lang: str) -> HTMLResponse | None:
    """A 429 page when this client has used up its /t/* requests, else None."""
    limiter = citizen_limiter(request)
    client = request.client.host if request.client else "?"
    if limiter.allow(client):
        return None
    wait = limiter.retry_after(client)
    page = render_message(t("slow_title", lang), t("slow_body", lang, s=wait), lang,
                          ward=_ward(request, lang))
    return _html(page, status=429, headers={**CITIZEN_HEADERS, "Retry-After": str(wait)})


@router.get("/t/{token}", response_class=HTMLResponse)
def citizen(request: Request, token: str) -> HTMLResponse:
    lang = _lang(request)
    if (refused := _too_many(request, lang)) is not None:
        return refused
    notice = request.query_params.get("m")
    store = _hub(request).store
    # One read lock for the ticket, the line ahead of it and the counters: a consistent page.
    with store.reading():
        try:
            ticket = store.ticket_by_token(token)
        except DomainError:
            return _not_found(request, lang)
        view = ticket_view(request, ticket, lang,
                           notice if notice in ("thanks", "already") else None)
    return _html(render_ticket(view))


def _back(token: str, lang: str, notice: str) -> RedirectResponse:
    qs = f"?m={notice}" + ("&lang=en" if lang == "en" else "")
    return RedirectResponse(f"/t/{quote(token, safe='')}{qs}", status_code=303,
                            headers={"Cache-Control": "no-store"})


@router.post("/t/{token}/rate", response_class=HTMLResponse)
async def rate(request: Request, token: str) -> Response:
    lang = _lang(request)
    if (refused := _too_many(request, lang)) is not None:
        return refused
    # Parsed by hand: a plain urlencoded form needs no python-multipart dependency.
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _rate_error(request, lang, token, 413,
                           InvalidRequest("form_too_large", "form too large",
                                          "Nội dung gửi quá dài"))
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    raw = (fields.get("rating") or [""])[0].strip()
    comment = (fields.get("comment") or [""])[0]
    store = _hub(request).store
    try:
        store.ticket_by_token(token)
    except DomainError:
        return _not_found(request, lang)
    if raw not in ("1", "2", "3"):
        return _rate_error(request, lang, token, 422,
                           InvalidRequest("invalid_rating", "rating must be 1, 2 or 3",
                                          "Mức đánh giá phải là 1, 2 hoặc 3"))
    try:
        # "Không hài lòng" opens an unhappy case in the same transaction (hub/feedback.py).
        feedback.rate_ticket(store, token, int(raw), comment[:500] or None)
    except DomainError as exc:
        if exc.code == "already_rated":
            return _back(token, lang, "already")
        return _rate_error(request, lang, token, exc.status if 400 <= exc.status < 500 else 409,
                           exc)
    return _back(token, lang, "thanks")


def _rate_error(request: Request, lang: str, token: str, status: int,
                exc: DomainError) -> HTMLResponse:
    text = exc.message if lang == "en" else exc.message_vi
    page = render_message(t("bad_title", lang), text, lang, ward=_ward(request, lang),
                          back_token=token)
    return _html(page, status=status)


# --- suggestion / complaint form ---------------------------------------------------------------

def _form_view(request: Request, ticket: Ticket, lang: str, **values) -> FormView:
    return FormView(token=ticket.token, lang=lang, ward=_ward(request, lang),
                    number=ticket.number, **values)


@router.get("/t/{token}/feedback", response_class=HTMLResponse)
def feedback_form(request: Request, token: str) -> HTMLResponse:
    lang = _lang(request)
    if (refused := _too_many(request, lang)) is not None:
        return refused
    try:
        ticket = _hub(request).store.ticket_by_token(token)
    except DomainError:
        return _not_found(request, lang)
    sent = request.query_params.get("sent", "")
    view = _form_view(request, ticket, lang, sent_case=int(sent) if sent.isdigit() else None)
    return _html(render_form(view))


@router.post("/t/{token}/feedback", response_class=HTMLResponse)
async def send_feedback(request: Request, token: str) -> Response:
    """A suggestion or complaint (rate-limited with the rest of /t/*). A refusal shows the
    form again with the text and the number typed and the reason; nothing typed is lost."""
    lang = _lang(request)
    if (refused := _too_many(request, lang)) is not None:
        return refused
    store = _hub(request).store
    try:
        ticket = store.ticket_by_token(token)
    except DomainError:
        return _not_found(request, lang)
    body = await request.body()
    fields = parse_qs(body[:MAX_FORM_BYTES].decode("utf-8", "replace"), keep_blank_values=True)

    def one(name: str) -> str:
        return (fields.get(name) or [""])[0]

    typed = {"kind": one("kind") if one("kind") in ("suggestion", "complaint") else "suggestion",
             "text": one("text")[:1000], "want_reply": one("want_reply") == "1",
             "phone": one("phone")[:20]}
    if len(body) > MAX_FORM_BYTES:
        error: DomainError | None = InvalidRequest("form_too_large", "form too large",
                                                   "Nội dung gửi quá dài")
        status = 413
    else:
        try:
            row = feedback.submit_from_ticket(store, token, one("kind"), one("text"),
                                              typed["want_reply"], one("phone"))
        except DomainError as exc:
            error, status = exc, exc.status if 400 <= exc.status < 500 else 409
        else:
            qs = f"?sent={row['id']}" + ("&lang=en" if lang == "en" else "")
            return RedirectResponse(f"/t/{quote(token, safe='')}/feedback{qs}", status_code=303,
                                    headers={"Cache-Control": "no-store"})
    text = error.message if lang == "en" else error.message_vi
    return _html(render_form(_form_view(request, ticket, lang, error=text, **typed)),
                 status=status)
