"""The poll job against the simulator over HTTP, both protocols: due legs advance, then rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.bootstrap import Courier, bootstrap
from courier.demo import CARRIED, seed_demo
from courier.domain.leg import LegStatus
from courier.ports.clock import FixedClock
from courier.storage import tables
from courier.storage.migrate import upgrade
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job
from tests.carrier_protocols import STAGE_SECONDS, CarrierFront
from tests.integration.app.conftest import settings_for


@pytest.fixture
def wired(
    carrier_front: CarrierFront, postgres_url: str, tmp_path: Path
) -> Iterator[tuple[Courier, FixedClock]]:
    clock = FixedClock(carrier_front.clock.now().astimezone(UTC))
    settings = settings_for(tmp_path, database_url=postgres_url, **carrier_front.courier_settings())
    app = bootstrap(settings, clock=clock)
    upgrade(app.engine)
    app.tasks = ImmediateTaskQueue(lambda job, args: run_job(app, job, args))
    seed_demo(app)  # books the demo's legs through the simulator
    yield app, clock
    app.close()


def carrier_accounts(app: Courier) -> int:
    legs = tables.legs
    query = sa.select(sa.func.count(sa.distinct(legs.c.customer_no)))
    with app.engine.connect() as connection:
        polled = query.where(
            legs.c.waybill_no.is_not(None), legs.c.waybill_no != CARRIED.waybill_no
        )
        return int(connection.execute(polled).scalar_one())


def legs_with_waybills(app: Courier) -> list[tuple[LegStatus, object]]:
    legs = tables.legs
    # not the parcel the demo loads as delivered and confirmed: the simulator never carried it
    query = sa.select(legs.c.status, legs.c.next_poll_at).where(
        legs.c.waybill_no.is_not(None), legs.c.waybill_no != CARRIED.waybill_no
    )
    with app.engine.connect() as connection:
        return [(row.status, row.next_poll_at) for row in connection.execute(query)]


def advance(front: CarrierFront, clock: FixedClock, seconds: float) -> None:
    front.admin("advance", {"seconds": seconds})
    clock.advance(seconds=seconds)


def test_the_poll_job_moves_due_legs_along_and_schedules_each_from_its_status(
    carrier_front: CarrierFront, wired: tuple[Courier, FixedClock]
) -> None:
    app, clock = wired
    booked = legs_with_waybills(app)
    assert booked and {status for status, _ in booked} == {LegStatus.BOOKED}

    advance(carrier_front, clock, STAGE_SECONDS * 3)  # collected, at the centre, dispatched
    accounts = carrier_accounts(app)
    assert run_job(app, "poll_tracking", {}) == accounts  # one QueryTrace per carrier account
    moving = legs_with_waybills(app)
    assert {status for status, _ in moving} == {LegStatus.IN_TRANSIT}
    assert {due for _, due in moving} == {clock.now() + timedelta(hours=2)}
    assert run_job(app, "poll_tracking", {}) == 0  # nothing due until then

    advance(carrier_front, clock, 2 * 3600)  # the simulator's parcels are delivered meanwhile
    assert run_job(app, "poll_tracking", {}) == accounts
    delivered = legs_with_waybills(app)
    assert {status for status, _ in delivered} == {LegStatus.DELIVERED}
    assert {due for _, due in delivered} == {clock.now() + timedelta(days=1)}

    for _ in range(3):  # daily for three days after the final event, then never
        advance(carrier_front, clock, 86400)
        run_job(app, "poll_tracking", {})
    assert {due for _, due in legs_with_waybills(app)} == {None}
