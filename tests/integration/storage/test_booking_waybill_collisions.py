"""A waybill number the carrier hands out twice fails the booking once, with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import Leg, LegStatus
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.services.booking import WAYBILL_TAKEN, book_leg, legs_to_sweep
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.integration.app.conftest import settings_for

LEG, OTHER = 1, 2  # two demo legs, neither booked (the demo's jobs are dropped)
REISSUED = "1100000000001"  # the fake carrier's first number


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Courier]:
    app = bootstrap(settings_for(tmp_path), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    seed_demo(app)
    yield app
    app.close()


def give_waybill(app: Courier, leg_id: int, waybill_no: str) -> None:
    with app.engine.begin() as connection:
        legs = sa.table("legs", sa.column("id"), sa.column("waybill_no"), sa.column("status"))
        statement = sa.update(legs).where(legs.c.id == leg_id)
        connection.execute(statement.values(waybill_no=waybill_no, status="booked"))


def leg_of(app: Courier, leg_id: int) -> Any:
    with app.uow() as uow:
        return uow.legs.get(leg_id)


def test_a_number_another_leg_holds_is_refused_before_the_commit(wired: Courier) -> None:
    give_waybill(wired, OTHER, REISSUED)
    assert book_leg(wired.uow(), FakeCarrier(), wired.clock, LEG) is LegStatus.BOOKING_FAILED
    leg = leg_of(wired, LEG)
    assert (leg.waybill_no, leg.last_error) == (None, WAYBILL_TAKEN)
    assert LEG not in legs_to_sweep(wired.uow(), wired.clock)  # no booking loop
    assert leg_of(wired, OTHER).waybill_no == REISSUED


def test_a_number_taken_between_the_check_and_the_commit_is_refused_too(wired: Courier) -> None:
    raced: list[bool] = []

    # Right after our check, as the number is set on our leg and before this transaction
    # writes anything (on SQLite a concurrent writer could not commit after that).
    def taken_meanwhile(leg: Leg, value: Any, *args: Any) -> None:
        if not raced and value and leg.id == LEG:
            raced.append(True)
            give_waybill(wired, OTHER, REISSUED)  # another worker commits the same number now

    event.listen(Leg.waybill_no, "set", taken_meanwhile)
    status = book_leg(wired.uow(), FakeCarrier(), wired.clock, LEG)
    event.remove(Leg.waybill_no, "set", taken_meanwhile)
    assert raced and status is LegStatus.BOOKING_FAILED
    assert leg_of(wired, LEG).last_error == WAYBILL_TAKEN
    assert LEG not in legs_to_sweep(wired.uow(), wired.clock)


def test_events_stored_before_the_waybill_was_recorded_move_the_leg(wired: Courier) -> None:
    with wired.uow() as uow:
        event_203 = TraceEvent(waybill_no=REISSUED, op_time=factories.NOW, op_code="203")
        uow.tracking.add_events([event_203], "push", factories.NOW)
        uow.commit()
    assert book_leg(wired.uow(), FakeCarrier(), wired.clock, LEG) is LegStatus.IN_TRANSIT
