<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Màn hình gọi số</source>
        <translation>Queue display</translation>
    </message>
    <message>
        <source>Xin kính chào quý công dân – vui lòng chờ đến lượt</source>
        <translation>Welcome – please wait for your number</translation>
    </message>
    <message>
        <source>Đang kết nối…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Thứ tự gọi: %1</source>
        <translation>Call order: %1</translation>
    </message>
    <message>
        <source>Số vừa gọi</source>
        <translation>Last calls</translation>
    </message>
    <message>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Ưu tiên tiếp nhận và giải quyết trước hồ sơ của người cao tuổi từ 75 tuổi, phụ nữ mang thai, người khuyết tật, người có công với cách mạng. Quý công dân vui lòng giữ trật tự, theo dõi số thứ tự trên màn hình và đến đúng quầy khi được mời.</source>
        <translation>Priority is given to people aged 75 and over, pregnant women, people with disabilities and people with merit to the revolution. Please keep order, watch your number on the screen and go to the counter shown when you are called.</translation>
    </message>
    <message>
        <source>Chưa có quầy nào mở</source>
        <translation>No counter is open yet</translation>
    </message>
    <message>
        <source>đang phục vụ</source>
        <translation>being served</translation>
    </message>
    <message>
        <source>mời đến quầy</source>
        <translation>please come to the counter</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Sẵn sàng tiếp nhận</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>%1 người chờ</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>Hiện không có người chờ – mời quý công dân lấy số</source>
        <translation>Nobody is waiting – please take a number</translation>
    </message>
    <message>
        <source>Quầy %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <source>sắp đến lượt</source>
        <translation>almost your turn</translation>
    </message>
    <message>
        <source>khoảng %1 phút</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <source>khoảng %1–%2 phút</source>
        <translation>about %1–%2 min</translation>
    </message>
    <message>
        <source>Mời số %1 đến %2</source>
        <translation>Number %1, please go to %2</translation>
    </message>
    <message>
        <source>(gọi lại)</source>
        <translation>(recalled)</translation>
    </message>
</context>
</TS>
