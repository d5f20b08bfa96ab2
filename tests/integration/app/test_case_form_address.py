"""The case form fills the address from a pasted one (060001) and warns if EMS cannot deliver."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from integrations.carrier.fake import FakeCarrier
from tests.integration.app.test_case_form import GOOD
from tests.integration.app.test_desk import signed_in

PASTED = "浙江省杭州市西湖区保俶路88号阳光小区3栋501室"


def filled(client: FlaskClient, **fields: str) -> tuple[int, str]:
    token = signed_in(client, "bj-window")
    data = {**GOOD, "address_province_code": "", "address_city_code": "", "address_county_code": ""}
    response = client.post("/cases/new/address", data={**data, **fields, "csrf": token})
    return response.status_code, response.get_data(as_text=True)


def test_a_pasted_address_fills_province_city_county_and_street(
    client: FlaskClient, wired: Courier
) -> None:
    status, page = filled(client, address_text=PASTED)
    assert status == 200
    for code, name in (("330000", "浙江省"), ("330100", "杭州市"), ("330106", "西湖区")):
        assert f'<option value="{code}" selected>{name}</option>' in page
    for value in ("保俶路88号阳光小区3栋501室", "出生医学证明补发"):
        assert f'value="{value}"' in page
    assert "无法从" not in page
    with wired.uow() as uow:
        assert uow.cases.get(GOOD["case_number"]) is None  # reading an address opens nothing


def test_an_address_ems_cannot_reach_from_the_department_is_warned_about(
    client: FlaskClient, wired: Courier
) -> None:
    assert isinstance(wired.carrier_override, FakeCarrier)
    wired.carrier_override.unreachable_provinces = {"浙江省"}
    status, page = filled(client, address_text=PASTED)
    assert status == 200 and "邮政提示：无法从" in page and "寄达该地址" in page


def test_an_address_the_carrier_cannot_read_is_a_field_error_not_a_500(
    client: FlaskClient,
) -> None:
    status, page = filled(client, address_text="随便写的地址")
    assert status == 422 and "邮政无法识别该地址" in page
    assert 'value="随便写的地址"' in page


def test_nothing_pasted_asks_for_the_address(client: FlaskClient) -> None:
    status, page = filled(client, address_text="  ")
    assert status == 422 and "请先粘贴申请人的完整地址" in page


def test_the_form_needs_a_signed_in_account(client: FlaskClient) -> None:
    response = client.post("/cases/new/address", data={"address_text": PASTED})
    assert response.status_code in (302, 400, 401, 403)
