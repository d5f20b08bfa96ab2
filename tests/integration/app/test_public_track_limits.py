"""Public lookups are limited per client address and per case or waybill, in Redis or in process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from courier.app import create_app
from courier.app.security import LookupLimits, PublicLookupGuard
from tests.integration.app.test_desk import csrf_of
from tests.integration.app.test_sign_in_security import wired_courier

API = "/api/v1/public/track"
CASE = "HZXH2026112600003"
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

    def make(limits: LookupLimits | None = None, **settings: Any) -> Flask:
        wired = wired_courier(tmp_path, f"sqlite:///{tmp_path / 'courier.db'}", **settings)
        made.append(wired)
        app = create_app(wired=wired)
        if limits is not None:
            app.extensions["courier_public_lookups"] = PublicLookupGuard(
                app, wired.settings, limits
            )
        return app

    yield make
    for wired in made:
        wired.close()


def from_address(client: FlaskClient, address: str, body: dict[str, str]) -> TestResponse:
    return client.post(API, json=body, environ_base={"REMOTE_ADDR": address})


def assert_throttled(answer: TestResponse) -> None:
    assert answer.status_code == 429
    assert 1 <= int(answer.headers["Retry-After"]) <= 60
    assert "稍后再试" in answer.get_data(as_text=True)


def test_one_address_is_refused_after_its_allowance_of_lookups(
    make_web: Web, storage: dict[str, str]
) -> None:
    client = make_web(LookupLimits(per_address="3 per minute"), **storage).test_client()
    numbers = ["HZXH2099010100001", "HZXH2099010100002", "HZXH2099010100003"]
    answers = [from_address(client, "10.0.0.1", {"case_number": n, "phone_tail": "1234"})
               for n in numbers]  # fmt: skip
    assert [a.status_code for a in answers] == [404, 404, 404]
    refused = from_address(client, "10.0.0.1", {"case_number": CASE, "phone_tail": "2233"})
    assert_throttled(refused)
    assert refused.json["error"]["code"] == "http_429"
    other = from_address(client, "10.0.0.2", {"case_number": CASE, "phone_tail": "2233"})
    assert other.status_code == 200


def test_one_case_number_is_refused_whatever_address_asks(
    make_web: Web, storage: dict[str, str]
) -> None:
    client = make_web(LookupLimits(per_subject="3 per minute"), **storage).test_client()
    body = {"case_number": CASE, "phone_tail": "2233"}
    assert [from_address(client, f"10.0.1.{i}", body).status_code for i in range(3)] == [200] * 3
    assert_throttled(from_address(client, "10.0.1.9", body))
    other = from_address(
        client, "10.0.1.9", {"case_number": "BJDC2026112600001", "phone_tail": "1907"}
    )
    assert other.status_code == 200


def test_the_qr_page_of_one_waybill_is_limited_and_answers_a_chinese_page(
    make_web: Web, storage: dict[str, str]
) -> None:
    client = make_web(LookupLimits(per_subject="2 per minute"), **storage).test_client()
    waybill = client.post(API, json={"case_number": CASE, "phone_tail": "2233"}).json["legs"][0][
        "waybill_no"
    ]
    pages = [client.get(f"/t/{waybill}", environ_base={"REMOTE_ADDR": f"10.0.2.{i}"})
             for i in range(3)]  # fmt: skip
    assert [p.status_code for p in pages[:2]] == [200, 200]
    assert_throttled(pages[2])
    assert pages[2].mimetype == "text/html"


def test_with_the_configured_redis_down_lookups_are_refused_not_unlimited(make_web: Web) -> None:
    client = make_web(redis_url="redis://127.0.0.1:9/0").test_client()
    by_api = client.post(API, json={"case_number": CASE, "phone_tail": "2233"})
    assert by_api.status_code == 503
    assert by_api.json["error"] == {"code": "http_503", "message": "服务暂时不可用，请稍后再试。"}
    token = csrf_of(client.get("/track").get_data(as_text=True))
    by_form = client.post("/track", data={"csrf": token, "waybill_no": "1151238971060"})
    assert by_form.status_code == 503 and "暂时不可用" in by_form.get_data(as_text=True)
    assert client.get("/t/1151238971060").status_code == 503
