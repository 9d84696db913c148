"""The public booking page `/book` (docs/booking.md): ward → group (with its procedures and
checklists) → day → slot with places left → phone → confirmation with the code, its QR (inline
SVG), the checklist, an .ics file and how to cancel. Plain links and forms: it works without
JavaScript, sets no cookie and loads nothing from elsewhere. Every value passes html.escape.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from .booking_api import MAX_BODY, check_rate
from .booking_text import CSS, WEEKDAYS, w
from .bookings import BookingError, parse_day, parse_slot
from .qr_svg import qr_svg

router = APIRouter(include_in_schema=False)
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}
EARLY_MIN, LATE_MIN = 60, 15  # the hub's defaults (its settings decide)


@router.get("/static/book.css")
async def css():
    return Response(CSS, media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


def page_lang(params) -> str:
    """The language a public page (/book, /lookup) is asked in: ?lang=en, else Vietnamese."""
    return "en" if params.get("lang") == "en" else "vi"


def page_link(path: str, lang: str, **params: str) -> str:
    """A link to a public page keeping its language; empty parameters left out."""
    params = {k: v for k, v in params.items() if v}
    if lang == "en":
        params["lang"] = "en"
    return path + ("?" + urlencode(params) if params else "")


def _link(lang: str, **params: str) -> str:
    return page_link("/book", lang, **params)


def _day_text(day: date, lang: str) -> str:
    return f"{WEEKDAYS[lang][day.weekday()]}, {day.strftime('%d/%m/%Y')}"


def page(lang: str, body: str, switch: str, status: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(w('title', lang))}</title>
<link rel="stylesheet" href="/static/book.css"></head>
<body><header><span class=t>{escape(w('centre', lang))} · {escape(w('title', lang))}</span>
<a href="{escape(switch)}" lang="{'vi' if lang == 'en' else 'en'}">{escape(w('switch', lang))}</a>
</header><main>{body}</main>
<footer>{escape(w('privacy', lang))}</footer></body></html>"""
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _error(lang: str, exc: BookingError, back: str) -> HTMLResponse:
    message = exc.message_vi if lang == "vi" else exc.message
    body = (f"<section class=err><h1>{escape(w('error_title', lang))}</h1>"
            f"<p>{escape(message)}</p><p><a class=opt href=\"{escape(back)}\">"
            f"{escape(w('again', lang))}</a></p></section>")
    return page(lang, body, back, exc.status)


def _switch(lang: str, params: dict) -> str:
    other = {k: v for k, v in params.items() if k != "lang"}
    return _link("en" if lang == "vi" else "vi", **other)


@router.get("/book")
async def book(request: Request):
    central = request.app.state.central
    q = dict(request.query_params)
    lang = page_lang(q)
    hub, group, day, slot = (q.get(k, "") for k in ("hub", "group", "day", "slot"))
    try:
        check_rate(request, write=False)
        if not hub:
            wards = await run_in_threadpool(central.bookings.wards)
            body = _wards(wards, lang)
        elif not group:
            body = await run_in_threadpool(_groups, central, hub, lang)
        elif not day:
            days = await run_in_threadpool(central.bookings.days, hub, group)
            body = _days(hub, group, days, lang)
        else:
            found = await run_in_threadpool(central.bookings.slots, hub, parse_day(day), group)
            body = _slots(found, lang) if not slot else _phone(found, parse_slot(slot), lang)
    except BookingError as exc:
        return _error(lang, exc, _link(lang))
    return page(lang, body, _switch(lang, q))


def _crumbs(lang: str, *parts: str) -> str:
    return f"<p class=crumbs>{' › '.join(escape(p) for p in parts)}</p>"


def _wards(wards, lang: str) -> str:
    def item(x) -> str:
        address = f"<br><small class=muted>{escape(x.address_vi)}</small>" if x.address_vi else ""
        return (f'<li><a class=opt href="{escape(_link(lang, hub=x.hub_id))}">'
                f"{escape(_name(x, lang))}{address}</a></li>")

    items = "".join(item(x) for x in wards)
    inner = f"<ul class=pick>{items}</ul>" if items else f"<p>{escape(w('no_wards', lang))}</p>"
    return (f"<section><h1>{escape(w('step_ward', lang))}</h1>{inner}</section>"
            + _cancel_form(lang))


def _name(item, lang: str) -> str:
    return item.name_vi if lang == "vi" else item.name_en


def _groups(central, hub: str, lang: str) -> str:
    with central.db.read() as conn:
        ward = central.bookings.require_ward(conn, hub)
    catalog = central.bookings.catalog()
    items = []
    for g in catalog.groups:
        if g.id not in ward.settings:
            continue
        services = "".join(_service(s, lang) for s in catalog.services if s.group == g.id)
        items.append(f'<li><a class=opt href="{escape(_link(lang, hub=hub, group=g.id))}">'
                     f"{escape(_name(g, lang))}</a>"
                     f"<details><summary>{escape(w('procedures', lang))}</summary>"
                     f"<ul>{services}</ul></details></li>")
    return (_crumbs(lang, _name(ward, lang)) + f"<section><h1>{escape(w('step_group', lang))}"
            f"</h1><ul class=pick>{''.join(items)}</ul></section>")


def _service(s, lang: str) -> str:
    docs = s.checklist_vi if lang == "vi" else s.checklist_en
    checklist = "".join(f"<li>{escape(d)}</li>" for d in docs)
    return f"<li>{escape(_name(s, lang))}{f'<ul>{checklist}</ul>' if checklist else ''}</li>"


def _days(hub: str, group: str, days: list[date], lang: str) -> str:
    items = "".join(f'<li><a class=opt href="'
                    f'{escape(_link(lang, hub=hub, group=group, day=d.isoformat()))}">'
                    f"{escape(_day_text(d, lang))}</a></li>" for d in days)
    inner = f"<ul class=pick>{items}</ul>" if items else f"<p>{escape(w('no_days', lang))}</p>"
    back = f'<p><a href="{escape(_link(lang, hub=hub))}">{escape(w("back", lang))}</a></p>'
    return f"<section><h1>{escape(w('step_day', lang))}</h1>{inner}{back}</section>"


def _slots(found: dict, lang: str) -> str:
    (g,) = found["groups"]
    day = date.fromisoformat(found["day"])
    hub, group = found["hub_id"], g["group"]
    cells = []
    for s in g["slots"]:
        if s["left"] > 0:
            href = _link(lang, hub=hub, group=group, day=found["day"], slot=s["slot"])
            cells.append(f'<li><a class=slot href="{escape(href)}">{s["slot"]}'
                         f"<small>{escape(w('left', lang, n=s['left']))}</small></a></li>")
        else:
            cells.append(f'<li><span class="slot full">{s["slot"]}'
                         f"<small>{escape(w('full', lang))}</small></span></li>")
    inner = (f"<ul class=slots>{''.join(cells)}</ul>" if any(s["left"] for s in g["slots"])
             else f"<p>{escape(w('no_slots', lang))}</p>")
    back = (f'<p><a href="{escape(_link(lang, hub=hub, group=group))}">'
            f'{escape(w("back", lang))}</a></p>')
    return (_crumbs(lang, found[f"ward_{lang}"], g[f"name_{lang}"], _day_text(day, lang))
            + f"<section><h1>{escape(w('step_slot', lang))}</h1>{inner}{back}</section>")


def _phone(found: dict, slot, lang: str) -> str:
    (g,) = found["groups"]
    day = date.fromisoformat(found["day"])
    hidden = "".join(f'<input type=hidden name="{k}" value="{escape(v)}">' for k, v in (
        ("hub", found["hub_id"]), ("group", g["group"]), ("day", found["day"]),
        ("slot", slot.strftime("%H:%M")), ("lang", lang)))
    summary = w("summary", lang, group=g[f"name_{lang}"], day=_day_text(day, lang),
                slot=slot.strftime("%H:%M"))
    return (_crumbs(lang, found[f"ward_{lang}"])
            + f"<section><h1>{escape(w('step_phone', lang))}</h1><p><b>{escape(summary)}</b></p>"
            f'<form method=post action="/book">{hidden}'
            f"<label for=phone>{escape(w('phone', lang))}</label>"
            f'<input id=phone name=phone type=tel inputmode=tel autocomplete=tel required '
            f'maxlength=20 placeholder="09xx xxx xxx">'
            f"<p class=muted>{escape(w('phone_help', lang))}</p>"
            f"<button class=primary type=submit>{escape(w('book', lang))}</button></form>"
            "</section>")


def _cancel_form(lang: str, code: str = "") -> str:
    return (f"<section><h2>{escape(w('cancel_title', lang))}</h2>"
            f"<p class=muted>{escape(w('cancel_how', lang))}</p>"
            f'<form method=post action="/book/cancel"><input type=hidden name=lang value="{lang}">'
            f"<label for=code>{escape(w('code', lang))}</label>"
            f'<input id=code name=code required maxlength=40 autocapitalize=characters '
            f'value="{escape(code)}" placeholder="XXXX-XXXX-XXXX-XXXX">'
            f"<label for=cphone>{escape(w('phone', lang))}</label>"
            f'<input id=cphone name=phone type=tel inputmode=tel required maxlength=20>'
            f"<button type=submit>{escape(w('cancel', lang))}</button></form></section>")


async def read_form(request: Request) -> dict[str, str]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BookingError(413, "too_large", "request body too large", "Yêu cầu quá lớn")
    try:
        fields = parse_qs(raw.decode("utf-8"), max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise BookingError(422, "invalid", "unreadable form", "Biểu mẫu không đọc được") from None
    return {k: v[0] for k, v in fields.items()}


@router.post("/book")
async def book_post(request: Request):
    central = request.app.state.central
    lang = page_lang(request.query_params)
    try:
        form = await read_form(request)
        lang = page_lang(form)
        check_rate(request, write=True)
        done = await run_in_threadpool(central.bookings.book, form.get("hub"),
                                       form.get("group"), form.get("day"), form.get("slot"),
                                       form.get("phone"))
    except BookingError as exc:
        back = _link(lang, hub=form.get("hub", ""), group=form.get("group", ""),
                     day=form.get("day", "")) if "form" in locals() else _link(lang)
        return _error(lang, exc, back)
    body = await run_in_threadpool(_confirmation, central, done, lang)
    response = page(lang, body, _link("en" if lang == "vi" else "vi"), 201)
    return response


def _confirmation(central, done: dict, lang: str) -> str:
    catalog = central.bookings.catalog()
    group = next(g for g in catalog.groups if g.id == done["group"])
    day = date.fromisoformat(done["day"])
    services = "".join(_service(s, lang) for s in catalog.services if s.group == group.id)
    summary = w("summary", lang, group=_name(group, lang), day=_day_text(day, lang),
                slot=done["slot"])
    ics = f"/book/{done['code']}.ics" + ("?lang=en" if lang == "en" else "")
    return (f"<section class=ok><h1>{escape(w('done_title', lang))}</h1>"
            f"<p><b>{escape(done[f'ward_{lang}'])}</b></p><p>{escape(summary)}</p>"
            f"<p class=muted>{escape(w('your_code', lang))}</p>"
            f"<p class=code>{escape(done['code'])}</p>"
            f"<div class=qr>{qr_svg(done['code'], label=done['code'])}</div>"
            f"<p>{escape(w('show_code', lang, early=EARLY_MIN, late=LATE_MIN))}</p>"
            f"<p class=muted>{escape(w('order', lang))}</p>"
            f'<p><a class=opt href="{escape(ics)}">{escape(w("calendar", lang))}</a></p></section>'
            f"<section><h2>{escape(w('checklist', lang))}</h2><ul>{services}</ul></section>"
            + _cancel_form(lang, done["code"]))


@router.post("/book/cancel")
async def cancel_post(request: Request):
    central = request.app.state.central
    lang = "vi"
    try:
        form = await read_form(request)
        lang = page_lang(form)
        check_rate(request, write=True)
        done = await run_in_threadpool(central.bookings.cancel, form.get("code"),
                                       form.get("phone"))
    except BookingError as exc:
        return _error(lang, exc, _link(lang))
    body = (f"<section class=ok><h1>{escape(w('cancelled', lang, code=done['code']))}</h1>"
            f'<p><a class=opt href="{escape(_link(lang))}">{escape(w("start", lang))}</a></p>'
            "</section>")
    return page(lang, body, _link("en" if lang == "vi" else "vi"))


@router.get("/book/{code}.ics")
async def calendar(code: str, request: Request):
    central = request.app.state.central
    lang = page_lang(request.query_params)
    try:
        check_rate(request, write=False)
        found = await run_in_threadpool(central.bookings.find, code)
    except BookingError as exc:
        return _error(lang, exc, _link(lang))
    return Response(ics(found, lang, central.clock()), media_type="text/calendar; charset=utf-8",
                    headers={**HEADERS, "Content-Disposition":
                             f'attachment; filename="booking-{found["code"]}.ics"'})


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def ics(found: dict, lang: str, now: datetime) -> str:
    """An iCalendar event (RFC 5545) in the centre's local time (TZID Asia/Ho_Chi_Minh)."""
    start = datetime.combine(date.fromisoformat(found["day"]),
                             datetime.strptime(found["slot"], "%H:%M").time())
    end = start + timedelta(minutes=found["slot_minutes"])
    summary = f"{w('centre', lang)} {found[f'ward_{lang}']}: {found[f'group_{lang}']}"
    description = f"{w('code', lang)}: {found['code']}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//onestop//booking//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:{found['code']}@onestop", f"DTSTAMP:{now.strftime('%Y%m%dT%H%M%SZ')}",
             f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start.strftime('%Y%m%dT%H%M%S')}",
             f"DTEND;TZID=Asia/Ho_Chi_Minh:{end.strftime('%Y%m%dT%H%M%S')}",
             f"SUMMARY:{_ics_text(summary)}", f"DESCRIPTION:{_ics_text(description)}",
             f"LOCATION:{_ics_text(found[f'ward_{lang}'])}", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"
