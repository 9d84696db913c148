<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>CompactStrip</name>
    <message>
        <source>Đầy đủ
Ctrl+M</source>
        <translation>Full
Ctrl+M</translation>
    </message>
    <message>
        <source>Gọi tiếp F1</source>
        <translation>Next F1</translation>
    </message>
    <message>
        <source>Gọi lại F2</source>
        <translation>Recall F2</translation>
    </message>
    <message>
        <source>Hoàn thành F4</source>
        <translation>Done F4</translation>
    </message>
</context>
<context>
    <name>CounterCommands</name>
    <message>
        <source>Không còn công dân nào đang chờ ở lĩnh vực của quầy.</source>
        <translation>Nobody is waiting in this counter's fields.</translation>
    </message>
    <message>
        <source>Đã chuyển số {number} sang {group}.</source>
        <translation>Number {number} moved to {group}.</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Tra cứu (Ctrl+F)</source>
        <translation>Look up (Ctrl+F)</translation>
    </message>
    <message>
        <source>Quầy {n} – onestop</source>
        <translation>Counter {n} – onestop</translation>
    </message>
    <message>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Đóng quầy</source>
        <translation>Close counter</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Thu gọn (Ctrl+M)</source>
        <translation>Compact (Ctrl+M)</translation>
    </message>
    <message>
        <source>Gọi số tiếp</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Gọi lại</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Hoàn thành</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Tạm gác</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>Gọi số tạm gác</source>
        <translation>Call parked</translation>
    </message>
    <message>
        <source>Chuyển</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Máy chủ không có quầy số {n}</source>
        <translation>The hub has no counter {n}</translation>
    </message>
    <message>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <source>Chưa có cán bộ đăng nhập</source>
        <translation>No officer signed in</translation>
    </message>
    <message>
        <source>{who} · Hôm nay đã phục vụ: {n}</source>
        <translation>{who} · Served today: {n}</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Mở quầy</source>
        <translation>Open counter</translation>
    </message>
    <message>
        <source>Mất kết nối với máy chủ – đang thử lại</source>
        <translation>Lost the hub – retrying</translation>
    </message>
    <message>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>{status} · chờ {m} phút</source>
        <translation>{status} · waited {m} min</translation>
    </message>
    <message>
        <source>F1 / Phím cách</source>
        <translation>F1 / Space</translation>
    </message>
</context>
<context>
    <name>CounterWords</name>
    <message>
        <source>Đã gọi – chờ công dân đến quầy</source>
        <translation>Called – waiting for the citizen</translation>
    </message>
    <message>
        <source>Đang phục vụ</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Tạm gác</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>Đang mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Đã đóng</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>CurrentPanel</name>
    <message>
        <source>Giấy tờ cần kiểm tra</source>
        <translation>Documents to check</translation>
    </message>
    <message>
        <source>Chưa có công dân tại quầy</source>
        <translation>No citizen at the counter</translation>
    </message>
    <message>
        <source>Bấm “Gọi số tiếp” (F1 / Phím cách) để mời công dân tiếp theo.</source>
        <translation>Press “Call next” (F1 / Space) to call the next citizen.</translation>
    </message>
    <message>
        <source>Bấm “Mở quầy” để bắt đầu gọi số.</source>
        <translation>Press “Open counter” to start calling.</translation>
    </message>
    <message>
        <source>Mức độ: {c} (khoảng {m} phút)</source>
        <translation>Complexity: {c} (about {m} min)</translation>
    </message>
    <message>
        <source>Số lượng: {n} {unit}</source>
        <translation>Quantity: {n} {unit}</translation>
    </message>
    <message>
        <source>Được chuyển đến</source>
        <translation>Transferred here</translation>
    </message>
    <message>
        <source>★ Ưu tiên: {who}</source>
        <translation>★ Priority: {who}</translation>
    </message>
    <message>
        <source>Lệ phí: {fee}</source>
        <translation>Fee: {fee}</translation>
    </message>
    <message>
        <source>Trả kết quả: {when}</source>
        <translation>Result: {when}</translation>
    </message>
    <message>
        <source>Đã chờ {m} phút</source>
        <translation>Waited {m} min</translation>
    </message>
    <message>
        <source>lấy số {t}</source>
        <translation>issued {t}</translation>
    </message>
    <message>
        <source>gọi {t}</source>
        <translation>called {t}</translation>
    </message>
    <message>
        <source>đã gọi lại {n} lần</source>
        <translation>recalled {n}×</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <source>Tra cứu thủ tục</source>
        <translation>Procedure lookup</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Câu hỏi hoặc mã thủ tục, rồi Enter</source>
        <translation>A question or a procedure code, then Enter</translation>
    </message>
    <message>
        <source>Nhập câu hỏi hoặc mã thủ tục.</source>
        <translation>Type a question or a procedure code.</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục phù hợp – hỏi lại bằng từ khác hoặc nhập mã thủ tục.</source>
        <translation>No matching procedure – try other words or type the procedure code.</translation>
    </message>
    <message>
        <source>{n} thủ tục phù hợp</source>
        <translation>{n} matching procedures</translation>
    </message>
    <message>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <source>{n} ngày làm việc</source>
        <translation>{n} working days</translation>
    </message>
    <message>
        <source>Hồ sơ cần chuẩn bị</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Căn cứ pháp lý</source>
        <translation>Legal basis</translation>
    </message>
</context>
<context>
    <name>ParkedDialog</name>
    <message>
        <source>Gọi số tạm gác</source>
        <translation>Call a parked number</translation>
    </message>
    <message>
        <source>Chọn công dân đã quay lại:</source>
        <translation>Choose the citizen who is back:</translation>
    </message>
    <message>
        <source>Gọi công dân này (Enter)</source>
        <translation>Call this citizen (Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Số tiếp theo của quầy</source>
        <translation>Next at this counter</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Đã chờ</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Số đang tạm gác (F7 để gọi)</source>
        <translation>Parked numbers (F7 to call one)</translation>
    </message>
    <message>
        <source>{m} phút</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>Đang chờ ở lĩnh vực của quầy: {n} (hiện {k} số đầu)</source>
        <translation>Waiting in this counter's fields: {n} (first {k} shown)</translation>
    </message>
    <message>
        <source>Đang chờ ở lĩnh vực của quầy: {n}</source>
        <translation>Waiting in this counter's fields: {n}</translation>
    </message>
    <message>
        <source>Không có ai đang chờ ở lĩnh vực của quầy</source>
        <translation>Nobody is waiting in this counter's fields</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Đăng nhập cán bộ</source>
        <translation>Officer sign-in</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập và mã PIN để bắt đầu làm việc tại quầy.</source>
        <translation>Enter your username and PIN to start work at this counter.</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Đăng nhập (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Chuyển công dân</source>
        <translation>Transfer the citizen</translation>
    </message>
    <message>
        <source>Chuyển số {number} sang lĩnh vực:</source>
        <translation>Move number {number} to the field:</translation>
    </message>
    <message>
        <source>{name} (hiện tại)</source>
        <translation>{name} (now)</translation>
    </message>
    <message>
        <source>Quầy nhận:</source>
        <translation>Receiving counter:</translation>
    </message>
    <message>
        <source>Công dân giữ nguyên thứ tự theo giờ lấy số.</source>
        <translation>The citizen keeps their place by the time the number was issued.</translation>
    </message>
    <message>
        <source>Chuyển (Enter)</source>
        <translation>Transfer (Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Bất kỳ quầy nào phục vụ lĩnh vực này</source>
        <translation>Any counter serving this field</translation>
    </message>
</context>
</TS>
