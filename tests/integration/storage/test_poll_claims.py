"""The due-batch query and its lease on PostgreSQL: two pollers never poll the same leg."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from courier.storage import tables
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices, minutes, store_case

LEGS = 120


@pytest.fixture
def engine(postgres_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(postgres_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    yield engine
    engine.dispose()


@pytest.fixture
def new_uow(engine: sa.Engine) -> NewUow:
    sessions = make_session_factory(engine)
    new: NewUow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    with new() as uow:
        uow.halls.add(factories.hall(None, "H-DC"))
        uow.departments.add(factories.department(None, "D-MZ"))
        uow.commit()
    offices = Offices(1, 1, 1, 1)
    for n in range(LEGS):
        store_case(new, offices, f"BJ-{n:04d}", waybill_no=f"1151238{n:06d}")
    with engine.begin() as connection:
        connection.execute(sa.update(tables.legs).values(next_poll_at=minutes(0)))
    return new


def test_a_poller_holding_its_batch_open_is_passed_over_not_waited_for(new_uow: NewUow) -> None:
    first, second = new_uow(), new_uow()
    with first, second:
        mine = first.legs.claim_due_polls(minutes(1), minutes(6), 50)  # locked, not committed
        theirs = second.legs.claim_due_polls(minutes(1), minutes(6), 50)
        first.commit()
        second.commit()
    assert len(mine) == len(theirs) == 50
    assert not {c.leg_id for c in mine} & {c.leg_id for c in theirs}
    with new_uow() as uow:
        rest = uow.legs.claim_due_polls(minutes(1), minutes(6), 50)
        uow.commit()
    assert len(rest) == LEGS - 100


def test_concurrent_pollers_share_the_due_legs_without_overlap(new_uow: NewUow) -> None:
    claimed: list[list[int]] = []
    start = threading.Barrier(4)

    def poller() -> None:
        mine: list[int] = []
        start.wait()
        while True:
            with new_uow() as uow:
                batch = uow.legs.claim_due_polls(minutes(1), minutes(6), 7)
                uow.commit()
            if not batch:
                break
            mine += [claim.leg_id for claim in batch]
        claimed.append(mine)

    threads = [threading.Thread(target=poller) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = [leg_id for mine in claimed for leg_id in mine]
    assert len(claimed) == 4 and sorted(every) == list(range(1, LEGS + 1))


def test_a_lease_that_ran_out_is_taken_again(new_uow: NewUow) -> None:
    with new_uow() as uow:
        assert len(uow.legs.claim_due_polls(minutes(1), minutes(6), LEGS)) == LEGS
        uow.commit()
    with new_uow() as uow:
        assert uow.legs.claim_due_polls(minutes(6), minutes(11), LEGS) == []
        assert len(uow.legs.claim_due_polls(minutes(6.5), minutes(11), LEGS)) == LEGS
