"""After an unknown outcome one QueryOrder past the deadline settles the live waybill."""

from __future__ import annotations

import pytest

from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import LegStatus
from courier.ports.carrier import CarrierOutcomeUnknown, CarrierUnavailable, TraceEvent
from courier.ports.clock import FixedClock
from courier.services.booking import DEFAULT_POLICY, WAYBILL_TAKEN, BookingPolicy, book_leg
from courier.services.booking import legs_to_sweep as sweep
from integrations.carrier.fake import FakeCarrier, OnDuplicate
from tests import factories
from tests.fakes import FakeUnitOfWork

RECONCILE = DEFAULT_POLICY.reconcile.total_seconds()
FIRST_WAYBILL = "1100000000001"  # the fake carrier's first number


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


def late_commit(carrier: FakeCarrier) -> None:
    """The carrier commits the first CreateOrder long after its client gave up."""
    carrier.create_order(carrier.calls[0].arguments["order"])


def test_a_late_commit_after_the_resend_is_cancelled_by_the_reconcile(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"))
    book_leg(uow, carrier, clock, 1)
    clock.advance(seconds=RECONCILE)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    kept = uow.legs.get(1).waybill_no
    late_commit(carrier)
    assert len(live_waybills(carrier)) == 2
    assert sweep(uow, clock) == []  # the re-send had a deadline of its own
    clock.advance(seconds=RECONCILE)
    assert sweep(uow, clock) == [1]
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert live_waybills(carrier) == [kept]
    assert uow.legs.get(1).reconcile_after is None
    assert sweep(uow, clock) == []


def test_an_order_found_before_the_deadline_is_kept_and_later_extras_are_cancelled(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKED
    assert sweep(uow, clock) == []  # nothing to do before the deadline
    late_commit(carrier)  # a proxy's repeat of the first request, committed late
    clock.advance(seconds=RECONCILE)
    assert sweep(uow, clock) == [1]
    book_leg(uow, carrier, clock, 1)
    assert live_waybills(carrier) == [uow.legs.get(1).waybill_no]


def test_the_deadline_is_a_parameter_of_the_policy(uow: FakeUnitOfWork, clock: FixedClock) -> None:
    policy = BookingPolicy(reconcile=DEFAULT_POLICY.reconcile * 2)
    carrier = FakeCarrier()
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"))
    book_leg(uow, carrier, clock, 1, policy)
    clock.advance(seconds=RECONCILE)
    assert book_leg(uow, carrier, clock, 1, policy) is LegStatus.BOOKING_UNCERTAIN
    clock.advance(seconds=RECONCILE)
    assert book_leg(uow, carrier, clock, 1, policy) is LegStatus.BOOKED


def test_an_extra_waybill_the_carrier_could_not_cancel_is_kept_and_retried_with_backoff(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    book_leg(uow, carrier, clock, 1)
    late_commit(carrier)
    clock.advance(seconds=RECONCILE)
    original_cancel = carrier.cancel_order

    def down(*args: str) -> None:
        raise CarrierUnavailable("down")

    carrier.cancel_order = down  # type: ignore[method-assign]
    book_leg(uow, carrier, clock, 1)
    [extra] = uow.legs.get(1).extra_waybills
    assert (extra.status, extra.attempts) == (ExtraWaybillStatus.PENDING, 1)
    assert sweep(uow, clock) == []  # backing off
    carrier.cancel_order = original_cancel  # type: ignore[method-assign]
    clock.advance(seconds=(extra.next_attempt_at - clock.now()).total_seconds())
    assert sweep(uow, clock) == [1]
    book_leg(uow, carrier, clock, 1)
    assert extra.status is ExtraWaybillStatus.CANCELLED
    assert live_waybills(carrier) == [uow.legs.get(1).waybill_no]


def test_an_extra_waybill_the_carrier_already_accepted_is_flagged_for_a_manual_void(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"), after_commit=True)
    book_leg(uow, carrier, clock, 1)
    book_leg(uow, carrier, clock, 1)
    late_commit(carrier)
    extra_no = next(w for w in live_waybills(carrier) if w != uow.legs.get(1).waybill_no)
    carrier.add_event(extra_no, "203", clock.now())
    clock.advance(seconds=RECONCILE)
    book_leg(uow, carrier, clock, 1)
    [extra] = uow.legs.get(1).extra_waybills
    assert extra.status is ExtraWaybillStatus.NEEDS_MANUAL_VOID
    assert extra_no in extra.advice and "作废" in extra.advice
    assert sweep(uow, clock) == []


def test_a_waybill_another_leg_holds_fails_the_booking_without_a_loop(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    other = factories.case("BJ2026112600002")
    other.plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping("CR20261126BBBBBBBBBB")
    )
    other.legs[0].status, other.legs[0].waybill_no = LegStatus.BOOKED, FIRST_WAYBILL
    uow.cases.add(other)
    uow.commit()
    carrier = FakeCarrier()  # restarted: it hands out FIRST_WAYBILL again
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_FAILED
    leg = uow.legs.get(1)
    assert (leg.waybill_no, leg.last_error) == (None, WAYBILL_TAKEN)
    assert sweep(uow, clock) == []
    assert [e.status for e in leg.extra_waybills] == [ExtraWaybillStatus.CANCELLED]
    assert uow.legs.get(2).waybill_no == FIRST_WAYBILL


def test_events_pushed_before_the_waybill_was_recorded_are_applied_when_it_is(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    event = TraceEvent(waybill_no=FIRST_WAYBILL, op_time=clock.now(), op_code="203")
    uow.tracking.add_events([event], "push", clock.now())
    assert book_leg(uow, FakeCarrier(), clock, 1) is LegStatus.IN_TRANSIT
    assert uow.legs.get(1).tracking_note


class WorkerLost(BaseException):
    """The process running the booking died in the middle of a carrier call."""


def test_a_worker_lost_while_sending_again_leaves_a_new_deadline(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    carrier.fail_next(CarrierOutcomeUnknown("read timeout"))
    book_leg(uow, carrier, clock, 1)
    clock.advance(seconds=RECONCILE)
    sending = carrier.create_order

    def dies_mid_call(order: object) -> None:
        raise WorkerLost  # the carrier may still commit this call; nobody hears of it

    carrier.create_order = dies_mid_call  # type: ignore[assignment]
    with pytest.raises(WorkerLost):
        book_leg(uow, carrier, clock, 1)
    carrier.create_order = sending  # type: ignore[method-assign]
    clock.advance(seconds=DEFAULT_POLICY.lease.total_seconds() + 1)
    # QueryOrder shows nothing yet, but the lost call has its own deadline: wait for it.
    assert book_leg(uow, carrier, clock, 1) is LegStatus.BOOKING_UNCERTAIN
    assert carrier.operations().count("create_order") == 1
