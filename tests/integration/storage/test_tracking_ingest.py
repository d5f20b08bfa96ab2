"""Bulk ingest on PostgreSQL and SQLite: one insert per batch, legs loaded once, leg events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.domain.leg import LegStatus
from courier.domain.tracking import LegEventType
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.ports.push import PushedBatch
from courier.services.tracking import record_tracking_events, store_pushed_batch
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices, store_case

CLOCK = FixedClock(factories.NOW + timedelta(days=1))
WAYBILLS = [f"11512389710{n:02d}" for n in range(3)]


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'courier.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    yield engine
    engine.dispose()


@pytest.fixture
def new_uow(engine: sa.Engine) -> NewUow:
    sessions = make_session_factory(engine)
    return lambda: SqlUnitOfWork(sessions)


@pytest.fixture
def leg_ids(new_uow: NewUow) -> list[int]:
    return store_legs(new_uow)


def store_legs(new_uow: NewUow) -> list[int]:
    """Store one booked leg for each of WAYBILLS; return their ids."""
    with new_uow() as uow:
        hall, department = factories.hall(None, "H-DC"), factories.department(None, "D-MZ")
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.commit()
        offices = Offices(hall.id, hall.id, department.id, department.id)  # type: ignore[arg-type]
    return [
        store_case(new_uow, offices, f"BJ-{n}", status=LegStatus.BOOKED, waybill_no=w).leg_id
        for n, w in enumerate(WAYBILLS)
    ]


def at(waybill_no: str, hours: int, code: str, **fields: str) -> TraceEvent:
    return TraceEvent(waybill_no, factories.NOW + timedelta(hours=hours), code, **fields)


def statements(engine: sa.Engine) -> list[str]:
    """Collect the SQL statements sent from now on, each on one line."""
    sent: list[str] = []
    sa.event.listen(
        engine,
        "before_cursor_execute",
        lambda _c, _cur, sql, *_: sent.append(" ".join(sql.split())),
    )
    return sent


def test_a_query_reply_is_stored_in_one_insert_and_its_legs_loaded_in_one_query(
    engine: sa.Engine, new_uow: NewUow, leg_ids: list[int]
) -> None:
    events = [at(w, h, code) for w in WAYBILLS for h, code in [(1, "203"), (2, "954"), (3, "702")]]
    sent = statements(engine)

    assert record_tracking_events(new_uow(), CLOCK, events + events[:4]) == 9

    assert len([s for s in sent if s.startswith("INSERT INTO tracking_events")]) == 1
    assert len([s for s in sent if "FROM legs WHERE legs.waybill_no IN" in s]) == 1
    with new_uow() as uow:
        assert {uow.legs.get(i).status for i in leg_ids} == {LegStatus.OUT_FOR_DELIVERY}


def test_each_change_that_matters_is_a_leg_event_recorded_once(
    new_uow: NewUow, leg_ids: list[int]
) -> None:
    first = (at(WAYBILLS[0], 5, "704", deliver_code="20"), at(WAYBILLS[0], 1, "203"))
    store_pushed_batch(new_uow(), CLOCK, PushedBatch("S1", first))
    store_pushed_batch(new_uow(), CLOCK, PushedBatch("S1", (*first, at(WAYBILLS[0], 6, "999"))))

    with new_uow() as uow:
        events = uow.leg_events.for_leg(leg_ids[0])
        assert [(e.event_type, e.status) for e in events] == [
            (LegEventType.ACCEPTED, LegStatus.IN_TRANSIT),
            (LegEventType.DELIVERED, LegStatus.DELIVERED),
        ]
        assert events[1].reason == "已妥投：他人代收" and events[1].recorded_at == CLOCK.now()
        assert events[1].occurred_at == first[0].op_time
        assert uow.legs.get(leg_ids[0]).tracking_note == "未知轨迹代码 999"
        assert uow.leg_events.for_leg(leg_ids[1]) == []
        assert [e.op_code for e in uow.tracking.events_for(WAYBILLS[0])] == ["203", "704", "999"]


def test_a_refused_row_is_quarantined_and_the_rest_still_moves_its_legs(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    sessions = make_session_factory(engine)
    new_uow: NewUow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    [leg_id, *_] = store_legs(new_uow)
    too_long = at(WAYBILLS[0], 3, "954", op_name="长" * 201)  # past the contract

    batch = (at(WAYBILLS[0], 1, "203"), too_long, at(WAYBILLS[0], 5, "702"))
    assert store_pushed_batch(new_uow(), CLOCK, PushedBatch("S1", batch)) == 2

    with new_uow() as uow:
        assert uow.legs.get(leg_id).status is LegStatus.OUT_FOR_DELIVERY
        assert [e.event_type for e in uow.leg_events.for_leg(leg_id)] == [
            LegEventType.ACCEPTED, LegEventType.OUT_FOR_DELIVERY
        ]  # fmt: skip
        assert len(uow.tracking.quarantined(10)) == 1
    engine.dispose()
