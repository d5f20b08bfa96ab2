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


PICKUP_CASE = "BJDC2026112600002"  # Beijing hall → Beijing exit-entry, result for window pickup
PICKUP_DEPARTMENT = "bj-churujing"


def account_id(app: Courier, username: str) -> int:
    with app.uow() as uow:
        account = uow.accounts.get_by_username(username)
        assert account is not None and account.id is not None
        return account.id


def _carry(app: Courier, case_number: str, kind: LegKind, waybill_no: str) -> str:
    """Book (by hand if nothing did) and deliver the case's live leg of this kind."""
    with app.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        leg = case.live_leg(kind)
        assert leg is not None
        if leg.waybill_no is None:
            if leg.status is not LegStatus.BOOKING:
                leg.move_to(LegStatus.BOOKING)
            leg.record_waybill(waybill_no, leg.routing, datetime.now(UTC))
        assert leg.waybill_no is not None
        leg.move_to(LegStatus.DELIVERED)
        uow.commit()
        return leg.waybill_no


def result_at_the_hall(app: Courier, case_number: str = PICKUP_CASE) -> str:
    """Take a window-pickup case through its round trip until the hall confirmed the result.

    Every step a person takes goes through its use case; only the carrier's part (booking
    and delivery) is done by hand. Returns the result's waybill number.
    """
    from courier.services import cases, legs, receipts
    from courier.services.commands import AdvanceCase, PlanLeg
    from courier.services.receipts import ConfirmReceipt

    hall, department = account_id(app, SENDER), account_id(app, PICKUP_DEPARTMENT)
    originals_confirmed(app, case_number, PICKUP_DEPARTMENT)
    for status in ("in_review", "decided"):
        step = AdvanceCase.parse({"status": status})
        with app.uow() as uow:
            current = uow.cases.get(case_number)
            assert current is not None
            if current.status.value == status:
                continue
        cases.advance_case(app.uow(), department, case_number, step, app.clock)
    legs.plan_leg(app.uow(), department, case_number, PlanLeg.parse({"kind": "result"}), app.clock)
    result = _carry(app, case_number, LegKind.RESULT, "1151238972012")
    receipts.confirm_receipt(app.uow(), hall, result, ConfirmReceipt.parse({}), app.clock)
    return result


def originals_confirmed(
    app: Courier, case_number: str, department: str, waybill_no: str = "1151238971060"
) -> str:
    """Send the case's originals (booking them if none is live) and confirm them in full.

    The hall books and the department confirms through their use cases; only the carrier's
    part is done by hand. Returns the originals' waybill number.
    """
    from courier.services import legs, receipts
    from courier.services.commands import PlanLeg
    from courier.services.receipts import ConfirmReceipt

    with app.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        live = case.live_leg(LegKind.ORIGINALS)
    if live is None:
        plan = PlanLeg.parse({"kind": "originals"})
        legs.plan_leg(app.uow(), account_id(app, SENDER), case_number, plan, app.clock)
    originals = _carry(app, case_number, LegKind.ORIGINALS, waybill_no)
    received = [{"material_id": i, "state": "received"} for i in material_ids(app, case_number)]
    command = ConfirmReceipt.parse({"items": received})
    receipts.confirm_receipt(app.uow(), account_id(app, department), originals, command, app.clock)
    return originals
