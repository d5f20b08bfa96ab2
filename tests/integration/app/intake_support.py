"""Helpers of the machine-client API tests: a token, its headers, an intake."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.demo import CASES
from tests.integration.app.conftest import basic

ADMIN, WINDOW = basic("admin"), basic("bj-window")
NUMBER = "BJDC2026112688888"


def issue(client: FlaskClient, *halls: str) -> dict[str, Any]:
    data = {"name": "一体化政务服务平台", "halls": list(halls or ["BJ-DC"])}
    response = client.post("/api/v1/api-tokens", json=data, headers=ADMIN)
    assert response.status_code == 201, response.json
    return dict(response.json)


def bearer(token: dict[str, Any], key: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token['token']}"}
    return {**headers, "Idempotency-Key": key} if key is not None else headers


def intake(number: str = NUMBER, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(CASES[0][0])
    data["case_number"] = number
    return {**data, **changes}


def case_numbers(wired: Courier) -> list[str]:
    with wired.uow() as uow:
        return sorted(c.case_number for c in uow.cases.list())


@pytest.fixture
def token(client: FlaskClient) -> dict[str, Any]:
    return issue(client)


def token_account(wired: Courier, token: dict[str, Any]) -> int:
    with wired.uow() as uow:
        found = uow.api_tokens.get(token["id"])
        assert found is not None and found.account.id is not None
        return found.account.id
