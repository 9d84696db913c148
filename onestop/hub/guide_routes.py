"""Hỏi thủ tục on the hub (docs/guide.md): `GET /api/guide?q=…` answers a question from the
catalogue in use, for anyone on the ward's network (the /guide page, the kiosk, the counter's
lookup panel); questions it could not answer are counted, folded text only, and listed for
staff at `GET /api/guide/unanswered` so the centre can add phrasings.
"""

from __future__ import annotations

import importlib.resources
import sqlite3
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response

from onestop.queue.catalog import Catalog, parse_catalog
from onestop.queue.guide import MAX_QUESTION, ask, invalid_question
from onestop.queue.guide_card import g, guide_body, guide_link
from onestop.queue.search import fold
from onestop.ratelimit import RateLimiter

from .auth import AuthError, Role
from .bookings import today
from .catalog_edits import disabled, effective
from .deps import Auth, require
from .http_errors import error
from .web.citizen import page

router = APIRouter()

# Per client address: a citizen types a question every few seconds at most; a kiosk or a
# counter sends its station token and is not limited.
GUIDE_RATE, GUIDE_PER_S = 30, 60.0
MAX_UNANSWERED_ROWS = 1000  # the list is for reading, not an archive: the rarest go first


def guide_refusal(reason: str):
    return error(400, "guide_question_invalid", reason,
                 f"Câu hỏi trống hoặc dài quá {MAX_QUESTION} ký tự")


def record_unanswered(store, question: str) -> None:
    """Count a question the assistant did not answer: folded text and the local day only."""
    text = fold(question)[:MAX_QUESTION]
    if not text:
        return
    day = today(store)
    with store.write() as db:
        db.execute(
            "INSERT INTO guide_unanswered (question, count, first_day, last_day) "
            "VALUES (?, 1, ?, ?) ON CONFLICT(question) DO UPDATE SET count = count + 1, "
            "last_day = excluded.last_day", [text, day, day])
        extra = db.execute("SELECT count(*) FROM guide_unanswered").fetchone()[0]
        if extra > MAX_UNANSWERED_ROWS:
            db.execute("DELETE FROM guide_unanswered WHERE question IN (SELECT question FROM "
                       "guide_unanswered ORDER BY count, last_day LIMIT ?)",
                       [extra - MAX_UNANSWERED_ROWS])


def unanswered(store, limit: int = 20) -> list[dict]:
    with store.reading() as db:
        rows = db.execute("SELECT question, count, first_day, last_day FROM guide_unanswered "
                          "ORDER BY count DESC, last_day DESC, question LIMIT ?", [limit])
        return [{"question": q, "count": c, "first_day": f, "last_day": d}
                for q, c, f, d in rows]


def _is_station(request: Request, authorization: str | None) -> bool:
    bearer = authorization[7:].strip() if authorization and \
        authorization.lower().startswith("bearer ") else None
    if not bearer:
        return False
    try:
        request.app.state.hub.auth.authenticate(bearer)
    except AuthError:
        return False
    return True


def _limiter(request: Request) -> RateLimiter:
    state = request.app.state  # a test may put its own limiter, with a fake clock, here
    if getattr(state, "guide_limiter", None) is None:
        state.guide_limiter = RateLimiter(GUIDE_RATE, GUIDE_PER_S)
    return state.guide_limiter


PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; "
                               "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
}


@router.get("/guide/style.css", include_in_schema=False)
def guide_css() -> Response:
    css = importlib.resources.files("onestop.assets").joinpath("guide.css").read_bytes()
    return Response(css, media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})


@router.get("/guide", response_class=HTMLResponse, include_in_schema=False)
def guide_page(request: Request, q: Annotated[str | None, Query(max_length=4000)] = None,
               lang: Annotated[str, Query(max_length=8)] = "vi") -> HTMLResponse:
    """The public question page (phone first, no script); linked from the ticket page."""
    from html import escape

    hub = request.app.state.hub
    lang = "en" if lang == "en" else "vi"
    address = request.client.host if request.client else "?"
    limiter = _limiter(request)
    question = (q or "").strip()
    result, invalid, status = None, False, 200
    if q is not None and not limiter.allow(address):
        return HTMLResponse(page(g("title", lang), "<main><section class=officer><p>" + escape(
            "Quá nhiều câu hỏi; xin vui lòng thử lại sau ít phút." if lang == "vi" else
            "Too many questions; please try again in a few minutes.") + "</p></section></main>",
            lang, styles=("/guide/style.css",)), status_code=429, headers=PAGE_HEADERS)
    if q is not None:
        if invalid_question(q):
            invalid, status = True, 400
        else:
            store = hub.store
            result = ask(store.catalog, question, exclude=store.disabled_services)
            if not result["confident"]:
                record_unanswered(store, question)
    ward = str(getattr(hub, "office_name_en" if lang == "en" else "office_name_vi", "") or "")
    other = guide_link("/guide", "vi" if lang == "en" else "en", question)
    header = (f'<header><span class="ward">{escape(ward)}</span>'
              f'<a href="{escape(other)}" lang="{"vi" if lang == "en" else "en"}">'
              f'{"Tiếng Việt" if lang == "en" else "English"}</a></header>')
    answers = guide_body("/guide", lang, question[:MAX_QUESTION], result, invalid, MAX_QUESTION)
    body = f"{header}\n<main>\n{answers}\n</main>"
    return HTMLResponse(page(g("title", lang), body, lang, styles=("/guide/style.css",)),
                        status_code=status, headers=PAGE_HEADERS)


@router.get("/api/guide", tags=["guide"])
def guide(request: Request, q: Annotated[str | None, Query(max_length=4000)] = None,
          lang: Annotated[str, Query(max_length=8)] = "vi",
          authorization: Annotated[str | None, Header()] = None):
    """Answer a question about procedures: ranked catalogue entries, `confident` false when
    the question is outside the catalogue (then ask an officer). Public, rate-limited."""
    hub, limiter = request.app.state.hub, _limiter(request)
    address = request.client.host if request.client else "?"
    if not _is_station(request, authorization) and not limiter.allow(address):
        return error(429, "too_many_requests",
                     f"too many questions; wait {limiter.retry_after(address)} s",
                     "Hỏi quá nhiều lần; xin vui lòng thử lại sau ít phút")
    if lang not in ("vi", "en"):
        return guide_refusal("lang must be vi or en")
    reason = invalid_question(q)
    if reason:
        return guide_refusal(reason)
    store = hub.store
    result = ask(store.catalog, q.strip(), exclude=store.disabled_services)
    if not result["confident"]:
        record_unanswered(store, q)
    return {**result, "lang": lang}


@router.get("/api/guide/unanswered", tags=["guide"])
def guide_unanswered(request: Request, st: Auth,
                     limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict:
    """The questions most often left unanswered, for the supervisor and the admin."""
    require(st, Role.SUPERVISOR, Role.ADMIN, Role.COUNTER, Role.RECEPTION)
    return {"questions": unanswered(request.app.state.hub.store, limit)}


def data_folder_catalog(data_dir: Path) -> tuple[Catalog, frozenset[str]] | None:
    """The catalogue a data folder's hub uses (its base with the ward's edits) and the
    services switched off, read without opening the hub; None when there is no hub there."""
    import json

    path = Path(data_dir) / "hub.db"
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT data FROM catalog WHERE id = 1").fetchone()
            edits = {code: json.loads(data) for code, data in conn.execute(
                "SELECT code, data FROM catalog_edits")}
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    base = parse_catalog(json.loads(row[0]), source=f"{path}:catalog")
    catalog = effective(base, edits)
    return catalog, disabled(edits, catalog)
