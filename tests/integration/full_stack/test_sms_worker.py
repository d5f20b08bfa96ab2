"""A real Celery worker sends the due applicant texts to a real HTTP SMS gateway."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.domain.notifications import NotificationStep, SmsStatus
from courier.storage.migrate import upgrade
from integrations.carrier.simulator import ManualClock
from tests import factories
from tests.integration.carrier_sim.conftest import Served
from tests.integration.full_stack.test_full_stack import (
    environment,
    simulator,  # noqa: F401  (fixture)
)
from tests.integration.full_stack.test_polling_worker import wait_for
from tests.integration.notifications.conftest import deliver, open_booked_case
from tests.integration.sms.gateway import API_KEY, Gateway


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    running = Gateway()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def sms_env(
    postgres_url: str,
    redis_url: str,
    redis_client: object,
    simulator: tuple[Served, ManualClock],  # noqa: F811
    gateway: Gateway,
    tmp_path: Path,
) -> Iterator[dict[str, str]]:
    env = {
        **environment(postgres_url, redis_url, f"{simulator[0].url}/carrier", tmp_path),
        "COURIER_SMS": "http",
        "COURIER_SMS_GATEWAY_URL": gateway.url,
        "COURIER_SMS_API_KEY": API_KEY,
        "COURIER_SMS_QUIET_HOURS": "off",
    }
    with (tmp_path / "worker.log").open("w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "--pool=solo",
             "--loglevel=INFO", "--without-gossip", "--without-mingle"],
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield env
        finally:
            worker.terminate()
            worker.wait(timeout=20)


def statuses(app: Courier) -> list[tuple[NotificationStep, SmsStatus]]:
    with app.uow() as uow:
        return [(m.step, m.status) for m in uow.sms_messages.for_case(1)]


def test_the_worker_sends_a_planned_text_through_the_gateway(
    sms_env: dict[str, str], gateway: Gateway, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key, value in sms_env.items():
        monkeypatch.setenv(key, value)
    app: Courier = create_app(Settings.from_env()).extensions["courier"]
    upgrade(app.engine)
    deliver(app, open_booked_case(app))
    app.tasks.enqueue("send_due_sms")  # what beat sends every PERIODIC["send_due_sms"] s
    sent = [(NotificationStep.ORIGINALS_ARRIVED, SmsStatus.SENT)]
    assert wait_for(lambda: statuses(app) == sent), (tmp_path / "worker.log").read_text()
    ((request,),) = [gateway.requests]
    assert request["body"]["to"] == factories.applicant().mobile
    assert "BJ2026112600001" in request["body"]["text"]
    worker_log = (tmp_path / "worker.log").read_text()
    assert API_KEY not in worker_log and factories.applicant().mobile not in worker_log
    app.close()
