"""Builders of valid domain objects for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from courier.domain.case import Applicant, Case, ResultDelivery, Shipping
from courier.domain.leg import LegStatus
from courier.domain.materials import Material
from courier.domain.organizations import CarrierAccount, Department, Hall
from courier.domain.places import Address

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def address(street: str = "人民路100号阳光小区3栋2单元501室") -> Address:
    return Address.create("北京市", "北京市", "东城区", "110101", street, "100010")


def hall(hall_id: int | None = 1, code: str = "H-DC") -> Hall:
    return Hall(
        code=code,
        name="东城区政务服务中心",
        address=address("东直门南大街3号"),
        contact_name="李窗口",
        contact_phone="13800138000",
        carrier_account=CarrierAccount("90000001"),
        id=hall_id,
    )


def department(department_id: int | None = 1, code: str = "D-MZ") -> Department:
    return Department(
        code=code,
        name="杭州市民政局",
        address=Address.create("浙江省", "杭州市", "西湖区", "330106", "保俶路88号", "310007"),
        contact_name="王收件",
        contact_phone="057187654321",
        carrier_account=CarrierAccount("90000002"),
        id=department_id,
    )


def applicant(with_address: bool = True) -> Applicant:
    return Applicant.create(
        "张小明", "13112341907", "11010519491231002X", address() if with_address else None
    )


def case(
    case_number: str = "BJ2026112600001",
    delivery: ResultDelivery = ResultDelivery.MAIL,
    hall_id: int = 1,
    department_id: int = 1,
    with_originals: bool = True,
) -> Case:
    c = Case(
        case_number=case_number,
        matter_name="婚姻登记档案查询",
        applicant=applicant(delivery is ResultDelivery.MAIL),
        hall_id=hall_id,
        department_id=department_id,
        result_delivery=delivery,
        created_at=NOW,
    )
    if with_originals:
        c.add_material(Material.create("户口簿", original=True, pages=4))
    c.add_material(Material.create("身份证复印件", original=False))
    return c


def shipping(order_no: str = "CR20261126AAAAAAAAAA") -> Shipping:
    return Shipping(order_no=order_no, account=CarrierAccount("90000001"), weight_grams=300)


def originals_received(c: Case) -> Case:
    """Send the case's originals and have the department confirm them, as review requires."""
    originals = shipping("CR20261126OOOOOOOOOO")
    leg = c.plan_originals_leg(hall(c.hall_id), department(c.department_id), originals)
    leg.status = LegStatus.RECEIVED
    return c
