"""Staff actions on a leg's booking: cancel it, or queue again a booking the carrier refused."""

from __future__ import annotations

from datetime import datetime

from courier.domain.audit import AuditAction
from courier.domain.errors import NotFound, RuleViolation
from courier.domain.leg import STATUS_NAMES, Leg, LegStatus
from courier.domain.text import Text
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.carrier import Carrier
from courier.ports.clock import Clock
from courier.services import audit, events
from courier.services.cases import actor, load_case
from courier.services.legs import check_can_book, load_leg, require_leg
from courier.services.unit_of_work import UnitOfWork


def retry_booking(uow: UnitOfWork, leg_id: int) -> None:
    """Put a leg whose booking the carrier refused back in the queue (after staff fixed it)."""
    with uow:
        require_leg(uow, leg_id).requeue_refused_booking()
        uow.commit()


def cancel_leg(
    uow: UnitOfWork, carrier: Carrier, leg_id: int, reason: str, at: datetime,
    who: int | None = None,
) -> LegStatus:  # fmt: skip
    """Cancel a leg; a booked one is cancelled with the carrier first, outside any transaction.

    The cancellation, its time and its reason go into the leg's events (the case's history).
    """
    with uow:
        leg = require_leg(uow, leg_id)
        waybill_no, order_no = leg.waybill_no, leg.order_no
        if waybill_no is None:
            return _cancelled(uow, leg, reason, at, who)
        leg.check_cancellable()
    carrier.cancel_order(order_no, waybill_no, reason or "寄件方取消")  # said as is: to the carrier
    with uow:
        return _cancelled(uow, require_leg(uow, leg_id), reason, at, who)


def _cancelled(uow: UnitOfWork, leg: Leg, reason: str, at: datetime, who: int | None) -> LegStatus:
    leg.cancel()
    events.record(uow, [leg_event(leg, LegEventType.CANCELLED, at, reason)])
    audit.record_leg(uow, AuditAction.LEG_CANCELLED, who, leg)
    uow.commit()
    return leg.status


def cancel_leg_as(
    uow: UnitOfWork,
    carrier: Carrier,
    account_id: int,
    leg_id: int,
    reason: str,
    at: datetime,
) -> LegStatus:
    """Cancel a leg for a staff member whose side sends it."""
    check_can_book(uow, account_id, leg_id)
    return cancel_leg(uow, carrier, leg_id, reason, at, account_id)


def cancel_case_leg(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, account_id: int, case_number: str,
    leg_id: int, reason: str,
) -> LegStatus:  # fmt: skip
    """Cancel a leg of this very case from its page, keeping when and why in its events."""
    cancellable_leg(uow, account_id, case_number, leg_id)
    return cancel_leg(uow, carrier, leg_id, reason, clock.now(), account_id)


def retry_case_leg(uow: UnitOfWork, account_id: int, case_number: str, leg_id: int) -> None:
    """Queue again the refused booking of a leg of this very case, from its page."""
    case_leg(uow, account_id, case_number, leg_id)
    retry_booking_as(uow, account_id, leg_id)


def case_leg(uow: UnitOfWork, account_id: int, case_number: str, leg_id: int) -> Leg:
    """Load a leg of this very case that this staff member's side sends, or say why not."""
    with uow:
        account = actor(uow, account_id)
        case, leg = load_case(uow, account, case_number), load_leg(uow, account, leg_id)
    if leg.case_id != case.id:
        raise NotFound(Text("未找到该运单。"), "leg_id")
    return check_can_book(uow, account_id, leg_id)


def cancellable_leg(uow: UnitOfWork, account_id: int, case_number: str, leg_id: int) -> Leg:
    """Load a leg of the case that this staff member may cancel now, or say why not."""
    leg = case_leg(uow, account_id, case_number, leg_id)
    if not leg.can_cancel():
        raise RuleViolation(
            Text(
                "运单处于“{status}”状态，已不能取消。邮件已交邮的，请联系邮政揽投员拦截或按退回处理。",
                status=STATUS_NAMES[leg.status],
            ),
            "status",
        )
    return leg


def retry_booking_as(uow: UnitOfWork, account_id: int, leg_id: int) -> None:
    """Queue a refused booking again for a staff member whose side sends it, and book it."""
    check_can_book(uow, account_id, leg_id)
    with uow:
        leg = require_leg(uow, leg_id)
        leg.requeue_refused_booking()
        uow.enqueue_after_commit("book_leg", leg_id=leg_id)
        audit.record_leg(uow, AuditAction.LEG_RETRIED, account_id, leg)
        uow.commit()
