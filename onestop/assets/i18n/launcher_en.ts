<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>LauncherSync</name>
    <message>
        <source>Chưa kết nối máy chủ trung tâm (onestop sync enrol): dữ liệu chỉ lưu trên máy này.</source>
        <translation>Not linked to a central server (onestop sync enrol): data stays on this PC only.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm không còn nhận khóa của hub này: cần đăng ký lại.</source>
        <translation>The central server no longer accepts this hub's key: enrol it again.</translation>
    </message>
    <message>
        <source>%1 sự kiện bị máy chủ từ chối (đã lưu riêng).</source>
        <translation>%1 events refused by the central server (kept aside).</translation>
    </message>
    <message>
        <source>Lần đồng bộ gần nhất: %1</source>
        <translation>Last synchronised: %1</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào.</source>
        <translation>Never synchronised yet.</translation>
    </message>
    <message>
        <source>Còn %1 sự kiện chờ gửi.</source>
        <translation>%1 events waiting to be sent.</translation>
    </message>
    <message>
        <source>Lỗi gần nhất: %1</source>
        <translation>Last error: %1</translation>
    </message>
</context>
<context>
    <name>LauncherWindow</name>
    <message>
        <source>onestop – Trình khởi chạy</source>
        <translation>onestop – Launcher</translation>
    </message>
    <message>
        <source>Chế độ một máy: máy chủ (hub) chạy ngay trên máy này. Đóng cửa sổ này sẽ dừng máy chủ.</source>
        <translation>Single-PC mode: the hub runs on this PC. Closing this window stops the hub.</translation>
    </message>
    <message>
        <source>Mở cửa sổ trạm</source>
        <translation>Open a station window</translation>
    </message>
    <message>
        <source>Kết nối máy khác</source>
        <translation>Other PCs</translation>
    </message>
    <message>
        <source>Máy khác trong mạng dùng địa chỉ này (quét mã QR). Ghép nối trạm mới bằng mã tạo trong cửa sổ Giám sát.</source>
        <translation>Other PCs on the network use this address (scan the QR). Pair a new station with a code from the Supervisor window.</translation>
    </message>
    <message>
        <source>Hiện chỉ máy này kết nối được (127.0.0.1). Bật tùy chọn dưới đây rồi khởi động lại onestop để máy khác trong mạng dùng địa chỉ này.</source>
        <translation>Only this PC can connect now (127.0.0.1). Tick the option below and restart onestop to let other PCs on the network use this address.</translation>
    </message>
    <message>
        <source>Cho phép máy khác trong mạng kết nối</source>
        <translation>Allow other PCs on the network to connect</translation>
    </message>
    <message>
        <source>Dữ liệu và đồng bộ</source>
        <translation>Data and sync</translation>
    </message>
    <message>
        <source>Thư mục dữ liệu</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Đồng bộ với máy chủ trung tâm</source>
        <translation>Sync with the central server</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Máy chủ (hub): đang chạy tại %1</source>
        <translation>Hub: running at %1</translation>
    </message>
    <message>
        <source>Máy chủ (hub): mất kết nối – đang kết nối lại…</source>
        <translation>Hub: connection lost – reconnecting…</translation>
    </message>
    <message>
        <source>Không có mã trạm cho %1 trong thư mục dữ liệu.</source>
        <translation>No station token for %1 in the data folder.</translation>
    </message>
    <message>
        <source>Cửa sổ này chưa có trong phiên bản này.</source>
        <translation>This window is not in this version yet.</translation>
    </message>
    <message>
        <source>Đã lưu ngôn ngữ. Cửa sổ trạm mở từ bây giờ dùng ngôn ngữ mới.</source>
        <translation>Language saved. Station windows opened from now on use it.</translation>
    </message>
    <message>
        <source>Đã lưu. Khởi động lại onestop để áp dụng.</source>
        <translation>Saved. Restart onestop to apply it.</translation>
    </message>
    <message>
        <source>Dừng onestop?</source>
        <translation>Stop onestop?</translation>
    </message>
    <message>
        <source>Đóng trình khởi chạy sẽ dừng máy chủ (hub) và mọi cửa sổ trạm, kể cả các máy khác đang kết nối. Tiếp tục?</source>
        <translation>Closing the launcher stops the hub and every station window, including the other PCs connected to it. Continue?</translation>
    </message>
    <message>
        <source>Dừng onestop</source>
        <translation>Stop onestop</translation>
    </message>
    <message>
        <source>Tiếp tục chạy</source>
        <translation>Keep running</translation>
    </message>
    <message>
        <source>Đang tạo mã trạm cho quầy mới, thử lại sau giây lát.</source>
        <translation>Making a station token for the new counter; try again in a moment.</translation>
    </message>
    <message>
        <source>Đã bỏ qua thiết lập ban đầu. Thêm cán bộ, sửa quầy và tên phường trong cửa sổ Quản trị.</source>
        <translation>First-run set-up skipped. Add officers, change counters and the ward's name in the Administration window.</translation>
    </message>
    <message>
        <source>Đã thiết lập xong. Cán bộ đăng nhập cửa sổ quầy bằng tên đăng nhập “%1” và mã PIN vừa đặt.</source>
        <translation>Set-up done. The officer signs in at a counter window with the user name “%1” and the PIN just chosen.</translation>
    </message>
</context>
<context>
    <name>StationButtons</name>
    <message>
        <source>Ki-ốt tự phục vụ</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <source>Tiếp nhận – cấp số</source>
        <translation>Reception – tickets</translation>
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
        <source>Cửa sổ quầy %1</source>
        <translation>Counter %1 window</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
</context>
</TS>
