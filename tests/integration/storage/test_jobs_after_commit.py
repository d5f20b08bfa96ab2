"""The unit of work sends jobs only after its transaction committed, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from courier.domain.errors import Conflict
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories


@pytest.fixture
def sessions(postgres_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(postgres_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    yield make_session_factory(engine)
    engine.dispose()


class SeeingQueue:
    """Record each job with what another connection sees of the halls when it is sent."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.sent: list[tuple[str, dict[str, int | str], list[str]]] = []

    def enqueue(self, job: str, **arguments: int | str) -> None:
        with self.sessions() as session:
            codes = session.execute(sa.text("SELECT code FROM halls ORDER BY code")).scalars()
            self.sent.append((job, arguments, list(codes)))


class BrokenQueue:
    def enqueue(self, job: str, **arguments: int | str) -> None:
        raise ConnectionError("broker down")


def add_hall(uow: SqlUnitOfWork, code: str) -> None:
    uow.halls.add(factories.hall(None, code))
    uow.flush()
    uow.enqueue_after_commit("announce_hall", code=code)


def test_a_job_is_sent_after_the_commit_made_its_data_visible(
    sessions: sessionmaker[Session],
) -> None:
    queue = SeeingQueue(sessions)
    uow = SqlUnitOfWork(sessions, queue)
    with uow:
        add_hall(uow, "H-1")
        assert queue.sent == []
        uow.commit()
    assert queue.sent == [("announce_hall", {"code": "H-1"}, ["H-1"])]


def test_jobs_of_a_transaction_left_uncommitted_or_rolled_back_are_dropped(
    sessions: sessionmaker[Session],
) -> None:
    queue = SeeingQueue(sessions)
    uow = SqlUnitOfWork(sessions, queue)
    with uow:
        add_hall(uow, "H-1")
    with uow:
        add_hall(uow, "H-2")
        uow.rollback()
        uow.commit()
    assert queue.sent == []


def test_a_commit_refused_by_a_constraint_sends_nothing(sessions: sessionmaker[Session]) -> None:
    queue = SeeingQueue(sessions)
    uow = SqlUnitOfWork(sessions, queue)
    with uow:
        add_hall(uow, "H-1")
        uow.commit()
    queue.sent.clear()
    with uow, pytest.raises(Conflict):
        uow.halls.add(factories.hall(None, "H-1"))
        uow.enqueue_after_commit("announce_hall", code="H-1")
        uow.commit()
    assert queue.sent == []


def test_a_failing_queue_never_fails_the_committed_request(
    sessions: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(sessions, BrokenQueue())
    with uow:
        add_hall(uow, "H-1")
        uow.commit()
    with SqlUnitOfWork(sessions) as check:
        assert check.halls.get_by_code("H-1") is not None
