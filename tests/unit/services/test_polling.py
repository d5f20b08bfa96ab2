"""Polling due legs: batches of 50, next poll from the schedule, errors and limits push back."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.leg import LegStatus
from courier.domain.stuck import StuckThresholds
from courier.ports.carrier import CarrierUnavailable
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.services.polling import PollPolicy, detect_stuck_legs, poll_due_legs
from integrations.carrier.fake import FakeCarrier
from integrations.rate_limit import InProcessRateLimiter
from tests import factories
from tests.factories import NOW
from tests.fakes import FakeUnitOfWork

HOUR = timedelta(hours=1)
POLICY = PollPolicy()


def booked(count: int = 1) -> tuple[FakeUnitOfWork, FakeCarrier, FixedClock]:
    uow, carrier, clock = FakeUnitOfWork(), FakeCarrier(), FixedClock(NOW)
    for n in range(1, count + 1):
        case = factories.case(f"BJ20261126{n:05d}")
        shipping = factories.shipping(f"CR20261126{n:010d}")
        case.plan_originals_leg(factories.hall(), factories.department(), shipping)
        uow.cases.add(case)
        uow.commit()
        book_leg(uow, carrier, clock, n)
    return uow, carrier, clock


def poll(uow: FakeUnitOfWork, carrier: FakeCarrier, clock: FixedClock, rate: int = 60) -> int:
    return poll_due_legs(uow, carrier, clock, InProcessRateLimiter(rate), POLICY)


def queried(carrier: FakeCarrier) -> list[list[str]]:
    return [
        call.arguments["waybill_nos"] for call in carrier.calls if call.operation == "query_trace"
    ]


def test_a_due_leg_is_polled_moved_and_given_its_next_poll_from_the_schedule() -> None:
    uow, carrier, clock = booked()
    leg = uow.legs.get(1)
    carrier.add_event(leg.waybill_no, "203", NOW - 2 * HOUR)
    carrier.add_event(leg.waybill_no, "702", NOW - HOUR)

    assert poll(uow, carrier, clock) == 1

    assert leg.status is LegStatus.OUT_FOR_DELIVERY
    assert leg.next_poll_at == NOW + timedelta(minutes=30) and leg.poll_claimed_until is None
    assert poll(uow, carrier, clock) == 0  # not due again yet


def test_legs_not_yet_due_are_left_alone() -> None:
    uow, carrier, clock = booked(2)
    uow.legs.get(2).next_poll_at = NOW + HOUR
    poll(uow, carrier, clock)
    assert queried(carrier) == [[uow.legs.get(1).waybill_no]]


def test_due_legs_are_asked_for_fifty_waybills_a_call() -> None:
    uow, carrier, clock = booked(120)
    assert poll(uow, carrier, clock) == 3
    assert [len(batch) for batch in queried(carrier)] == [50, 50, 20]
    assert all(uow.legs.get(n).next_poll_at == NOW + 4 * HOUR for n in range(1, 121))


def test_a_carrier_error_pushes_the_batch_back_a_little() -> None:
    uow, carrier, clock = booked()
    carrier.fail_next(CarrierUnavailable("down"))
    assert poll(uow, carrier, clock) == 1
    leg = uow.legs.get(1)
    assert leg.status is LegStatus.BOOKED
    assert leg.next_poll_at == NOW + POLICY.schedule.after_error and leg.poll_claimed_until is None


def test_an_account_over_its_rate_limit_waits_for_the_next_minute() -> None:
    uow, carrier, clock = booked(60)
    assert poll(uow, carrier, clock, rate=1) == 1
    waiting = [uow.legs.get(n) for n in range(51, 61)]
    assert {leg.next_poll_at for leg in waiting} == {NOW + POLICY.rate_limited_for}
    assert len(queried(carrier)) == 1


def test_a_leg_leased_by_another_poller_is_not_polled() -> None:
    uow, carrier, clock = booked()
    uow.legs.get(1).poll_claimed_until = NOW + timedelta(minutes=1)
    assert poll(uow, carrier, clock) == 0


def test_stuck_detection_flags_a_leg_never_collected_and_clears_it_once_it_moves() -> None:
    uow, _, clock = booked()
    later = FixedClock(NOW + timedelta(days=2, hours=1))
    assert detect_stuck_legs(uow, later, StuckThresholds()) == 1
    leg = uow.legs.get(1)
    assert leg.exception_reason and "尚未揽收" in leg.exception_reason
    assert leg.exception_at == later.now()
    leg.status, leg.tracked_at = LegStatus.IN_TRANSIT, later.now()
    assert detect_stuck_legs(uow, later, StuckThresholds()) == 1
    assert leg.exception_reason is None
    assert clock.now() == NOW


def test_a_run_stops_once_every_account_is_over_its_limit() -> None:
    uow, carrier, clock = booked(120)
    assert poll(uow, carrier, clock, rate=1) == 1
    postponed = [n for n in range(1, 121) if uow.legs.get(n).next_poll_at == NOW + HOUR / 60]
    assert len(postponed) == 50  # one batch pushed back; the rest wait, still due, unclaimed
    assert all(uow.legs.get(n).poll_claimed_until is None for n in range(101, 121))
