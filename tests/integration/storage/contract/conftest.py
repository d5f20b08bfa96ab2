"""One repository contract for the fake unit of work and the SQL one on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories
from tests.fakes import FakeUnitOfWork
from tests.integration.storage.contract.support import NewUow, Offices


@pytest.fixture(params=["fake", "sqlite", "postgres"])
def new_uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewUow]:
    """Give a maker of units of work over one empty store."""
    if request.param == "fake":
        fake = FakeUnitOfWork()
        yield lambda: fake  # type: ignore[return-value]
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'contract.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    start_mappers()
    sessions = make_session_factory(engine)
    yield lambda: SqlUnitOfWork(sessions)
    engine.dispose()


@pytest.fixture
def offices(new_uow: NewUow) -> Offices:
    with new_uow() as uow:
        halls = [factories.hall(None, code) for code in ("H-DC", "H-XC")]
        departments = [factories.department(None, code) for code in ("D-MZ", "D-GA")]
        for hall in halls:
            uow.halls.add(hall)
        for department in departments:
            uow.departments.add(department)
        uow.commit()
        ids = [o.id for o in (*halls, *departments)]
    assert all(i is not None for i in ids)
    return Offices(*ids)  # type: ignore[arg-type]
