"""The receipt and the apology slip of a dossier, filled from the register (the due date, code
and check come from the hub; the citizen's name and phone are printed, never stored)."""

from __future__ import annotations

from datetime import date, datetime

from onestop.printing.apology import ApologyData, render_apology
from onestop.printing.slip import SlipData, render_slip
from onestop.queue.appointment import collect_at
from onestop.queue.errors import InvalidRequest
from onestop.queue.numbering import zone


def _service(hub, row: dict):
    return hub.store.catalog.service(row["service"])


def receipt_pdf(hub, row: dict, url: str, citizen_name: str, phone: str, officer: str) -> bytes:
    received = datetime.fromisoformat(row["received_at"]).astimezone(
        zone(hub.store.rules.timezone)).replace(tzinfo=None)
    service = _service(hub, row)
    due = date.fromisoformat(row["due_date"])
    return render_slip(SlipData(
        ward_name=hub.ward_name_vi, office_name=hub.office_name_vi,
        citizen_name=" ".join(citizen_name.split()), service_vi=service.name_vi,
        deadline_vi=service.result_vi, dossier_code=row["code"], check=row["check_digits"],
        received_at=received, return_at=collect_at(due, received, hub.opening_hours),
        officer=officer, url=url, phone=phone.strip(),
        official_code=row["official_code"] or ""))


def apology_pdf(hub, row: dict, history: list[dict], citizen_name: str, officer: str) -> bytes:
    apologies = [h for h in history if h["action"] == "apology"]
    if not row["apology_due_date"] or not apologies:
        raise InvalidRequest("no_apology", "record the apology (new date and reason) first",
                             "Cần ghi nhận lời xin lỗi (ngày hẹn mới và lý do) trước")
    tz = zone(hub.store.rules.timezone)
    return render_apology(ApologyData(
        ward_name=hub.ward_name_vi, office_name=hub.office_name_vi,
        dossier_code=row["code"], citizen_name=" ".join(citizen_name.split()),
        service_vi=_service(hub, row).name_vi,
        received_on=datetime.fromisoformat(row["received_at"]).astimezone(tz).date(),
        due_date=date.fromisoformat(row["due_date"]),
        new_due_date=date.fromisoformat(row["apology_due_date"]),
        reason=apologies[-1]["reason"] or "", officer=officer,
        written_on=datetime.fromisoformat(apologies[-1]["at"]).astimezone(tz).date()))
