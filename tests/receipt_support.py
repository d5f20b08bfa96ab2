"""Bring a demo parcel to the receiving side, for the receipt tests of every tier."""

from __future__ import annotations

from datetime import UTC, datetime

from courier.bootstrap import Courier
from courier.domain.leg import LegKind, LegStatus

CASE = "BJDC2026112600001"  # Beijing hall → Hangzhou civil affairs, originals planned
RECEIVER = "hz-minzheng"  # staff of the destination department
OTHER_DEPARTMENT = "bj-churujing"
SENDER = "bj-window"


def deliver_originals(app: Courier, case_number: str = CASE, waybill_no: str = "") -> str:
    """Mark the case's originals leg delivered by the carrier; return its waybill number."""
    with app.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None
        if leg.waybill_no is None:  # nothing booked it (no worker): book it by hand
            leg.move_to(LegStatus.BOOKING)
            leg.record_waybill(waybill_no or "1151238971060", leg.routing, datetime.now(UTC))
        assert leg.waybill_no is not None
        leg.move_to(LegStatus.DELIVERED)
        uow.commit()
        return leg.waybill_no


def material_ids(app: Courier, case_number: str = CASE) -> list[int]:
    """Return the ids of the materials on the case's originals leg."""
    with app.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None
        return [m.id for m in leg.materials if m.id is not None]
