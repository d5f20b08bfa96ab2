"""Book a leg with the carrier so that it never ends up with two live waybills.

The order number is committed before the first call; a worker claims the leg with a
lease; no transaction stays open across a carrier call; an unknown outcome is resolved
through QueryOrder before anything is sent again, and extra waybills are cancelled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from courier.domain.errors import NotFound
from courier.domain.leg import Leg, LegStatus
from courier.ports.carrier import (
    Carrier,
    CarrierBooking,
    CarrierBusinessError,
    CarrierError,
    CarrierOutcomeUnknown,
    CarrierUnavailable,
    OrderRequest,
)
from courier.ports.clock import Clock
from courier.services.carrier_orders import order_request, routing_of
from courier.services.legs import check_can_book
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

# Longer than one carrier call can take (connect + read timeouts), so that a lease
# only expires when its worker is gone.
LEASE = timedelta(minutes=2)
EXTRA_WAYBILL_REASON = "重复下单，系统自动取消多余运单"


_AWAITING_WAYBILL = (LegStatus.BOOKING, LegStatus.BOOKING_UNCERTAIN)


class Step(Enum):
    CREATE = "create"
    RESOLVE = "resolve"


@dataclass(frozen=True)
class Claim:
    step: Step
    order: OrderRequest


def book_leg(uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int) -> LegStatus:
    """Take one booking step for a leg and return its status afterwards."""
    claim = _claim(uow, clock, leg_id)
    if claim is None:
        return _status(uow, leg_id)
    if claim.step is Step.RESOLVE and not _resolve(uow, carrier, clock, leg_id, claim.order):
        return _status(uow, leg_id)
    try:
        booking = carrier.create_order(claim.order)
    except CarrierError as error:
        return _failed(uow, leg_id, error)
    return _record(uow, carrier, clock, leg_id, [booking])


def _claim(uow: UnitOfWork, clock: Clock, leg_id: int) -> Claim | None:
    now = clock.now()
    with uow:
        # Take the lease before loading, so what we read is what nobody else is changing.
        if not uow.legs.claim(leg_id, now, now + LEASE):
            return None
        leg = _get(uow, leg_id)
        step = _next_step(leg)
        if step is None:
            leg.claimed_until = None
            uow.commit()
            return None
        leg.move_to(LegStatus.BOOKING if step is Step.CREATE else LegStatus.BOOKING_UNCERTAIN)
        leg.booking_attempts += 1
        case = uow.cases.get_by_id(leg.case_id or 0)
        order = order_request(leg, case.case_number if case else "")
        uow.commit()
        return Claim(step, order)


def _next_step(leg: Leg) -> Step | None:
    if leg.status in (LegStatus.DRAFT, LegStatus.QUEUED):
        return Step.CREATE
    # A BOOKING leg whose lease we could take lost its worker mid-call: its outcome is unknown.
    if leg.status in (LegStatus.BOOKING, LegStatus.BOOKING_UNCERTAIN):
        return Step.RESOLVE
    return None


def _resolve(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int, order: OrderRequest
) -> bool:
    """Settle an unknown outcome; True when the carrier holds nothing and we may create."""
    try:
        bookings = carrier.query_order(order.logistics_order_no)
    except CarrierError as error:
        _failed(uow, leg_id, CarrierOutcomeUnknown(error.message, error.code))
        return False
    live = [b for b in bookings if not b.cancelled]
    if not live:
        return True
    _record(uow, carrier, clock, leg_id, live)
    return False


def _record(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int, live: list[CarrierBooking]
) -> LegStatus:
    """Keep one waybill for the leg and cancel any other the carrier created."""
    with uow:
        leg = _get(uow, leg_id)
        keep: CarrierBooking | None = next(
            (b for b in live if b.waybill_no == leg.waybill_no), live[0]
        )
        if leg.waybill_no is None and leg.status in _AWAITING_WAYBILL:
            assert keep is not None
            leg.record_waybill(keep.waybill_no, routing_of(keep), clock.now())
        elif leg.waybill_no is None:
            keep = None  # the leg was cancelled meanwhile: every waybill is extra
        leg.claimed_until = None
        uow.commit()
        status = leg.status
    for extra in [b for b in live if keep is None or b.waybill_no != keep.waybill_no]:
        _cancel_extra(carrier, extra)
    return status


def _cancel_extra(carrier: Carrier, booking: CarrierBooking) -> None:
    try:
        carrier.cancel_order(booking.logistics_order_no, booking.waybill_no, EXTRA_WAYBILL_REASON)
    except CarrierError as error:
        # The sweep finds it again through QueryOrder; the order number stays ours.
        log.warning(
            "extra waybill for order %s not cancelled: %s", booking.logistics_order_no, error.code
        )


def _failed(uow: UnitOfWork, leg_id: int, error: CarrierError) -> LegStatus:
    with uow:
        leg = _get(uow, leg_id)
        if isinstance(error, CarrierBusinessError):
            leg.move_to(LegStatus.BOOKING_FAILED)
            leg.last_error = error.message
        elif isinstance(error, CarrierOutcomeUnknown):
            leg.move_to(LegStatus.BOOKING_UNCERTAIN)
            leg.last_error = "下单结果待确认：系统将向邮政查询后自动处理。"
        elif isinstance(error, CarrierUnavailable):
            leg.move_to(LegStatus.QUEUED)
            leg.last_error = "邮政系统暂时不可用，已排队，恢复后自动下单。"
        else:
            leg.move_to(LegStatus.BOOKING_UNCERTAIN)
            leg.last_error = "邮政返回了无法识别的应答，系统将查询后自动处理。"
        leg.claimed_until = None
        uow.commit()
        return leg.status


def _get(uow: UnitOfWork, leg_id: int) -> Leg:
    leg = uow.legs.get(leg_id)
    if leg is None:
        raise NotFound("未找到该运单。", "leg_id")
    return leg


def _status(uow: UnitOfWork, leg_id: int) -> LegStatus:
    with uow:
        return _get(uow, leg_id).status


def legs_to_sweep(uow: UnitOfWork, clock: Clock) -> list[int]:
    """Return the legs whose booking should be (re)tried or resolved now."""
    with uow:
        return uow.legs.needing_booking(clock.now())


def retry_booking(uow: UnitOfWork, leg_id: int) -> None:
    """Put a leg whose booking the carrier refused back in the queue (after staff fixed it)."""
    with uow:
        _get(uow, leg_id).requeue_refused_booking()
        uow.commit()


def cancel_leg(uow: UnitOfWork, carrier: Carrier, leg_id: int, reason: str) -> LegStatus:
    """Cancel a leg; a booked one is cancelled with the carrier first, outside any transaction."""
    with uow:
        leg = _get(uow, leg_id)
        waybill_no, order_no = leg.waybill_no, leg.order_no
        if waybill_no is None:
            leg.cancel()
            uow.commit()
            return leg.status
        leg.check_cancellable()
    carrier.cancel_order(order_no, waybill_no, reason or "寄件方取消")
    with uow:
        leg = _get(uow, leg_id)
        leg.cancel()
        uow.commit()
        return leg.status


def cancel_leg_as(
    uow: UnitOfWork, carrier: Carrier, account_id: int, leg_id: int, reason: str
) -> LegStatus:
    """Cancel a leg for a staff member whose side sends it."""
    check_can_book(uow, account_id, leg_id)
    return cancel_leg(uow, carrier, leg_id, reason)


def retry_booking_as(uow: UnitOfWork, account_id: int, leg_id: int) -> None:
    """Queue a refused booking again for a staff member whose side sends it, and book it."""
    check_can_book(uow, account_id, leg_id)
    with uow:
        _get(uow, leg_id).requeue_refused_booking()
        uow.enqueue_after_commit("book_leg", leg_id=leg_id)
        uow.commit()
