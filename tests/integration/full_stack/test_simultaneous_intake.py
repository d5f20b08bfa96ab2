"""The case system sends one intake several times at once, on gunicorn and PostgreSQL: one case."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable

import pytest
import requests

from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.demo import CASES
from courier.ports.clock import SystemClock
from courier.services.api_tokens import CreateApiToken, create_api_token
from tests.integration.full_stack import test_simultaneous_bookings as bookings
from tests.integration.full_stack.test_simultaneous_bookings import all_at_once

# the same PostgreSQL + demo data and the same gunicorn with four sync workers
courier_env, gunicorn = bookings.courier_env, bookings.gunicorn

NUMBER = "BJDC2026112655555"
SIMULTANEOUS = 6


@pytest.fixture
def token(courier_env: dict[str, str]) -> str:
    app = bootstrap(Settings.from_env({**os.environ, **courier_env}))
    try:
        command = CreateApiToken.parse({"name": "一体化政务服务平台", "halls": ["BJ-DC"]})
        return create_api_token(app.uow(), command, SystemClock()).secret
    finally:
        app.close()


def cases_numbered(env: dict[str, str], number: str) -> int:
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    try:
        with app.uow() as uow:
            return sum(1 for case in uow.cases.list() if case.case_number == number)
    finally:
        app.close()


def sender(url: str, token: str, key: str | None) -> Callable[[], requests.Response]:
    data = copy.deepcopy(CASES[0][0])
    data["case_number"] = NUMBER
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    session = requests.Session()
    session.get(f"{url}/healthz", timeout=10)  # connect before the barrier
    return lambda: session.post(f"{url}/api/v1/cases", json=data, headers=headers, timeout=30)


def test_simultaneous_requests_with_one_key_create_one_case_and_the_rest_replay_or_409(
    gunicorn: str,
    courier_env: dict[str, str],
    token: str,
) -> None:
    answers = all_at_once([sender(gunicorn, token, "intake-55555") for _ in range(SIMULTANEOUS)])
    ran = [a for a in answers if a.status_code == 201 and "Idempotent-Replayed" not in a.headers]
    replayed = [a for a in answers if a.headers.get("Idempotent-Replayed") == "true"]
    in_flight = [a for a in answers if a.status_code == 409]
    assert len(ran) == 1, [(a.status_code, a.text) for a in answers]
    assert len(ran) + len(replayed) + len(in_flight) == SIMULTANEOUS
    assert all(a.status_code == 201 and a.content == ran[0].content for a in replayed)
    assert all(a.json()["error"]["code"] == "idempotency_key_in_flight" for a in in_flight)
    assert cases_numbered(courier_env, NUMBER) == 1
    # once the first answered, every retry is its replay
    late = sender(gunicorn, token, "intake-55555")()
    assert late.headers["Idempotent-Replayed"] == "true" and late.content == ran[0].content


def test_simultaneous_identical_intakes_without_a_key_still_open_one_case(
    gunicorn: str,
    courier_env: dict[str, str],
    token: str,
) -> None:
    answers = all_at_once([sender(gunicorn, token, None) for _ in range(SIMULTANEOUS)])
    statuses = sorted(a.status_code for a in answers)
    assert statuses.count(201) == 1 and set(statuses) <= {200, 201, 409}, statuses
    # a loser either read the winner's case (200) or hit the unique case number (409)
    refused = [a.json()["error"] for a in answers if a.status_code == 409]
    assert all("办件编号已存在" in error["message"] for error in refused), refused
    assert cases_numbered(courier_env, NUMBER) == 1
