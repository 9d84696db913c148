<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>BookingPanel</name>
    <message>
        <source>Lịch hẹn trực tuyến</source>
        <translation>Online bookings</translation>
    </message>
    <message>
        <source>Quét mã QR hoặc gõ mã đặt lịch, rồi Enter</source>
        <translation>Scan the QR or type the booking code, then Enter</translation>
    </message>
    <message>
        <source>Nhận lịch</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>Giờ</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Đã nhận lịch hẹn {slot}: số {n}.</source>
        <translation>Booking {slot} checked in: number {n}.</translation>
    </message>
    <message>
        <source>Số thường {g} (F8)</source>
        <translation>Walk-in number {g} (F8)</translation>
    </message>
    <message>
        <source>Lịch hẹn ({n})</source>
        <translation>Bookings ({n})</translation>
    </message>
    <message>
        <source>Lịch hẹn {n} · chờ {b} · trễ {l} · đã nhận {i} · vắng {r}</source>
        <translation>Bookings {n} · expected {b} · late {l} · checked in {i} · no-show {r}</translation>
    </message>
    <message>
        <source>Chờ đến</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Đang trễ</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Đã nhận số</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Hủy (vắng)</source>
        <translation>Released (no-show)</translation>
    </message>
    <message>
        <source>Đã hủy</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>EstimatePanel</name>
    <message>
        <source>Dự kiến nếu cấp số bây giờ</source>
        <translation>If a number is issued now</translation>
    </message>
    <message>
        <source>Mức độ</source>
        <translation>Complexity</translation>
    </message>
    <message>
        <source>Phía trước</source>
        <translation>Ahead</translation>
    </message>
    <message>
        <source>Thời gian chờ</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <source>Chọn thủ tục để xem ước tính</source>
        <translation>Choose a procedure to see the estimate</translation>
    </message>
    <message>
        <source> · khoảng {m} phút tại quầy</source>
        <translation> · about {m} min at the counter</translation>
    </message>
</context>
<context>
    <name>GroupPad</name>
    <message>
        <source>{n} đang chờ</source>
        <translation>{n} waiting</translation>
    </message>
</context>
<context>
    <name>ReceptionText</name>
    <message>
        <source>Không có ai phía trước</source>
        <translation>Nobody ahead</translation>
    </message>
    <message>
        <source>{n} người phía trước</source>
        <translation>{n} people ahead</translation>
    </message>
    <message>
        <source>Chưa có quầy nào mở cho lĩnh vực này</source>
        <translation>No counter is open for this field yet</translation>
    </message>
    <message>
        <source>Gần như không phải chờ</source>
        <translation>Almost no wait</translation>
    </message>
    <message>
        <source>khoảng {high} phút</source>
        <translation>about {high} min</translation>
    </message>
    <message>
        <source>khoảng {low}–{high} phút</source>
        <translation>about {low}–{high} min</translation>
    </message>
</context>
<context>
    <name>ReceptionWindow</name>
    <message>
        <source>Chưa chọn được thủ tục của lĩnh vực này.</source>
        <translation>No procedure of this field to choose.</translation>
    </message>
    <message>
        <source>Tiếp nhận – cấp số thứ tự</source>
        <translation>Reception – queue numbers</translation>
    </message>
    <message>
        <source>Thủ tục đã chọn</source>
        <translation>Chosen procedure</translation>
    </message>
    <message>
        <source>IN SỐ  (F12)</source>
        <translation>ISSUE  (F12)</translation>
    </message>
    <message>
        <source>In lại số vừa rồi  (F9)</source>
        <translation>Reprint the last number  (F9)</translation>
    </message>
    <message>
        <source>Phím tắt: gõ để tìm, ↑↓ chọn, Enter xác nhận · Alt+1…4 loại yêu cầu · Tab rồi ↑↓ chọn ưu tiên · F12 hoặc Ctrl+Enter in số · F9 in lại · Esc làm lại</source>
        <translation>Keys: type to search, ↑↓ choose, Enter confirm · Alt+1…4 request kind · Tab then ↑↓ priority · F12 or Ctrl+Enter issue · F9 reprint · Esc start over</translation>
    </message>
    <message>
        <source>Chưa tải được danh mục thủ tục: {m}</source>
        <translation>Could not load the procedure catalogue: {m}</translation>
    </message>
    <message>
        <source>Chưa chọn – tìm ở ô bên trái hoặc bấm một lĩnh vực</source>
        <translation>None yet – search on the left or press a field</translation>
    </message>
    <message>
        <source>Chưa có ước tính: {m}</source>
        <translation>No estimate yet: {m}</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục trước khi in số.</source>
        <translation>Choose a procedure before issuing a number.</translation>
    </message>
    <message>
        <source>Đang cấp số…</source>
        <translation>Issuing…</translation>
    </message>
    <message>
        <source>Chưa cấp được số: {m}</source>
        <translation>The number was not issued: {m}</translation>
    </message>
    <message>
        <source>Bấm F12 để thử lại: số không bị cấp trùng.</source>
        <translation>Press F12 to try again: no number is issued twice.</translation>
    </message>
    <message>
        <source>Chưa có số nào để in lại.</source>
        <translation>No number to reprint yet.</translation>
    </message>
    <message>
        <source>In lại số {n}.</source>
        <translation>Reprinting number {n}.</translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <source>Loại yêu cầu</source>
        <translation>Request kind</translation>
    </message>
    <message>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Diện ưu tiên</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Không ưu tiên</source>
        <translation>No priority</translation>
    </message>
    <message>
        <source>Số lượng ({unit})</source>
        <translation>Quantity ({unit})</translation>
    </message>
</context>
<context>
    <name>ServiceFinder</name>
    <message>
        <source>Tìm thủ tục – gõ không dấu cũng được</source>
        <translation>Find a procedure – tone marks optional</translation>
    </message>
    <message>
        <source>Tên, từ khóa hoặc mã thủ tục</source>
        <translation>Name, keyword or procedure code</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Đang tải danh mục thủ tục…</source>
        <translation>Loading the procedure catalogue…</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục nào – thử từ khác hoặc chọn lĩnh vực</source>
        <translation>No procedure found – try other words or pick a field</translation>
    </message>
    <message>
        <source>Tất cả thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>Lĩnh vực {name}</source>
        <translation>Field: {name}</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <source>Số vừa cấp (xem trước phiếu)</source>
        <translation>Number just issued (ticket preview)</translation>
    </message>
    <message>
        <source>Chưa cấp số nào.</source>
        <translation>No number issued yet.</translation>
    </message>
    <message>
        <source>Ưu tiên: {name}</source>
        <translation>Priority: {name}</translation>
    </message>
    <message>
        <source>Chờ: {wait}</source>
        <translation>Wait: {wait}</translation>
    </message>
    <message>
        <source>Cấp lúc {time}</source>
        <translation>Issued at {time}</translation>
    </message>
    <message>
        <source>Theo dõi lượt: {url}</source>
        <translation>Follow your turn: {url}</translation>
    </message>
</context>
</TS>
