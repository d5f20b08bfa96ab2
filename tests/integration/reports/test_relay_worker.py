"""A real Celery worker relays reports; killed (SIGKILL) midway, no report is lost."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.domain.tracking import LegEventType as E
from courier.services.webhooks import Subscribe, create_endpoint
from courier.storage.migrate import upgrade
from tests.integration.carrier_sim.conftest import serve
from tests.integration.full_stack.test_booking_soak import Worker
from tests.integration.full_stack.test_full_stack import environment
from tests.integration.reports.conftest import (
    ALL_TYPES,
    add_offices,
    deliveries,
    new_case,
    report,
)
from tests.integration.reports.receiver import Receiver

CASES, REPORTS_EACH = 10, 4


@pytest.fixture
def relay_env(
    postgres_url: str, redis_url: str, redis_client: object, tmp_path: Path
) -> dict[str, str]:
    env = environment(postgres_url, redis_url, "http://127.0.0.1:9/carrier", tmp_path)
    # Small batches and a short timeout, so that the lease of a killed worker ends soon.
    return {**env, "COURIER_WEBHOOK_TIMEOUT_SECONDS": "2", "COURIER_RELAY_BATCH": "4",
            "COURIER_RELAY_WORKERS": "2"}  # fmt: skip


@pytest.fixture
def celery_courier(relay_env: dict[str, str]) -> Iterator[Courier]:
    # Through the Flask factory, so that the relay job goes to the Celery broker after commit.
    app: Courier = create_app(Settings.from_env({**os.environ, **relay_env})).extensions["courier"]
    upgrade(app.engine)
    yield app
    app.close()


def wait_until(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_a_worker_killed_mid_delivery_loses_no_report_and_repeats_only_with_the_same_id(
    celery_courier: Courier, relay_env: dict[str, str], tmp_path: Path
) -> None:
    app, receiver = celery_courier, Receiver(delay=0.3)
    served = serve(receiver)
    _, secret = create_endpoint(
        app.uow(), app.clock, Subscribe(f"{served.url}/h", ALL_TYPES), False
    )
    receiver.secrets.append(secret)
    offices = add_offices(app)
    stored = [new_case(app, offices, f"BJ20261126{n:05d}") for n in range(CASES)]
    worker = Worker(relay_env, tmp_path / "worker.log")
    worker.start()
    try:
        for _ in range(REPORTS_EACH):
            for case in stored:
                report(app, case, E.ACCEPTED)  # each commit sends the relay job
        assert wait_until(lambda: len(receiver.ids()) >= 8, 60), (
            tmp_path / "worker.log"
        ).read_text()
        worker.kill()  # mid-delivery: requests are on the wire, leases are held
        assert len(set(receiver.ids())) < CASES * REPORTS_EACH
        worker.start()

        def all_delivered() -> bool:
            app.tasks.enqueue("relay_reports")  # what beat sends every few seconds
            return {d.state for d in deliveries(app)} == {"delivered"}

        assert wait_until(all_delivered, 120), (tmp_path / "worker.log").read_text()
    finally:
        worker.stop()
        served.stop()

    arrivals = receiver.accepted
    assert len({a.message_id for a in arrivals}) == CASES * REPORTS_EACH
    first: dict[str, bytes] = {}
    for arrival in arrivals:  # a repeat is the same report: same webhook-id, same body
        assert first.setdefault(arrival.message_id, arrival.raw) == arrival.raw
    seen: dict[str, list[int]] = {}
    for arrival in arrivals:
        data = arrival.body["data"]
        numbers = seen.setdefault(data["case_number"], [])
        if data["sequence"] not in numbers:
            numbers.append(data["sequence"])
    assert all(numbers == [1, 2, 3, 4] for numbers in seen.values())
