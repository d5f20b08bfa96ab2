"""Idempotency-Key on API POSTs: replays, reuse, requests in flight, expiry and server errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.idempotency import IN_FLIGHT_LEASE, IdempotencyRecord
from courier.ports.carrier import CarrierUnavailable
from courier.ports.clock import FixedClock
from courier.storage.idempotency import SqlIdempotencyStore
from integrations.carrier.fake import FakeCarrier
from tasks.jobs import run_job
from tests import factories
from tests.integration.app.intake_support import (
    NUMBER,
    WINDOW,
    bearer,
    case_numbers,
    intake,
    token,
    token_account,
)

__all__ = ["token"]  # the fixture


def test_a_replay_with_the_key_returns_the_first_answer_without_new_work(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    first = client.post("/api/v1/cases", json=intake(), headers=bearer(token, "intake-1"))
    replay = client.post("/api/v1/cases", json=intake(), headers=bearer(token, "intake-1"))
    assert first.status_code == replay.status_code == 201
    assert replay.get_data() == first.get_data()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.headers["Courier-Case-Existed"] == "false"  # the first answer's, not a new one
    assert replay.headers["Content-Type"] == "application/json"
    assert "Idempotent-Replayed" not in first.headers
    assert case_numbers(wired).count(NUMBER) == 1


def test_the_key_with_another_body_is_422_and_does_nothing(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    client.post("/api/v1/cases", json=intake(), headers=bearer(token, "intake-1"))
    other = intake("BJDC2026112677777")
    reused = client.post("/api/v1/cases", json=other, headers=bearer(token, "intake-1"))
    assert reused.status_code == 422
    assert reused.json["error"]["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in reused.json["error"]["fields"]
    assert "BJDC2026112677777" not in case_numbers(wired)


def test_the_same_key_on_another_path_is_422(client: FlaskClient, token: dict[str, Any]) -> None:
    client.post("/api/v1/cases", json=intake(), headers=bearer(token, "k"))
    material = {"name": "补充材料"}
    path = f"/api/v1/cases/{NUMBER}/materials"
    assert client.post(path, json=material, headers=bearer(token, "k")).status_code == 422


def held_by_a_running_request(
    client: FlaskClient, token: dict[str, Any], wired: Courier, started_ago: timedelta
) -> IdempotencyRecord:
    """Run a first request, then make its key look held by a request still running."""
    raw = intake("BJDC2026112677777")
    assert client.post("/api/v1/cases", json=raw, headers=bearer(token, "busy")).status_code == 201
    store = SqlIdempotencyStore(wired.engine)
    answered = store.get(token_account(wired, token), "busy")
    assert answered is not None
    store.release(answered)
    started = wired.clock.now() - started_ago
    running = IdempotencyRecord(
        answered.account_id, "busy", answered.fingerprint, "running", started,
        started + timedelta(hours=24),
    )  # fmt: skip
    assert store.claim(running)
    return running


def test_the_key_while_the_first_request_runs_is_409(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    running = held_by_a_running_request(client, token, wired, timedelta(seconds=1))
    raw = intake("BJDC2026112677777")
    busy = client.post("/api/v1/cases", json=raw, headers=bearer(token, "busy"))
    assert busy.status_code == 409 and busy.json["error"]["code"] == "idempotency_key_in_flight"
    store = SqlIdempotencyStore(wired.engine)
    assert store.get(running.account_id, "busy") == running  # the holder keeps its key


def test_a_key_held_by_a_request_that_died_runs_again_after_the_lease(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    dead = held_by_a_running_request(client, token, wired, IN_FLIGHT_LEASE)
    raw = intake("BJDC2026112677777")
    again = client.post("/api/v1/cases", json=raw, headers=bearer(token, "busy"))
    # it ran: the case the dead request opened is found, not opened twice
    assert again.status_code == 200 and again.headers["Courier-Case-Existed"] == "true"
    kept = SqlIdempotencyStore(wired.engine).get(dead.account_id, "busy")
    assert kept is not None and kept.claim != dead.claim and kept.response is not None
    assert case_numbers(wired).count("BJDC2026112677777") == 1


def test_an_expired_key_is_purged_by_the_periodic_job_and_the_request_runs_again(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    client.post("/api/v1/cases", json=intake(), headers=bearer(token, "daily"))
    assert run_job(wired, "purge_idempotency_keys", {}) == 0
    wired.clock = FixedClock(factories.NOW + timedelta(hours=24))
    assert run_job(wired, "purge_idempotency_keys", {}) == 1
    again = client.post("/api/v1/cases", json=intake(), headers=bearer(token, "daily"))
    # it ran again: no replay, and the intake found the case the first run opened
    assert again.status_code == 200 and "Idempotent-Replayed" not in again.headers
    assert again.headers["Courier-Case-Existed"] == "true"


@pytest.mark.parametrize("key", ["", "x" * 256, "键"], ids=["empty", "too-long", "non-ascii"])
def test_a_bad_key_is_400_with_a_field_error_and_no_work(
    client: FlaskClient, token: dict[str, Any], wired: Courier, key: str
) -> None:
    headers = {"Authorization": f"Bearer {token['token']}", "Idempotency-Key": key}
    if key == "键":
        headers["Idempotency-Key"] = key.encode().decode("latin-1")
    response = client.post("/api/v1/cases", json=intake(), headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_idempotency_key"
    assert "Idempotency-Key" in response.json["error"]["fields"]
    assert NUMBER not in case_numbers(wired)


def test_staff_with_http_basic_use_keys_too_and_keys_are_per_principal(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    window = {**WINDOW, "Idempotency-Key": "same"}
    first = client.post("/api/v1/cases", json=intake(), headers=window)
    assert (
        client.post("/api/v1/cases", json=intake(), headers=window).headers.get(
            "Idempotent-Replayed"
        )
        == "true"
    )
    # another principal with the same key is a request of its own
    other = client.post("/api/v1/cases", json=intake(), headers=bearer(token, "same"))
    assert first.status_code == 201 and other.status_code == 200
    assert "Idempotent-Replayed" not in other.headers


def test_a_refusal_is_replayed_too(client: FlaskClient, token: dict[str, Any]) -> None:
    bad = intake(matter_name="")
    first = client.post("/api/v1/cases", json=bad, headers=bearer(token, "bad"))
    again = client.post("/api/v1/cases", json=bad, headers=bearer(token, "bad"))
    assert first.status_code == again.status_code == 422
    assert again.headers["Idempotent-Replayed"] == "true" and again.json == first.json


def test_gets_and_unauthenticated_posts_ignore_the_key(
    client: FlaskClient, token: dict[str, Any], wired: Courier
) -> None:
    headers = bearer(token, "read")
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    assert client.get("/api/v1/cases", headers=headers).headers.get("Idempotent-Replayed") is None
    anonymous = client.post("/api/v1/cases", json=intake(), headers={"Idempotency-Key": "x"})
    assert anonymous.status_code == 401
    assert SqlIdempotencyStore(wired.engine).get(token_account(wired, token), "read") is None


def test_a_server_error_is_not_kept_so_the_retry_with_the_key_runs(
    client: FlaskClient, wired: Courier
) -> None:
    carrier = wired.carrier_override
    assert isinstance(carrier, FakeCarrier)
    carrier.fail_next(CarrierUnavailable("connection refused"))
    headers = {**WINDOW, "Idempotency-Key": "cancel-leg-1"}
    down = client.post("/api/v1/legs/1/cancel", json={"reason": "填错"}, headers=headers)
    assert down.status_code == 503 and down.json["error"]["code"] == "carrier_unavailable"
    retried = client.post("/api/v1/legs/1/cancel", json={"reason": "填错"}, headers=headers)
    assert retried.status_code == 200 and "Idempotent-Replayed" not in retried.headers
    assert retried.json["status"] == "cancelled"
    replay = client.post("/api/v1/legs/1/cancel", json={"reason": "填错"}, headers=headers)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.get_data() == retried.get_data()
    # the refused call and the retry reached the carrier; the replay did not
    assert carrier.operations().count("cancel_order") == 2
