"""Booking never leaves a leg with two live waybills, whatever the carrier does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.errors import RuleViolation
from courier.domain.leg import LegStatus
from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierUnavailable,
)
from courier.ports.clock import FixedClock
from courier.services.booking import (
    DEFAULT_POLICY,
    LEASE,
    book_leg,
    legs_to_sweep,
)
from courier.services.leg_actions import cancel_leg, retry_booking
from integrations.carrier.fake import FakeCarrier, OnDuplicate
from tests import factories
from tests.fakes import FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    return uow


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(factories.NOW)


def live_waybills(carrier: FakeCarrier) -> list[str]:
    return [b.waybill_no for bs in carrier.orders.values() for b in bs if not b.cancelled]


def test_booking_records_the_waybill_and_routing(uow: FakeUnitOfWork, clock: FixedClock) -> None:
    carrier = FakeCarrier()
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    leg = uow.legs.get(1)
    assert leg.waybill_no == live_waybills(carrier)[0]
    assert leg.routing.route_code == "010-A01"
    assert leg.claimed_until is None and leg.booked_at == factories.NOW


def test_the_order_carries_full_data_and_the_case_number_only_in_remark(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    book_leg(uow, carrier, clock, 1)
    order = carrier.calls[0].arguments["order"]
    assert (order.receiver.mobile, order.receiver.phone) == ("", "057187654321")
    assert order.sender.mobile == "13800138000"
    assert order.remark == "办件 BJ2026112600001"
    assert [c.name for c in order.cargo] == ["户口簿"]


def test_a_booked_leg_is_not_booked_again(uow: FakeUnitOfWork, clock: FixedClock) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    book_leg(uow, carrier, clock, 1)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert carrier.operations() == ["create_order"]


def test_business_error_fails_the_booking_with_the_message_for_staff(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierBusinessError("收件人地址不完整", code="B0001"))
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_FAILED
    assert uow.legs.get(1).last_error == "收件人地址不完整"
    assert legs_to_sweep(uow, clock) == []
    retry_booking(uow, 1)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED


def test_carrier_unavailable_queues_the_booking_until_it_recovers(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierUnavailable("down"))
    assert book_leg(uow, carrier, clock, 1) is LegStatus.QUEUED
    assert legs_to_sweep(uow, clock) == [1]
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED


@pytest.mark.parametrize("duplicates", list(OnDuplicate))
def test_timeout_after_the_order_was_created_is_resolved_without_a_second_waybill(
    uow: FakeUnitOfWork, clock: FixedClock, duplicates: OnDuplicate
) -> None:
    carrier = FakeCarrier(on_duplicate=duplicates)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"), after_commit=True)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    assert legs_to_sweep(uow, clock) == [1]
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert carrier.operations() == ["create_order", "query_order"]
    assert live_waybills(carrier) == [uow.legs.get(1).waybill_no]


def test_unknown_outcome_where_nothing_was_created_books_once_after_the_deadline(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("reset before the carrier read it"))
    book_leg(uow, carrier, clock, 1)
    # The carrier may still commit that request: nothing is sent again before the deadline.
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    assert carrier.operations() == ["create_order", "query_order"]
    assert "暂未查到" in uow.legs.get(1).last_error
    clock.advance(seconds=DEFAULT_POLICY.reconcile.total_seconds())
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert carrier.operations()[2:] == ["query_order", "create_order"]
    assert len(live_waybills(carrier)) == 1


def test_extra_waybills_found_when_resolving_are_cancelled(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    # Another delivery of the same request reached the non-deduplicating carrier too.
    carrier.create_order(carrier.calls[0].arguments["order"])
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert live_waybills(carrier) == [uow.legs.get(1).waybill_no]
    assert carrier.operations()[-1] == "cancel_order"


def test_protocol_errors_leave_the_outcome_to_be_resolved(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierProtocolError("garbled reply"), after_commit=True)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert len(live_waybills(carrier)) == 1


def test_a_leased_leg_is_left_alone_until_the_lease_expires(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    leg = uow.legs.get(1)
    leg.status, leg.claimed_until = LegStatus.BOOKING, clock.now() + LEASE  # a worker is mid-call
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING
    assert carrier.operations() == []
    clock.advance(seconds=LEASE.total_seconds() + 1)
    # The worker died: its call may still be committed, so ask and wait for the deadline.
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    assert carrier.operations() == ["query_order"]
    clock.advance(seconds=DEFAULT_POLICY.reconcile.total_seconds())
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert carrier.operations() == ["query_order", "query_order", "create_order"]


def test_resolving_while_the_carrier_is_still_down_keeps_the_leg_uncertain(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierOutcomeUnknown("timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    carrier.fail_next(CarrierUnavailable("still down"))
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    clock.advance(minutes=1)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert timedelta(0) < LEASE


def test_cancelling_a_booked_leg_cancels_its_waybill_with_the_carrier(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    book_leg(uow, carrier, clock, 1)
    assert cancel_leg(uow, carrier, 1, "申请人撤回", factories.NOW) is LegStatus.CANCELLED
    assert live_waybills(carrier) == []


def test_a_leg_the_carrier_has_accepted_is_not_cancelled(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier()
    book_leg(uow, carrier, clock, 1)
    carrier.add_event(uow.legs.get(1).waybill_no, "203", clock.now())
    with pytest.raises(CarrierBusinessError, match="收寄"):
        cancel_leg(uow, carrier, 1, "", factories.NOW)
    assert uow.legs.get(1).status is LegStatus.BOOKED


def test_a_leg_being_booked_cannot_be_cancelled(uow: FakeUnitOfWork, clock: FixedClock) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierOutcomeUnknown("timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    with pytest.raises(RuleViolation, match="待结果确认"):
        cancel_leg(uow, carrier, 1, "", factories.NOW)


def test_only_a_failed_booking_can_be_retried(uow: FakeUnitOfWork, clock: FixedClock) -> None:
    book_leg(uow, FakeCarrier(), clock, 1)
    with pytest.raises(RuleViolation):
        retry_booking(uow, 1)
