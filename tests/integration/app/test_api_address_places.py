"""Opening a case through the API: the county code decides the address's place names."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_api import WINDOW, case_count, new_case


def with_address(number: str, **place: str) -> dict[str, Any]:
    data = new_case(number)
    data["applicant"]["address"].update(place)
    return data


def test_names_left_out_are_filled_from_the_county_code(client: FlaskClient) -> None:
    data = with_address("BJDC2026112699101", province="", city="", county="", county_code="330106")
    response = client.post("/api/v1/cases", json=data, headers=WINDOW)
    assert response.status_code == 201, response.json
    address = response.json["applicant"]["address"]
    assert (address["province"], address["city"], address["county"]) == (
        "浙江省",
        "杭州市",
        "西湖区",
    )


def test_names_that_disagree_with_the_code_are_refused_by_field(
    client: FlaskClient, wired: Courier
) -> None:
    before = case_count(wired)
    data = with_address("BJDC2026112699102", city="宁波市", county_code="330106")
    data["applicant"]["address"].update(province="浙江省", county="西湖区")
    response = client.post("/api/v1/cases", json=data, headers=WINDOW)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert set(fields) == {"applicant.address.city"}
    assert "应为“杭州市”" in fields["applicant.address.city"]
    assert case_count(wired) == before


def test_a_code_not_in_the_table_is_refused_on_the_code(client: FlaskClient) -> None:
    data = with_address("BJDC2026112699103", county_code="110199")
    response = client.post("/api/v1/cases", json=data, headers=WINDOW)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert fields["applicant.address.county_code"].startswith("区县代码不在行政区划表中")
