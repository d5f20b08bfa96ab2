"""Security headers, Secure cookies in production, and CSRF on every cookie-borne post."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from courier.app import create_app
from tests.integration.app.conftest import basic
from tests.integration.app.test_api import new_case
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.integration.app.test_sign_in_security import wired_courier

NEW_CASE = new_case("BJDC2026120100001")


@pytest.fixture
def https_app(tmp_path: Path) -> Flask:
    settings = {
        "env": "production",
        "public_base_url": "https://courier.example.gov.cn",
        "simulator": "off",
        "sms": "off",
        "carrier_password": "carrier-password-for-tests",
        "push_password": "push-password-for-tests",
        "secret_key": "7f3a9c2e5b8d1f4a6c0e9b2d5f8a1c4e",
    }
    return create_app(wired=wired_courier(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", **settings))


def test_pages_carry_a_strict_content_security_policy(client: FlaskClient) -> None:
    headers = client.get("/login").headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "default-src 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_every_answer_is_nosniff_but_only_pages_get_a_policy(client: FlaskClient) -> None:
    health = client.get("/healthz")
    assert health.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in health.headers


def test_plain_http_gets_no_hsts_and_no_secure_cookie(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in response.headers["Set-Cookie"]


def test_production_over_https_sends_hsts_and_secure_cookies(https_app: Flask) -> None:
    response = https_app.test_client().get("/login", base_url="https://courier.example.gov.cn")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_sending_desk_page_loads_its_script_from_a_file(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    client.post(  # a booked parcel, so that the desk shows its table
        "/cases/BJDC2026112600002/legs",
        data={"csrf": csrf_of(client.get("/").get_data(as_text=True)), "kind": "originals"},
    )
    page = client.get("/desk").get_data(as_text=True)
    assert 'src="/static/desk.js"' in page and "onclick" not in page
    with client.get("/static/desk.js") as script:
        assert script.status_code == 200 and b"addEventListener" in script.data


def test_a_form_post_without_its_token_is_refused_as_an_expired_page(
    client: FlaskClient,
) -> None:
    signed_in(client, "bj-window")
    response = client.post("/cases/BJDC2026112600002/legs", data={"kind": "originals"})
    assert response.status_code == 400
    assert "页面已过期，请刷新后重试" in response.get_data(as_text=True)


def test_a_form_post_with_another_sessions_token_is_refused(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    stale = csrf_of(client.get("/").get_data(as_text=True))
    signed_in(client, "bj-window")  # a new session: the old page's token no longer fits
    response = client.post("/cases/BJDC2026112600002/status", data={"csrf": stale})
    assert response.status_code == 400


def test_signing_in_needs_the_form_token_too(client: FlaskClient) -> None:
    form = {"username": "bj-window", "password": "courier-demo"}
    assert client.post("/login", data=form).status_code == 400
    assert client.get("/cases/BJDC2026112600002").status_code == 302


def test_an_api_write_on_a_session_cookie_needs_the_csrf_header(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    refused = client.post("/api/v1/cases", json=NEW_CASE)
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf_failed"
    token = csrf_of(client.get("/").get_data(as_text=True))
    accepted = client.post("/api/v1/cases", json=NEW_CASE, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201, accepted.get_data(as_text=True)


def test_an_api_write_with_http_basic_and_no_cookie_needs_no_token(flask_app: Flask) -> None:
    client = flask_app.test_client(use_cookies=False)
    response = client.post(
        "/api/v1/cases",
        data=json.dumps(NEW_CASE),
        content_type="application/json",
        headers=basic("bj-window"),
    )
    assert response.status_code == 201, response.get_data(as_text=True)
