<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>DossierBoard</name>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Đến hạn trong 2 ngày làm việc</source>
        <translation>Due within 2 working days</translation>
    </message>
    <message>
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready, to collect</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hạn trả kết quả</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Hẹn lại</source>
        <translation>New date</translation>
    </message>
</context>
<context>
    <name>BoardDialog</name>
    <message>
        <source>Theo dõi hồ sơ</source>
        <translation>Dossier board</translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại…</source>
        <translation>Apologise and set a new date…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Hồ sơ {code}: đã có kết quả, chờ trả.</source>
        <translation>Dossier {code}: result ready, to collect.</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <source>Phiếu xin lỗi và hẹn lại ngày trả kết quả</source>
        <translation>Apology and new date for the result</translation>
    </message>
    <message>
        <source>Lý do chậm trả kết quả (bắt buộc)</source>
        <translation>Why the result is late (required)</translation>
    </message>
    <message>
        <source>Chỉ in trên phiếu, không lưu</source>
        <translation>Printed on the slip, not stored</translation>
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
        <source>Ngày hẹn mới</source>
        <translation>New date</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Họ và tên công dân</source>
        <translation>Citizen's full name</translation>
    </message>
    <message>
        <source>Ghi nhận và in phiếu</source>
        <translation>Record and print the slip</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Nhập lý do chậm trả kết quả.</source>
        <translation>Type why the result is late.</translation>
    </message>
    <message>
        <source>Đang tạo phiếu xin lỗi…</source>
        <translation>Making the apology slip…</translation>
    </message>
    <message>
        <source>Đang in phiếu xin lỗi…</source>
        <translation>Printing the apology slip…</translation>
    </message>
    <message>
        <source>Đã in phiếu xin lỗi, hẹn lại ngày {day}.</source>
        <translation>Apology slip printed; new date {day}.</translation>
    </message>
</context>
<context>
    <name>CollectPanel</name>
    <message>
        <source>Nhận kết quả: quét QR hoặc gõ mã hồ sơ</source>
        <translation>Collect a result: scan the QR or type the dossier code</translation>
    </message>
    <message>
        <source>Cấp số hướng dẫn</source>
        <translation>Issue a guidance number</translation>
    </message>
    <message>
        <source>Mã hồ sơ không đúng dạng (ví dụ CUANAM-261205-0007).</source>
        <translation>Not a dossier code (e.g. CUANAM-261205-0007).</translation>
    </message>
    <message>
        <source>Số {n}: nhận kết quả hồ sơ {code}.</source>
        <translation>Number {n}: collect the result of dossier {code}.</translation>
    </message>
</context>
<context>
    <name>CurrentPanel</name>
    <message>
        <source>Trả kết quả hồ sơ {code}</source>
        <translation>Result of dossier {code}</translation>
    </message>
</context>
<context>
    <name>WardTab</name>
    <message>
        <source>Hiện dải “Đã có kết quả” (mã hồ sơ chờ trả) trên màn hình chờ</source>
        <translation>Show the “Result ready” strip (dossier codes to collect) on the lobby display</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>và %1 hồ sơ khác</source>
        <translation>and %1 more</translation>
    </message>
</context>
</TS>
