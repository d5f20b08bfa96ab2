"""Machine clients over the API: tokens, hall scope, revocation and repeated intakes."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests import factories
from tests.integration.app.conftest import basic
from tests.integration.app.intake_support import (
    ADMIN,
    NUMBER,
    WINDOW,
    bearer,
    case_numbers,
    intake,
    issue,
    token,
)

__all__ = ["token"]  # the fixture


def test_an_administrator_issues_a_token_shown_once_and_listed_without_it(
    client: FlaskClient,
) -> None:
    issued = issue(client, "BJ-DC", "HZ-XH")
    assert issued["token"].startswith("ctk_") and issued["halls"] == ["BJ-DC", "HZ-XH"]
    listed = client.get("/api/v1/api-tokens", headers=ADMIN)
    assert listed.status_code == 200
    assert issued["token"] not in listed.get_data(as_text=True)
    (shown,) = listed.json["api_tokens"]
    assert set(shown) == {"id", "name", "halls", "created_at", "last_used_at", "revoked_at"}


def test_only_administrators_manage_tokens(client: FlaskClient, token: dict[str, Any]) -> None:
    data = {"name": "x", "halls": ["BJ-DC"]}
    assert client.post("/api/v1/api-tokens", json=data, headers=WINDOW).status_code == 403
    assert client.get("/api/v1/api-tokens", headers=WINDOW).status_code == 403
    assert client.delete(f"/api/v1/api-tokens/{token['id']}", headers=WINDOW).status_code == 403
    assert client.get("/api/v1/api-tokens", headers=bearer(token)).status_code == 403


def test_a_token_for_an_unknown_hall_is_a_field_error(client: FlaskClient) -> None:
    data = {"name": "x", "halls": ["BJ-DC", "NO-SUCH"]}
    response = client.post("/api/v1/api-tokens", json=data, headers=ADMIN)
    assert response.status_code == 422 and "halls.1" in response.json["error"]["fields"]


def test_a_token_opens_and_reads_cases_of_its_hall(
    client: FlaskClient, token: dict[str, Any]
) -> None:
    opened = client.post("/api/v1/cases", json=intake(), headers=bearer(token))
    assert opened.status_code == 201, opened.json
    assert opened.headers["Courier-Case-Existed"] == "false"
    assert client.get(f"/api/v1/cases/{NUMBER}", headers=bearer(token)).status_code == 200
    listed = client.get("/api/v1/cases", headers=bearer(token)).json["cases"]
    assert {c["case_number"] for c in listed} == {NUMBER, "BJDC2026112600001", "BJDC2026112600002"}


def test_a_token_gets_404_on_another_halls_case_and_cannot_open_one_there(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    other = client.get("/api/v1/cases/HZXH2026112600003", headers=bearer(token))
    assert other.status_code == 404 and other.json["error"]["code"] == "not_found"
    there = intake("HZXH2026112688888", hall_code="HZ-XH")
    refused = client.post("/api/v1/cases", json=there, headers=bearer(token))
    assert refused.status_code == 422 and "hall_code" in refused.json["error"]["fields"]
    assert "HZXH2026112688888" not in case_numbers(wired)


def test_a_token_books_nothing_and_manages_nothing(
    client: FlaskClient, token: dict[str, Any]
) -> None:
    leg = client.post(
        "/api/v1/cases/BJDC2026112600002/legs", json={"kind": "originals"}, headers=bearer(token)
    )
    assert (
        leg.status_code == 409
        and leg.json["error"]["fields"]["kind"] == "您的岗位不能寄出这一类运单。"
    )
    hall = client.post("/api/v1/halls", json={}, headers=bearer(token))
    assert hall.status_code == 403


@pytest.mark.parametrize("header", ["Bearer ctk_unknown", "Bearer ", "Bearer a b"])
def test_an_unknown_token_is_401_with_a_json_error(client: FlaskClient, header: str) -> None:
    response = client.get("/api/v1/cases", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json["error"]["code"] in ("invalid_token", "http_401")


def test_a_revoked_token_is_401_at_once(client: FlaskClient, token: dict[str, Any]) -> None:
    assert client.get("/api/v1/cases", headers=bearer(token)).status_code == 200
    revoked = client.delete(f"/api/v1/api-tokens/{token['id']}", headers=ADMIN)
    assert revoked.status_code == 200 and revoked.json["revoked_at"]
    refused = client.get("/api/v1/cases", headers=bearer(token))
    assert refused.status_code == 401 and refused.json["error"]["code"] == "invalid_token"
    again = client.post(f"/api/v1/api-tokens/{token['id']}/revoke", headers=ADMIN, json={})
    assert again.status_code == 200


def test_the_token_account_cannot_use_http_basic(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    with wired.uow() as uow:
        username = uow.api_tokens.get(token["id"]).account.username  # type: ignore[union-attr]
    for password in ("", "!", token["token"]):
        response = client.get("/api/v1/cases", headers=basic(username, password))
        assert response.status_code == 401


def test_last_use_is_shown_after_a_request(client: FlaskClient, token: dict[str, Any]) -> None:
    client.get("/api/v1/cases", headers=bearer(token))
    (shown,) = client.get("/api/v1/api-tokens", headers=ADMIN).json["api_tokens"]
    assert shown["last_used_at"] == factories.NOW.isoformat()


def test_the_same_intake_again_is_200_with_the_case_and_different_data_is_409(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    client.post("/api/v1/cases", json=intake(), headers=bearer(token))
    again = client.post("/api/v1/cases", json=intake(), headers=bearer(token))
    assert again.status_code == 200 and again.headers["Courier-Case-Existed"] == "true"
    assert again.json["case_number"] == NUMBER
    changed = client.post(
        "/api/v1/cases", json=intake(matter_name="别的事项"), headers=bearer(token)
    )
    assert changed.status_code == 409 and changed.json["error"]["code"] == "case_number_exists"
    assert case_numbers(wired).count(NUMBER) == 1
