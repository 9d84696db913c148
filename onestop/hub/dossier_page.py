"""The hub's own lookup page of a dossier (`/lookup?code=&check=`), which the receipt's QR opens
while the hub is not enrolled with central: the procedure, state, due date and the history of
state changes; no personal data. A wrong check number reads exactly like an unknown code."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse

from onestop.queue import dossier as ds
from onestop.queue.errors import DomainError

from . import dossiers
from .pages import CITIZEN_HEADERS
from .web.citizen import page

TEXT = {
    "title": ("Tra cứu hồ sơ", "Dossier lookup"),
    "code": ("Mã hồ sơ", "Dossier code"),
    "check": ("Mã kiểm tra", "Check number"),
    "find": ("Tra cứu", "Look up"),
    "service": ("Thủ tục", "Procedure"),
    "state": ("Tình trạng", "State"),
    "due": ("Hạn trả kết quả", "Due date"),
    "apology": ("Hẹn lại ngày trả kết quả", "New date promised"),
    "history": ("Quá trình xử lý", "History"),
    "other": ("English", "Tiếng Việt"),
    "paused": ("Thời hạn giải quyết tạm dừng trong khi chờ Ông/Bà bổ sung hồ sơ; hạn trả kết quả "
               "sẽ lùi theo số ngày làm việc tạm dừng.",
               "The time limit is paused while the supplement is awaited; the due date moves "
               "by the working days paused."),
    "missing": ("Không tìm thấy hồ sơ. Xin kiểm tra lại mã hồ sơ và mã kiểm tra trên giấy "
                "tiếp nhận.", "No dossier found. Please check the dossier code and the check "
                "number on the receipt."),
}
ACTION = {"received": ("Tiếp nhận hồ sơ", "Received"),
          "supplement": ("Yêu cầu bổ sung", "Supplement requested"),
          "resume": ("Đang xử lý", "Processing"), "ready": ("Đã có kết quả", "Result ready"),
          "return": ("Đã trả kết quả", "Result returned"), "reject": ("Từ chối", "Rejected"),
          "withdraw": ("Công dân rút hồ sơ", "Withdrawn"),
          "apology": ("Xin lỗi và hẹn lại", "Apology and new date")}


def _t(key: str, lang: str, table: dict = TEXT) -> str:
    vi, en = table[key]
    return en if lang == "en" else vi


def _form(code: str, lang: str) -> str:
    return (f'<form method="get" action="/lookup"><p><label>{_t("code", lang)} '
            f'<input name="code" value="{escape(code)}" maxlength="40"></label></p>'
            f'<p><label>{_t("check", lang)} <input name="check" inputmode="numeric" '
            f'maxlength="4"></label></p><input type="hidden" name="lang" value="{lang}">'
            f'<p><button class="button">{_t("find", lang)}</button></p></form>')


def lookup_page(hub, code: str, check: str, lang: str) -> HTMLResponse:
    tz = hub.store.rules.timezone
    head = f'<header><span class="ward">{escape(hub.office_name_vi)}</span></header>'
    if not code:
        body = (f'<main><section class="status dossier"><h1>{_t("title", lang)}</h1>'
                f'{_form("", lang)}')
        return HTMLResponse(page(_t("title", lang), head + body + "</section></main>", lang),
                            headers=CITIZEN_HEADERS)
    try:
        d = dossiers.public_lookup(hub.store, code, check)
    except DomainError:
        body = (f'<main><section class="status message dossier"><h1>{_t("title", lang)}</h1>'
                f'<p>{_t("missing", lang)}</p>{_form(code, lang)}</section></main>')
        return HTMLResponse(page(_t("title", lang), head + body, lang), status_code=404,
                            headers=CITIZEN_HEADERS)
    state = d["state_en"] if lang == "en" else d["state_vi"]
    rows = [(_t("code", lang), d["code"]),
            (_t("service", lang), d["service_en"] if lang == "en" else d["service_vi"]),
            (_t("state", lang), state),
            (_t("due", lang), f"{date.fromisoformat(d['due_date']):%d/%m/%Y}")]
    if d["apology_due_date"] and d["state"] in ds.OPEN:
        rows.append((_t("apology", lang),
                     f"{date.fromisoformat(d['apology_due_date']):%d/%m/%Y}"))
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    if d["state"] == ds.SUPPLEMENT_REQUESTED:
        facts += f'</dl><p class="label">{_t("paused", lang)}</p><dl>'
    steps = "".join(
        f"<li>{datetime.fromisoformat(h['at']).astimezone(_zone(tz)):%d/%m/%Y %H:%M} – "
        f"{escape(_t(h['action'], lang, ACTION))}</li>" for h in d["history"])
    other = urlencode({"code": d["code"], "check": check, "lang": "vi" if lang == "en" else "en"})
    body = (f'<main><section class="status dossier"><h1>{_t("title", lang)}</h1>'
            f'<dl>{facts}</dl>'
            f'<h2>{_t("history", lang)}</h2><ol>{steps}</ol>'
            f'<p class="links"><a href="/lookup?{escape(other)}">{_t("other", lang)}</a></p>'
            "</section></main>")
    return HTMLResponse(page(_t("title", lang), head + body, lang), headers=CITIZEN_HEADERS)


def _zone(tz: str):
    from onestop.queue.numbering import zone

    return zone(tz)
