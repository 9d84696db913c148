"""The public lookup page `/lookup` (issue 17, docs/central.md): dossier code + check digits
(pre-filled from the receipt's QR, `/lookup?code=…&check=…`) → procedure, ward, state, due
date, how it stands against the due date and the history of its states, with a form to send
a suggestion or complaint (góp ý / phản ánh) about it (`POST /lookup/feedback`).

Phone first; plain forms: no JavaScript, no cookie, nothing loaded from elsewhere; every value
passes html.escape. The numbers shown come from Dossiers.lookup, as the JSON API answers them.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from .booking_page import HEADERS, page_lang, page_link, read_form
from .bookings import BookingError
from .dossiers import FEEDBACK_KINDS, MAX_FEEDBACK, MIN_FEEDBACK
from .lookup_api import check_lookup_rate
from .lookup_text import CSS, TIMELINESS_WORDS, w

router = APIRouter(include_in_schema=False)


@router.get("/static/lookup.css")
async def css():
    return Response(CSS, media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


def _link(lang: str, **params: str) -> str:
    return page_link("/lookup", lang, **params)


def page(lang: str, body: str, switch: str, status: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(w('title', lang))}</title>
<link rel="stylesheet" href="/static/lookup.css"></head>
<body><header><span class=t>{escape(w('centre', lang))} · {escape(w('title', lang))}</span>
<a href="{escape(switch)}" lang="{'vi' if lang == 'en' else 'en'}">{escape(w('switch', lang))}</a>
</header><main>{body}</main>
<footer>{escape(w('privacy', lang))}</footer></body></html>"""
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _search(lang: str, code: str, check: str) -> str:
    return (f"<section><h1>{escape(w('title', lang))}</h1>"
            f'<form method=get action="/lookup">'
            + (f'<input type=hidden name=lang value="{lang}">' if lang == "en" else "")
            + f"<label for=code>{escape(w('code', lang))}</label>"
            f'<input id=code name=code required maxlength=40 autocapitalize=characters '
            f'autocomplete=off value="{escape(code)}" placeholder="CUANAM-261205-0007">'
            f"<label for=check>{escape(w('check', lang))}</label>"
            f'<input id=check name=check required maxlength=4 inputmode=numeric '
            f'pattern="[0-9]{{4}}" autocomplete=off value="{escape(check)}">'
            f"<p class=muted>{escape(w('where', lang))}</p>"
            f"<button class=primary type=submit>{escape(w('search', lang))}</button></form>"
            "</section>")


def _day(iso_day: str) -> str:
    return date.fromisoformat(iso_day).strftime("%d/%m/%Y")


def _moment(at: str, zone) -> str:
    return datetime.fromisoformat(at).astimezone(zone).strftime("%H:%M %d/%m/%Y")


def _timeliness(value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return f'<span class="tl {value}">{escape(TIMELINESS_WORDS[value][lang == "en"])}</span>'


def _result(found: dict, lang: str, zone) -> str:
    name = found["name_vi"] if lang == "vi" else found["name_en"]
    ward = found["ward"] if lang == "vi" else found["ward_en"]
    state = found[f"state_{lang}"]
    facts = (
        (w("code", lang), escape(found["code"])),
        (w("procedure", lang), escape(name)),
        (w("ward", lang), escape(ward)),
        (w("received", lang), _day(found["received_date"])),
        (w("due", lang), _day(found["due_date"]) + _timeliness(found["timeliness"], lang)),
    )
    rows = "".join(f"<dt>{escape(k)}</dt><dd{' class=code' if i == 0 else ''}>{v}</dd>"
                   for i, (k, v) in enumerate(facts))
    steps = "".join(f"<li><b>{escape(h[f'state_{lang}'])}</b>"
                    f"<time datetime=\"{escape(h['at'])}\">{_moment(h['at'], zone)}</time></li>"
                    for h in found["history"])
    return (f"<section class=ok><h2>{escape(w('state', lang))}: "
            f"<span class=state id=state>{escape(state)}</span></h2>"
            f"<dl class=facts>{rows}</dl></section>"
            f"<section><h2>{escape(w('history', lang))}</h2>"
            f"<ol class=history id=history>{steps}</ol></section>")


def _feedback_form(lang: str, code: str, check: str) -> str:
    kinds = "".join(
        f'<label><input type=radio name=kind value="{k}"{" checked" if i == 0 else ""}>'
        f"{escape(w(k, lang))}</label>" for i, k in enumerate(FEEDBACK_KINDS))
    hidden = "".join(f'<input type=hidden name="{k}" value="{escape(v)}">'
                     for k, v in (("code", code), ("check", check), ("lang", lang)))
    return (f"<section><h2>{escape(w('feedback_title', lang))}</h2>"
            f"<p class=muted>{escape(w('feedback_how', lang))}</p>"
            f'<form method=post action="/lookup/feedback">{hidden}<fieldset>{kinds}</fieldset>'
            f"<label for=text>{escape(w('text', lang))}</label>"
            f"<textarea id=text name=text required minlength={MIN_FEEDBACK} "
            f"maxlength={MAX_FEEDBACK}></textarea>"
            f"<label class=tick><input type=checkbox name=want_reply value=1>"
            f"{escape(w('want_reply', lang))}</label>"
            f"<label for=phone>{escape(w('phone', lang))}</label>"
            f'<input id=phone name=phone type=tel inputmode=tel autocomplete=tel maxlength=20 '
            f'placeholder="09xx xxx xxx">'
            f"<p class=muted>{escape(w('phone_help', lang))}</p>"
            f"<button class=primary type=submit>{escape(w('send', lang))}</button></form>"
            "</section>")


def _switch(lang: str, params: dict) -> str:
    other = {k: v for k, v in params.items() if k != "lang"}
    return _link("en" if lang == "vi" else "vi", **other)


def _message(lang: str, title: str, text: str, css: str = "err") -> str:
    return f"<section class={css}><h2>{escape(title)}</h2><p>{escape(text)}</p></section>"


@router.get("/lookup")
async def lookup(request: Request):
    central = request.app.state.central
    q = {k: v for k, v in request.query_params.items() if k in ("code", "check", "lang")}
    lang = page_lang(q)
    code, check = q.get("code", "").strip()[:40], q.get("check", "").strip()[:8]
    body, status = _search(lang, code, check), 200
    if code or check:
        try:
            check_lookup_rate(request)
            found = await run_in_threadpool(central.dossiers.lookup, code, check)
        except BookingError as exc:
            status = exc.status
            words = (w("not_found", lang) if exc.code == "dossier_not_found"
                     else exc.message_vi if lang == "vi" else exc.message)
            title = w("not_found_title", lang) if status == 404 else w("error_title", lang)
            body = _message(lang, title, words) + body
        else:
            body = (_result(found, lang, central.timezone)
                    + _feedback_form(lang, found["code"], check) + _search(lang, code, check))
    return page(lang, body, _switch(lang, q), status)


@router.post("/lookup/feedback")
async def feedback_post(request: Request):
    central = request.app.state.central
    lang, form = "vi", {}
    try:
        form = await read_form(request)
        lang = page_lang(form)
        check_lookup_rate(request, feedback=True)
        want = form.get("want_reply") == "1"
        done = await run_in_threadpool(central.dossiers.send_feedback, {
            "dossier_code": form.get("code"), "check": form.get("check"),
            "kind": form.get("kind"), "text": form.get("text"), "want_reply": want,
            "phone": form.get("phone") if want else None})
        found = await run_in_threadpool(central.dossiers.lookup, form.get("code"),
                                        form.get("check"))
    except BookingError as exc:
        back = _link(lang, code=form.get("code", ""), check=form.get("check", ""))
        words = exc.message_vi if lang == "vi" else exc.message
        body = (_message(lang, w("error_title", lang), words)
                + f'<p><a class=opt href="{escape(back)}">{escape(w("back", lang))}</a></p>')
        return page(lang, body, back, exc.status)
    back = _link(lang, code=found["code"], check=form.get("check", ""))
    ward = found["ward"] if lang == "vi" else found["ward_en"]
    sent = w("sent", lang, code=found["code"], ward=ward, id=done["feedback_id"][:8].upper())
    body = (_message(lang, w("sent_title", lang), sent, "ok")
            + f'<p><a class=opt href="{escape(back)}">{escape(w("back", lang))}</a></p>')
    return page(lang, body, _link("en" if lang == "vi" else "vi", code=found["code"],
                                  check=form.get("check", "")), 201)
