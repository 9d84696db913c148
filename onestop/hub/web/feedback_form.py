"""The citizen's suggestion / complaint form (góp ý, phản ánh; issue 17 part 6), reached from
the ticket page. Plain HTML with no script, like the ticket page; on a refusal the form comes
back with what was typed and the reason, so nothing typed is lost."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .citizen import page

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Góp ý, phản ánh", "Suggestion or complaint"),
    "intro": ("Ý kiến của Ông/Bà được chuyển đến lãnh đạo trung tâm và được xem xét, trả lời "
              "trong thời hạn quy định.",
              "Your message goes to the centre's management, who look into it and answer "
              "within the set time."),
    "kind": ("Loại ý kiến", "Kind of message"),
    "suggestion": ("Góp ý", "Suggestion"),
    "complaint": ("Phản ánh", "Complaint"),
    "text": ("Nội dung (tối đa 1000 ký tự)", "Your message (up to 1000 characters)"),
    "want_reply": ("Tôi muốn được trả lời", "I would like a reply"),
    "phone": ("Số điện thoại di động (chỉ khi muốn được trả lời)",
              "Mobile number (only if you would like a reply)"),
    "phone_hint": ("Số điện thoại chỉ dùng để trả lời Ông/Bà và được xóa khi vụ việc kết thúc.",
                   "The number is used only to answer you and is deleted when the case is "
                   "closed."),
    "send": ("Gửi ý kiến", "Send"),
    "sent": ("Trung tâm đã nhận ý kiến của Ông/Bà (mã vụ việc {n}). Xin cảm ơn.",
             "The centre has received your message (case {n}). Thank you."),
    "back": ("Quay lại số thứ tự", "Back to the queue number"),
}


def ft(key: str, lang: str, **values: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


@dataclass(frozen=True)
class FormView:
    token: str
    lang: str
    ward: str
    number: str
    kind: str = "suggestion"
    text: str = ""
    want_reply: bool = False
    phone: str = ""
    error: str | None = None
    sent_case: int | None = None


def render_form(v: FormView) -> str:
    lang = v.lang
    qs = "?lang=en" if lang == "en" else ""
    back = (f'<p class="links"><a class="button" href="/t/{escape(v.token)}{qs}">'
            f'{escape(ft("back", lang))}</a></p>')
    head = f'<header><span class="ward">{escape(v.ward)}</span></header>\n<main>\n'
    if v.sent_case is not None:
        body = (f'{head}<p class="notice" role="status">'
                f'{escape(ft("sent", lang, n=v.sent_case))}</p>{back}</main>')
        return page(ft("title", lang), body, lang)
    error = f'<p class="error" role="alert">{escape(v.error)}</p>' if v.error else ""
    kinds = "".join(
        f'<label class="choice"><input type="radio" name="kind" value="{k}"'
        f'{" checked" if v.kind == k else ""}>{escape(ft(k, lang))}</label>'
        for k in ("suggestion", "complaint"))
    body = (
        f'{head}<section class="fb"><h1>{escape(ft("title", lang))} – {escape(v.number)}</h1>'
        f'<p class="hint">{escape(ft("intro", lang))}</p>{error}'
        f'<form method="post" action="/t/{escape(v.token)}/feedback{qs}" accept-charset="utf-8">'
        f'<fieldset><legend>{escape(ft("kind", lang))}</legend>{kinds}</fieldset>'
        f'<label class="field" for="text">{escape(ft("text", lang))}</label>'
        f'<textarea id="text" name="text" maxlength="1000" rows="5" required>'
        f'{escape(v.text)}</textarea>'
        f'<label class="choice"><input type="checkbox" id="want_reply" name="want_reply" '
        f'value="1"{" checked" if v.want_reply else ""}>{escape(ft("want_reply", lang))}</label>'
        f'<label class="field" for="phone">{escape(ft("phone", lang))}</label>'
        f'<input type="tel" id="phone" name="phone" maxlength="20" autocomplete="tel" '
        f'inputmode="tel" value="{escape(v.phone)}">'
        f'<p class="hint">{escape(ft("phone_hint", lang))}</p>'
        f'<button type="submit" class="send">{escape(ft("send", lang))}</button></form>'
        f'</section>{back}</main>')
    return page(ft("title", lang), body, lang)
