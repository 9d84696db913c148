<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AdminCommon</name>
    <message>
        <source>&amp;Đồng ý</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Mã PIN gồm đúng %1 chữ số.</source>
        <translation>A PIN is exactly %1 digits.</translation>
    </message>
    <message>
        <source>Mã PIN gồm %1 đến %2 chữ số.</source>
        <translation>A PIN is %1 to %2 digits.</translation>
    </message>
    <message>
        <source>Nhập mã PIN.</source>
        <translation>Enter a PIN.</translation>
    </message>
    <message>
        <source>Mã PIN chỉ gồm chữ số.</source>
        <translation>A PIN has digits only.</translation>
    </message>
    <message>
        <source>Hai lần nhập mã PIN không khớp.</source>
        <translation>The two PINs typed do not match.</translation>
    </message>
    <message>
        <source>Mã &amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>Nhập &amp;lại mã PIN</source>
        <translation>PIN &amp;again</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Alt+Mũi tên lên</source>
        <translation>Alt+Up arrow</translation>
    </message>
    <message>
        <source>Alt+Mũi tên xuống</source>
        <translation>Alt+Down arrow</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Quản trị – onestop</source>
        <translation>Administration – onestop</translation>
    </message>
    <message>
        <source>&amp;1 Cán bộ</source>
        <translation>&amp;1 Officers</translation>
    </message>
    <message>
        <source>&amp;2 Quầy</source>
        <translation>&amp;2 Counters</translation>
    </message>
    <message>
        <source>&amp;3 Phường và giờ làm việc</source>
        <translation>&amp;3 Ward and opening hours</translation>
    </message>
    <message>
        <source>&amp;4 Danh mục thủ tục</source>
        <translation>&amp;4 Procedure catalogue</translation>
    </message>
    <message>
        <source>&amp;5 Trạm và mã</source>
        <translation>&amp;5 Stations and tokens</translation>
    </message>
    <message>
        <source>&amp;6 Đặt lịch</source>
        <translation>&amp;6 Booking</translation>
    </message>
    <message>
        <source>Cửa sổ Quản trị cần mã trạm có quyền quản trị (admin). Mã của trạm này không có quyền đó: trên máy chủ, mở Quản trị từ trình khởi chạy, hoặc chạy onestop admin --pair MÃ với mã ghép nối loại Quản trị.</source>
        <translation>The Administration window needs a station token with the admin role. This station's token does not have it: on the hub PC, open Administration from the launcher, or run onestop admin --pair CODE with a pairing code for an Administration station.</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>&amp;7 Ngày nghỉ</source>
        <translation>&amp;7 Holidays</translation>
    </message>
</context>
<context>
    <name>BookingTab</name>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Khung giờ (phút)</source>
        <translation>Slot (minutes)</translation>
    </message>
    <message>
        <source>Sức chứa mỗi khung</source>
        <translation>Capacity per slot</translation>
    </message>
    <message>
        <source>Đặt trước (ngày)</source>
        <translation>Days ahead</translation>
    </message>
    <message>
        <source>Tỷ lệ đặt trước</source>
        <translation>Booked share</translation>
    </message>
    <message>
        <source>Số chỗ đặt mỗi khung</source>
        <translation>Bookable places per slot</translation>
    </message>
    <message>
        <source>%1 phút</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>0 – không nhận đặt lịch</source>
        <translation>0 – no booking</translation>
    </message>
    <message>
        <source>Độ dài &amp;khung giờ</source>
        <translation>Slot &amp;length</translation>
    </message>
    <message>
        <source>&amp;Sức chứa mỗi khung (số công dân)</source>
        <translation>&amp;Capacity per slot (citizens)</translation>
    </message>
    <message>
        <source>Số &amp;ngày đặt trước</source>
        <translation>Days &amp;ahead</translation>
    </message>
    <message>
        <source>&amp;Tỷ lệ đặt trước tối đa (%)</source>
        <translation>Booked share at &amp;most (%)</translation>
    </message>
    <message>
        <source>&amp;Lưu khung giờ</source>
        <translation>&amp;Save slots</translation>
    </message>
    <message>
        <source>Sức chứa: số công dân các quầy của lĩnh vực phục vụ được trong một khung giờ. Mỗi khung nhận tối đa sức chứa × tỷ lệ đặt trước lịch hẹn; phần còn lại dành cho người đến trực tiếp. Sức chứa 0: không nhận đặt lịch.</source>
        <translation>Capacity: how many citizens the field's counters serve in one slot. A slot takes at most capacity × booked share bookings; the rest is kept for walk-ins. Capacity 0: no booking.</translation>
    </message>
    <message>
        <source>không nhận</source>
        <translation>no booking</translation>
    </message>
    <message>
        <source>Mỗi khung giờ nhận %1 lịch hẹn.</source>
        <translation>Each slot takes %1 bookings.</translation>
    </message>
    <message>
        <source>Lĩnh vực này không nhận đặt lịch.</source>
        <translation>This field takes no booking.</translation>
    </message>
    <message>
        <source>Đã lưu khung giờ đặt lịch của lĩnh vực %1.</source>
        <translation>Saved the booking slots of the field %1.</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <source>Câu hỏi chưa trả lời được (Hỏi thủ tục) – thêm cách hỏi vào danh mục</source>
        <translation>Unanswered questions (Ask about a procedure) – add these phrasings to the catalogue</translation>
    </message>
    <message>
        <source>Câu hỏi</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Số lần</source>
        <translation>Times asked</translation>
    </message>
    <message>
        <source>Lần cuối</source>
        <translation>Last asked</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Phút</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>&amp;Sửa thủ tục…</source>
        <translation>&amp;Edit procedure…</translation>
    </message>
    <message>
        <source>&amp;Tắt thủ tục</source>
        <translation>&amp;Switch off</translation>
    </message>
    <message>
        <source>&amp;Nhập từ tệp…</source>
        <translation>&amp;Import from file…</translation>
    </message>
    <message>
        <source>&amp;Xuất ra tệp…</source>
        <translation>E&amp;xport to file…</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Đã tắt</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Phiên bản danh mục: %1 · %2 thủ tục</source>
        <translation>Catalogue version: %1 · %2 procedures</translation>
    </message>
    <message>
        <source>&amp;Bật thủ tục</source>
        <translation>&amp;Switch on</translation>
    </message>
    <message>
        <source>Đã lưu thủ tục %1.</source>
        <translation>Procedure %1 saved.</translation>
    </message>
    <message>
        <source>Đã bật thủ tục %1.</source>
        <translation>Procedure %1 switched on.</translation>
    </message>
    <message>
        <source>Đã tắt thủ tục %1: tiếp nhận không cấp số cho thủ tục này nữa.</source>
        <translation>Procedure %1 switched off: reception no longer issues tickets for it.</translation>
    </message>
    <message>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import a procedure catalogue</translation>
    </message>
    <message>
        <source>Danh mục JSON (*.json)</source>
        <translation>Catalogue JSON (*.json)</translation>
    </message>
    <message>
        <source>Không đọc được tệp %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Tệp %1 không phải JSON hợp lệ: %2</source>
        <translation>%1 is not valid JSON: %2</translation>
    </message>
    <message>
        <source>Tệp %1 không phải danh mục thủ tục.</source>
        <translation>%1 is not a procedure catalogue.</translation>
    </message>
    <message>
        <source>Đã nhập danh mục %1: %2 thủ tục.</source>
        <translation>Catalogue %1 imported: %2 procedures.</translation>
    </message>
    <message>
        <source>Xuất danh mục thủ tục</source>
        <translation>Export the procedure catalogue</translation>
    </message>
    <message>
        <source>Không ghi được tệp %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Đã xuất danh mục ra %1.</source>
        <translation>Catalogue exported to %1.</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <source>Có thể &amp;chuyển sang</source>
        <translation>May be &amp;moved to</translation>
    </message>
    <message>
        <source>Kế hoạch ngày có thể cho quầy phục vụ trước một lĩnh vực đã đánh dấu ở đây trong giờ đông.</source>
        <translation>The day plan may have the counter serve a field ticked here first in busy hours.</translation>
    </message>
    <message>
        <source>Thêm quầy</source>
        <translation>Add a counter</translation>
    </message>
    <message>
        <source>Sửa quầy %1</source>
        <translation>Edit counter %1</translation>
    </message>
    <message>
        <source>số tiếp theo còn trống</source>
        <translation>next free number</translation>
    </message>
    <message>
        <source>Làn &amp;nhanh (ưu tiên việc đơn giản)</source>
        <translation>&amp;Fast lane (simple jobs first)</translation>
    </message>
    <message>
        <source>&amp;Số quầy</source>
        <translation>&amp;Counter number</translation>
    </message>
    <message>
        <source>Nhãn (tiếng &amp;Việt)</source>
        <translation>Label (&amp;Vietnamese)</translation>
    </message>
    <message>
        <source>Nhãn (tiếng &amp;Anh)</source>
        <translation>Label (&amp;English)</translation>
    </message>
    <message>
        <source>&amp;Lĩnh vực</source>
        <translation>&amp;Fields</translation>
    </message>
    <message>
        <source>Đánh dấu bằng phím cách; lĩnh vực đầu tiên là lĩnh vực chính; Alt+↑/↓ đổi thứ tự.</source>
        <translation>Tick with the space bar; the first field is the main one; Alt+↑/↓ changes the order.</translation>
    </message>
    <message>
        <source>Nhập nhãn tiếng Việt và tiếng Anh.</source>
        <translation>Enter the Vietnamese and the English label.</translation>
    </message>
    <message>
        <source>Chọn ít nhất một lĩnh vực.</source>
        <translation>Choose at least one field.</translation>
    </message>
</context>
<context>
    <name>CountersTab</name>
    <message>
        <source>Có thể chuyển sang</source>
        <translation>May be moved to</translation>
    </message>
    <message>
        <source>Cán bộ dự phòng, mục tiêu chờ…</source>
        <translation>Reserve officers, target wait…</translation>
    </message>
    <message>
        <source>Đã lưu thiết lập kế hoạch ngày.</source>
        <translation>The day plan settings were saved.</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Nhãn</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Nhãn tiếng Anh</source>
        <translation>English label</translation>
    </message>
    <message>
        <source>Lĩnh vực (theo thứ tự)</source>
        <translation>Fields (in order)</translation>
    </message>
    <message>
        <source>Làn nhanh</source>
        <translation>Fast lane</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Thêm quầy…</source>
        <translation>&amp;Add counter…</translation>
    </message>
    <message>
        <source>&amp;Sửa…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Xóa quầy</source>
        <translation>&amp;Remove counter</translation>
    </message>
    <message>
        <source>Chỉ xóa được quầy đã đóng, không giữ số nào và không có số đang chờ riêng.</source>
        <translation>Only a counter that is closed, holds no ticket and has no ticket waiting for it can be removed.</translation>
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
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Đã lưu quầy %1.</source>
        <translation>Counter %1 saved.</translation>
    </message>
    <message>
        <source>Đã thêm quầy %1.</source>
        <translation>Counter %1 added.</translation>
    </message>
    <message>
        <source>Xóa quầy?</source>
        <translation>Remove the counter?</translation>
    </message>
    <message>
        <source>Xóa %1? Mã trạm của quầy này bị thu hồi.</source>
        <translation>Remove %1? Its station tokens are revoked.</translation>
    </message>
    <message>
        <source>Đã xóa quầy %1.</source>
        <translation>Counter %1 removed.</translation>
    </message>
</context>
<context>
    <name>HoursRow</name>
    <message>
        <source>T2</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>T3</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>T4</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>T5</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>T6</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>T7</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>CN</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>từ</source>
        <translation>from</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Bỏ khung giờ này</source>
        <translation>Remove these hours</translation>
    </message>
</context>
<context>
    <name>OfficerDialog</name>
    <message>
        <source>Thêm cán bộ</source>
        <translation>Add an officer</translation>
    </message>
    <message>
        <source>Đổi tên cán bộ</source>
        <translation>Rename an officer</translation>
    </message>
    <message>
        <source>Đặt lại mã PIN</source>
        <translation>Reset the PIN</translation>
    </message>
    <message>
        <source>Tên đăng &amp;nhập</source>
        <translation>User &amp;name</translation>
    </message>
    <message>
        <source>Họ &amp;và tên</source>
        <translation>Full na&amp;me</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập.</source>
        <translation>Enter a user name.</translation>
    </message>
</context>
<context>
    <name>OfficersTab</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Đăng nhập gần nhất</source>
        <translation>Last signed in</translation>
    </message>
    <message>
        <source>&amp;Thêm cán bộ…</source>
        <translation>&amp;Add officer…</translation>
    </message>
    <message>
        <source>Đổi tê&amp;n…</source>
        <translation>Re&amp;name…</translation>
    </message>
    <message>
        <source>Đặt lại &amp;PIN…</source>
        <translation>Reset &amp;PIN…</translation>
    </message>
    <message>
        <source>&amp;Vô hiệu hóa</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>&amp;Kích hoạt lại</source>
        <translation>&amp;Enable again</translation>
    </message>
    <message>
        <source>Đã thêm cán bộ %1.</source>
        <translation>Officer %1 added.</translation>
    </message>
    <message>
        <source>Đã đổi tên cán bộ %1.</source>
        <translation>Officer %1 renamed.</translation>
    </message>
    <message>
        <source>Đã đặt lại mã PIN của %1.</source>
        <translation>The PIN of %1 was reset.</translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa %1: không đăng nhập được nữa.</source>
        <translation>%1 disabled: cannot sign in any more.</translation>
    </message>
    <message>
        <source>Đã kích hoạt lại %1.</source>
        <translation>%1 enabled again.</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>Sửa thủ tục %1</source>
        <translation>Edit procedure %1</translation>
    </message>
    <message>
        <source>Số &amp;phút xử lý tại quầy</source>
        <translation>Counter &amp;minutes</translation>
    </message>
    <message>
        <source>Giấy tờ cần có (tiếng &amp;Việt, mỗi dòng một mục)</source>
        <translation>Documents needed (&amp;Vietnamese, one per line)</translation>
    </message>
    <message>
        <source>Giấy tờ cần có (tiếng &amp;Anh)</source>
        <translation>Documents needed (&amp;English)</translation>
    </message>
    <message>
        <source>&amp;Lệ phí (tiếng Việt)</source>
        <translation>&amp;Fee (Vietnamese)</translation>
    </message>
    <message>
        <source>Lệ phí (tiếng Anh)</source>
        <translation>Fee (English)</translation>
    </message>
    <message>
        <source>&amp;Thời hạn trả kết quả (tiếng Việt)</source>
        <translation>&amp;Result time (Vietnamese)</translation>
    </message>
    <message>
        <source>Thời hạn trả kết quả (tiếng Anh)</source>
        <translation>Result time (English)</translation>
    </message>
    <message>
        <source>Chưa đặt</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source> ngày làm việc (0 = trong ngày)</source>
        <translation> working days (0 = same day)</translation>
    </message>
    <message>
        <source>Số &amp;ngày làm việc trả kết quả (để tính hạn)</source>
        <translation>Result in &amp;working days (for the due date)</translation>
    </message>
</context>
<context>
    <name>StationsTab</name>
    <message>
        <source>Ki-ốt tự phục vụ</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <source>Tên trạm</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Tạo lúc</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Liên lạc gần nhất</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Thu hồi lúc</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>&amp;Mã ghép nối mới…</source>
        <translation>New &amp;pairing code…</translation>
    </message>
    <message>
        <source>&amp;Thu hồi mã trạm</source>
        <translation>&amp;Revoke token</translation>
    </message>
    <message>
        <source>Hiện cả trạm đã thu hồi</source>
        <translation>Show revoked stations too</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Màn hình phòng chờ</source>
        <translation>Lobby display</translation>
    </message>
    <message>
        <source>Giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Thu hồi mã của trạm “%1”? Máy đó phải ghép nối lại mới dùng được.</source>
        <translation>Revoke the token of “%1”? That PC must be paired again before it can be used.</translation>
    </message>
    <message>
        <source>Thu hồi mã trạm?</source>
        <translation>Revoke the token?</translation>
    </message>
    <message>
        <source>&amp;Thu hồi</source>
        <translation>&amp;Revoke</translation>
    </message>
    <message>
        <source>Đã thu hồi mã của trạm “%1”.</source>
        <translation>The token of “%1” was revoked.</translation>
    </message>
    <message>
        <source>Tải &amp;lại</source>
        <translation>&amp;Reload</translation>
    </message>
</context>
<context>
    <name>WardTab</name>
    <message>
        <source>Tên phường (tiếng &amp;Việt)</source>
        <translation>Ward name (&amp;Vietnamese)</translation>
    </message>
    <message>
        <source>Tên phường (tiếng &amp;Anh)</source>
        <translation>Ward name (&amp;English)</translation>
    </message>
    <message>
        <source>Địa &amp;chỉ trên phiếu (tiếng Việt)</source>
        <translation>&amp;Address on tickets (Vietnamese)</translation>
    </message>
    <message>
        <source>Địa chỉ trên phiếu (tiếng A&amp;nh)</source>
        <translation>Address on tickets (En&amp;glish)</translation>
    </message>
    <message>
        <source>Thông &amp;báo trên màn hình chờ (tiếng Việt)</source>
        <translation>Lobby display &amp;notice (Vietnamese)</translation>
    </message>
    <message>
        <source>Thông báo trên màn hình chờ (tiếng Anh)</source>
        <translation>Lobby display notice (English)</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Thứ tự &amp;gọi số</source>
        <translation>Call &amp;order</translation>
    </message>
    <message>
        <source>Thêm &amp;khung giờ</source>
        <translation>Add &amp;hours</translation>
    </message>
    <message>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Hoàn lại</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Bỏ các thay đổi chưa lưu</source>
        <translation>Drop the changes not saved</translation>
    </message>
    <message>
        <source>Thông tin phường vừa được sửa ở nơi khác; bấm Lưu để ghi đè bằng nội dung đang sửa, hoặc Hoàn lại.</source>
        <translation>The ward was just changed elsewhere; press Save to replace it with what you are editing, or Undo.</translation>
    </message>
    <message>
        <source>Đã lưu thông tin phường; mọi màn hình cập nhật ngay.</source>
        <translation>Ward saved; every screen shows it now.</translation>
    </message>
    <message>
        <source>Tên đơn vị &amp;một cửa (tiếng Việt)</source>
        <translation>One-stop &amp;office name (Vietnamese)</translation>
    </message>
    <message>
        <source>Tên đơn vị một cửa (tiếng Anh)</source>
        <translation>One-stop office name (English)</translation>
    </message>
    <message>
        <source>Mã &amp;phường trong mã hồ sơ (2–8 chữ A–Z, số)</source>
        <translation>&amp;Ward code in dossier codes (2–8 of A–Z, digits)</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Tên ngày nghỉ</source>
        <translation>Name of the day off</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Ví dụ: Nghỉ bù theo quyết định của phường</source>
        <translation>e.g. Day off decided by the ward</translation>
    </message>
    <message>
        <source>&amp;Ngày nghỉ</source>
        <translation>&amp;Day off</translation>
    </message>
    <message>
        <source>&amp;Tên (tiếng Việt)</source>
        <translation>&amp;Name (Vietnamese)</translation>
    </message>
    <message>
        <source>Tên (tiếng &amp;Anh)</source>
        <translation>Name (&amp;English)</translation>
    </message>
    <message>
        <source>&amp;Thêm ngày nghỉ</source>
        <translation>&amp;Add the day off</translation>
    </message>
    <message>
        <source>&amp;Xóa ngày đã chọn</source>
        <translation>&amp;Remove the selected day</translation>
    </message>
    <message>
        <source>Hạn trả kết quả tính theo ngày làm việc: bỏ qua thứ Bảy, Chủ nhật và các ngày trong lịch này. Ngày nghỉ của thành phố được cập nhật từ máy chủ trung tâm; ngày phường tự thêm được giữ lại.</source>
        <translation>Due dates count working days: Saturdays, Sundays and the days of this calendar are skipped. The city's holidays are updated from the central server; the days the ward adds stay.</translation>
    </message>
    <message>
        <source>Thành phố</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Phường</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Nhập tên ngày nghỉ.</source>
        <translation>Enter the name of the day off.</translation>
    </message>
    <message>
        <source>Đã thêm ngày nghỉ %1.</source>
        <translation>Day off %1 added.</translation>
    </message>
    <message>
        <source>Đã xóa ngày nghỉ %1.</source>
        <translation>Day off %1 removed.</translation>
    </message>
</context>
<context>
    <name>ReserveDialog</name>
    <message>
        <source>Thêm cán bộ dự phòng</source>
        <translation>Add a reserve officer</translation>
    </message>
    <message>
        <source> giờ</source>
        <translation> h</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Lĩnh vực</source>
        <translation>&amp;Fields</translation>
    </message>
    <message>
        <source>Tối &amp;đa mỗi ngày</source>
        <translation>&amp;At most per day</translation>
    </message>
    <message>
        <source>&amp;Báo trước</source>
        <translation>&amp;Notice</translation>
    </message>
    <message>
        <source>Chọn ít nhất một lĩnh vực.</source>
        <translation>Choose at least one field.</translation>
    </message>
</context>
<context>
    <name>StaffingDialog</name>
    <message>
        <source>Kế hoạch ngày: cán bộ dự phòng, mục tiêu chờ</source>
        <translation>Day plan: reserve officers, target wait</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source> tuần</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>ví dụ: 5, 10</source>
        <translation>e.g. 5, 10</translation>
    </message>
    <message>
        <source>&amp;Mục tiêu thời gian chờ trung bình</source>
        <translation>&amp;Target mean wait</translation>
    </message>
    <message>
        <source>Số &amp;tuần số liệu</source>
        <translation>&amp;Weeks of history</translation>
    </message>
    <message>
        <source>Ngày &amp;chi trả trợ cấp trong tháng</source>
        <translation>&amp;Payout days of the month</translation>
    </message>
    <message>
        <source>Cán bộ dự phòng (có thể ra quầy trong giờ đông):</source>
        <translation>Reserve officers (may come to the front in busy hours):</translation>
    </message>
    <message>
        <source>&amp;Thêm cán bộ dự phòng…</source>
        <translation>&amp;Add a reserve officer…</translation>
    </message>
    <message>
        <source>&amp;Xóa</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>%1 – tối đa %2 giờ, báo trước %3 phút</source>
        <translation>%1 – at most %2 h, %3 min notice</translation>
    </message>
    <message>
        <source>Ngày chi trả: các số từ 1 đến 31, cách nhau bằng dấu phẩy.</source>
        <translation>Payout days: numbers from 1 to 31, separated by commas.</translation>
    </message>
</context>
</TS>
