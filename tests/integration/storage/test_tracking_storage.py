"""Pushed tracking in PostgreSQL and SQLite: events by identity, acknowledgements, quarantine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.ports.push import PushedBatch, UnreadableEvent
from courier.services.tracking import quarantined_events, store_pushed_batch
from courier.storage import tables
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories

WAYBILL = "1151238971060"
CLOCK = FixedClock(factories.NOW)


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


def uow(engine: sa.Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(make_session_factory(engine))


def at(hours: int, code: str, **fields: str) -> TraceEvent:
    return TraceEvent(WAYBILL, factories.NOW + timedelta(hours=hours), code, **fields)


def stored(engine: sa.Engine) -> list[TraceEvent]:
    with uow(engine) as work:
        return work.tracking.events_for(WAYBILL)


def test_a_reused_serial_with_new_events_stores_the_new_events(engine: sa.Engine) -> None:
    store_pushed_batch(uow(engine), CLOCK, PushedBatch("1", (at(1, "203"),)))

    added = store_pushed_batch(uow(engine), CLOCK, PushedBatch("1", (at(1, "203"), at(5, "954"))))

    assert added == 1
    assert [e.op_code for e in stored(engine)] == ["203", "954"]
    with engine.connect() as connection:
        acks = connection.execute(
            sa.select(tables.push_batches.c.serial_no, tables.push_batches.c.new_count)
        )
        assert sorted(acks) == [("1", 1), ("1", 1)]


def test_the_same_code_at_the_same_time_in_two_offices_is_two_events(engine: sa.Engine) -> None:
    here, there = at(2, "954", op_org_code="51000100"), at(2, "954", op_org_code="31000100")

    assert store_pushed_batch(uow(engine), CLOCK, PushedBatch("1", (here, there, here))) == 2


def test_every_text_the_contract_allows_is_stored_in_full(engine: sa.Engine) -> None:
    long = "某" * 200
    event = at(1, "203", op_name=long, op_org_prov_name=long, op_org_city=long,
               op_org_code=long, op_org_name=long, operator_name=long, op_desc=long)  # fmt: skip

    assert store_pushed_batch(uow(engine), CLOCK, PushedBatch("1", (event,))) == 1
    assert stored(engine) == [event]


def test_unreadable_events_are_kept_raw_in_quarantine(engine: sa.Engine) -> None:
    odd = UnreadableEvent("<trace><opTime>0001-01-01T00:00:00</opTime></trace>", "opTime")

    store_pushed_batch(uow(engine), CLOCK, PushedBatch("S9", (at(1, "203"),), (odd,)))

    [kept] = quarantined_events(uow(engine))
    assert (kept.serial_no, kept.raw, kept.reason, kept.received_at) == (
        "S9", odd.raw, "opTime", factories.NOW
    )  # fmt: skip
    assert len(stored(engine)) == 1


def test_an_event_the_database_refuses_is_quarantined_and_the_rest_stored(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    too_long = at(3, "954", op_name="长" * 201)  # only a caller past the contract can do this

    added = store_pushed_batch(
        uow(engine), CLOCK, PushedBatch("S1", (at(1, "203"), too_long, at(5, "702")))
    )

    assert added == 2 and [e.op_code for e in stored(engine)] == ["203", "702"]
    [kept] = quarantined_events(uow(engine))
    assert "长" * 201 in kept.raw and kept.reason.startswith("database")
    engine.dispose()


def test_the_migration_keeps_acknowledgements_and_events_already_stored(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    for url in (f"sqlite:///{tmp_path / 'old.db'}", request.getfixturevalue("postgres_url")):
        engine = make_engine(url, FieldCipher(decode_key(new_key())))
        upgrade(engine, "0002")
        with engine.begin() as connection:
            connection.execute(
                sa.text("INSERT INTO push_batches VALUES ('S1', :at, 3)"), {"at": factories.NOW}
            )
            connection.execute(
                sa.text(
                    "INSERT INTO tracking_events (waybill_no, op_time, op_code, op_name, op_desc,"
                    " op_org_prov_name, op_org_city, op_org_code, op_org_name, operator_name,"
                    " deliver_code, attempt_delivery_code, source, received_at)"
                    " VALUES (:w, :at, '203', '', '', '', '', '', '', '', '', '', 'push', :at)"
                ),
                {"w": WAYBILL, "at": factories.NOW},
            )
        upgrade(engine)
        with engine.connect() as connection:
            acks = connection.execute(
                sa.select(tables.push_batches.c.serial_no, tables.push_batches.c.event_count)
            )
            assert list(acks) == [("S1", 3)], url
        assert [e.op_code for e in stored(engine)] == ["203"]
        engine.dispose()
