"""The window's case form: a bad form comes back filled in with reasons; a good one opens."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_desk import signed_in

GOOD = {
    "case_number": "BJDC2026112699001",
    "matter_name": "出生医学证明补发",
    "department_code": "HZ-MZ",
    "result_delivery": "mail",
    "applicant_name": "赵喆",
    "applicant_mobile": "13912345678",
    "applicant_id_number": "11010519491231002X",
    "address_province_code": "110000",
    "address_city_code": "110100",
    "address_county_code": "110101",
    "address_street": "东四十条1号院2号楼3单元401室",
    "address_postcode": "100007",
    "materials": "申请表, 原件, 2\n户口簿, 复印件\n",
}


def count(wired: Courier) -> int:
    with wired.uow() as uow:
        return len(uow.cases.list())


def test_a_good_form_opens_the_case_with_its_materials(client: FlaskClient, wired: Courier) -> None:
    token = signed_in(client, "bj-window")
    response = client.post("/cases/new", data={**GOOD, "csrf": token})
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/cases/BJDC2026112699001"
    )
    with wired.uow() as uow:
        case = uow.cases.get("BJDC2026112699001")
    assert case is not None and case.hall_id == 1
    assert [(m.name, m.original, m.pages) for m in case.materials] == [
        ("申请表", True, 2),
        ("户口簿", False, 1),
    ]


def test_a_bad_form_keeps_what_was_typed_and_says_what_is_wrong(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    before = count(wired)
    bad = {**GOOD, "applicant_mobile": "1391234567", "address_postcode": "10007", "csrf": token}
    response = client.post("/cases/new", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "手机号码" in page and "邮政编码应为 6 位数字" in page
    assert 'value="东四十条1号院2号楼3单元401室"' in page and "申请表, 原件, 2" in page
    assert count(wired) == before


def test_mailing_without_an_address_is_explained(client: FlaskClient) -> None:
    token = signed_in(client, "bj-window")
    no_address = {k: v for k, v in GOOD.items() if not k.startswith("address_")}
    page = client.post("/cases/new", data={**no_address, "csrf": token}).get_data(as_text=True)
    assert "请填写省份" in page and "请填写详细地址" in page


def test_departments_do_not_open_cases(client: FlaskClient) -> None:
    token = signed_in(client, "hz-minzheng")
    response = client.post("/cases/new", data={**GOOD, "csrf": token})
    assert response.status_code == 409 and "窗口工作人员" in response.get_data(as_text=True)


def test_a_place_chosen_from_the_table_is_stored_with_the_table_names(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    place = {
        "address_province_code": "330000",
        "address_city_code": "330100",
        "address_county_code": "330106",
    }
    response = client.post("/cases/new", data={**GOOD, **place, "csrf": token})
    assert response.status_code == 302
    with wired.uow() as uow:
        case = uow.cases.get(GOOD["case_number"])
    assert case is not None and case.applicant.address is not None
    address = case.applicant.address
    assert (address.province, address.city, address.county, address.county_code) == (
        "浙江省",
        "杭州市",
        "西湖区",
        "330106",
    )


def test_a_county_outside_the_chosen_city_is_refused_and_the_choice_kept(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    before = count(wired)
    place = {
        "address_province_code": "330000",
        "address_city_code": "330200",  # 宁波市, while 330106 is 杭州市西湖区
        "address_county_code": "330106",
    }
    response = client.post("/cases/new", data={**GOOD, **place, "csrf": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "城市与区县代码 330106 不符，应为“杭州市”" in page
    assert '<option value="330200" selected>宁波市</option>' in page
    assert count(wired) == before


def test_a_county_code_not_in_the_table_is_refused(client: FlaskClient, wired: Courier) -> None:
    token = signed_in(client, "bj-window")
    response = client.post(
        "/cases/new", data={**GOOD, "address_county_code": "110199", "csrf": token}
    )
    assert response.status_code == 422
    assert "区县代码不在行政区划表中" in response.get_data(as_text=True)


def test_without_script_the_form_lists_the_cities_of_the_chosen_province(
    client: FlaskClient,
) -> None:
    token = signed_in(client, "bj-window")
    chosen = {"address_province_code": "330000", "address_city_code": "", "csrf": token}
    response = client.post("/cases/new/places", data={**GOOD, **chosen})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<option value="330100">杭州市</option>' in page
    assert 'value="东四十条1号院2号楼3单元401室"' in page  # what was typed stays


def test_without_script_a_city_of_the_previous_province_lists_no_counties(
    client: FlaskClient,
) -> None:
    token = signed_in(client, "bj-window")
    chosen = {"address_province_code": "330000", "csrf": token}  # city 110100 still chosen
    page = client.post("/cases/new/places", data={**GOOD, **chosen}).get_data(as_text=True)
    assert "杭州市" in page and "东城区" not in page
