<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>MoveTicketDialog</name>
    <message>
        <source>Chuyển số thứ tự</source>
        <translation>Move a number</translation>
    </message>
    <message>
        <source>Nhập hoặc chọn số, ví dụ A023</source>
        <translation>Type or pick a number, e.g. A023</translation>
    </message>
    <message>
        <source>Số thứ tự</source>
        <translation>Queue number</translation>
    </message>
    <message>
        <source>Sang lĩnh vực</source>
        <translation>To field</translation>
    </message>
    <message>
        <source>Sang quầy</source>
        <translation>To counter</translation>
    </message>
    <message>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Nhập số thứ tự cần chuyển.</source>
        <translation>Enter the queue number to move.</translation>
    </message>
    <message>
        <source>Hôm nay không có số %1 đang chờ.</source>
        <translation>No number %1 is waiting today.</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Ki-ốt tự phục vụ</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <source>Mã ghép nối trạm mới</source>
        <translation>Pairing code for a new station</translation>
    </message>
    <message>
        <source>Tiếp nhận (cấp số)</source>
        <translation>Reception (tickets)</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
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
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Loại trạm</source>
        <translation>Station type</translation>
    </message>
    <message>
        <source>Tạo mã</source>
        <translation>Make code</translation>
    </message>
    <message>
        <source>Dùng một lần, hết hạn lúc %1. Trên máy mới, nhập mã này cùng địa chỉ máy chủ %2.</source>
        <translation>One use, expires at %1. On the new PC, enter this code with the hub address %2.</translation>
    </message>
</context>
<context>
    <name>ReskillDialog</name>
    <message>
        <source>Đổi lĩnh vực – quầy %1</source>
        <translation>Change fields – counter %1</translation>
    </message>
    <message>
        <source>Đánh dấu các lĩnh vực quầy phục vụ; lĩnh vực đầu tiên là lĩnh vực chính. Kéo thả hoặc dùng nút Lên/Xuống để đổi thứ tự.</source>
        <translation>Tick the fields this counter serves; the first one is its main field. Drag, or use Up/Down, to change the order.</translation>
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
        <source>Làn nhanh (ưu tiên việc đơn giản)</source>
        <translation>Fast lane (simple jobs first)</translation>
    </message>
    <message>
        <source>Chọn ít nhất một lĩnh vực.</source>
        <translation>Choose at least one field.</translation>
    </message>
</context>
<context>
    <name>SupervisorDialogs</name>
    <message>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SupervisorFormat</name>
    <message>
        <source>phút</source>
        <translation>min</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>Giám sát – onestop</source>
        <translation>Supervisor – onestop</translation>
    </message>
    <message>
        <source>Giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Đã cấp số</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Đã phục vụ</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Số đã cấp theo giờ</source>
        <translation>Numbers issued per hour</translation>
    </message>
    <message>
        <source>Theo lĩnh vực</source>
        <translation>By field</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Chờ lâu nhất</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>Dự kiến chờ</source>
        <translation>Expected wait</translation>
    </message>
    <message>
        <source>TG phục vụ TB</source>
        <translation>Avg. service time</translation>
    </message>
    <message>
        <source>Theo quầy</source>
        <translation>By counter</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Đang phục vụ</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>Làn nhanh</source>
        <translation>Fast lane</translation>
    </message>
    <message>
        <source>Mở quầy</source>
        <translation>Open counter</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Đóng quầy</source>
        <translation>Close counter</translation>
    </message>
    <message>
        <source>Đổi lĩnh vực…</source>
        <translation>Change fields…</translation>
    </message>
    <message>
        <source>Chuyển số…</source>
        <translation>Move a number…</translation>
    </message>
    <message>
        <source>Mã ghép nối…</source>
        <translation>Pairing code…</translation>
    </message>
    <message>
        <source>Báo cáo ngày</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <source>Báo cáo ngày (PDF) có trong bản cập nhật in ấn sắp tới.</source>
        <translation>The daily report (PDF) arrives with the printing update.</translation>
    </message>
    <message>
        <source>Giám sát – %1</source>
        <translation>Supervisor – %1</translation>
    </message>
    <message>
        <source>Quầy %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <source>Cập nhật lúc %1</source>
        <translation>Updated at %1</translation>
    </message>
    <message>
        <source>Đang mở</source>
        <translation>Open</translation>
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
        <source>Đã mở %1.</source>
        <translation>Opened %1.</translation>
    </message>
    <message>
        <source>Đã tạm dừng %1.</source>
        <translation>Paused %1.</translation>
    </message>
    <message>
        <source>Đã đóng %1.</source>
        <translation>Closed %1.</translation>
    </message>
    <message>
        <source>Đã đổi lĩnh vực của %1.</source>
        <translation>Changed the fields of %1.</translation>
    </message>
    <message>
        <source>Đã chuyển số %1.</source>
        <translation>Moved number %1.</translation>
    </message>
    <message>
        <source>Đã tạo mã ghép nối %1.</source>
        <translation>Made pairing code %1.</translation>
    </message>
    <message>
        <source>Lưu báo cáo ngày</source>
        <translation>Save the day's report</translation>
    </message>
    <message>
        <source>Báo cáo PDF (*.pdf);;Bảng tính Excel (*.xlsx);;Tệp CSV (*.csv)</source>
        <translation>PDF report (*.pdf);;Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <source>Không lưu được báo cáo: {e}</source>
        <translation>Could not save the report: {e}</translation>
    </message>
    <message>
        <source>Đã lưu báo cáo ngày vào {p}</source>
        <translation>The day's report was saved to {p}</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Gửi ngay các sự kiện đang chờ lên máy chủ trung tâm</source>
        <translation>Send the waiting events to the central server now</translation>
    </message>
    <message>
        <source>Đồng bộ: %1</source>
        <translation>Sync: %1</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Gợi ý điều phối quầy</source>
        <translation>Staffing suggestions</translation>
    </message>
    <message>
        <source>Không cần điều chỉnh: thời gian chờ dự kiến đều ngắn.</source>
        <translation>No change needed: every expected wait is short.</translation>
    </message>
</context>
<context>
    <name>BookingFigures</name>
    <message>
        <source>Đặt lịch hôm nay</source>
        <translation>Booked today</translation>
    </message>
    <message>
        <source>%1 số (%2)</source>
        <translation>%1 numbers (%2)</translation>
    </message>
    <message>
        <source>chờ TB %1 · số thường %2</source>
        <translation>mean wait %1 · walk-in %2</translation>
    </message>
    <message>
        <source>Số đặt lịch hôm nay và tỉ lệ trong các số đã cấp; thời gian chờ trung bình của người đặt lịch (tính từ giờ hẹn) và của người lấy số thường</source>
        <translation>Numbers booked today and their share of the numbers issued; the mean wait of booked citizens (counted from their appointment time) and of walk-ins</translation>
    </message>
</context>
</TS>
