"""The dashboard's words (Vietnamese first, English) and its stylesheet.

Kept as Python strings so they ship inside the package with no package-data rule."""

from __future__ import annotations

TEXT = {
    "vi": {
        "title": "Bảng theo dõi tiếp nhận hồ sơ tại các phường",
        "subtitle": "Ngày {day} · số liệu đồng bộ từ các phường",
        "switch": "English",
        "columns": ("Phường", "Số phiếu đã cấp", "Đang chờ", "Đã phục vụ", "Đặt lịch hôm nay",
                    "Chờ TB (phút)", "90% chờ không quá (phút)",
                    "Điểm hài lòng TB (thang 3)", "Đồng bộ lần cuối"),
        "total": "Tổng các phường",
        "card_wards": "Phường đã kết nối",
        "card_tickets": "Số phiếu đã cấp",
        "card_waiting": "Đang chờ",
        "card_served": "Đã phục vụ",
        "card_wait": "Thời gian chờ TB (phút)",
        "card_stale": "Phường chưa đồng bộ quá 1 ngày",
        "stale_badge": "Chưa đồng bộ > 1 ngày",
        "never": "chưa bao giờ",
        "just_now": "vừa xong",
        "min_ago": "{n} phút trước",
        "hour_ago": "{n} giờ trước",
        "day_ago": "{n} ngày trước",
        "no_wards": "Chưa có phường nào kết nối. Tạo mã kết nối: onestop central enrol "
                    "--name \"Phường ...\"",
        "note": "Thời gian chờ: từ lúc lấy số đến lúc được gọi (như báo cáo ngày của phường). "
                "90% chờ không quá: 9 trên 10 lượt được gọi không phải chờ lâu hơn số phút này. "
                "Điểm hài lòng: Rất hài lòng = 3, Hài lòng = 2, Không hài lòng = 1; trong ngoặc "
                "là số lượt đánh giá. Tổng các phường: cộng các phường đã kết nối. Đang chờ: "
                "theo lần đồng bộ gần nhất của từng phường. Trang tự cập nhật mỗi phút.",
        "month_title": "Hồ sơ, ý kiến và kiến nghị — tháng {month}",
        "month_columns": ("Phường", "Hồ sơ đang giải quyết", "Quá hạn",
                          "Trước hạn", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)",
                          "Hài lòng (%)", "Góp ý, phản ánh đang mở", "Đã đóng trong tháng",
                          "Kiến nghị chờ trả lời"),
        "month_note": "Hồ sơ đang giải quyết và quá hạn: tính đến hiện tại (hồ sơ chờ bổ sung "
                      "không tính quá hạn vì thời hạn tạm dừng). Trước hạn, đúng hạn, trễ hạn: "
                      "hồ sơ có kết quả trong tháng, so ngày có kết quả với ngày hẹn trả; thư "
                      "xin lỗi hẹn lại không xóa việc trễ hạn. Tỷ lệ đúng hạn = (trước hạn + "
                      "đúng hạn) / số hồ sơ có kết quả. Hài lòng: tỷ lệ đánh giá Hài lòng và "
                      "Rất hài lòng trong tháng; trong ngoặc là số lượt Không hài lòng.",
        "login": "Cần mã quản trị để xem trang này.",
        "login_wrong": "Mã quản trị không đúng hoặc đã bị thu hồi.",
        "token_label": "Mã quản trị",
        "open": "Mở",
    },
    "en": {
        "title": "Dossier reception across the wards",
        "subtitle": "Day {day} · figures synced from the wards",
        "switch": "Tiếng Việt",
        "columns": ("Ward", "Numbers issued", "Waiting now", "Served", "Booked today",
                    "Mean wait (min)", "90% waited at most (min)", "Mean satisfaction (of 3)",
                    "Last sync"),
        "total": "All wards",
        "card_wards": "Wards connected",
        "card_tickets": "Numbers issued",
        "card_waiting": "Waiting now",
        "card_served": "Served",
        "card_wait": "Mean wait (min)",
        "card_stale": "Wards not synced for a day",
        "stale_badge": "No sync > 1 day",
        "never": "never",
        "just_now": "just now",
        "min_ago": "{n} min ago",
        "hour_ago": "{n} h ago",
        "day_ago": "{n} days ago",
        "no_wards": "No ward connected yet. Make an enrolment code: onestop central enrol "
                    "--name \"Phường ...\"",
        "note": "Wait: from taking the number to being called (as in the ward's daily "
                "report). 90% waited at most: 9 calls in 10 waited no longer than this. "
                "Satisfaction: very satisfied = 3, satisfied = 2, not satisfied = 1; in brackets "
                "the number of ratings. All wards: the sum of the wards connected. Waiting now: "
                "as of each ward's last sync. The page refreshes every minute.",
        "month_title": "Dossiers, feedback and recommendations — {month}",
        "month_columns": ("Ward", "Dossiers in progress", "Overdue", "Early", "On time",
                          "Late", "On-time rate (%)", "Satisfied (%)",
                          "Suggestions and complaints open", "Closed this month",
                          "Recommendations awaiting a reply"),
        "month_note": "In progress and overdue: as of now (a dossier waiting for a supplement "
                      "is not overdue: its clock is paused). Early, on time, late: dossiers "
                      "whose result was ready this month, the day it was ready against the "
                      "due date; an apology's new date does not erase lateness. On-time rate = "
                      "(early + on time) / dossiers with a result. Satisfied: share of ratings "
                      "Satisfied and Very satisfied this month; in brackets the number of Not "
                      "satisfied.",
        "login": "An admin token is needed to view this page.",
        "login_wrong": "The admin token is wrong or was revoked.",
        "token_label": "Admin token",
        "open": "Open",
    },
}

CSS = """
@font-face { font-family: "DejaVu Sans"; src: url(/static/fonts/DejaVuSans.ttf); }
@font-face { font-family: "DejaVu Sans"; font-weight: bold;
             src: url(/static/fonts/DejaVuSans-Bold.ttf); }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", sans-serif; color: #1c2530;
       background: #f3f5f8; font-size: 15px; }
header { display: flex; justify-content: space-between; align-items: center;
         padding: 18px 32px; background: #123a63; color: #fff; }
h1 { margin: 0; font-size: 24px; }
.sub { margin: 4px 0 0; color: #c9d8ea; }
.lang { color: #fff; border: 1px solid #8fb0d3; border-radius: 6px; padding: 6px 12px;
        text-decoration: none; white-space: nowrap; }
main { padding: 20px 32px 32px; }
.cards { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 14px;
         margin-bottom: 20px; }
.card { background: #fff; border-radius: 10px; padding: 14px 16px;
        box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
.card .value { font-size: 28px; font-weight: bold; color: #123a63; }
.card .label { color: #5a6775; font-size: 13px; margin-top: 4px; }
.card.alert { background: #fff4e5; }
.card.alert .value { color: #b45309; }
table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 10px;
        overflow: hidden; box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
th, td { padding: 11px 14px; text-align: left; border-bottom: 1px solid #e4e8ee; }
thead th { background: #e8eef5; font-size: 13px; color: #33414f; vertical-align: bottom; }
tbody th { font-weight: bold; }
.hub { display: block; font-weight: normal; font-size: 11px; color: #8a96a3; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th:nth-child(n+2):nth-child(-n+7) { text-align: right; }
.good { color: #15803d; } .warn { color: #b45309; font-weight: bold; }
.bad { color: #b91c1c; font-weight: bold; }
.muted { color: #8a96a3; font-size: 12px; }
.sync { white-space: nowrap; }
tr.stale { background: #fffaf0; }
.badge { display: inline-block; margin-left: 6px; padding: 2px 8px; border-radius: 10px;
         background: #f59e0b; color: #fff; font-size: 12px; font-weight: bold; }
tfoot tr { background: #f0f4f9; font-weight: bold; }
tfoot th, tfoot td { border-bottom: 0; }
h2.month { font-size: 19px; color: #123a63; margin: 28px 0 12px; }
td.late, td.over { color: #b91c1c; font-weight: bold; }
table.month thead th:nth-child(n+2) { text-align: right; }
.empty { text-align: center; color: #5a6775; padding: 28px; }
.note { color: #5a6775; font-size: 13px; margin-top: 14px; }
.login { max-width: 520px; margin: 60px auto; background: #fff; border-radius: 10px;
         padding: 28px; }
.login h1 { color: #123a63; margin-bottom: 12px; }
.login input { font: inherit; padding: 6px 8px; margin: 0 8px; }
.login button { font: inherit; padding: 6px 14px; }
@media (max-width: 1000px) { .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
"""
