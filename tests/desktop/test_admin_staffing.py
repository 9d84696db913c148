"""The day plan's settings in the admin window against a real hub on loopback (issue 19 part
3): a counter's "Có thể chuyển sang" saved with the counter, the reserve officers, target wait
and payout days saved whole, a refusal shown in place with nothing typed lost; screenshots."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.desktop.test_admin import SHOTS, WAIT, hub_get, open_window, rows, select

SCRATCH = Path(tempfile.gettempdir()) / "onestop-screenshots"  # for a person to look at


@pytest.fixture
def admin(qtbot, live_hub):
    window = open_window(qtbot, live_hub)
    yield window
    window.client.stop()


def tick(picker, name: str) -> None:
    items = [picker.list.item(i) for i in range(picker.list.count())]
    next(i for i in items if i.text() == name).setCheckState(Qt.CheckState.Checked)


def test_a_counter_may_be_moved_to_fields_the_admin_ticks(qtbot, admin, live_hub):
    tab = admin.counters
    admin.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 5 and bool(tab.groups), timeout=WAIT)
    select(tab.table, "1")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    dialog = tab.open_dialog(edit=True)
    tick(dialog.can_serve, "Bảo trợ xã hội")
    assert dialog.grab().save(str(SCRATCH / "admin-counter-can-serve.png"))
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        dialog.submit()
    assert hub_get(live_hub, "/api/staffing")["can_serve"] == {"1": ["social"]}
    qtbot.waitUntil(lambda: rows(tab.table)[0][6] == "Bảo trợ xã hội", timeout=WAIT)
    assert hub_get(live_hub, "/api/counters")[0]["skills"] == ["certification", "civil-status"]


def test_reserves_target_and_payout_days_saved_whole(qtbot, admin, live_hub):
    tab = admin.counters
    admin.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: bool(tab.groups) and tab.table.rowCount() == 5, timeout=WAIT)
    dialog = tab.open_staffing()
    reserve = dialog.open_reserve()
    reserve.submit()  # no field ticked: said in place, the dialog stays
    assert reserve.isVisible() and not reserve.error.isHidden()
    tick(reserve.fields, "Bảo trợ xã hội")
    tick(reserve.fields, "Hộ tịch")
    reserve.hours.setValue(2.5)
    reserve.submit()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text() == "Hộ tịch, Bảo trợ xã hội – tối đa 2,5 giờ, báo trước " \
        "10 phút"
    dialog.target.setValue(12)
    dialog.payout.setText("5, 40")  # the 40th: refused by the hub, shown, nothing lost
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=WAIT)
    assert dialog.error.text() == "Ngày chi trả trợ cấp: phải là số từ 1 đến 31"
    assert dialog.list.count() == 1
    assert hub_get(live_hub, "/api/staffing")["reserves"] == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "admin-staffing.png"))
    dialog.payout.setText("5, 10")
    with qtbot.waitSignal(dialog.sig_done, timeout=WAIT):
        dialog.submit()
    saved = hub_get(live_hub, "/api/staffing")
    assert saved["payout_days"] == [5, 10] and saved["target_wait_min"] == 12
    assert saved["reserves"] == [{"groups": ["civil-status", "social"], "max_hours": 2.5,
                                  "notice_min": 10.0}]
