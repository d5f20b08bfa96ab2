"""Booking a leg through the real client and simulator: one live waybill, whatever happens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.ports.carrier import CarrierOutcomeUnknown
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg, legs_to_sweep
from courier.services.carrier_orders import order_request
from courier.storage.migrate import upgrade
from integrations.carrier.breaker import BreakerSettings, RedisCircuitBreaker
from integrations.carrier.simulator import DuplicateOrders, FaultKind
from integrations.carrier.soap.client import SoapCarrier
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.integration.carrier_client.conftest import RunningSimulator

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


def live(carrier: SoapCarrier, order_no: str) -> list[str]:
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


def test_timeout_after_the_carrier_created_the_order_ends_with_one_waybill(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., SoapCarrier]
) -> None:
    carrier = connect(careless_carrier.endpoint, read_timeout=0.5)
    careless_carrier.inject(FaultKind.TIMEOUT_AFTER_COMMIT, operation="CreateOrder", count=1)
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKING_UNCERTAIN
    assert legs_to_sweep(wired.uow(), wired.clock)[0] == LEG
    assert book_leg(wired.uow(), carrier, wired.clock, LEG) is LegStatus.BOOKED
    assert live(carrier, order_no(wired)) == [recorded_waybill(wired)]


def test_a_second_waybill_made_by_a_repeated_request_is_cancelled(
    wired: Courier, careless_carrier: RunningSimulator, connect: Callable[..., SoapCarrier]
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
    connect: Callable[..., SoapCarrier],
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
