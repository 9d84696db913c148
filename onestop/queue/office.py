"""The office's name (docs/glossary.md, "the office"): one rule for every ticket, page, display,
slip and report.

Since 1 July 2025 (Decree 118/2025/NĐ-CP) a ward's one-stop office is the "Trung tâm Phục vụ
hành chính công phường …". A ward sets its own name in the admin window (Phường và giờ làm
việc) or at first-run set-up; left empty, the name follows the ward's: "Phường Cửa Nam" gives
"Trung tâm Phục vụ hành chính công phường Cửa Nam". With no ward name at all it is the generic
"Bộ phận Một cửa".
"""

from __future__ import annotations

GENERIC_VI = "Bộ phận Một cửa"
GENERIC_EN = "One-stop service centre"
CENTRE_VI = "Trung tâm Phục vụ hành chính công"
CENTRE_EN = "Public Administrative Service Centre"
# The local units a ward name starts with; inside a name they are written in lower case.
UNITS_VI = ("phường", "xã", "đặc khu", "thị trấn")


def default_office_name(ward_vi: str, ward_en: str = "") -> tuple[str, str]:
    """(Vietnamese, English) office name for a ward called `ward_vi` / `ward_en`."""
    ward_vi, ward_en = " ".join(ward_vi.split()), " ".join(ward_en.split())
    if not ward_vi:
        vi = GENERIC_VI
    else:
        lower = ward_vi.lower()
        unit = next((u for u in UNITS_VI if lower.startswith(u + " ")), None)
        vi = f"{CENTRE_VI} {unit}{ward_vi[len(unit):]}" if unit else f"{CENTRE_VI} {ward_vi}"
    en = f"{CENTRE_EN}, {ward_en}" if ward_en else (GENERIC_EN if not ward_vi else CENTRE_EN)
    return vi, en


def office_name(ward: dict, lang: str = "vi") -> str:
    """The office name of a ward identity (`GET /api/ward`, the state's `ward`): the one it
    saved, else the default from its name."""
    vi, en = default_office_name(ward.get("name_vi") or "", ward.get("name_en") or "")
    if lang == "en":
        return ward.get("office_name_en") or en
    return ward.get("office_name_vi") or vi
