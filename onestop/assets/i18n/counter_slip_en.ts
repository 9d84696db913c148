<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>SlipDialog</name>
    <message>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Dossier receipt and result appointment</translation>
    </message>
    <message>
        <source>Họ và tên người nộp hồ sơ (chỉ in, không lưu)</source>
        <translation>Full name of the person submitting (printed, not stored)</translation>
    </message>
    <message>
        <source>Nếu có, theo Hệ thống một cửa điện tử</source>
        <translation>If any, from the city's one-stop system</translation>
    </message>
    <message>
        <source>Máy chủ tính theo ngày làm việc</source>
        <translation>Counted by the hub in working days</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Mã hồ sơ một cửa</source>
        <translation>One-stop system code</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Hạn trả kết quả</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Tiếp nhận và in giấy hẹn</source>
        <translation>Receive and print the receipt</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chưa có công dân tại quầy.</source>
        <translation>No citizen at the counter.</translation>
    </message>
    <message>
        <source>Nhập họ tên người nộp hồ sơ.</source>
        <translation>Enter the name of the person submitting.</translation>
    </message>
    <message>
        <source>Đang tiếp nhận hồ sơ…</source>
        <translation>Recording the dossier…</translation>
    </message>
    <message>
        <source>{code} – mã kiểm tra {check}</source>
        <translation>{code} – check number {check}</translation>
    </message>
    <message>
        <source>Đang tạo giấy tiếp nhận…</source>
        <translation>Making the receipt…</translation>
    </message>
    <message>
        <source>In lại giấy hẹn</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Đang in giấy tiếp nhận…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <source>Máy in giấy hẹn</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>The system&apos;s default printer</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Phiếu hẹn (Ctrl+H)</source>
        <translation>Receipt (Ctrl+H)</translation>
    </message>
</context>
</TS>
