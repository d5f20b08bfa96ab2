"""What anyone holding a waybill number may see: status and carrier events, no person."""

from __future__ import annotations

from dataclasses import dataclass

from courier.domain.errors import NotFound
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES
from courier.domain.waybill import normalize_waybill_no
from courier.ports.carrier import TraceEvent
from courier.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class PublicTrack:
    waybill_no: str
    kind_name: str
    status_name: str
    note: str
    destination: str
    events: list[TraceEvent]


def track_waybill(uow: UnitOfWork, waybill_no: str) -> PublicTrack:
    """Return the public view of one waybill, or NotFound."""
    number = normalize_waybill_no(waybill_no)
    with uow:
        leg = uow.legs.get_by_waybill(number)
        if leg is None:
            raise NotFound("未找到该运单号。", "waybill_no")
        address = leg.receiver.address
        events = sorted(uow.tracking.events_for(number), key=lambda e: e.op_time, reverse=True)
        return PublicTrack(
            number,
            LEG_KIND_NAMES[leg.kind],
            STATUS_NAMES[leg.status],
            leg.tracking_note,
            f"{address.province}{address.city}",
            events,
        )
