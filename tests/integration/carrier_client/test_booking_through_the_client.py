"""Booking a leg through the real client and simulator: one live waybill, whatever happens.

Run over both carrier protocols (SOAP and the EMS open platform).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.ports.carrier import Carrier, CarrierOutcomeUnknown
from courier.ports.clock import FixedClock
from courier.services.booking import DEFAULT_POLICY, book_leg, legs_to_sweep
from courier.services.carrier_orders import order_request
from courier.storage.migrate import upgrade
from integrations.carrier.breaker import BreakerSettings, RedisCircuitBreaker
from integrations.carrier.simulator import DuplicateOrders, FaultKind
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.integration.carrier_client.conftest import RunningSimulator, both_protocols

pytestmark = both_protocols
LEG = 1  # the demo's originals leg of BJDC2026112600001


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Courier]:
    app = bootstrap(settings_for(tmp_path), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    seed_demo(app)  # its jobs are dropped: the tests book by hand
    yield app
    app.close()


@pytest.fixture
def careless_carrier(start_simulator: Callable[..., RunningSimulator]) -> RunningSimulator:
    """A carrier that gives a second waybill for a repeated order number."""
    return start_simulator(duplicate_orders=DuplicateOrders.NEW_WAYBILL, hang_seconds=3.0)


def live(carrier: Carrier, order_no: str) -> list[str]:
    return [b.waybill_no for b in carrier.query_order(order_no) if not b.cancelled]


def order_no(app: Courier) -> str:
    with app.uow() as uow:
        leg = uow.legs.get(LEG)
        assert leg is not None
        return leg.order_no


def recorded_waybill(app: Courier) -> str | None:
    with app.uow() as uow:
        leg = uow.legs.get(LEG)
        assert leg is not None
        return leg.waybill_no


def wait_for_order(simulator: RunningSimulator, number: str) -> None:
    """Wait (bounded) until the simulator has committed an order, however slow it ran."""
    deadline = time.monotonic() + 30
    while not simulator.simulator.book.for_order(number):
        assert time.monotonic() < deadline, "the simulator never committed the order"
        time.sleep(0.02)


def creates_seen(simulator: RunningSimulator, number: str) -> int:
    return len(simulator.simulator.book.for_order(number)) + len(simulator.simulator.late_commits)


def test_timeout_after_the_carrier_created_the_order_ends_with_one_waybill(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(careless_carrier.endpoint, read_timeout=0.5)
    careless_carrier.inject(FaultKind.TIMEOUT_AFTER_COMMIT, operation="CreateOrder", count=1)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    assert legs_to_sweep(wired.uow(), wired.clock)[0] == LEG
    # On a loaded machine the client may give up before the carrier committed; booking
    # must then wait rather than send again, so the test waits for the commit too.
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) in (
        LegStatus.BOOKED,
        LegStatus.BOOKING_UNCERTAIN,
    )
    wait_for_order(careless_carrier, order_no(wired))
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    assert live(carrier, order_no(wired)) == [recorded_waybill(wired)]


def test_a_late_commit_is_awaited_not_answered_with_a_second_order(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(careless_carrier.endpoint, read_timeout=0.5)
    careless_carrier.inject(FaultKind.LATE_COMMIT, operation="CreateOrder", count=1, seconds=120)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    assert live(carrier, order_no(wired)) == []  # the carrier has not committed yet …
    assert creates_seen(careless_carrier, order_no(wired)) == 1  # … and got no second order
    careless_carrier.clock.advance(120)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    wired.clock.advance(seconds=DEFAULT_POLICY.reconcile.total_seconds())
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    assert live(carrier, order_no(wired)) == [recorded_waybill(wired)]
    assert LEG not in legs_to_sweep(wired.uow(), wired.clock)  # reconciled: nothing left


def test_a_commit_later_than_the_deadline_is_cancelled_by_the_reconcile(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(careless_carrier.endpoint, read_timeout=0.5)
    late = DEFAULT_POLICY.reconcile.total_seconds() * 2  # beyond what the deadline assumes
    careless_carrier.inject(FaultKind.LATE_COMMIT, operation="CreateOrder", count=1, seconds=late)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    wired.clock.advance(seconds=DEFAULT_POLICY.reconcile.total_seconds())
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED  # sent again
    careless_carrier.clock.advance(late)
    assert len(live(carrier, order_no(wired))) == 2
    wired.clock.advance(seconds=DEFAULT_POLICY.reconcile.total_seconds())
    assert LEG in legs_to_sweep(wired.uow(), wired.clock)
    book_leg(wired.uow(), carrier, wired.clock, LEG)
    assert live(carrier, order_no(wired)) == [recorded_waybill(wired)]


def test_a_second_waybill_made_by_a_repeated_request_is_cancelled(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(careless_carrier.endpoint, read_timeout=0.5)
    careless_carrier.inject(FaultKind.TIMEOUT_AFTER_COMMIT, operation="CreateOrder", count=2)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    # A proxy re-sent the request: the careless carrier now holds two waybills for one order.
    retry = connect(careless_carrier.endpoint, read_timeout=0.5)
    with wired.uow() as uow:
        repeated = order_request(uow.legs.get(LEG), "BJDC2026112600001")  # type: ignore[arg-type]
    with pytest.raises(CarrierOutcomeUnknown):  # the repeat times out as well
        retry.create_order(repeated)
    assert len(live(carrier, order_no(wired))) == 2
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    assert live(carrier, order_no(wired)) == [recorded_waybill(wired)]


def test_while_the_carrier_is_down_bookings_queue_and_the_breaker_spares_it(
    wired: Courier,
    careless_carrier: RunningSimulator,
    connect: Callable[..., Carrier],
    redis_url: str,
    redis_client: object,
) -> None:
    now = [1000.0]
    breaker = RedisCircuitBreaker.from_url(
        redis_url, BreakerSettings(failure_threshold=2, cooldown_seconds=30), clock=lambda: now[0]
    )
    carrier = connect(careless_carrier.endpoint, breaker=breaker)
    careless_carrier.inject(FaultKind.SYSTEM_FAULT, operation="CreateOrder")
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.QUEUED
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.QUEUED
    seen = careless_carrier.requests_seen
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.QUEUED
    assert careless_carrier.requests_seen == seen  # open: the carrier was not called
    with wired.uow() as uow:
        assert "排队" in uow.legs.get(LEG).last_error  # type: ignore[union-attr]
    careless_carrier.heal()
    now[0] += 31  # cooldown over: one probe goes through and closes the breaker
    assert LEG in legs_to_sweep(wired.uow(), wired.clock)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    assert len(live(carrier, order_no(wired))) == 1
