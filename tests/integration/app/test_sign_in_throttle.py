"""Guessing passwords is throttled per username and per address, on the form and over Basic."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from courier.app import create_app
from tests.integration.app.conftest import basic
from tests.integration.app.test_desk import csrf_of
from tests.integration.app.test_sign_in_security import wired_courier

Web = Callable[..., Flask]


@pytest.fixture(params=["memory", "redis"])
def storage(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "memory":
        return {}
    request.getfixturevalue("redis_client")  # flushed before and after
    return {"redis_url": str(request.getfixturevalue("redis_url"))}


@pytest.fixture
def make_web(tmp_path: Path) -> Iterator[Web]:
    made = []

    def make(**settings: Any) -> Flask:
        wired = wired_courier(tmp_path, f"sqlite:///{tmp_path / 'courier.db'}", **settings)
        made.append(wired)
        return create_app(wired=wired)

    yield make
    for wired in made:
        wired.close()


def attempt(client: FlaskClient, password: str, username: str = "bj-window") -> TestResponse:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"csrf": token, "username": username, "password": password})


def test_after_too_many_wrong_passwords_the_right_one_waits_for_the_window(
    make_web: Web, storage: dict[str, str]
) -> None:
    client = make_web(signin_account_limit="3 per 3 seconds", **storage).test_client()
    assert [attempt(client, "wrong").status_code for _ in range(3)] == [401, 401, 401]
    refused = attempt(client, "courier-demo")
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "登录失败次数过多" in page and 'name="password"' in page
    assert 1 <= int(refused.headers["Retry-After"]) <= 3
    time.sleep(3.2)  # let the window pass
    assert attempt(client, "courier-demo").status_code == 302


def test_an_unknown_username_is_locked_out_like_a_known_one(make_web: Web) -> None:
    client = make_web(signin_account_limit="2 per 15 minutes").test_client()
    assert [attempt(client, "x", "nobody").status_code for _ in range(3)] == [401, 401, 429]


def test_successful_sign_ins_never_count_towards_the_lockout(make_web: Web) -> None:
    client = make_web(signin_account_limit="2 per 15 minutes").test_client()
    assert attempt(client, "wrong").status_code == 401
    assert [attempt(client, "courier-demo").status_code for _ in range(4)] == [302] * 4
    assert attempt(client, "wrong").status_code == 401
    assert attempt(client, "courier-demo").status_code == 429


def test_many_usernames_guessed_from_one_address_lock_that_address_out(make_web: Web) -> None:
    client = make_web(signin_address_limit="4 per 15 minutes").test_client()
    names = ["hz-window", "admin", "zj-shijian", "nobody"]
    assert [attempt(client, "wrong", name).status_code for name in names] == [401] * 4
    assert attempt(client, "courier-demo", "bj-window").status_code == 429


def test_http_basic_guessing_is_refused_with_429_in_json(
    make_web: Web, storage: dict[str, str]
) -> None:
    client = make_web(signin_account_limit="3 per 15 minutes", **storage).test_client()
    wrong = [client.get("/api/v1/cases", headers=basic("bj-window", "x")) for _ in range(3)]
    assert [r.status_code for r in wrong] == [401, 401, 401]
    refused = client.get("/api/v1/cases", headers=basic("bj-window"))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    error = refused.get_json()["error"]
    assert error["code"] == "http_429" and "稍后再试" in error["message"]


def test_failures_on_the_form_and_over_basic_share_one_count(make_web: Web) -> None:
    client = make_web(signin_account_limit="2 per 15 minutes").test_client()
    assert attempt(client, "wrong").status_code == 401
    assert client.get("/api/v1/cases", headers=basic("bj-window", "x")).status_code == 401
    assert client.get("/api/v1/cases", headers=basic("bj-window")).status_code == 429


def test_a_bad_limit_setting_stops_the_start_with_its_name(make_web: Web) -> None:
    from courier.config import ConfigError

    with pytest.raises(ConfigError, match="SIGNIN"):
        make_web(signin_account_limit="many per fortnight")


def test_with_redis_unreachable_sign_in_works_and_is_still_throttled(make_web: Web) -> None:
    web = make_web(redis_url="redis://127.0.0.1:9/0", signin_account_limit="2 per 15 minutes")
    client = web.test_client()
    assert attempt(client, "courier-demo").status_code == 302
    assert [attempt(client, "wrong").status_code for _ in range(3)] == [401, 401, 429]
