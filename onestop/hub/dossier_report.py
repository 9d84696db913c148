"""The dossier lines of the daily report (docs/dossiers.md, "Apology"): what the register did
on one local day - dossiers received, results ready, results returned, apology slips - and the
dossiers overdue when the report is made. Counted from the register's history, so the report
and the boards say the same."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from onestop.queue import dossier as ds
from onestop.queue.numbering import service_day, zone

from .rows import utc_text
from .store import HubStore

ACTIONS_VI = (("received", "Hồ sơ tiếp nhận"), ("ready", "Hồ sơ đã có kết quả"),
              ("return", "Hồ sơ đã trả kết quả"),
              ("apology", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"))


def day_figures(store: HubStore, day: date) -> list[tuple[str, int]]:
    """(label, count) rows for `day`, the last one the dossiers overdue now."""
    tz = zone(store.rules.timezone)
    try:
        start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
        bounds = [utc_text(start), utc_text(start + timedelta(days=1))]
    except OverflowError:  # a report asked for year 1 or 9999: no dossier was touched then
        bounds = ["", ""]
    today = service_day(store.clock(), store.rules.timezone)
    with store.reading() as db:
        counts = dict(db.execute("SELECT action, count(*) FROM dossier_history WHERE at >= ? "
                                 "AND at < ? GROUP BY action", bounds).fetchall())
        waiting = (ds.RECEIVED, ds.PROCESSING, ds.SUPPLEMENT_REQUESTED)
        overdue = db.execute(f"SELECT count(*) FROM dossiers WHERE state IN "
                             f"({', '.join('?' * len(waiting))}) AND due_date < ?",
                             [*waiting, today.isoformat()]).fetchone()[0]
    return [(label, counts.get(action, 0)) for action, label in ACTIONS_VI] + [
        ("Hồ sơ quá hạn chưa có kết quả (lúc lập báo cáo)", overdue)]
