<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>SlipDialog</name>
    <message>
        <source>Phiếu hẹn trả kết quả</source>
        <translation>Appointment slip</translation>
    </message>
    <message>
        <source>Họ và tên người nộp hồ sơ</source>
        <translation>Full name of the person submitting</translation>
    </message>
    <message>
        <source> ngày làm việc</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>Trong ngày</source>
        <translation>Same day</translation>
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
        <source>Trả kết quả sau</source>
        <translation>Result after</translation>
    </message>
    <message>
        <source>In phiếu hẹn</source>
        <translation>Print the slip</translation>
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
        <source>Đang tạo phiếu hẹn…</source>
        <translation>Making the slip…</translation>
    </message>
    <message>
        <source>Đang in phiếu hẹn…</source>
        <translation>Printing the slip…</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Phiếu hẹn</source>
        <translation>Slip</translation>
    </message>
</context>
</TS>
