"""The words of a "Hỏi thủ tục" answer and the /guide page body (docs/guide.md), in one place
for every surface: the hub's /guide (ward LAN), central's /guide (internet), `onestop guide`.
Like queue/wait.py's words, pure text: the HTML is a string (no script, every value escaped)
so the hub and central, which never import each other, show the same card.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from .catalog import Service, public_code

MAX_QUESTION = 300  # characters; the hub refuses longer (guide_question_invalid)


def invalid_question(question: str | None) -> str | None:
    """Why a question cannot be asked (English), or None when it can."""
    text = (question or "").strip()
    if not text:
        return "the question is empty"
    if len(text) > MAX_QUESTION:
        return f"the question is over {MAX_QUESTION} characters"
    return None


def answer_dict(service: Service, score: float) -> dict:
    """One answer as the hub, the CLI, the pages and the kiosk show it (docs/guide.md)."""
    return {"service": service.code, "name_vi": service.name_vi, "name_en": service.name_en,
            "group": service.group, "field": service.field,
            "score": round(score, 3),
            "checklist_vi": list(service.checklist_vi), "checklist_en": list(service.checklist_en),
            "fee_vi": service.fee_vi, "fee_en": service.fee_en,
            "result_vi": service.result_vi, "result_en": service.result_en,
            "result_working_days": service.result_working_days,
            "legal_basis_vi": list(service.legal_basis_vi)}


TEXT: dict[str, tuple[str, str]] = {
    "title": ("Hỏi thủ tục", "Ask about a procedure"),
    "intro": ("Ông/Bà cần làm thủ tục gì? Xin nhập câu hỏi, có dấu hoặc không dấu.",
              "Which procedure do you need? Type your question, in Vietnamese or English."),
    "example": ("Ví dụ: làm giấy khai sinh cho con", "E.g.: birth registration for my child"),
    "ask": ("Hỏi", "Ask"),
    "checklist": ("Hồ sơ cần chuẩn bị", "Documents to bring"),
    "fee": ("Lệ phí", "Fee"),
    "time": ("Thời hạn giải quyết", "Processing time"),
    "result": ("Kết quả", "Result"),
    "legal": ("Căn cứ pháp lý", "Legal basis"),
    "code": ("Mã thủ tục", "Procedure code"),
    "same_day": ("Trong ngày", "Same day"),
    "days": ("{n} ngày làm việc", "{n} working days"),
    "ask_officer": ("Chưa tìm được thủ tục phù hợp. Xin Ông/Bà hỏi cán bộ tại quầy hướng dẫn.",
                    "No matching procedure was found. Please ask an officer at the guidance "
                    "desk."),
    "other": ("Thủ tục khác có thể phù hợp", "Other procedures that may fit"),
    "invalid": ("Xin nhập câu hỏi (tối đa {n} ký tự).", "Please type a question (up to {n} "
                "characters)."),
    "note": ("Thông tin lấy từ danh mục thủ tục của trung tâm; khi cần, cán bộ sẽ hướng dẫn "
             "thêm. Trang này không lưu thông tin cá nhân.",
             "From the centre's procedure catalogue; an officer will help when needed. This "
             "page keeps no personal data."),
    "back_ticket": ("Xem số thứ tự", "Back to my number"),
}


def g(key: str, lang: str, **values: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


def days_words(days: int | None, lang: str) -> str:
    """A procedure's time as people read it; "" when the catalogue does not state it."""
    if days is None:
        return ""
    return g("same_day", lang) if days == 0 else g("days", lang, n=days)


def guide_link(path: str, lang: str, question: str = "") -> str:
    params = {"q": question} if question else {}
    if lang == "en":
        params["lang"] = "en"
    return path + ("?" + urlencode(params) if params else "")


def _card(answer: dict, lang: str, first: bool) -> str:
    en = lang == "en"
    name = answer["name_en"] if en else answer["name_vi"]
    code = public_code(answer["service"])
    rows = []
    checklist = (answer.get("checklist_en") if en else None) or answer["checklist_vi"]
    if checklist:
        items = "".join(f"<li>{escape(item)}</li>" for item in checklist)
        rows.append(f'<h3>{escape(g("checklist", lang))}</h3><ul>{items}</ul>')
    facts = [(g("fee", lang), (answer.get("fee_en") if en else None) or answer["fee_vi"]),
             (g("time", lang), days_words(answer.get("result_working_days"), lang)),
             (g("result", lang), (answer.get("result_en") if en else None) or
              answer["result_vi"])]
    facts_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    if facts_html:
        rows.append(f"<dl>{facts_html}</dl>")
    if answer["legal_basis_vi"]:
        laws = "".join(f"<li>{escape(law)}</li>" for law in answer["legal_basis_vi"])
        rows.append(f'<h3>{escape(g("legal", lang))}</h3><ul class="laws">{laws}</ul>')
    code_html = f'<p class="code">{escape(g("code", lang))}: {escape(code)}</p>' if code else ""
    open_attr = " open" if first else ""
    return (f'<details class="answer"{open_attr}><summary>{escape(name)}</summary>'
            f'{code_html}{"".join(rows)}</details>')


def guide_body(path: str, lang: str, question: str = "", result: dict | None = None,
               invalid: bool = False, max_chars: int = 300, back: str = "") -> str:
    """The question form and, after a question, the answers or the "ask an officer" line."""
    hidden = '<input type="hidden" name="lang" value="en">' if lang == "en" else ""
    form = (f'<section class="ask"><h1>{escape(g("title", lang))}</h1>'
            f'<p>{escape(g("intro", lang))}</p>'
            f'<form method="get" action="{escape(path)}" accept-charset="utf-8" role="search">'
            f'<input type="search" name="q" value="{escape(question)}" maxlength="{max_chars}" '
            f'placeholder="{escape(g("example", lang))}" aria-label="{escape(g("title", lang))}"'
            f' autocomplete="off" enterkeyhint="search">{hidden}'
            f'<button type="submit">{escape(g("ask", lang))}</button></form></section>')
    out = [form]
    if invalid:
        out.append(f'<section class="officer"><p>{escape(g("invalid", lang, n=max_chars))}'
                   "</p></section>")
    elif result is not None and not result["confident"]:
        out.append(f'<section class="officer" role="status"><p class="big">'
                   f'{escape(g("ask_officer", lang))}</p></section>')
    elif result is not None:
        answers = result["answers"]
        out.append('<section class="answers" role="status">' +
                   _card(answers[0], lang, True) + "</section>")
        if answers[1:]:
            out.append(f'<section class="answers"><h2>{escape(g("other", lang))}</h2>' +
                       "".join(_card(a, lang, False) for a in answers[1:]) + "</section>")
    if back:
        out.append(f'<p class="links"><a class="button" href="{escape(back)}">'
                   f'{escape(g("back_ticket", lang))}</a></p>')
    out.append(f'<p class="privacy">{escape(g("note", lang))}</p>')
    return "\n".join(out)
