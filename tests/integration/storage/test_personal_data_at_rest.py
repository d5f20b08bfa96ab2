"""Names, addresses and parties are encrypted at rest, and older databases are converted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.domain.handover import hand_over
from courier.domain.leg import LegKind, LegStatus, Routing
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import downgrade, upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories

APPLICANT_NAME = "张小明"
APPLICANT_STREET = "人民路100号阳光小区3栋2单元501室"
PARTY_TEXT = ("李窗口", "王收件", "东直门南大街3号", "保俶路88号", "东城区政务服务中心")
WAYBILL = "1151238971060"
TABLES = ("cases", "legs", "halls", "departments", "handovers")


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'courier.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def cipher() -> FieldCipher:
    return FieldCipher(decode_key(new_key()))


@pytest.fixture
def engine(url: str, cipher: FieldCipher) -> Iterator[sa.Engine]:
    engine = make_engine(url, cipher)
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
        leg.record_waybill(WAYBILL, Routing(), factories.NOW)
        uow.cases.add(case)
        uow.handovers.add(hand_over([leg], factories.NOW, None))
        uow.commit()


def _raw(engine: sa.Engine, table: str) -> str:
    with engine.connect() as conn:
        return " ".join(str(tuple(row)) for row in conn.execute(sa.text(f"SELECT * FROM {table}")))


def _assert_readable(engine: sa.Engine) -> None:
    uow = SqlUnitOfWork(make_session_factory(engine))
    with uow:
        case = uow.cases.get("BJ2026112600001")
        assert case is not None
        assert case.applicant == factories.applicant()
        hall = uow.halls.get(case.hall_id)
        department = uow.departments.get(case.department_id)
        assert hall is not None and hall.contact_name == "李窗口"
        assert department is not None and department.contact_name == "王收件"
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None
        assert leg.sender == factories.hall().as_party()
        assert leg.receiver == factories.department().as_party()
        assert uow.cases.find_by_mobile_tail("BJ2026112600001", "1907") is case
        handover = uow.handovers.get(1)
        assert handover is not None and handover.sender_name == "东城区政务服务中心"
        assert handover.legs == [leg]


def _assert_not_in_clear(engine: sa.Engine) -> None:
    dump = " ".join(_raw(engine, t) for t in TABLES)
    assert APPLICANT_NAME not in dump
    assert APPLICANT_STREET[:6] not in dump
    assert "13800138000" not in dump
    parties = _raw(engine, "legs") + _raw(engine, "handovers")
    for text in PARTY_TEXT:
        assert text not in parties
        assert json.dumps(text)[1:-1] not in parties  # nor as JSON \u escapes
    for table in ("halls", "departments"):
        assert "李窗口" not in _raw(engine, table) and "王收件" not in _raw(engine, table)


def test_names_streets_and_parties_are_not_stored_in_clear(engine: sa.Engine) -> None:
    upgrade(engine)
    _store_case_with_leg(engine)
    _assert_not_in_clear(engine)


def test_encrypted_names_addresses_and_parties_round_trip(engine: sa.Engine) -> None:
    upgrade(engine)
    _store_case_with_leg(engine)
    _assert_readable(engine)


def test_the_applicant_name_has_a_keyed_lookup_hash(engine: sa.Engine, cipher: FieldCipher) -> None:
    upgrade(engine)
    _store_case_with_leg(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT applicant_name_hash FROM cases")).scalar_one()
    assert stored == cipher.lookup_hash(APPLICANT_NAME, "name")
    assert stored != FieldCipher(decode_key(new_key())).lookup_hash(APPLICANT_NAME, "name")


def _address(street: str, **place: str) -> str:
    values = {"province": "北京市", "city": "北京市", "county": "东城区", "county_code": "110101"}
    values.update(place)
    return json.dumps({**values, "street": street, "postcode": place.get("postcode", "100010")})


def _old_party(cipher: FieldCipher, name: str, phone: str, org: str, address: str) -> str:
    """A party as revision 0001 stored it: plain JSON with only the phone encrypted."""
    document = {"name": name, "phone": cipher.encrypt(phone), "organization": org}
    return json.dumps({**document, "address": json.loads(address)}, ensure_ascii=False)


def _insert_revision_0001_rows(engine: sa.Engine, cipher: FieldCipher) -> None:
    hall_address = _address("东直门南大街3号")
    department_address = _address(
        "保俶路88号",
        province="浙江省", city="杭州市", county="西湖区", county_code="330106", postcode="310007",
    )  # fmt: skip
    account = json.dumps({"customer_no": "90000001", "biz_product_no": "1", "payment_mode": 1})
    applicant = factories.applicant()
    metadata = sa.MetaData()
    with engine.begin() as conn:

        def insert(table: str, **row: object) -> None:
            conn.execute(sa.Table(table, metadata, autoload_with=conn).insert(), row)

        insert("halls", id=1, code="H-DC", name="东城区政务服务中心", address=hall_address,
               contact_name="李窗口", contact_phone=cipher.encrypt("13800138000"),
               carrier_account=account)  # fmt: skip
        insert("departments", id=1, code="D-MZ", name="杭州市民政局",
               address=department_address, contact_name="王收件",
               contact_phone=cipher.encrypt("057187654321"), carrier_account=account)  # fmt: skip
        insert("cases", id=1, case_number="BJ2026112600001", matter_name="婚姻登记档案查询",
               applicant_name=APPLICANT_NAME, applicant_mobile=cipher.encrypt(applicant.mobile),
               applicant_id_number=cipher.encrypt(applicant.id_number),
               applicant_address=_address(APPLICANT_STREET),
               applicant_mobile_tail_hash=cipher.lookup_hash("1907", "mobile4"),
               applicant_id_hash=cipher.lookup_hash(applicant.id_number, "id"),
               hall_id=1, department_id=1, status="accepted", result_delivery="mail",
               created_at=factories.NOW)  # fmt: skip
        insert("legs", id=1, case_id=1, kind="originals", order_no="CR20261126AAAAAAAAAA",
               sender=_old_party(cipher, "李窗口", "13800138000", "东城区政务服务中心",
                                 hall_address),
               receiver=_old_party(cipher, "王收件", "057187654321", "杭州市民政局",
                                   department_address),
               customer_no="90000001", payment_mode=1, biz_product_no="1", weight_grams=300,
               status="handed_over", waybill_no=WAYBILL, route_code="", package_code="",
               package_code_name="", mark_destination_code="", mark_destination_name="",
               booking_attempts=0, last_error="", tracking_note="")  # fmt: skip
        insert("handovers", id=1, sender_name="东城区政务服务中心", handed_over_at=factories.NOW)
        insert("handover_legs", handover_id=1, leg_id=1)


def test_a_database_with_revision_0001_data_stays_readable_after_upgrading(
    engine: sa.Engine, cipher: FieldCipher
) -> None:
    upgrade(engine, "0001")
    _insert_revision_0001_rows(engine, cipher)
    assert APPLICANT_NAME in _raw(engine, "cases")
    upgrade(engine)
    _assert_readable(engine)
    _assert_not_in_clear(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT applicant_name_hash FROM cases")).scalar_one()
    assert stored == cipher.lookup_hash(APPLICANT_NAME, "name")


def test_downgrading_restores_the_previous_storage(engine: sa.Engine, cipher: FieldCipher) -> None:
    upgrade(engine)
    _store_case_with_leg(engine)
    downgrade(engine, "0004")
    assert APPLICANT_NAME in _raw(engine, "cases")
    assert "李窗口" in _raw(engine, "halls")
    assert "东城区政务服务中心" in _raw(engine, "handovers")
    with engine.connect() as conn:
        sender = json.loads(conn.execute(sa.text("SELECT sender FROM legs")).scalar_one())
    assert sender["name"] == "李窗口"
    assert cipher.decrypt(sender["phone"]) == "13800138000"
    upgrade(engine)
    _assert_readable(engine)


def test_an_empty_database_migrates_without_a_data_key(url: str) -> None:
    engine = sa.create_engine(url)
    upgrade(engine)
    assert "applicant_name_hash" in {c["name"] for c in sa.inspect(engine).get_columns("cases")}
    engine.dispose()


def test_converting_stored_rows_without_the_data_key_is_refused(
    engine: sa.Engine, cipher: FieldCipher, url: str
) -> None:
    upgrade(engine, "0001")
    _insert_revision_0001_rows(engine, cipher)
    keyless = sa.create_engine(url)
    with pytest.raises(RuntimeError, match="needs the data key"):
        upgrade(keyless)
    keyless.dispose()
    assert APPLICANT_NAME in _raw(engine, "cases")
