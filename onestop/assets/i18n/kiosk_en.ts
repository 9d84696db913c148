<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>Kiosk</name>
    <message>
        <source>Đang lấy số…</source>
        <translation>Taking a number…</translation>
    </message>
    <message>
        <source>Máy in đang gặp sự cố, chưa in được danh mục giấy tờ. Mời Ông/Bà xem trên màn hình hoặc hỏi cán bộ tại quầy tiếp nhận.</source>
        <translation>The printer has a problem and could not print the list of documents. Please read it on the screen or ask an officer at reception.</translation>
    </message>
    <message>
        <source>Trang đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Ki-ốt tạm thời không kết nối được máy chủ. Mời Ông/Bà thử lại sau ít phút hoặc lấy số tại quầy tiếp nhận.</source>
        <translation>The kiosk cannot reach the server for the moment. Please try again in a few minutes or take a number at reception.</translation>
    </message>
    <message>
        <source>Kết quả cho: “{q}”</source>
        <translation>Results for: “{q}”</translation>
    </message>
    <message>
        <source>Chưa tìm được thủ tục phù hợp. Mời Ông/Bà chạm vào một lĩnh vực, hoặc hỏi cán bộ tại quầy tiếp nhận.</source>
        <translation>No matching procedure was found. Please tap a field, or ask an officer at reception.</translation>
    </message>
    <message>
        <source>Câu hỏi quá dài hoặc trống. Mời Ông/Bà gõ ngắn gọn hơn.</source>
        <translation>The question is empty or too long. Please type it more briefly.</translation>
    </message>
    <message>
        <source>Đang in danh mục giấy tờ…</source>
        <translation>Printing the list of documents…</translation>
    </message>
    <message>
        <source>Đã in phiếu. Mời Ông/Bà nhận phiếu.</source>
        <translation>Your ticket is printed. Please take it.</translation>
    </message>
    <message>
        <source>Đã in danh mục giấy tờ. Mời Ông/Bà nhận phiếu in.</source>
        <translation>The list of documents is printed. Please take it.</translation>
    </message>
    <message>
        <source>Ki-ốt tự phục vụ</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <source>Máy in đang gặp sự cố. Mời Ông/Bà ghi nhớ số {n} hoặc chụp ảnh màn hình; cán bộ tiếp nhận sẽ in lại phiếu.</source>
        <translation>The printer has a problem. Please remember number {n} or take a photo of the screen; reception will reprint your ticket.</translation>
    </message>
    <message>
        <source>{n} thủ tục</source>
        <translation>{n} procedures</translation>
    </message>
    <message>
        <source>Ông/Bà cần làm thủ tục gì?</source>
        <translation>What procedure do you need?</translation>
    </message>
    <message>
        <source>Gõ câu hỏi, ví dụ: làm giấy khai sinh cho con</source>
        <translation>Type a question, e.g.: register my child’s birth</translation>
    </message>
    <message>
        <source>Tìm</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Hoặc chạm vào lĩnh vực:</source>
        <translation>Or tap a field:</translation>
    </message>
    <message>
        <source>Đã đặt lịch hẹn trực tuyến? Quét mã QR hoặc gõ mã:</source>
        <translation>Booked online? Scan the QR code or type the code:</translation>
    </message>
    <message>
        <source>Mã đặt lịch, ví dụ 7K2M-9QX4-TPAB-XY3Z</source>
        <translation>Booking code, e.g. 7K2M-9QX4-TPAB-XY3Z</translation>
    </message>
    <message>
        <source>Nhận số</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <source>Giấy tờ cần chuẩn bị</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>Lấy số thứ tự</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <source>In danh mục giấy tờ</source>
        <translation>Print the list of documents</translation>
    </message>
    <message>
        <source>Số thứ tự của Ông/Bà</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <source>Không có ai chờ trước</source>
        <translation>Nobody is waiting before you</translation>
    </message>
    <message>
        <source>Mời Ông/Bà nhận phiếu và theo dõi màn hình gọi số.</source>
        <translation>Please take your ticket and watch the calling screen.</translation>
    </message>
    <message>
        <source>Mời Ông/Bà theo dõi màn hình gọi số.</source>
        <translation>Please watch the calling screen.</translation>
    </message>
    <message>
        <source>Mời Ông/Bà ghi nhớ số thứ tự và theo dõi màn hình gọi số.</source>
        <translation>Please remember your number and watch the calling screen.</translation>
    </message>
    <message>
        <source>Đang in phiếu…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <source>Về trang đầu</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>Hỏi cán bộ tại quầy tiếp nhận.</source>
        <translation>Ask an officer at reception.</translation>
    </message>
    <message>
        <source>Lĩnh vực: {f}</source>
        <translation>Field: {f}</translation>
    </message>
    <message>
        <source>Lệ phí: {x}</source>
        <translation>Fee: {x}</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết: {x}</source>
        <translation>Processing time: {x}</translation>
    </message>
    <message>
        <source>Căn cứ pháp lý:</source>
        <translation>Legal basis:</translation>
    </message>
    <message>
        <source>Còn {n} người chờ trước</source>
        <translation>{n} people waiting before you</translation>
    </message>
    <message>
        <source>hỏi cán bộ</source>
        <translation>ask an officer</translation>
    </message>
    <message>
        <source>Dự kiến chờ: {w}</source>
        <translation>Expected wait: {w}</translation>
    </message>
    <message>
        <source>Một số thông tin chưa được đối chiếu với văn bản gốc; mời Ông/Bà hỏi cán bộ tại quầy để chắc chắn.</source>
        <translation>Some details have not been checked against the original documents; please ask an officer at the counter to be sure.</translation>
    </message>
</context>
</TS>
