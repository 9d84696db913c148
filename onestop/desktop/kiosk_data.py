"""What the kiosk shows, read from the hub's catalogue (`GET /api/catalog`) and its answers.

Fields (lĩnh vực) are the catalogue's `fields` list with each service's `field`; a catalogue
without them (an older central) falls back to the counter groups, which are fields too. Every
text is the catalogue's own, in the kiosk's language with Vietnamese as the fallback; nothing
here computes a time or a wait (the catalogue and the hub say them once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from onestop.printing.checklist import ChecklistPrint
from onestop.queue.rules import Rules


@dataclass(frozen=True)
class Field:
    id: str
    name_vi: str
    name_en: str


def text(entry: dict, key: str, language: str) -> str:
    """entry's `key_<language>`, else its Vietnamese (the source language)."""
    return str(entry.get(f"{key}_{language}") or entry.get(f"{key}_vi") or "")


def texts(entry: dict, key: str, language: str) -> list[str]:
    values = entry.get(f"{key}_{language}") or entry.get(f"{key}_vi") or []
    return [str(v) for v in values] if isinstance(values, list) else []


class KioskCatalog:
    """The enabled services by field, in the catalogue's order."""

    def __init__(self, doc: dict) -> None:
        self.doc = doc
        self.services = [s for s in doc.get("services", [])
                         if isinstance(s, dict) and s.get("enabled", True)]
        self.by_code = {s["code"]: s for s in self.services}
        self.groups = {g["id"]: g for g in doc.get("groups", []) if isinstance(g, dict)}
        declared = [f for f in doc.get("fields") or [] if isinstance(f, dict) and f.get("id")]
        self.uses_fields = bool(declared) and all(s.get("field") for s in self.services)
        source = declared if self.uses_fields else list(self.groups.values())
        self.fields = [Field(str(f["id"]), str(f.get("name_vi") or f["id"]),
                             str(f.get("name_en") or f.get("name_vi") or f["id"]))
                       for f in source if self.services_in(str(f["id"]))]

    def field_of(self, service: dict) -> str:
        return str(service.get("field") if self.uses_fields else service.get("group"))

    def services_in(self, field_id: str) -> list[dict]:
        return [s for s in self.services if self.field_of(s) == field_id]

    def field_name(self, field_id: str, language: str = "vi") -> str:
        found = next((f for f in self.fields if f.id == field_id), None)
        if found is None:
            return field_id
        return found.name_en if language == "en" else found.name_vi


def local_now(clock=None) -> datetime:
    """The centre's local time for paper (the kiosk may run in another timezone)."""
    zone = ZoneInfo(Rules().timezone)
    return (clock() if clock else datetime.now(zone)).astimezone(zone).replace(tzinfo=None)


def checklist_print(catalog: KioskCatalog, service: dict, ward: dict,
                    printed_at: datetime) -> ChecklistPrint:
    """The checklist slip of one service: always Vietnamese, as every paper of the centre."""
    return ChecklistPrint(
        service_vi=str(service.get("name_vi", "")),
        field_vi=catalog.field_name(catalog.field_of(service), "vi"),
        printed_at=printed_at, ward_name=str(ward.get("name_vi") or ""),
        office_name=str(ward.get("office_name_vi") or ""),
        address=str(ward.get("address_vi") or ""),
        checklist=tuple(texts(service, "checklist", "vi")),
        fee_vi=str(service.get("fee_vi") or ""), time_vi=str(service.get("result_vi") or ""),
        legal_basis=tuple(str(x) for x in service.get("legal_basis_vi") or ()))


def ticket_state(ward: dict, now: datetime) -> dict:
    """What ticket_print_from reads from a hub state, for a kiosk that may not read the
    queue's state: the ward identity and the centre's UTC offset."""
    offset = ZoneInfo(Rules().timezone).utcoffset(now) if now.tzinfo is None else \
        now.astimezone(ZoneInfo(Rules().timezone)).utcoffset()
    return {"ward": ward, "utc_offset_minutes": int(offset.total_seconds() // 60),
            "counters": []}


def kind_for(code: str) -> str:
    """What a kiosk ticket is for: the two counter services say it; the rest are dossiers."""
    return {"local.guidance": "guidance", "local.result": "collect"}.get(code, "submit")
