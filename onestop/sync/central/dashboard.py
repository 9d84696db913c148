"""The city dashboard: GET /dashboard?token=ADMIN[&lang=en][&day=YYYY-MM-DD].

One server-rendered page comparing wards on a centre day (Asia/Ho_Chi_Minh by default):
numbers issued, waiting now, served, mean wait and the wait 90% stayed within (from taking the
number to being called, called_at - issued_at, as the ward's daily report counts it), the mean
satisfaction score on the 3-point scale, last sync. The words follow docs/glossary.md.
No script and no external resource: the stylesheet and the bundled DejaVu font (Vietnamese
glyphs on any PC) come from this server. It reloads itself every minute with a meta refresh.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import re
from datetime import date, datetime
from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .dashboard_page import CSS, TEXT
from .dossier_views import WardMonth, month_totals, ward_months
from .views import WardDay, totals

router = APIRouter(include_in_schema=False)

FONTS = importlib.resources.files("onestop.assets") / "fonts"
_FONT = re.compile(r"DejaVuSans(-Bold)?\.ttf")
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the admin token is in the page's URL
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'",
}
WAIT_WARN_MIN, WAIT_BAD_MIN = 15, 30


@router.get("/")
async def root(request: Request):
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/dashboard{query}", status_code=303)


@router.get("/static/central.css")
async def css():
    return Response(CSS, media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@router.get("/static/fonts/{name}")
async def font(name: str):
    if not _FONT.fullmatch(name):
        return Response("not found", status_code=404, media_type="text/plain")
    return Response((FONTS / name).read_bytes(), media_type="font/ttf",
                    headers={"Cache-Control": "max-age=86400"})


@router.get("/dashboard")
async def dashboard(request: Request):
    central = request.app.state.central
    lang = "en" if request.query_params.get("lang") == "en" else "vi"
    t = TEXT[lang]
    token = request.query_params.get("token") or ""
    if not token or not await run_in_threadpool(central.auth.is_admin, token):
        return HTMLResponse(_login(t, lang, bool(token)), status_code=401, headers=HEADERS)
    now = central.clock()
    day = central.today()
    asked = request.query_params.get("day")
    if asked:  # an unreadable day shows today rather than an error page
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(asked)
    wards = await run_in_threadpool(central.views.wards, day.isoformat())
    months = await run_in_threadpool(ward_months, central, day)
    page = render(wards, day=day, now=now, lang=lang, token=token,
                  month=render_month(months, day, lang))
    return HTMLResponse(page, headers=HEADERS)


# --- rendering -----------------------------------------------------------------------------

def _int(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def _dec(x: float | None, lang: str) -> str:
    if x is None:
        return "–"
    text = f"{x:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


def relative(moment: datetime | None, now: datetime, t: dict) -> str:
    if moment is None:
        return t["never"]
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return t["just_now"]
    for unit, size in (("day", 86400), ("hour", 3600), ("min", 60)):
        if seconds >= size:
            return t[f"{unit}_ago"].format(n=seconds // size)
    return t["just_now"]


def _wait_class(minutes: float | None) -> str:
    if minutes is None:
        return "num"
    if minutes >= WAIT_BAD_MIN:
        return "num bad"
    return "num warn" if minutes >= WAIT_WARN_MIN else "num good"


def _rating(w: WardDay, lang: str) -> str:
    if not w.rating_count:
        return "–"
    return (f"{_dec(w.mean_rating, lang)} <span class=muted>({_int(w.rating_count, lang)})"
            "</span>")


def _row(w: WardDay, now: datetime, lang: str, t: dict, total: bool = False) -> str:
    name = (f"<th scope=row>{escape(t['total'])}</th>" if total else
            f"<th scope=row>{escape(w.ward)}<span class=hub>{escape(w.hub_id[:12])}</span></th>")
    sync = escape(relative(w.last_sync_at, now, t))
    if w.stale and not total:
        sync += f' <span class="badge">{escape(t["stale_badge"])}</span>'
    cells = [
        f"<td class=num>{_int(w.tickets, lang)}</td>",
        f"<td class=num>{_int(w.waiting, lang)}</td>",
        f"<td class=num>{_int(w.served, lang)}</td>",
        f"<td class=num>{_int(w.booked, lang)}</td>",
        f"<td class='{_wait_class(w.mean_wait_min)}'>{_dec(w.mean_wait_min, lang)}</td>",
        f"<td class='{_wait_class(w.p90_wait_min)}'>{_dec(w.p90_wait_min, lang)}</td>",
        f"<td class=num>{_rating(w, lang)}</td>",
        f"<td class=sync>{sync}</td>",
    ]
    css = ' class="total"' if total else (' class="stale"' if w.stale else "")
    return f"<tr{css}>{name}{''.join(cells)}</tr>"


def _card(label: str, value: str, extra: str = "") -> str:
    return (f'<div class="card{extra}"><div class=value>{value}</div>'
            f"<div class=label>{escape(label)}</div></div>")


def _pct(x: float | None, lang: str) -> str:
    return "–" if x is None else _dec(x, lang)


def _month_row(m: WardMonth, lang: str, t: dict, total: bool = False) -> str:
    name = (f"<th scope=row>{escape(t['total'])}</th>" if total else
            f"<th scope=row>{escape(m.ward)}<span class=hub>{escape(m.hub_id[:12])}</span></th>")
    unhappy = f" <span class=muted>({_int(m.unhappy, lang)})</span>" if m.ratings else ""
    cells = (
        ("num", _int(m.open, lang)), ("num over" if m.overdue else "num", _int(m.overdue, lang)),
        ("num", _int(m.early, lang)), ("num", _int(m.on_time, lang)),
        ("num late" if m.late else "num", _int(m.late, lang)),
        ("num", _pct(m.on_time_rate, lang)), ("num", _pct(m.satisfied_rate, lang) + unhappy),
        ("num", _int(m.cases_open, lang)), ("num", _int(m.cases_closed, lang)),
        ("num", _int(m.waiting_replies, lang)))
    tds = "".join(f"<td class='{css}'>{value}</td>" for css, value in cells)
    return f"<tr{' class=total' if total else ''}>{name}{tds}</tr>"


def render_month(months: list[WardMonth], day: date, lang: str) -> str:
    """The second table: dossiers, feedback and recommendations per ward (dossier_views)."""
    t = TEXT[lang]
    heads = "".join(f"<th scope=col>{escape(h)}</th>" for h in t["month_columns"])
    rows = "".join(_month_row(m, lang, t) for m in months) or (
        f"<tr><td colspan=11 class=empty>{escape(t['no_wards'])}</td></tr>")
    total = _month_row(month_totals(months), lang, t, total=True) if months else ""
    return (f"<h2 class=month>{escape(t['month_title'].format(month=day.strftime('%m/%Y')))}"
            f"</h2><table class=month><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody>"
            f"<tfoot>{total}</tfoot></table><p class=note>{escape(t['month_note'])}</p>")


def render(wards: list[WardDay], *, day: date, now: datetime, lang: str, token: str,
           month: str = "") -> str:
    t = TEXT[lang]
    city = totals(wards)
    stale = sum(1 for w in wards if w.stale)
    other = "vi" if lang == "en" else "en"
    switch = "/dashboard?" + urlencode({"token": token, "lang": other, "day": day.isoformat()})
    heads = "".join(f"<th scope=col>{escape(h)}</th>" for h in t["columns"])
    rows = "".join(_row(w, now, lang, t) for w in wards) or (
        f"<tr><td colspan=9 class=empty>{escape(t['no_wards'])}</td></tr>")
    cards = "".join((
        _card(t["card_wards"], _int(len(wards), lang)),
        _card(t["card_tickets"], _int(city.tickets, lang)),
        _card(t["card_waiting"], _int(city.waiting, lang)),
        _card(t["card_served"], _int(city.served, lang)),
        _card(t["card_wait"], _dec(city.mean_wait_min, lang)),
        _card(t["card_stale"], _int(stale, lang), " alert" if stale else ""),
    ))
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60">
<title>{escape(t['title'])}</title>
<link rel="stylesheet" href="/static/central.css"></head>
<body><header><div><h1>{escape(t['title'])}</h1>
<p class=sub>{escape(t['subtitle'].format(day=day.strftime('%d/%m/%Y')))}</p></div>
<a class=lang href="{escape(switch)}">{escape(t['switch'])}</a></header>
<main><section class=cards>{cards}</section>
<table><thead><tr>{heads}</tr></thead>
<tbody>{rows}</tbody>
<tfoot>{_row(city, now, lang, t, total=True) if wards else ""}</tfoot></table>
<p class=note>{escape(t['note'])}</p>{month}</main></body></html>"""


def _login(t: dict, lang: str, wrong: bool) -> str:
    message = t["login_wrong"] if wrong else t["login"]
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t['title'])}</title><link rel="stylesheet" href="/static/central.css"></head>
<body><main class=login><h1>{escape(t['title'])}</h1><p>{escape(message)}</p>
<form method=get action="/dashboard"><input type=hidden name=lang value="{lang}">
<label>{escape(t['token_label'])} <input name=token type=password autocomplete=off></label>
<button type=submit>{escape(t['open'])}</button></form>
<p class=note><code>onestop central token</code></p></main></body></html>"""
