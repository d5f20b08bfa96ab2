"""Administrators edit offices and accounts over the API; everyone else gets 403."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.integration.app.conftest import basic
from tests.integration.app.test_answers_match_the_document import Caller
from tests.integration.app.test_api import new_case
from tests.integration.app.test_desk import signed_in

ADMIN, WINDOW = basic("admin"), basic("bj-window")


@pytest.fixture
def call(flask_app: Flask, client: FlaskClient) -> Caller:
    return Caller(flask_app, client)


def account_id(call: Caller, username: str) -> int:
    listed = call("GET", "/api/v1/accounts", headers=ADMIN).json["accounts"]
    return next(a["id"] for a in listed if a["username"] == username)  # type: ignore[no-any-return]


def test_staff_are_refused_every_administration_call(call: Caller) -> None:
    patch: dict[str, Any] = {"json": {"name": "新名称"}, "headers": WINDOW}
    assert call("PATCH", "/api/v1/halls/BJ-DC", **patch).status_code == 403
    assert call("POST", "/api/v1/departments/HZ-MZ/deactivate", headers=WINDOW).status_code == 403
    assert call("GET", "/api/v1/accounts", headers=WINDOW).status_code == 403
    assert call("POST", "/api/v1/accounts/1/disable", headers=WINDOW).status_code == 403


def test_an_administrator_edits_a_department_and_bad_fields_are_named(call: Caller) -> None:
    edited = call(
        "PATCH",
        "/api/v1/departments/HZ-MZ",
        json={
            "name": "杭州市民政局（婚姻登记处）",
            "carrier_account": {"customer_no": "3301099999"},
        },
        headers=ADMIN,
    )
    assert edited.status_code == 200
    assert edited.json["name"] == "杭州市民政局（婚姻登记处）"
    assert edited.json["carrier_account"]["customer_no"] == "3301099999"
    assert edited.json["contact_name"] == "王静"  # what was not sent stays
    bad = call(
        "PATCH",
        "/api/v1/departments/HZ-MZ",
        json={"contact_phone": "123", "address": {"county_code": "999999", "street": "x"}},
        headers=ADMIN,
    )
    assert bad.status_code == 422
    assert {"contact_phone", "address.county_code"} <= set(bad.json["error"]["fields"])
    assert call("PATCH", "/api/v1/halls/NOPE", json={}, headers=ADMIN).status_code == 404


def test_a_deactivated_department_is_refused_for_new_cases_until_reactivated(
    call: Caller,
) -> None:
    case = new_case("BJDC2026112699990")
    code = case["department_code"]
    off = call("POST", f"/api/v1/departments/{code}/deactivate", headers=ADMIN)
    assert off.status_code == 200 and off.json["active"] is False
    refused = call("POST", "/api/v1/cases", json=case, headers=WINDOW)
    assert refused.status_code == 422
    assert refused.json["error"]["fields"]["department_code"] == "该部门已停用。"
    assert call("POST", f"/api/v1/departments/{code}/activate", headers=ADMIN).json["active"]
    assert call("POST", "/api/v1/cases", json=case, headers=WINDOW).status_code == 201


def test_a_deactivated_department_is_not_offered_in_the_case_form(client: FlaskClient) -> None:
    client.post("/api/v1/departments/HZ-MZ/deactivate", headers=ADMIN)
    signed_in(client, "bj-window")
    form = client.get("/cases/new").get_data(as_text=True)
    assert 'value="HZ-MZ"' not in form and 'value="BJ-GA"' in form


def test_accounts_are_listed_and_edited_with_their_office(call: Caller) -> None:
    listed = {
        a["username"]: a for a in call("GET", "/api/v1/accounts", headers=ADMIN).json["accounts"]
    }
    assert listed["bj-window"]["hall_code"] == "BJ-DC" and listed["bj-window"]["active"]
    target = listed["bj-window"]["id"]
    moved = call(
        "PATCH",
        f"/api/v1/accounts/{target}",
        json={"role": "department_staff", "department_code": "BJ-GA", "display_name": "张三"},
        headers=ADMIN,
    )
    assert moved.status_code == 200
    assert (moved.json["role"], moved.json["hall_code"], moved.json["department_code"]) == (
        "department_staff",
        None,
        "BJ-GA",
    )
    missing = call(
        "PATCH", f"/api/v1/accounts/{target}", json={"role": "hall_staff"}, headers=ADMIN
    )
    assert missing.status_code == 422 and "hall_code" in missing.json["error"]["fields"]


def test_an_administrator_cannot_disable_or_demote_themselves(call: Caller) -> None:
    me = account_id(call, "admin")
    disabled = call("POST", f"/api/v1/accounts/{me}/disable", headers=ADMIN)
    assert (
        disabled.status_code == 409 and disabled.json["error"]["message"] == "不能停用自己的账号。"
    )
    demoted = call(
        "PATCH",
        f"/api/v1/accounts/{me}",
        json={"role": "hall_staff", "hall_code": "BJ-DC"},
        headers=ADMIN,
    )
    assert (
        demoted.status_code == 409
        and demoted.json["error"]["message"] == "不能取消自己的管理员身份。"
    )


def test_a_disabled_account_cannot_sign_in_until_enabled(call: Caller) -> None:
    target = account_id(call, "bj-window")
    off = call("POST", f"/api/v1/accounts/{target}/disable", headers=ADMIN)
    assert off.status_code == 200 and off.json["active"] is False
    assert call("GET", "/api/v1/cases", headers=WINDOW).status_code == 401
    assert call("POST", f"/api/v1/accounts/{target}/enable", headers=ADMIN).json["active"]
    assert call("GET", "/api/v1/cases", headers=WINDOW).status_code == 200


def test_a_password_reset_follows_the_password_rule_and_ends_the_sessions(
    call: Caller, flask_app: Flask
) -> None:
    target = account_id(call, "bj-window")
    browser = flask_app.test_client()  # the window's own browser, signed in
    signed_in(browser, "bj-window")
    assert browser.get("/desk").status_code == 200
    short = call(
        "POST",
        f"/api/v1/accounts/{target}/reset-password",
        json={"password": "short"},
        headers=ADMIN,
    )
    assert short.status_code == 422 and "password" in short.json["error"]["fields"]
    reset = call(
        "POST",
        f"/api/v1/accounts/{target}/reset-password",
        json={"password": "a-new-password-1"},
        headers=ADMIN,
    )
    assert reset.status_code == 200 and reset.json["last_sign_in_at"] is not None
    assert browser.get("/desk").status_code in (302, 401)  # the window's session has ended
    assert call("GET", "/api/v1/cases", headers=WINDOW).status_code == 401
    new = basic("bj-window", "a-new-password-1")
    assert call("GET", "/api/v1/cases", headers=new).status_code == 200


def test_the_window_of_a_deactivated_hall_opens_no_case(call: Caller) -> None:
    assert call("POST", "/api/v1/halls/BJ-DC/deactivate", headers=ADMIN).status_code == 200
    refused = call("POST", "/api/v1/cases", json=new_case("BJDC2026112699991"), headers=WINDOW)
    assert refused.status_code == 422
    assert refused.json["error"]["fields"]["hall_code"] == "该大厅已停用。"
    halls = call("GET", "/api/v1/halls", headers=WINDOW).json["halls"]
    assert next(h for h in halls if h["code"] == "BJ-DC")["active"] is False


def test_an_account_cannot_be_placed_in_a_deactivated_department(call: Caller) -> None:
    call("POST", "/api/v1/departments/BJ-GA/deactivate", headers=ADMIN)
    target = account_id(call, "hz-minzheng")
    moved = call(
        "PATCH", f"/api/v1/accounts/{target}", json={"department_code": "BJ-GA"}, headers=ADMIN
    )
    assert moved.status_code == 422
    assert moved.json["error"]["fields"]["department_code"] == "该部门已停用。"
