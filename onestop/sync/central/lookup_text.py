"""The lookup page's words (Vietnamese first, English) and the dossier words every central
surface uses (docs/glossary.md, "Dossiers"). Citizens are addressed as "Ông/Bà"."""

from __future__ import annotations

from onestop.queue.dossier import STATE_EN, STATE_VI

from .booking_text import CSS as BOOK_CSS

# A dossier's state: the same words as the hub's windows and paper (queue/dossier.py; the
# national public-service portal's statuses are mapped in docs/dossiers.md).
STATE_WORDS: dict[str, tuple[str, str]] = {state: (STATE_VI[state], STATE_EN[state])
                                           for state in STATE_VI}
# How a dossier stands against its due date (dossiers.timeliness).
TIMELINESS_WORDS: dict[str, tuple[str, str]] = {
    "early": ("Trước hạn", "Early"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "overdue": ("Quá hạn", "Overdue"),
}

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Tra cứu hồ sơ", "Look up a dossier"),
    "centre": ("Bộ phận Một cửa", "One-stop service centre"),
    "switch": ("English", "Tiếng Việt"),
    "code": ("Mã hồ sơ", "Dossier code"),
    "check": ("Mã kiểm tra (4 chữ số)", "Check digits (4 digits)"),
    "where": ("Mã hồ sơ và mã kiểm tra in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả; "
              "quét mã QR trên giấy để điền sẵn.",
              "The dossier code and check digits are printed on the receipt; scanning its "
              "QR code fills them in."),
    "search": ("Tra cứu", "Look up"),
    "procedure": ("Thủ tục", "Procedure"),
    "ward": ("Nơi tiếp nhận", "Received at"),
    "state": ("Tình trạng", "Status"),
    "received": ("Ngày tiếp nhận", "Received on"),
    "due": ("Ngày hẹn trả kết quả", "Result due on"),
    "history": ("Quá trình giải quyết", "Progress"),
    "not_found_title": ("Không tìm thấy hồ sơ", "No dossier found"),
    "not_found": ("Không tìm thấy hồ sơ với mã và mã kiểm tra này. Ông/Bà vui lòng kiểm tra "
                  "lại theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
                  "No dossier has this code and these check digits. Please check them "
                  "against your receipt."),
    "feedback_title": ("Góp ý, phản ánh về hồ sơ này", "Suggestion or complaint about this "
                       "dossier"),
    "feedback_how": ("Ý kiến của Ông/Bà được chuyển đến bộ phận một cửa của phường đã tiếp "
                     "nhận hồ sơ.",
                     "Your message goes to the one-stop centre of the ward that received the "
                     "dossier."),
    "suggestion": ("Góp ý", "Suggestion"),
    "complaint": ("Phản ánh", "Complaint"),
    "text": ("Nội dung (từ 5 đến 1.000 ký tự)", "Message (5 to 1,000 characters)"),
    "want_reply": ("Tôi muốn được trả lời qua điện thoại", "I would like a reply by phone"),
    "phone": ("Số điện thoại di động", "Mobile phone number"),
    "phone_help": ("Chỉ cần khi Ông/Bà muốn được trả lời. Số điện thoại được chuyển cho phường "
                   "và xóa khỏi máy chủ của thành phố ngay khi phường đã nhận; phường chỉ giữ "
                   "đến khi trả lời xong.",
                   "Only if you want a reply. The number goes to the ward and is deleted from "
                   "the city's server as soon as the ward has it; the ward keeps it only until "
                   "it has replied."),
    "send": ("Gửi ý kiến", "Send"),
    "sent_title": ("Đã gửi ý kiến", "Message sent"),
    "sent": ("Ý kiến của Ông/Bà về hồ sơ {code} đã được ghi nhận và chuyển đến {ward} trong "
             "lần đồng bộ tiếp theo. Mã ý kiến: {id}.",
             "Your message about dossier {code} is recorded and goes to {ward} with the next "
             "sync. Message reference: {id}."),
    "error_title": ("Chưa gửi được", "Not sent"),
    "back": ("Quay lại hồ sơ", "Back to the dossier"),
    "again": ("Tra cứu lại", "Look up again"),
    "privacy": ("Trang này không hiển thị thông tin cá nhân và không dùng JavaScript, cookie "
                "hay tài nguyên bên ngoài.",
                "This page shows no personal data and uses no JavaScript, cookies or outside "
                "resources."),
}


def w(key: str, lang: str, **values: object) -> str:
    words = WORDS[key][0 if lang == "vi" else 1]
    return words.format(**values) if values else words


CSS = BOOK_CSS + """
dl.facts { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 8fr);
  gap: 6px 12px; margin: 0 0 8px; }
dl.facts dt { color: #555; font-size: 15px; }
dl.facts dd { margin: 0; font-weight: 700; overflow-wrap: anywhere; }
dl.facts dd.code { font-size: 15px; white-space: nowrap; margin: 0; text-align: left; }
.state { display: inline-block; padding: 4px 10px; border-radius: 8px; background: #e6eefa;
  color: #0b3a75; font-weight: 700; }
.tl { display: inline-block; margin-left: 6px; padding: 2px 8px; border-radius: 8px;
  font-size: 14px; font-weight: 700; }
.tl.early, .tl.on_time { background: #dcf3e4; color: #0f7a3a; }
.tl.late, .tl.overdue { background: #fde2e1; color: #b3261e; }
ol.history { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 3px solid #0b3a75; }
ol.history li { margin: 0 0 10px; }
ol.history time { display: block; color: #555; font-size: 14px; }
fieldset { border: 0; margin: 0 0 10px; padding: 0; display: flex; gap: 16px; }
fieldset label, label.tick { display: flex; gap: 8px; align-items: center; font-weight: 400; }
fieldset input, label.tick input { width: 24px; min-height: 24px; margin: 0; }
textarea { width: 100%; min-height: 120px; font: inherit; padding: 8px 12px;
  border: 2px solid #555; border-radius: 10px; margin: 0 0 12px; }
input#check { max-width: 160px; letter-spacing: 4px; }
"""
