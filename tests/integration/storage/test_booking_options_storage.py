"""A leg's booking options and an account's booking defaults are stored; older rows still read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.domain.leg import LegKind
from courier.domain.organizations import PaymentMode, PickupMode
from courier.storage import tables
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import downgrade, upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories

START = factories.NOW + timedelta(days=1)


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


def store_supplement(engine: sa.Engine) -> None:
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        hall = factories.hall(None)
        account = replace(
            hall.carrier_account,
            receipt_flag=True,
            result_receiver_pays=True,
            pickup_mode=PickupMode.DOOR,
        )
        hall = replace(hall, carrier_account=account)
        department = factories.department(None)
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.session.flush()
        case = factories.case(hall_id=hall.id, department_id=department.id)
        leg = case.plan_supplement_leg(hall, factories.shipping())
        leg.pickup_type, leg.receipt_flag, leg.payment_mode = 1, True, 1
        leg.pickup_start, leg.pickup_end = START, START + timedelta(hours=3)
        uow.cases.add(case)
        uow.commit()


def test_a_legs_options_and_an_accounts_defaults_round_trip(engine: sa.Engine) -> None:
    store_supplement(engine)
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        case = uow.cases.get("BJ2026112600001")
        assert case is not None
        leg = case.live_leg(LegKind.SUPPLEMENT)
        assert leg is not None
        assert (leg.pickup_type, leg.receipt_flag) == (1, True)
        assert (leg.pickup_start, leg.pickup_end) == (START, START + timedelta(hours=3))
        hall = uow.halls.get_by_code("H-DC")
        assert hall is not None
        account = hall.carrier_account
        assert (account.receipt_flag, account.result_receiver_pays) == (True, True)
        assert account.pickup_mode is PickupMode.DOOR


def test_an_account_stored_before_the_defaults_existed_reads_as_before(engine: sa.Engine) -> None:
    store_supplement(engine)
    old = {"customer_no": "90000001", "biz_product_no": "1", "payment_mode": 2}
    with engine.begin() as connection:
        connection.execute(
            sa.update(tables.halls).values(carrier_account=sa.literal(json.dumps(old)))
        )
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        hall = uow.halls.get_by_code("H-DC")
        assert hall is not None
        account = hall.carrier_account
        assert account.payment_mode is PaymentMode.RECEIVER_PAYS
        assert (account.receipt_flag, account.result_receiver_pays) == (False, False)
        assert account.pickup_mode is PickupMode.COUNTER


def test_legs_stored_before_the_options_existed_read_as_counter_drop_off(
    engine: sa.Engine,
) -> None:
    store_supplement(engine)
    downgrade(engine, "0013")
    upgrade(engine)
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        case = uow.cases.get("BJ2026112600001")
        assert case is not None
        leg = case.live_leg(LegKind.SUPPLEMENT)
        assert leg is not None
        assert (leg.pickup_type, leg.pickup_start, leg.pickup_end) == (0, None, None)
        assert leg.receipt_flag is False
    indexes = {i["name"]: i for i in sa.inspect(engine).get_indexes("legs")}
    where = indexes["uq_legs_live_kind"].get("dialect_options", {})
    assert "cancelled" in str(where.get("sqlite_where", where.get("postgresql_where")))
