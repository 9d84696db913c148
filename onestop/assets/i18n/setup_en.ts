<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>SetupDialog</name>
    <message>
        <source>Thiết lập ban đầu – onestop</source>
        <translation>First-run set-up – onestop</translation>
    </message>
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
        <source>Ví dụ: 35 Hàng Bông, Hà Nội</source>
        <translation>e.g. 35 Hàng Bông, Hà Nội</translation>
    </message>
    <message>
        <source>Ví dụ: 35 Hang Bong, Hanoi</source>
        <translation>e.g. 35 Hang Bong, Hanoi</translation>
    </message>
    <message>
        <source>&amp;Số quầy</source>
        <translation>&amp;Counters</translation>
    </message>
    <message>
        <source>Làn &amp;nhanh (ưu tiên việc đơn giản)</source>
        <translation>&amp;Fast lane (simple jobs first)</translation>
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
        <source>Ví dụ: lan.nguyen</source>
        <translation>e.g. lan.nguyen</translation>
    </message>
    <message>
        <source>Ví dụ: Nguyễn Thị Lan</source>
        <translation>e.g. Nguyễn Thị Lan</translation>
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
        <source>&amp;Bỏ qua</source>
        <translation>&amp;Skip</translation>
    </message>
    <message>
        <source>Thiết lập sau trong cửa sổ Quản trị</source>
        <translation>Set up later in the Administration window</translation>
    </message>
    <message>
        <source>&amp;Quay lại</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>&amp;Tiếp theo</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>&amp;Hoàn tất</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Tên và địa chỉ phường</source>
        <translation>Ward name and address</translation>
    </message>
    <message>
        <source>Các quầy</source>
        <translation>Counters</translation>
    </message>
    <message>
        <source>Cán bộ đầu tiên</source>
        <translation>First officer</translation>
    </message>
    <message>
        <source>In trên phiếu số và hiện trên màn hình phòng chờ.</source>
        <translation>Printed on tickets and shown on the lobby display.</translation>
    </message>
    <message>
        <source>Lấy sẵn từ cấu hình mẫu của trung tâm: chọn số quầy, sửa nhãn, lĩnh vực và làn nhanh của từng quầy.</source>
        <translation>Taken from the centre's sample layout: choose how many counters, and each one's labels, fields and fast lane.</translation>
    </message>
    <message>
        <source>Cán bộ đăng nhập cửa sổ quầy bằng tên đăng nhập và mã PIN này. Thêm cán bộ khác sau trong cửa sổ Quản trị.</source>
        <translation>Officers sign in at a counter window with this user name and PIN. Add more officers later in the Administration window.</translation>
    </message>
    <message>
        <source>Bước %1/%2: %3</source>
        <translation>Step %1/%2: %3</translation>
    </message>
    <message>
        <source>Quầy %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <source>Nhập tên phường bằng tiếng Việt và tiếng Anh.</source>
        <translation>Enter the ward's name in Vietnamese and in English.</translation>
    </message>
    <message>
        <source>Quầy %1 cần nhãn tiếng Việt, nhãn tiếng Anh và ít nhất một lĩnh vực.</source>
        <translation>Counter %1 needs a Vietnamese label, an English label and at least one field.</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>Tên đơn vị &amp;một cửa (tiếng Việt)</source>
        <translation>One-stop &amp;office name (Vietnamese)</translation>
    </message>
    <message>
        <source>Tên đơn vị một cửa (tiếng Anh)</source>
        <translation>One-stop office name (English)</translation>
    </message>
</context>
</TS>
