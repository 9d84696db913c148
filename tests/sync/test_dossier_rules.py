"""Central's dossier rules (issue 17) by property: timeliness against an independent oracle
(local day by a fixed +7 h offset and plain comparisons), and the dossier code parser against
a hand-written grammar check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from onestop.sync.central.dossiers import STATES, parse_dossier_code, timeliness

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(UTC))
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


def _oracle(state: str, due: date, ready: datetime | None, returned: datetime | None,
            today: date) -> str | None:
    finish = ready or returned
    if finish is not None:
        local = (finish + timedelta(hours=7)).date()  # Vietnam: UTC+7 all year
        if local < due:
            return "early"
        return "on_time" if local == due else "late"
    if state in ("received", "processing") and today > due:
        return "overdue"
    return None


@given(st.sampled_from(STATES), days, st.none() | moments, st.none() | moments, days)
def test_timeliness_matches_the_oracle(state, due, ready, returned, today):
    row = SimpleNamespace(state=state, due_date=due.isoformat(),
                          ready_at=ready.isoformat() if ready else None,
                          returned_at=returned.isoformat() if returned else None)
    assert timeliness(row, today, HANOI) == _oracle(state, due, ready, returned, today)


def _grammar(text: str) -> bool:
    parts = text.strip().upper().split("-")
    if len(parts) != 3 or len(text) > 40:
        return False
    ward, day, seq = parts
    if not (2 <= len(ward) <= 8 and all(c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                        for c in ward)):
        return False
    if not (len(day) == 6 and day.isascii() and day.isdigit() and len(seq) == 4
            and seq.isascii() and seq.isdigit()):
        return False
    try:
        date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
    except ValueError:
        return False
    return True


codes = st.builds(lambda w, d, n, sep: f"{w}{sep}{d:%y%m%d}{sep}{n:04d}",
                  st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abc", min_size=1, max_size=9),
                  days, st.integers(0, 9999), st.sampled_from(["-", "-", "_"]))


@given(codes | st.text(max_size=30))
def test_dossier_code_parser_matches_the_grammar(text):
    parsed = parse_dossier_code(text)
    assert (parsed is not None) == _grammar(text)
    if parsed is not None:
        assert parsed == text.strip().upper()
