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
        <source>Kế hoạch ngày mai…</source>
        <translation>Plan for tomorrow…</translation>
    </message>
    <message>
        <source>Đã lưu kế hoạch vào %1</source>
        <translation>The plan was saved to %1</translation>
    </message>
    <message>
        <source>Góp ý, phản ánh…</source>
        <translation>Suggestions and complaints…</translation>
    </message>
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
<context>
    <name>FeedbackWindow</name>
    <message>
        <source>Góp ý, phản ánh (%1)…</source>
        <translation>Suggestions and complaints (%1)…</translation>
    </message>
    <message>
        <source>Đang mở: %1 · Quá hạn: %2 (Ctrl+F)</source>
        <translation>Open: %1 · Overdue: %2 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Công dân đánh giá KHÔNG HÀI LÒNG lúc %1 (vụ việc số %2) – bấm để xem</source>
        <translation>A citizen rated the service NOT SATISFIED at %1 (case %2) – click to see</translation>
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
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Nhận xử lý</source>
        <translation>&amp;Take</translation>
    </message>
    <message>
        <source>Ghi chú hoặc kết quả xử lý</source>
        <translation>Note or resolution</translation>
    </message>
    <message>
        <source>&amp;Ghi chú</source>
        <translation>Add &amp;note</translation>
    </message>
    <message>
        <source>Đóng vụ việc (&amp;D)</source>
        <translation>Close case (&amp;D)</translation>
    </message>
    <message>
        <source>Góp ý, phản ánh – onestop</source>
        <translation>Suggestions and complaints – onestop</translation>
    </message>
    <message>
        <source>Góp ý, phản ánh</source>
        <translation>Suggestions and complaints</translation>
    </message>
    <message>
        <source>Thông báo của thành phố</source>
        <translation>City notices</translation>
    </message>
    <message>
        <source>Kiến nghị</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>Góp ý</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Phản ánh</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Trang số thứ tự</source>
        <translation>Ticket page</translation>
    </message>
    <message>
        <source>Trang tra cứu</source>
        <translation>Lookup page</translation>
    </message>
    <message>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Hiển thị:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Cán bộ:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <source>(không có nội dung)</source>
        <translation>(no text)</translation>
    </message>
    <message>
        <source>Xin nhập ghi chú hoặc kết quả xử lý vào ô bên cạnh.</source>
        <translation>Please type the note or the resolution in the box beside.</translation>
    </message>
    <message>
        <source>%3 mới lúc %1 (vụ việc số %2) – bấm để xem</source>
        <translation>New %3 at %1 (case %2) – click to see</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Người xử lý</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>Hạn xử lý</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <source> (quá hạn)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Nhận xử lý</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Muốn được trả lời: %1</source>
        <translation>Wants a reply: %1</translation>
    </message>
    <message>
        <source>(số điện thoại đã xóa)</source>
        <translation>(phone erased)</translation>
    </message>
    <message>
        <source>Kết quả: %1</source>
        <translation>Resolution: %1</translation>
    </message>
    <message>
        <source> · %1 vụ việc mới</source>
        <translation> · %1 new cases</translation>
    </message>
    <message>
        <source>hồ sơ</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Mới: %1 · Đang xử lý: %2 · Quá hạn: %3 · Đã đóng: %4</source>
        <translation>New: %1 · In progress: %2 · Overdue: %3 · Closed: %4</translation>
    </message>
    <message>
        <source>Chưa có thông báo nào của thành phố.</source>
        <translation>No notice from the city yet.</translation>
    </message>
    <message>
        <source>Tiêu đề</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Gửi kiến nghị (&amp;S)</source>
        <translation>&amp;Send recommendation</translation>
    </message>
    <message>
        <source>Xin nhập tiêu đề và nội dung kiến nghị.</source>
        <translation>Please type the subject and the text of the recommendation.</translation>
    </message>
    <message>
        <source>Đã lưu kiến nghị; sẽ chuyển đến thành phố khi có kết nối.</source>
        <translation>Recommendation saved; it goes to the city when the link is up.</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Chữ chạy</source>
        <translation>Ticker</translation>
    </message>
    <message>
        <source>Hết hạn</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Gửi lúc</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Chuyển đến thành phố</source>
        <translation>Delivered to the city</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Đã gửi</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Đã trả lời</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>Nội dung tối đa %1 ký tự.</source>
        <translation>The text may have at most %1 characters.</translation>
    </message>
    <message>
        <source>Thành phố trả lời (%1):</source>
        <translation>The city's reply (%1):</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Kế hoạch ngày mai</source>
        <translation>Plan for tomorrow</translation>
    </message>
    <message>
        <source>Ngày:</source>
        <translation>Day:</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>In kế hoạch (PDF)…</source>
        <translation>Print the plan (PDF)…</translation>
    </message>
    <message>
        <source>Số phiếu dự kiến theo giờ</source>
        <translation>Expected tickets per hour</translation>
    </message>
    <message>
        <source>Quầy phục vụ lĩnh vực nào trước, theo giờ</source>
        <translation>Which field each counter serves first, hour by hour</translation>
    </message>
    <message>
        <source>Ô vàng: quầy đổi sang lĩnh vực khác lĩnh vực chính của quầy trong giờ đó. Ô xanh: cán bộ dự phòng ra quầy.</source>
        <translation>Yellow: the counter serves another field than its main one that hour. Green: a reserve officer at the front.</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đang lập kế hoạch…</source>
        <translation>Making the plan…</translation>
    </message>
    <message>
        <source>Lưu kế hoạch ngày</source>
        <translation>Save the day plan</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>Không lưu được kế hoạch: %1</source>
        <translation>Could not save the plan: %1</translation>
    </message>
    <message>
        <source>Đã lưu kế hoạch vào %1 – mở tệp để in.</source>
        <translation>The plan was saved to %1 – open the file to print it.</translation>
    </message>
    <message>
        <source>ngày chi trả trợ cấp</source>
        <translation>payout day</translation>
    </message>
    <message>
        <source>ngày thường</source>
        <translation>ordinary day</translation>
    </message>
    <message>
        <source>Kế hoạch ngày %1 (%2)</source>
        <translation>Day plan for %1 (%2)</translation>
    </message>
    <message>
        <source>Trung tâm không làm việc ngày này.</source>
        <translation>The centre is closed on this day.</translation>
    </message>
    <message>
        <source>Chưa có số liệu các ngày cùng loại trước đó: kế hoạch giữ nguyên lĩnh vực các quầy.</source>
        <translation>No figures yet for past days of the same kind: the plan keeps the counters' fields.</translation>
    </message>
    <message>
        <source>đạt</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>chưa đạt</source>
        <translation>not reached</translation>
    </message>
    <message>
        <source>Dự kiến từ %1 ngày đã qua cùng loại. Số phiếu dự kiến: %2.</source>
        <translation>Expected from %1 past days of the same kind. Expected tickets: %2.</translation>
    </message>
    <message>
        <source>Thời gian chờ trung bình dự kiến: %1 phút (mục tiêu %2 phút: %3). Nếu giữ nguyên lĩnh vực các quầy, không cán bộ dự phòng: %4 phút.</source>
        <translation>Expected mean wait: %1 min (target %2 min: %3). With the counters' own fields and no reserve officer: %4 min.</translation>
    </message>
    <message>
        <source>Số giờ cán bộ dự phòng: %1. Số lần đổi lĩnh vực và gọi cán bộ dự phòng: %2.</source>
        <translation>Reserve officer hours: %1. Field changes and reserve calls: %2.</translation>
    </message>
    <message>
        <source>Giờ</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>Tổng</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Quầy %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <source>Cán bộ dự phòng %1</source>
        <translation>Reserve officer %1</translation>
    </message>
    <message>
        <source>Không cần gọi cán bộ dự phòng.</source>
        <translation>No reserve officer is needed.</translation>
    </message>
    <message>
        <source>Cán bộ dự phòng %1: gọi lúc %2, ra quầy %3h–%4h, lĩnh vực %5.</source>
        <translation>Reserve officer %1: call at %2, at the front %3h–%4h, fields %5.</translation>
    </message>
</context>
</TS>
