"""Two writers of one leg's tracking at once: the later one follows what the first committed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier.domain.leg import LegStatus
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.services.tracking import record_tracking_events
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories
from tests.integration.storage.test_tracking_ingest import WAYBILLS, store_legs

CLOCK = FixedClock(factories.NOW + timedelta(days=1))


@pytest.fixture
def engine(postgres_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(postgres_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    yield engine
    engine.dispose()


def waiting_on_a_lock(engine: sa.Engine) -> bool:
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with engine.connect() as connection:
        return bool(connection.scalar(query))


def test_an_older_event_ingested_while_a_newer_status_commits_does_not_pull_the_leg_back(
    engine: sa.Engine,
) -> None:
    sessions = make_session_factory(engine)
    leg_id = store_legs(lambda: SqlUnitOfWork(sessions))[0]
    legs = sa.table("legs", sa.column("id"), sa.column("status"), sa.column("tracked_at"))
    late = TraceEvent(WAYBILLS[0], factories.NOW + timedelta(hours=2), "954")
    with engine.connect() as other:  # another writer, mid-way through delivering the leg
        other.execute(sa.select(legs.c.id).where(legs.c.id == leg_id).with_for_update())
        ingest = threading.Thread(
            target=record_tracking_events, args=(SqlUnitOfWork(sessions), CLOCK, [late])
        )
        ingest.start()
        deadline = time.monotonic() + 10
        while not waiting_on_a_lock(engine) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert waiting_on_a_lock(engine), "the ingest never met the other writer's lock"
        delivered_at = factories.NOW + timedelta(hours=9)
        other.execute(
            sa.update(legs)
            .where(legs.c.id == leg_id)
            .values(status="delivered", tracked_at=delivered_at)
        )
        other.commit()
    ingest.join(timeout=10)

    with SqlUnitOfWork(sessions) as uow:
        leg = uow.legs.get(leg_id)
        assert leg is not None and leg.status is LegStatus.DELIVERED
        assert [e.op_code for e in uow.tracking.events_for(WAYBILLS[0])] == ["954"]
