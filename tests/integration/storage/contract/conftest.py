"""One repository contract for the fake unit of work and the SQL one on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from courier.domain.leg import LegStatus
from courier.services.unit_of_work import UnitOfWork
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories
from tests.fakes import FakeUnitOfWork

NewUow = Callable[[], UnitOfWork]


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


@dataclass(frozen=True)
class Offices:
    """Two halls and two departments, by id."""

    hall: int
    other_hall: int
    department: int
    other_department: int


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


@dataclass(frozen=True)
class Stored:
    case_id: int
    leg_id: int


def store_case(
    new_uow: NewUow,
    offices: Offices,
    number: str,
    *,
    other_hall: bool = False,
    other_department: bool = False,
    created_at: datetime = factories.NOW,
    status: LegStatus = LegStatus.DRAFT,
    waybill_no: str | None = None,
    tracked_at: datetime | None = None,
    claimed_until: datetime | None = None,
) -> Stored:
    """Store a case with one originals leg set up as given; return their ids."""
    hall_id = offices.other_hall if other_hall else offices.hall
    department_id = offices.other_department if other_department else offices.department
    with new_uow() as uow:
        hall, department = uow.halls.get(hall_id), uow.departments.get(department_id)
        assert hall is not None and department is not None
        case = factories.case(number, hall_id=hall_id, department_id=department_id)
        case.created_at = created_at
        leg = case.plan_originals_leg(hall, department, factories.shipping(f"CR{number}"))
        # Test set-up writes the state directly; the transitions are tested in the domain.
        leg.status, leg.waybill_no = status, waybill_no
        leg.tracked_at, leg.claimed_until = tracked_at, claimed_until
        uow.cases.add(case)
        uow.commit()
        assert case.id is not None and leg.id is not None
        return Stored(case.id, leg.id)


def minutes(n: float) -> datetime:
    return factories.NOW + timedelta(minutes=n)
