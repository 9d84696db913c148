"""Hỏi thủ tục on central for the internet (docs/guide.md): `GET /api/guide?q=…&lang=` and
the public `/guide` page, answered from the catalogue central publishes (or the bundled one
before anything is published), in the style of `/book`. Public and rate-limited per address
like booking's reads. Central counts no unanswered questions: the wards' hubs do.
"""

from __future__ import annotations

import importlib.resources
import json
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from onestop.queue.catalog import Catalog, parse_catalog
from onestop.queue.guide import MAX_QUESTION, ask, invalid_question
from onestop.queue.guide_card import g, guide_body, guide_link

from .booking_api import SlowDown, check_rate
from .booking_page import HEADERS
from .booking_text import w

router = APIRouter()
GUIDE_CSS = importlib.resources.files("onestop.assets").joinpath("guide.css")
_catalogs: dict[str, Catalog] = {}  # by ETag: parsed once per published catalogue


def _catalog(central) -> Catalog:
    published = central.catalogs.latest()
    found = _catalogs.get(published.etag)
    if found is None:
        found = parse_catalog(json.loads(published.body), source="central catalogue")
        _catalogs.clear()  # only the newest is asked about
        _catalogs[published.etag] = found
    return found


def _refusal(status: int, code: str, message: str, message_vi: str, **headers) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "message_vi": message_vi},
                        status_code=status, headers=headers)


@router.get("/static/guide.css", include_in_schema=False)
async def css():
    return Response(GUIDE_CSS.read_text("utf-8"), media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@router.get("/api/guide", tags=["guide"])
async def api_guide(request: Request, q: str | None = None, lang: str = "vi"):
    """The same answer object as the hub's /api/guide, from central's catalogue."""
    try:
        check_rate(request, write=False)
    except SlowDown as exc:
        return _refusal(429, "too_many_requests", exc.message, exc.message_vi,
                        **{"Retry-After": str(exc.wait)})
    reason = invalid_question(q) or (None if lang in ("vi", "en") else "lang must be vi or en")
    if reason:
        return _refusal(400, "guide_question_invalid", reason,
                        f"Câu hỏi trống hoặc dài quá {MAX_QUESTION} ký tự")
    catalog = await run_in_threadpool(_catalog, request.app.state.central)
    return {**ask(catalog, q.strip()), "lang": lang}


@router.get("/guide", include_in_schema=False)
async def guide(request: Request, q: str | None = None, lang: str = "vi"):
    lang = "en" if lang == "en" else "vi"
    question = (q or "").strip()[:MAX_QUESTION]
    result, invalid, status = None, False, 200
    try:
        check_rate(request, write=False)
    except SlowDown as exc:
        body = f"<section class=err><p>{escape(exc.message_vi if lang == 'vi' else exc.message)}"
        return _page(lang, body + "</p></section>", question, 429)
    if q is not None:
        if invalid_question(q):
            invalid, status = True, 400
        else:
            catalog = await run_in_threadpool(_catalog, request.app.state.central)
            result = ask(catalog, question)
    return _page(lang, guide_body("/guide", lang, question, result, invalid, MAX_QUESTION),
                 question, status)


def _page(lang: str, body: str, question: str, status: int) -> HTMLResponse:
    switch = guide_link("/guide", "vi" if lang == "en" else "en", question)
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(g('title', lang))}</title>
<link rel="stylesheet" href="/static/book.css"><link rel="stylesheet" href="/static/guide.css">
</head>
<body><header><span class=t>{escape(w('centre', lang))} · {escape(g('title', lang))}</span>
<a href="{escape(switch)}" lang="{'vi' if lang == 'en' else 'en'}">{escape(w('switch', lang))}</a>
</header><main>{body}</main>
<footer>{escape(w('privacy', lang))}</footer></body></html>"""
    return HTMLResponse(html, status_code=status, headers=HEADERS)
