"""Sample carrier requests shared by the carrier client tests."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from courier.ports.carrier import (
    CargoLine,
    CarrierParty,
    InsuranceFlag,
    OrderRequest,
    PickupType,
)

FIXTURES = Path(__file__).parent / "fixtures"
USERNAME = "courier"
PASSWORD = "courier-secret"

HALL = CarrierParty(
    name="李窗口",
    mobile="13800138000",
    prov="北京市",
    city="北京市",
    county="东城区",
    address="东直门南大街3号",
    post_code="100010",
    company="东城区政务服务中心",
)
APPLICANT = CarrierParty(
    name="张小明",
    mobile="13112341907",
    prov="浙江省",
    city="杭州市",
    county="西湖区",
    address="保俶路88号阳光小区3栋2单元501室",
    post_code="310007",
)


def order(logistics_order_no: str = "LO202611260001") -> OrderRequest:
    return OrderRequest(
        logistics_order_no=logistics_order_no,
        sender=HALL,
        receiver=APPLICANT,
        customer_no="90000001",
        weight_grams=350,
        insurance_flag=InsuranceFlag.DECLARED_VALUE,
        insurance_amount=Decimal("500.00"),
        pickup_type=PickupType.DOOR_COLLECTION,
        pickup_start=datetime(2026, 11, 26, 14, 0),
        pickup_end=datetime(2026, 11, 26, 17, 0),
        receipt_flag=True,
        project_id="ZWFW-2026",
        remark="原件寄递",
        cargo=(CargoLine("结婚证原件", 1), CargoLine("户口簿复印件", 2)),
    )


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
