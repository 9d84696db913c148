"""Plain data helpers of the counter window: the catalogue as the hub sent it, the hub's clock
and the centre's local time. No Qt here, so the rules are easy to read and test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from onestop.queue.catalog import public_code


class DeskCatalog:
    """The catalogue from `GET /api/catalog`, looked up by code and id in one language."""

    def __init__(self, data: dict, language: str = "vi") -> None:
        self.language = "en" if language == "en" else "vi"
        self.groups = list(data.get("groups", []))
        self._groups = {g["id"]: g for g in self.groups}
        self._services = {s["code"]: s for s in data.get("services", [])}
        self._priority = {p["id"]: p for p in data.get("priority_categories", [])}

    def _name(self, item: dict | None, fallback: str) -> str:
        if not item:
            return fallback
        return item.get(f"name_{self.language}") or item.get("name_vi") or fallback

    def service_name(self, code: str) -> str:
        """The procedure's name; a code no longer in the catalogue shows as itself, except a
        centre's internal `local.` code, which people never see."""
        return self._name(self._services.get(code), public_code(code))

    def group_name(self, group_id: str) -> str:
        return self._name(self._groups.get(group_id), group_id)

    def priority_name(self, category: str) -> str:
        return self._name(self._priority.get(category), category)

    def checklist(self, code: str) -> list[str]:
        service = self._services.get(code) or {}
        return list(service.get(f"checklist_{self.language}") or service.get("checklist_vi") or [])

    def fee(self, code: str) -> str:
        service = self._services.get(code) or {}
        return service.get(f"fee_{self.language}") or service.get("fee_vi") or ""

    def result(self, code: str) -> str:
        service = self._services.get(code) or {}
        return service.get(f"result_{self.language}") or service.get("result_vi") or ""

    def unit(self, code: str) -> str:
        service = self._services.get(code) or {}
        return service.get(f"unit_{self.language}") or service.get("unit_vi") or ""


class HubClock:
    """The hub's time as seen from this PC: waiting times are measured against the hub's
    clock (which stamped the tickets), so a station PC whose clock is off still shows the
    right minutes. The offset is refreshed with every state snapshot."""

    def __init__(self) -> None:
        self.skew = timedelta(0)
        self.utc_offset = timedelta(hours=7)  # Asia/Ho_Chi_Minh until the hub says otherwise

    def update(self, state: dict) -> None:
        if state.get("now"):
            self.skew = parse_time(state["now"]) - datetime.now(UTC)
        if "utc_offset_minutes" in state:
            self.utc_offset = timedelta(minutes=int(state["utc_offset_minutes"]))

    def now(self) -> datetime:
        return datetime.now(UTC) + self.skew

    def minutes_since(self, iso: str | None) -> int | None:
        if not iso:
            return None
        return max(0, int((self.now() - parse_time(iso)).total_seconds() // 60))

    def local_hhmm(self, iso: str | None) -> str:
        if not iso:
            return ""
        return (parse_time(iso).astimezone(UTC) + self.utc_offset).strftime("%H:%M")


def parse_time(iso: str) -> datetime:
    value = datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def concerns_counter(event: dict, number: int, skills: list[str]) -> bool:
    """Could this event change what the counter would call next (its backlog)?"""
    data = event.get("data") or {}
    ticket = data.get("ticket")
    if ticket is None:
        counter = data.get("counter") or {}
        return event.get("type", "").startswith("counter.") and counter.get("number") == number
    return (ticket.get("group") in skills or data.get("from_group") in skills
            or ticket.get("assigned_counter") == number)


def concerns_parked(event: dict, number: int, parked_ids: set[str]) -> bool:
    """Could this event add or remove one of this counter's parked tickets? (Another counter
    may call a parked citizen back, so a ticket already in the list counts too.)"""
    ticket = (event.get("data") or {}).get("ticket") or {}
    return (event.get("type") in ("ticket.parked", "ticket.returned", "ticket.transferred",
                                  "ticket.cancelled")
            and (ticket.get("counter") == number or ticket.get("id") in parked_ids))
