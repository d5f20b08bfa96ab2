"""Book a leg with the carrier so that it never ends up with two live waybills.

The order number is committed before the first call; a worker claims the leg with a
lease; no transaction stays open across a carrier call. A timeout never proves the
carrier did nothing: after any unknown outcome the leg keeps a reconcile deadline,
longer than the carrier's longest processing time. Before it, CreateOrder is not sent
again unless QueryOrder shows the order; after it, one QueryOrder settles which waybill
is live, and every other one is kept as an extra waybill until it is cancelled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from courier.domain.booking_options import keep_window_ahead
from courier.domain.errors import Conflict
from courier.domain.leg import Leg, LegStatus
from courier.domain.text import Text
from courier.domain.tracking import LegEventType as E
from courier.domain.tracking import follow_events, leg_event
from courier.domain.waybill import normalize_waybill_no
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
from courier.services import events
from courier.services.carrier_orders import order_request, routing_of
from courier.services.extra_waybills import cancel_due_extra_waybills
from courier.services.legs import require_leg
from courier.services.reconcile import reconcile_order
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookingPolicy:
    """How long a claim lasts and how long the carrier may still commit an order."""

    # Longer than one carrier call can take (connect + read timeouts), so that a lease
    # only expires when its worker is gone.
    lease: timedelta = timedelta(seconds=120)
    # Longer than the carrier's longest processing time of a CreateOrder.
    reconcile: timedelta = timedelta(seconds=600)


DEFAULT_POLICY = BookingPolicy()
LEASE = DEFAULT_POLICY.lease
AWAITING_CARRIER = Text("下单结果待确认：邮政暂未查到该订单，系统稍后将再次查询，确认后自动处理。")
WAYBILL_TAKEN = Text(
    "邮政返回的运单号已被其他运单使用，系统未采用并已申请作废该运单号；请联系邮政核实后再重新下单。"
)


_AWAITING_WAYBILL = (LegStatus.BOOKING, LegStatus.BOOKING_UNCERTAIN)


class Step(Enum):
    CREATE = "create"
    RESOLVE = "resolve"
    RECONCILE = "reconcile"
    VOID = "void"  # only extra waybills to cancel


@dataclass(frozen=True)
class Claim:
    step: Step
    order: OrderRequest
    may_resend: bool  # the reconcile deadline has passed (or never was)


def book_leg(
    uow: UnitOfWork,
    carrier: Carrier,
    clock: Clock,
    leg_id: int,
    policy: BookingPolicy = DEFAULT_POLICY,
) -> LegStatus:
    """Take one booking step for a leg and return its status afterwards."""
    claim = _claim(uow, clock, leg_id, policy)
    if claim is None:
        return _status(uow, leg_id)
    if claim.step is Step.RECONCILE:
        reconcile_order(uow, carrier, clock, leg_id, claim.order.logistics_order_no)
    elif claim.step is Step.CREATE or (
        claim.step is Step.RESOLVE and _resolve(uow, carrier, clock, leg_id, claim)
    ):
        _create(uow, carrier, clock, leg_id, claim.order, policy)
    cancel_due_extra_waybills(uow, carrier, clock, leg_id, release=claim.step is Step.VOID)
    return _status(uow, leg_id)


def _claim(uow: UnitOfWork, clock: Clock, leg_id: int, policy: BookingPolicy) -> Claim | None:
    now = clock.now()
    with uow:
        # Take the lease before loading, so what we read is what nobody else is changing.
        if not uow.legs.claim(leg_id, now, now + policy.lease):
            return None
        leg = require_leg(uow, leg_id)
        step = _next_step(leg, now)
        if step is None:
            leg.claimed_until = None
            uow.commit()
            return None
        if leg.status is LegStatus.BOOKING:
            # Its worker was lost mid-call: that call may still be committed by the carrier.
            leg.outcome_unknown(now + policy.reconcile)
        may_resend = leg.reconcile_after is None or leg.reconcile_after <= now
        if step is Step.RESOLVE and may_resend:
            # This claim may send again; a worker lost during that send leaves it unknown too.
            leg.outcome_unknown(now + policy.reconcile)
        if step in (Step.CREATE, Step.RESOLVE):
            _move_to_booking(leg, step)
            keep_window_ahead(leg, now)
        case = uow.cases.get_by_id(leg.case_id or 0)
        order = order_request(leg, case.case_number if case else "")
        uow.commit()
        return Claim(step, order, may_resend)


def _next_step(leg: Leg, now: datetime) -> Step | None:
    if leg.status in (LegStatus.DRAFT, LegStatus.QUEUED):
        return Step.CREATE if leg.reconcile_after is None else Step.RESOLVE
    # A BOOKING leg whose lease we could take lost its worker mid-call: its outcome is unknown.
    if leg.status in _AWAITING_WAYBILL:
        return Step.RESOLVE
    if leg.reconcile_due(now):
        return Step.RECONCILE
    return Step.VOID if leg.extra_waybills_due(now) else None


def _move_to_booking(leg: Leg, step: Step) -> None:
    uncertain = step is Step.RESOLVE and leg.status is LegStatus.BOOKING_UNCERTAIN
    leg.move_to(LegStatus.BOOKING_UNCERTAIN if uncertain else LegStatus.BOOKING)
    leg.booking_attempts += 1


def _create(
    uow: UnitOfWork,
    carrier: Carrier,
    clock: Clock,
    leg_id: int,
    order: OrderRequest,
    policy: BookingPolicy,
) -> None:
    try:
        booking = carrier.create_order(order)
    except CarrierError as error:
        unknown = _outcome_unknown(error)
        _failed(uow, clock, leg_id, error, clock.now() + policy.reconcile if unknown else None)
        return
    _record(uow, clock, leg_id, [booking])


def _outcome_unknown(error: CarrierError) -> bool:
    """Tell whether the carrier may have created the order despite the error."""
    if isinstance(error, CarrierOutcomeUnknown):
        return True
    return not isinstance(error, (CarrierBusinessError, CarrierUnavailable))


def _resolve(uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int, claim: Claim) -> bool:
    """Settle an unknown outcome; True when the carrier holds nothing and we may create."""
    try:
        bookings = carrier.query_order(claim.order.logistics_order_no)
    except CarrierError as error:
        _failed(uow, clock, leg_id, CarrierOutcomeUnknown(error.message, error.code), None)
        return False
    live = [b for b in bookings if not b.cancelled]
    if live:
        _record(uow, clock, leg_id, live)
        return False
    if claim.may_resend:
        return True
    _await_carrier(uow, clock, leg_id)
    return False


def _await_carrier(uow: UnitOfWork, clock: Clock, leg_id: int) -> None:
    with uow:
        leg = require_leg(uow, leg_id)
        before = leg.status
        leg.move_to(LegStatus.BOOKING_UNCERTAIN)
        leg.last_error = AWAITING_CARRIER
        events.record(uow, events.uncertain(leg, before, clock.now()))
        leg.claimed_until = None
        uow.commit()


def _record(uow: UnitOfWork, clock: Clock, leg_id: int, live: list[CarrierBooking]) -> None:
    """Keep one waybill for the leg and set every other aside to be cancelled."""
    now = clock.now()
    try:
        with uow:
            leg = require_leg(uow, leg_id)
            keep = next((b for b in live if b.waybill_no == leg.waybill_no), None)
            if leg.waybill_no is None and leg.status in _AWAITING_WAYBILL:
                keep = _take_free_waybill(uow, leg, live, now)
            for extra in [b for b in live if b is not keep]:
                leg.keep_extra_waybill(extra.waybill_no, now)
            leg.claimed_until = None
            uow.commit()
    except Conflict:
        # Another leg committed the same number between our check and our commit.
        _refuse_taken_waybill(uow, leg_id)


def _take_free_waybill(
    uow: UnitOfWork, leg: Leg, live: list[CarrierBooking], now: datetime
) -> CarrierBooking | None:
    """Record the first waybill no other leg holds; fail the booking if there is none."""
    assert leg.id is not None
    free = [
        b for b in live if not uow.legs.waybill_taken(normalize_waybill_no(b.waybill_no), leg.id)
    ]
    if not free:
        _refuse(leg)
        return None
    # Read before changing the leg: a query after it would flush the new number early,
    # outside the commit that turns a unique-constraint clash into a Conflict.
    stored = uow.tracking.events_for(normalize_waybill_no(free[0].waybill_no))
    leg.record_waybill(free[0].waybill_no, routing_of(free[0]), now)
    # events pushed before we knew this waybill was ours
    events.record(uow, [leg_event(leg, E.BOOKED, now), *follow_events(leg, stored, now)])
    return free[0]


def _refuse(leg: Leg) -> None:
    # The carrier re-issued a number: a carrier error staff must see, never a retry loop.
    log.warning("carrier returned a waybill already held by another leg (order %s)", leg.order_no)
    leg.move_to(LegStatus.BOOKING_FAILED)
    leg.last_error = WAYBILL_TAKEN


def _refuse_taken_waybill(uow: UnitOfWork, leg_id: int) -> None:
    """Fail the booking in a fresh transaction; only the leg's own columns change."""
    with uow:
        leg = require_leg(uow, leg_id)
        if leg.status in _AWAITING_WAYBILL:
            _refuse(leg)
        leg.claimed_until = None
        uow.commit()


def _failed(
    uow: UnitOfWork, clock: Clock, leg_id: int, error: CarrierError, deadline: datetime | None
) -> LegStatus:
    with uow:
        leg = require_leg(uow, leg_id)
        before = leg.status
        if deadline is not None:
            leg.outcome_unknown(deadline)
        if isinstance(error, CarrierBusinessError):
            leg.move_to(LegStatus.BOOKING_FAILED)
            leg.last_error = error.message
        elif isinstance(error, CarrierOutcomeUnknown):
            leg.move_to(LegStatus.BOOKING_UNCERTAIN)
            leg.last_error = Text("下单结果待确认：系统将向邮政查询后自动处理。")
        elif isinstance(error, CarrierUnavailable):
            leg.move_to(LegStatus.QUEUED)
            leg.last_error = Text("邮政系统暂时不可用，已排队，恢复后自动下单。")
        else:
            leg.move_to(LegStatus.BOOKING_UNCERTAIN)
            leg.last_error = Text("邮政返回了无法识别的应答，系统将查询后自动处理。")
        events.record(uow, events.uncertain(leg, before, clock.now()))
        leg.claimed_until = None
        uow.commit()
        return leg.status


def _status(uow: UnitOfWork, leg_id: int) -> LegStatus:
    with uow:
        return require_leg(uow, leg_id).status


def legs_to_sweep(uow: UnitOfWork, clock: Clock) -> list[int]:
    """Return the legs whose booking should be (re)tried, resolved or reconciled now."""
    with uow:
        return uow.legs.needing_booking(clock.now())
