"""The JSON API: field-level errors in Chinese, nothing half-written, rules enforced."""

from __future__ import annotations

import copy
from typing import Any

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.demo import CASES
from tests.integration.app.conftest import basic

WINDOW = basic("bj-window")


def new_case(number: str = "BJDC2026112699999") -> dict[str, Any]:
    data = copy.deepcopy(CASES[0][0])
    data["case_number"] = number
    data.pop("hall_code")
    return data


def case_count(wired: Courier) -> int:
    with wired.uow() as uow:
        return len(uow.cases.list())


def test_window_staff_open_a_case_and_book_its_originals(client: FlaskClient) -> None:
    response = client.post("/api/v1/cases", json=new_case(), headers=WINDOW)
    assert response.status_code == 201, response.json
    assert response.json["applicant"]["mobile"] == "131******07"
    assert "13112341907" not in response.get_data(as_text=True)
    leg = client.post(
        "/api/v1/cases/BJDC2026112699999/legs", json={"kind": "originals"}, headers=WINDOW
    )
    assert leg.status_code == 201, leg.json
    assert leg.json["receiver"]["organization"] == "杭州市民政局"
    booked = client.get(f"/api/v1/legs/{leg.json['id']}", headers=WINDOW).json
    assert booked["status"] == "booked" and len(booked["waybill_no"]) == 13


def test_bad_case_input_gets_every_field_error_and_stores_nothing(
    client: FlaskClient, wired: Courier
) -> None:
    before = case_count(wired)
    data = new_case("x")
    data["applicant"]["mobile"] = "12345"
    data["applicant"]["id_number"] = "110105194912310021"
    data["applicant"]["address"]["postcode"] = "1000"
    data["materials"] = [{"name": "", "pages": 0}]
    response = client.post("/api/v1/cases", json=data, headers=WINDOW)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert set(fields) >= {
        "applicant.mobile",
        "applicant.id_number",
        "applicant.address.postcode",
        "materials.0.pages",
    }
    assert "手机号" in fields["applicant.mobile"]
    assert case_count(wired) == before


def test_case_number_taken_with_other_data_is_a_conflict(client: FlaskClient) -> None:
    data = new_case("BJDC2026112600001")
    data["matter_name"] = "另一个事项"
    response = client.post("/api/v1/cases", json=data, headers=WINDOW)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "case_number_exists"
    assert "不会覆盖" in response.json["error"]["message"]


def test_malformed_json_and_wrong_content_type_are_refused_clearly(client: FlaskClient) -> None:
    broken = client.post(
        "/api/v1/cases", data="{not json", content_type="application/json", headers=WINDOW
    )
    assert broken.status_code == 400 and broken.json["error"]["message"] == "请求格式不正确。"
    form = client.post("/api/v1/cases", data={"a": "b"}, headers=WINDOW)
    assert form.status_code == 415
    listed = client.post("/api/v1/cases", json=[1, 2], headers=WINDOW)
    assert listed.status_code == 400


def test_result_leg_before_the_case_is_decided_is_refused(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/cases/BJDC2026112600002/legs",
        json={"kind": "result"},
        headers=basic("bj-churujing"),
    )
    assert response.status_code == 409
    assert "尚未办结" in response.json["error"]["message"]


def test_staff_see_only_their_own_hall_or_department(client: FlaskClient) -> None:
    other_hall = client.get("/api/v1/cases/HZXH2026112600003", headers=WINDOW)
    assert other_hall.status_code == 404
    numbers = {c["case_number"] for c in client.get("/api/v1/cases", headers=WINDOW).json["cases"]}
    assert numbers == {"BJDC2026112600001", "BJDC2026112600002"}


def test_api_needs_credentials(client: FlaskClient) -> None:
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/api/v1/cases", headers=basic("admin", "wrong")).status_code == 401


def test_one_live_leg_per_kind(client: FlaskClient) -> None:
    again = client.post(
        "/api/v1/cases/BJDC2026112600001/legs", json={"kind": "originals"}, headers=WINDOW
    )
    assert again.status_code == 409


def test_bad_leg_input_is_reported_per_field(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/cases/BJDC2026112600002/legs",
        json={"kind": "originals", "weight_grams": "heavy", "insured_value": "1.234"},
        headers=WINDOW,
    )
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"weight_grams", "insured_value"}


def test_only_admins_register_halls(client: FlaskClient) -> None:
    assert client.post("/api/v1/halls", json={}, headers=WINDOW).status_code == 403
    response = client.post("/api/v1/halls", json={"code": "?"}, headers=basic("admin"))
    assert response.status_code == 422
    assert {
        "code",
        "name",
        "contact_phone",
        "carrier_account.customer_no",
        "address.province",
        "address.county_code",
    } <= set(response.json["error"]["fields"])
