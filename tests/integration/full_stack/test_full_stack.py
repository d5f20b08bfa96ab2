"""The full stack for real: PostgreSQL, Redis, a Celery worker process, SOAP over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.demo import seed_demo
from courier.domain.leg import LegKind
from courier.storage.crypto import new_key
from courier.storage.migrate import upgrade
from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app
from tests.integration.carrier_sim.conftest import ADMIN_TOKEN, Served, serve

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def simulator() -> Iterator[tuple[Served, ManualClock]]:
    clock = ManualClock()
    settings = SimulatorSettings(username="courier", password="courier-dev", clock=clock)
    app = create_simulator_app(settings)
    served = serve(app)
    yield served, clock
    served.stop()
    app.extensions["carrier_simulator"].close()


def environment(postgres_url: str, redis_url: str, carrier: str, tmp_path: Path) -> dict[str, str]:
    return {
        "COURIER_VAR_DIR": str(tmp_path),
        "COURIER_DATABASE_URL": postgres_url,
        "COURIER_REDIS_URL": redis_url,
        "COURIER_TASK_RUNNER": "celery",
        "COURIER_SIMULATOR": "off",
        "COURIER_CARRIER_ENDPOINT": carrier,
        "COURIER_DATA_KEY": new_key(),
        "COURIER_SECRET_KEY": "full-stack-secret-key",
        "COURIER_CARRIER_PASSWORD": "courier-dev",
    }


@pytest.fixture
def worker_env(
    postgres_url: str,
    redis_url: str,
    redis_client: object,
    simulator: tuple[Served, ManualClock],
    tmp_path: Path,
) -> Iterator[dict[str, str]]:
    env = environment(postgres_url, redis_url, f"{simulator[0].url}/carrier", tmp_path)
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


def legs_booked(app: Courier, case_numbers: list[str]) -> bool:
    with app.uow() as uow:
        legs = [leg for n in case_numbers for leg in uow.cases.get(n).legs]  # type: ignore[union-attr]
    return all(leg.waybill_no for leg in legs)


def test_a_celery_worker_books_legs_through_the_soap_simulator(
    worker_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key, value in worker_env.items():
        monkeypatch.setenv(key, value)
    flask_app = create_app(Settings.from_env())
    app: Courier = flask_app.extensions["courier"]
    upgrade(app.engine)
    seed_demo(app)  # enqueues book_leg on Redis after each commit
    deadline = time.monotonic() + 60
    numbers = ["BJDC2026112600001", "HZXH2026112600003"]
    while time.monotonic() < deadline and not legs_booked(app, numbers):
        time.sleep(0.25)
    log = (tmp_path / "worker.log").read_text()
    assert legs_booked(app, numbers), log
    with app.uow() as uow:
        leg = uow.cases.get("HZXH2026112600003").live_leg(LegKind.RESULT)  # type: ignore[union-attr]
    calls = app.calls.calls_for(leg.id, leg.order_no, leg.waybill_no)  # type: ignore[arg-type]
    assert [c["operation"] for c in calls] == ["CreateOrder"] and calls[0]["leg_id"] == leg.id
    assert "15968112233" not in calls[0]["request_xml"]  # the applicant's mobile is redacted
    app.close()


def test_pushed_events_are_stored_durably_before_they_are_acknowledged(
    postgres_url: str, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = environment(postgres_url, redis_url, "http://127.0.0.1:9/carrier", tmp_path)
    env["COURIER_TASK_RUNNER"] = "inprocess"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    flask_app = create_app(Settings.from_env())
    app: Courier = flask_app.extensions["courier"]
    upgrade(app.engine)
    courier_server = serve(flask_app)
    clock = ManualClock()
    sim_app = create_simulator_app(
        SimulatorSettings(
            password="courier-dev", clock=clock, stage_seconds=60,
            push_url=f"{courier_server.url}/carrier/push",
            push_username="carrier", push_password="carrier-dev", push_interval_seconds=3600,
            admin_token=ADMIN_TOKEN,
        )
    )  # fmt: skip
    sim = serve(sim_app)
    app.carrier_override = None
    try:
        from tests.integration.full_stack.orders import book_one

        waybill = book_one(f"{sim.url}/carrier")
        clock.advance(60 * 6)
        push = f"{sim.url}/carrier/admin/push"
        status = requests.post(push, json={}, headers=ADMIN, timeout=10).json()
        with app.uow() as uow:
            codes = [e.op_code for e in uow.tracking.events_for(waybill)]
        assert codes == ["203", "954", "305", "954", "389", "713"], (codes, status)
        assert status["delivered"] and not status["pending"]
        requests.post(push, json={}, headers=ADMIN, timeout=10)
        with app.uow() as uow:
            assert [e.op_code for e in uow.tracking.events_for(waybill)] == codes
    finally:
        sim.stop()
        sim_app.extensions["carrier_simulator"].close()
        courier_server.stop()
        app.close()


def test_after_a_simulator_reset_new_events_arrive_under_serials_never_used_before(
    postgres_url: str, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = environment(postgres_url, redis_url, "http://127.0.0.1:9/carrier", tmp_path)
    env["COURIER_TASK_RUNNER"] = "inprocess"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    flask_app = create_app(Settings.from_env())
    app: Courier = flask_app.extensions["courier"]
    upgrade(app.engine)
    courier_server = serve(flask_app)
    clock = ManualClock()
    sim_app = create_simulator_app(
        SimulatorSettings(
            password="courier-dev", clock=clock, stage_seconds=60,
            push_url=f"{courier_server.url}/carrier/push",
            push_username="carrier", push_password="carrier-dev", push_interval_seconds=3600,
            admin_token=ADMIN_TOKEN,
        )
    )  # fmt: skip
    sim = serve(sim_app)
    admin = f"{sim.url}/carrier/admin"
    try:
        from tests.integration.full_stack.orders import book_one

        first = book_one(f"{sim.url}/carrier")
        clock.advance(60 * 2)
        first_serials = requests.post(f"{admin}/push", json={}, headers=ADMIN, timeout=10).json()[
            "delivered"
        ]
        assert first_serials
        with app.uow() as uow:
            before = uow.tracking.events_for(first)
        requests.post(f"{admin}/reset", json={}, headers=ADMIN, timeout=10)
        second = book_one(f"{sim.url}/carrier")
        clock.advance(60 * 2)
        status = requests.post(f"{admin}/push", json={}, headers=ADMIN, timeout=10).json()

        # A reset carrier never re-uses a serial (a re-used one would still be stored:
        # test_push.py covers that on the endpoint itself).
        assert status["delivered"] and not set(status["delivered"]) & set(first_serials)
        with app.uow() as uow:
            after = [e for e in uow.tracking.events_for(second) if e not in before]
        assert [e.op_code for e in after] == ["203", "954"], status
    finally:
        sim.stop()
        sim_app.extensions["carrier_simulator"].close()
        courier_server.stop()
        app.close()
