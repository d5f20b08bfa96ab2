"""Cases and legs survive a round trip through PostgreSQL and SQLite, encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.domain.leg import LegKind, LegStatus, Routing
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories


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


def _store_case_with_leg(engine: sa.Engine) -> None:
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        hall, department = factories.hall(None), factories.department(None)
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.session.flush()
        case = factories.case(hall_id=hall.id, department_id=department.id)
        leg = case.plan_originals_leg(hall, department, factories.shipping())
        leg.move_to(LegStatus.BOOKING)
        leg.record_waybill("1151238971060", Routing("R1", "P1", "北京处理中心"), factories.NOW)
        uow.cases.add(case)
        uow.commit()


def test_case_with_legs_and_materials_round_trips(engine: sa.Engine) -> None:
    _store_case_with_leg(engine)
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        case = uow.cases.get("BJ2026112600001")
        assert case is not None
        assert case.applicant == factories.applicant()
        assert [m.name for m in case.materials] == ["户口簿", "身份证复印件"]
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None and leg.waybill_no == "1151238971060"
        assert leg.routing.package_code_name == "北京处理中心"
        assert [m.name for m in leg.materials] == ["户口簿"]
        assert leg.sender.phone == "13800138000"
        assert leg.booked_at == factories.NOW
        assert uow.legs.get_by_waybill("1151238971060") is leg


def test_phones_and_id_numbers_are_not_stored_in_clear(engine: sa.Engine) -> None:
    _store_case_with_leg(engine)
    with engine.connect() as conn:
        dump = " ".join(
            str(row)
            for t in ("cases", "legs", "halls")
            for row in conn.execute(sa.text(f"SELECT * FROM {t}"))
        )
    for secret in ("13112341907", "11010519491231002X", "13800138000"):
        assert secret not in dump


def test_case_is_found_by_number_and_mobile_tail_without_decrypting(engine: sa.Engine) -> None:
    _store_case_with_leg(engine)
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        assert uow.cases.find_by_mobile_tail("BJ2026112600001", "1907") is not None
        assert uow.cases.find_by_mobile_tail("BJ2026112600001", "1908") is None
