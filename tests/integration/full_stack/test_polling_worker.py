"""A real Celery worker runs the beat's poll job against the simulator over HTTP."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.demo import seed_demo
from courier.domain.leg import LegKind, LegStatus
from courier.storage.migrate import upgrade
from integrations.carrier.simulator import ManualClock
from tasks.celery_app import celery_config
from tasks.jobs import PERIODIC
from tests.integration.carrier_sim.conftest import Served
from tests.integration.full_stack.test_full_stack import (  # noqa: F401  (fixtures)
    simulator,
    worker_env,
)

# The demo's legs the worker books (HZXH…003's originals were delivered and confirmed already).
BOOKED_BY_THE_WORKER = (
    ("BJDC2026112600001", LegKind.ORIGINALS),
    ("HZXH2026112600003", LegKind.RESULT),
)


def statuses(app: Courier) -> set[LegStatus | None]:
    """Return the statuses of those legs (None for one that is missing)."""
    with app.uow() as uow:
        cases = [(uow.cases.get(n), kind) for n, kind in BOOKED_BY_THE_WORKER]
        legs = [case.live_leg(kind) if case else None for case, kind in cases]
        return {leg.status if leg else None for leg in legs}


def wait_for(check: object, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.25)
    return False


def test_celery_beat_runs_the_same_periodic_jobs_as_the_embedded_runner() -> None:
    schedule = celery_config(Settings(broker_url="redis://127.0.0.1:6379/0"))["beat_schedule"]
    assert {entry["task"]: entry["schedule"] for entry in schedule.values()} == {
        f"courier.{job}": seconds for job, seconds in PERIODIC.items()
    }


def test_a_celery_worker_polls_the_simulator_and_legs_advance(
    worker_env: dict[str, str],  # noqa: F811
    simulator: tuple[Served, ManualClock],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for key, value in worker_env.items():
        monkeypatch.setenv(key, value)
    flask_app = create_app(Settings.from_env())
    app: Courier = flask_app.extensions["courier"]
    upgrade(app.engine)
    seed_demo(app)  # the worker books the demo's legs
    log = tmp_path / "worker.log"
    assert wait_for(lambda: statuses(app) == {LegStatus.BOOKED}), log.read_text()

    simulator[1].advance(60 * 3)  # collected and on its way
    app.tasks.enqueue("poll_tracking")  # what beat sends every PERIODIC["poll_tracking"] s

    assert wait_for(lambda: statuses(app) == {LegStatus.IN_TRANSIT}), log.read_text()
    with app.uow() as uow:
        leg = uow.legs.get(1)
        assert leg is not None and leg.next_poll_at is not None and leg.poll_claimed_until is None
    app.close()
