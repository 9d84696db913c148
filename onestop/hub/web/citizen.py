"""Server-rendered citizen page (the ticket's QR code points here) and its error pages.

Plain HTML with no script: it must work on any phone, including cheap ones with JavaScript off,
and it shows no personal data (not even the priority category, which can reveal a disability or
a pregnancy). Every value from the store passes through html.escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# (Vietnamese, English); Vietnamese is the default, English when ?lang=en.
TEXT: dict[str, tuple[str, str]] = {
    # Polite and without a pronoun where one is not needed (docs/glossary.md, "Ông/Bà").
    "your_number": ("Số thứ tự", "Queue number"),
    "group": ("Lĩnh vực", "Field"),
    "issued": ("Lấy số lúc", "Taken at"),
    "ahead": ("Còn {n} người chờ trước", "{n} people waiting before this number"),
    "next": ("Sắp đến lượt – không còn ai chờ trước", "Almost your turn – nobody is waiting "
             "before this number"),
    "called": ("Đã đến lượt – mời Ông/Bà đến {counter}",
               "It is your turn – please go to {counter}"),
    "serving": ("Đang được phục vụ tại {counter}", "Being served at {counter}"),
    "parked": ("Lượt của Ông/Bà đang được giữ – cán bộ sẽ mời lại khi sẵn sàng",
               "Your turn is being held – the officer will call this number again when ready"),
    "no_show": ("Số này đã hết lượt do không có mặt khi được gọi. Nếu vẫn cần làm thủ tục, "
                "xin mời Ông/Bà lấy số mới tại quầy tiếp nhận.",
                "This number's turn has passed as nobody came when it was called. If you still "
                "need the service, please take a new number at reception."),
    "cancelled": ("Số này đã được hủy. Nếu vẫn cần làm thủ tục, xin mời Ông/Bà lấy số mới tại "
                  "quầy tiếp nhận.",
                  "This number was cancelled. If you still need the service, please take a new "
                  "number at reception."),
    "done": ("Đã hoàn thành", "Done"),
    "rate_q": ("Ông/Bà có hài lòng với chất lượng phục vụ không?",
               "Are you satisfied with the quality of the service?"),
    "comment": ("Góp ý (không bắt buộc, tối đa 500 ký tự)",
                "Comment (optional, up to 500 characters)"),
    "r3": ("Rất hài lòng", "Very satisfied"),
    "r2": ("Hài lòng", "Satisfied"),
    "r1": ("Không hài lòng", "Not satisfied"),
    "thanks": ("Xin cảm ơn Ông/Bà đã đánh giá", "Thank you for your rating"),
    "already": ("Số này đã được đánh giá", "This number has already been rated"),
    "auto": ("Trang tự cập nhật mỗi {s} giây", "This page refreshes every {s} seconds"),
    "refresh": ("Cập nhật", "Refresh"),
    "fb_link": ("Gửi góp ý, phản ánh", "Send a suggestion or complaint"),
    "other_lang": ("English", "Tiếng Việt"),
    "guide": ("Hỏi thủ tục", "Ask about a procedure"),
    "privacy": ("Trang này không chứa thông tin cá nhân.", "This page holds no personal data."),
    "nf_title": ("Không tìm thấy số thứ tự", "Number not found"),
    "nf_body": ("Đường dẫn này không ứng với số thứ tự nào. Xin mời quét lại mã QR trên phiếu "
                "số thứ tự hoặc hỏi cán bộ tiếp nhận.",
                "This link does not match any queue number. Please scan the QR code on the "
                "ticket again or ask at reception."),
    "bad_title": ("Không gửi được đánh giá", "The rating could not be sent"),
    "back": ("Quay lại số thứ tự", "Back to the queue number"),
    "slow_title": ("Quá nhiều yêu cầu", "Too many requests"),
    "slow_body": ("Trang này được mở quá nhiều lần trong thời gian ngắn. Xin vui lòng đợi "
                  "khoảng {s} giây rồi thử lại.",
                  "This page was opened too many times in a short while. Please wait about "
                  "{s} seconds and try again."),
}


def t(key: str, lang: str, **values: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


@dataclass(frozen=True)
class TicketView:
    """What the citizen page shows; built by pages.py from the store."""

    token: str
    lang: str
    ward: str  # the office's name (queue/office.py), e.g. "Trung tâm Phục vụ hành chính công …"
    number: str
    service: str
    group: str
    status: str
    issued: str  # local HH:MM
    counter: str | None = None  # "Quầy 3"
    counter_label: str | None = None  # "Quầy 3 – Kinh tế, Xây dựng"
    people_ahead: int = 0
    wait: str = ""  # the forecast's words (wait.wait_words), as the paper ticket prints them
    rated: bool = False
    notice: str | None = None  # "thanks" | "already" after the rating form


# Refresh on its own only while the page can change without the citizen doing anything;
# never on the rating form, where a reload would wipe a comment being typed.
REFRESH_SECONDS = {"waiting": 20, "called": 20, "serving": 30, "parked": 30}


def page(title: str, body: str, lang: str, refresh: int | None = None,
         styles: tuple[str, ...] = ()) -> str:
    meta = f'<meta http-equiv="refresh" content="{refresh}">\n' if refresh else ""
    more = "".join(f'<link rel="stylesheet" href="{escape(path)}">\n' for path in styles)
    return (
        f'<!doctype html>\n<html lang="{"en" if lang == "en" else "vi"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{meta}<title>{escape(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'  # no favicon request, no 404 in the log
        '<link rel="stylesheet" href="/web/citizen.css">\n'
        f"{more}</head>\n<body>\n{body}\n</body>\n</html>\n")


def _status_block(v: TicketView) -> str:
    lang = v.lang
    counter = escape(v.counter or "")
    if v.status == "waiting":
        head = t("next", lang) if v.people_ahead == 0 else t("ahead", lang, n=v.people_ahead)
        return (f'<section class="status waiting"><p class="big">{escape(head)}</p>'
                f'<p class="range">{escape(v.wait)}</p></section>')
    if v.status == "called":
        label = (f'<p class="label">{escape(v.counter_label)}</p>'
                 if v.counter_label and v.counter_label != v.counter else "")
        # The line breaks where the phone needs it; "Quầy 3" stays together.
        head, _, tail = t("called", lang, counter="\0").partition(" – ")
        tail = escape(tail).replace("\0", f'<strong class="nowrap">{counter}</strong>')
        return (f'<section class="status called" role="alert"><p class="big">{escape(head)} – '
                f'{tail}</p>{label}</section>')
    if v.status == "serving":
        return (f'<section class="status serving"><p class="big">'
                f'{t("serving", lang, counter=f"<strong>{counter}</strong>")}</p></section>')
    if v.status in ("parked", "no_show", "cancelled"):
        return (f'<section class="status {v.status}"><p class="big">'
                f"{escape(t(v.status, lang))}</p></section>")
    return f'<section class="status done"><p class="big">{escape(t("done", lang))}</p></section>'


def _rating_block(v: TicketView, qs: str) -> str:
    lang = v.lang
    if v.notice == "already":
        return f'<p class="notice">{escape(t("already", lang))}</p>'
    if v.rated:
        return f'<p class="notice">{escape(t("thanks", lang))}</p>'
    buttons = "".join(
        f'<button type="submit" name="rating" value="{n}" class="rate r{n}">'
        f"{escape(t(f'r{n}', lang))}</button>" for n in (3, 2, 1))
    # The comment comes first: a button tap submits the form at once (one-tap rating).
    return (f'<form class="rating" method="post" action="/t/{escape(v.token)}/rate{qs}" '
            f'accept-charset="utf-8"><h2>{escape(t("rate_q", lang))}</h2>'
            f'<label for="comment">{escape(t("comment", lang))}</label>'
            f'<textarea id="comment" name="comment" maxlength="500" rows="2"></textarea>'
            f'<div class="buttons">{buttons}</div></form>')


def _footer(token: str, lang: str, refresh: int | None) -> str:
    here = f"/t/{escape(token)}"
    other = here if lang == "en" else f"{here}?lang=en"
    auto = f'<p class="auto">{escape(t("auto", lang, s=refresh))}</p>' if refresh else ""
    return (f'<footer>{auto}<p class="links"><a class="button" href="{here}'
            f'{"?lang=en" if lang == "en" else ""}">{escape(t("refresh", lang))}</a> '
            f'<a href="{other}" lang="{"vi" if lang == "en" else "en"}">'
            f'{escape(t("other_lang", lang))}</a> '
            f'<a href="/guide{"?lang=en" if lang == "en" else ""}">{escape(t("guide", lang))}'
            f'</a></p><p class="privacy">{escape(t("privacy", lang))}</p></footer>')


def _feedback_link(token: str, lang: str) -> str:
    """To the suggestion / complaint form: its own page, which never refreshes itself."""
    qs = "?lang=en" if lang == "en" else ""
    return (f'<p class="feedback-link"><a class="button" href="/t/{escape(token)}/feedback'
            f'{qs}">{escape(t("fb_link", lang))}</a></p>\n')


def render_ticket(v: TicketView) -> str:
    lang = v.lang
    qs = "?lang=en" if lang == "en" else ""
    refresh = REFRESH_SECONDS.get(v.status)
    rating = _rating_block(v, qs) if v.status == "done" else ""
    body = (
        f'<header><span class="ward">{escape(v.ward)}</span></header>\n<main>\n'
        f'<section class="ticket"><p class="caption">{escape(t("your_number", lang))}</p>'
        f'<p class="number">{escape(v.number)}</p>'
        f'<p class="service">{escape(v.service)}</p>'
        f'<p class="meta">{escape(t("group", lang))}: {escape(v.group)} · '
        f'{escape(t("issued", lang))} {escape(v.issued)}</p></section>\n'
        f"{_status_block(v)}\n{rating}\n{_feedback_link(v.token, lang)}</main>\n"
        f"{_footer(v.token, lang, refresh)}")
    return page(f"{v.number} – {v.ward}", body, lang, refresh)


def render_message(title: str, text: str, lang: str, *, ward: str = "",
                   back_token: str | None = None) -> str:
    """A friendly page for 404 / 409 / 422: never a stack trace, never JSON."""
    back = ""
    if back_token is not None:
        qs = "?lang=en" if lang == "en" else ""
        back = (f'<p class="links"><a class="button" href="/t/{escape(back_token)}{qs}">'
                f'{escape(t("back", lang))}</a></p>')
    body = (f'<header><span class="ward">{escape(ward)}</span></header>\n'
            f'<main><section class="status message"><h1>{escape(title)}</h1>'
            f"<p>{escape(text)}</p>{back}</section></main>")
    return page(title, body, lang)
