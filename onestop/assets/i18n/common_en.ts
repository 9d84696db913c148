<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Mất kết nối với máy chủ (hub) – đang kết nối lại…</source>
        <translation>Lost the connection to the hub – reconnecting…</translation>
    </message>
</context>
</TS>
