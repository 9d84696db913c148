"""The booking page's words (Vietnamese first, English) and its stylesheet (phone first).

Citizens are addressed as "Ông/Bà". Kept as Python strings so they ship inside the package."""

from __future__ import annotations

# key: (Vietnamese, English)
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Đặt lịch làm thủ tục", "Book a time for a procedure"),
    "centre": ("Bộ phận Một cửa", "One-stop service centre"),
    "switch": ("English", "Tiếng Việt"),
    "step_ward": ("1. Chọn phường", "1. Choose the ward"),
    "step_group": ("2. Chọn lĩnh vực hoặc thủ tục", "2. Choose the area or procedure"),
    "step_day": ("3. Chọn ngày", "3. Choose the day"),
    "step_slot": ("4. Chọn giờ", "4. Choose the time"),
    "step_phone": ("5. Số điện thoại", "5. Phone number"),
    "no_wards": ("Hiện chưa có phường nào nhận đặt lịch trực tuyến.",
                 "No ward takes online bookings yet."),
    "procedures": ("Các thủ tục và giấy tờ cần mang", "Procedures and documents to bring"),
    "choose": ("Chọn", "Choose"),
    "no_days": ("Không còn ngày nào nhận đặt lịch.", "No day is open for booking."),
    "no_slots": ("Ngày này không còn giờ trống. Ông/Bà vui lòng chọn ngày khác.",
                 "No time left on this day. Please choose another day."),
    "left": ("còn {n} chỗ", "{n} left"),
    "full": ("hết chỗ", "full"),
    "phone_help": ("Số di động của Ông/Bà, chỉ dùng để giới hạn số lượt đặt (tối đa 2 lịch một "
                   "ngày, 1 lịch cho mỗi lĩnh vực) và để hủy lịch. Số này không được lưu, chỉ "
                   "lưu dạng mã băm và xóa sau ngày hẹn.",
                   "Your mobile number, used only for the limits (2 bookings a day, 1 per area) "
                   "and to cancel. It is not stored: only a salted hash, deleted after the day."),
    "phone": ("Số điện thoại", "Phone number"),
    "book": ("Đặt lịch", "Book"),
    "summary": ("{group} · {day} lúc {slot}", "{group} · {day} at {slot}"),
    "done_title": ("Đặt lịch thành công", "Booking confirmed"),
    "your_code": ("Mã đặt lịch của Ông/Bà", "Your booking code"),
    "show_code": ("Khi đến phường, Ông/Bà đưa mã QR này (hoặc đọc mã) cho cán bộ tiếp đón để "
                  "nhận số thứ tự. Nhận số từ {early} phút trước đến {late} phút sau giờ hẹn; "
                  "đến muộn hơn, lịch hẹn bị hủy và Ông/Bà lấy số như người đến trực tiếp.",
                  "At the ward, show this QR code (or read the code) at reception to get your "
                  "number: from {early} minutes before to {late} minutes after your time. Later "
                  "than that the booking lapses and you take a walk-in number."),
    "order": ("Người đăng ký trước được phục vụ trước: số đặt lịch được gọi theo giờ hẹn, như "
              "người đến lấy số vào giờ đó.",
              "First registered, first served: a booked number is called by its time, as if "
              "you had taken a number then."),
    "checklist": ("Giấy tờ cần mang", "Documents to bring"),
    "calendar": ("Thêm vào lịch (.ics)", "Add to calendar (.ics)"),
    "cancel_title": ("Hủy lịch hẹn", "Cancel a booking"),
    "cancel_how": ("Không đến được? Ông/Bà hủy lịch để nhường chỗ cho người khác: nhập mã đặt "
                   "lịch và số điện thoại đã dùng.",
                   "Cannot come? Cancel so someone else can have the place: enter the booking "
                   "code and the phone number you used."),
    "code": ("Mã đặt lịch", "Booking code"),
    "cancel": ("Hủy lịch", "Cancel booking"),
    "cancelled": ("Đã hủy lịch hẹn {code}.", "Booking {code} is cancelled."),
    "error_title": ("Chưa đặt được", "Not booked"),
    "again": ("Chọn lại", "Choose again"),
    "back": ("Quay lại", "Back"),
    "start": ("Về trang đầu", "Start again"),
    "privacy": ("Trang này không dùng JavaScript, cookie hay tài nguyên bên ngoài.",
                "This page uses no JavaScript, cookies or outside resources."),
    "closed_day": ("ngày nghỉ lễ", "public holiday"),
    "minutes": ("{n} phút", "{n} min"),
}

WEEKDAYS = {"vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
            "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                   "Sunday")}


def w(key: str, lang: str, **values: object) -> str:
    text = WORDS[key][0 if lang == "vi" else 1]
    return text.format(**values) if values else text


CSS = """
@font-face { font-family: "OnestopSans"; src: url("/static/fonts/DejaVuSans.ttf")
  format("truetype"); font-weight: 400; font-display: swap; }
@font-face { font-family: "OnestopSans"; src: url("/static/fonts/DejaVuSans-Bold.ttf")
  format("truetype"); font-weight: 700; font-display: swap; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: "OnestopSans", "DejaVu Sans", sans-serif; font-size: 17px;
  line-height: 1.4; color: #111; background: #eef2f6; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center;
  gap: 4px 12px; padding: 10px 16px; background: #0b3a75; color: #fff; }
header .t { font-weight: 700; }
header a { color: #fff; }
main { max-width: 560px; margin: 0 auto; padding: 12px; }
section { background: #fff; border-radius: 12px; padding: 16px; margin: 0 0 12px;
  box-shadow: 0 1px 3px rgba(0, 0, 0, .12); }
h1 { font-size: 22px; margin: 0 0 10px; }
h2 { font-size: 19px; margin: 0 0 8px; }
p { margin: 0 0 8px; }
.muted { color: #555; font-size: 15px; }
ul.pick { list-style: none; margin: 0; padding: 0; }
ul.pick li { margin: 0 0 8px; }
a.opt, button, .slot { display: block; width: 100%; min-height: 48px; padding: 12px 14px;
  border: 2px solid #0b3a75; border-radius: 10px; background: #fff; color: #0b3a75;
  font: inherit; font-weight: 700; text-decoration: none; text-align: left; }
a.opt:focus, a.opt:hover, button:focus, button:hover { background: #e6eefa; }
button.primary { background: #0b3a75; color: #fff; text-align: center; }
.slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 8px;
  list-style: none; margin: 0; padding: 0; }
.slot { text-align: center; padding: 8px 4px; }
.slot small { display: block; font-weight: 400; font-size: 14px; }
.slot.full { border-color: #bbb; color: #888; background: #f4f4f4; }
details { margin: 4px 0 0; font-size: 15px; }
summary { cursor: pointer; color: #0b3a75; }
label { display: block; font-weight: 700; margin: 0 0 6px; }
input { width: 100%; min-height: 48px; font: inherit; font-size: 20px; padding: 8px 12px;
  border: 2px solid #555; border-radius: 10px; margin: 0 0 12px; }
.code { font-size: 22px; font-weight: 700; white-space: nowrap; color: #0b3a75;
  text-align: center; margin: 8px 0; }
.qr { text-align: center; }
.qr svg { width: 220px; height: 220px; max-width: 70vw; max-height: 70vw; }
.ok { border-left: 8px solid #0f7a3a; }
.err { border-left: 8px solid #b3261e; background: #fde2e1; }
.crumbs { font-size: 15px; margin: 0 0 10px; }
footer { text-align: center; color: #555; font-size: 13px; padding: 8px 0 24px; }
"""
