<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <source>Cài đặt máy in</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <source>Giấy cuộn 58 mm</source>
        <translation>58 mm roll</translation>
    </message>
    <message>
        <source>In phiếu khi cấp số</source>
        <translation>Print a ticket when issuing</translation>
    </message>
    <message>
        <source>In thử</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>In lại số vừa rồi</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Đang gửi trang in thử…</source>
        <translation>Sending a test page…</translation>
    </message>
    <message>
        <source>Đã gửi số {n} tới máy in {p}.</source>
        <translation>Ticket {n} sent to printer {p}.</translation>
    </message>
    <message>
        <source>Không lưu được cài đặt: {e}</source>
        <translation>Could not save the settings: {e}</translation>
    </message>
</context>
</TS>
