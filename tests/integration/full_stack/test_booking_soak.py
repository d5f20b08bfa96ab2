"""Soak: many bookings through a Celery worker while the carrier misbehaves and the worker dies.

N is COURIER_SOAK_LEGS (default 150 for CI; 1,000 is the target of a longer run). The
simulator (a thread, over HTTP) injects about 20 % mixed faults on CreateOrder and gives
a second waybill for a repeated order; some cases get an API and a form submit at the
same moment on gunicorn; the worker is SIGKILLed midway and restarted. Afterwards no
order may hold two live waybills at the simulator and no leg may sit in an in-between
status past its deadline.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.demo import CASES, seed_demo
from courier.domain.leg import LegStatus
from courier.services import cases, legs
from courier.services.commands import OpenCase, PlanLeg
from courier.storage.migrate import upgrade
from integrations.carrier.simulator import (
    DuplicateOrders,
    FaultKind,
    FaultRule,
    SimulatorSettings,
    create_simulator_app,
)
from tasks.jobs import sweep_bookings
from tests.integration.carrier_sim.conftest import Served, serve
from tests.integration.full_stack.test_full_stack import environment
from tests.integration.full_stack.test_simultaneous_bookings import (
    free_port,
    through_the_api,
    through_the_form,
    wait_until_up,
)

LEGS = int(os.environ.get("COURIER_SOAK_LEGS", "150"))
# cases booked twice at the same moment through the API and the form (of the LEGS cases)
DOUBLES = int(os.environ.get("COURIER_SOAK_DOUBLES", str(max(4, LEGS // 50))))
SETTLE_SECONDS = 150
FAULTS = tuple(
    FaultRule(kind=kind, operation="CreateOrder", probability=0.045, seconds=seconds)
    for kind, seconds in [
        (FaultKind.NO_ANSWER, 0.0),  # timeout before commit
        (FaultKind.TIMEOUT_AFTER_COMMIT, 0.0),
        (FaultKind.LATE_COMMIT, 1.0),
        (FaultKind.HTTP_ERROR, 0.0),
        (FaultKind.BUSINESS_FAULT, 0.0),
    ]
)  # five rules at 4.5 % each: about 20 % of CreateOrder calls fail in some way
IN_BETWEEN = {LegStatus.DRAFT, LegStatus.QUEUED, LegStatus.BOOKING, LegStatus.BOOKING_UNCERTAIN}


@pytest.fixture
def carrier() -> Iterator[tuple[Served, Any]]:
    settings = SimulatorSettings(
        username="courier", password="courier-dev", duplicate_orders=DuplicateOrders.NEW_WAYBILL,
        faults=FAULTS, fault_seed=11, hang_seconds=1.5,
    )  # fmt: skip
    app = create_simulator_app(settings)
    served = serve(app)
    yield served, app.extensions["carrier_simulator"]
    app.extensions["carrier_simulator"].close()
    served.stop()


@pytest.fixture
def soak_env(
    postgres_url: str, redis_url: str, redis_client: object, carrier: Any, tmp_path: Path
) -> dict[str, str]:
    env = environment(postgres_url, redis_url, f"{carrier[0].url}/carrier", tmp_path)
    env.update({"COURIER_CARRIER_READ_TIMEOUT": "1", "COURIER_CARRIER_CONNECT_TIMEOUT": "1"})
    # Short deadlines, so that unknown outcomes are reconciled (and re-sent) within the run.
    env.update({"COURIER_BOOKING_LEASE_SECONDS": "5", "COURIER_CARRIER_RECONCILE_SECONDS": "20"})
    return env


@pytest.fixture
def courier_app(soak_env: dict[str, str]) -> Iterator[Courier]:
    # Through the Flask factory, so that jobs go to the Celery broker (bootstrap drops them).
    app: Courier = create_app(Settings.from_env({**os.environ, **soak_env})).extensions["courier"]
    upgrade(app.engine)
    seed_demo(app)
    yield app
    app.close()


class Worker:
    """A Celery worker process group that can be killed without warning and restarted."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker",
                   "--concurrency=2", "--loglevel=WARNING", "--without-gossip",
                   "--without-mingle"]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Ask for a warm shutdown; a worker still finishing its tasks after 60 s is killed."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


@pytest.fixture
def worker(soak_env: dict[str, str], courier_app: Courier, tmp_path: Path) -> Iterator[Worker]:
    running = Worker(soak_env, tmp_path / "worker.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def web(soak_env: dict[str, str], courier_app: Courier, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind",
               f"127.0.0.1:{port}", "courier.wsgi:app"]  # fmt: skip
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command, env={**os.environ, **soak_env}, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}", server, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def case_data(number: str) -> dict[str, Any]:
    """The demo's first case (Beijing hall → Hangzhou department) under another number."""
    return {**CASES[0][0], "case_number": number}


def account_id(app: Courier, username: str) -> int:
    with app.uow() as uow:
        account = uow.accounts.get_by_username(username)
        assert account is not None and account.id is not None
        return account.id


def double_submit(url: str, number: str) -> list[int]:
    """Book one case's originals through the API and the form at the same moment."""
    senders = [through_the_api(url, number), through_the_form(url, number)]
    barrier, statuses = threading.Barrier(2), [0, 0]

    def run(index: int) -> None:
        barrier.wait()
        statuses[index] = senders[index]().status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


def overdue(app: Courier, now: datetime) -> list[tuple[int, str]]:
    """Legs in an in-between status whose lease or reconcile deadline has passed."""
    stuck = []
    with app.uow() as uow:
        for leg_id in uow.legs.needing_booking(now):
            leg = uow.legs.get(leg_id)
            assert leg is not None and leg.id is not None
            waiting = leg.status is LegStatus.BOOKING_UNCERTAIN and not leg.reconcile_due(now)
            if leg.status in IN_BETWEEN and not waiting:
                stuck.append((leg.id, leg.status.value))
    return stuck


def in_between(app: Courier) -> int:
    return sum(1 for leg in all_legs(app) if leg.status in IN_BETWEEN)


def all_legs(app: Courier) -> list[Any]:
    with app.uow() as uow:
        return [leg for case in uow.cases.list() for leg in case.legs]


def booked_share(app: Courier) -> float:
    found = all_legs(app)
    return sum(1 for leg in found if leg.waybill_no) / max(len(found), 1)


def test_a_soak_of_bookings_leaves_one_live_waybill_per_leg(
    courier_app: Courier, worker: Worker, web: str, carrier: tuple[Served, Any]
) -> None:
    app, simulator = courier_app, carrier[1]
    admin, window = account_id(app, "admin"), account_id(app, "bj-window")
    doubles = min(DOUBLES, LEGS // 2)
    numbers = [f"SOAK{i:06d}" for i in range(LEGS)]
    for number in numbers:
        cases.open_case(app.uow(), admin, OpenCase.parse(case_data(number)), app.clock)
    for index, number in enumerate(numbers[doubles:], start=doubles):
        # the service sends the booking job itself, once the leg is committed
        legs.plan_leg(app.uow(), window, number, PlanLeg.parse({"kind": "originals"}), app.clock)
        if index == LEGS // 2:
            # Midway: the worker dies without warning, mid-call or not, and comes back.
            worker.kill()
            worker.start()
    double_results = [double_submit(web, number) for number in numbers[:doubles]]
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline and (in_between(app) or overdue(app, datetime.now(UTC))):
        sweep_bookings(app)
        time.sleep(2)
    simulator.commit_late_orders()

    found = all_legs(app)
    statuses = collections.Counter(leg.status.value for leg in found)
    double_live = [
        leg.order_no
        for leg in found
        if sum(1 for p in simulator.book.for_order(leg.order_no) if not p.cancelled) > 1
    ]
    stuck = overdue(app, datetime.now(UTC))
    extras = collections.Counter(e.status.value for leg in found for e in leg.extra_waybills)
    print(f"\nsoak: {len(found)} legs, statuses {dict(statuses)}, extra waybills {dict(extras)}")
    print(f"soak: double submits {collections.Counter(map(tuple, double_results))}")
    print(f"soak: {len(double_live)} orders with >1 live waybill, {len(stuck)} legs overdue")
    print(f"soak: {in_between(app)} legs still in an in-between status, within their deadline")
    assert all(result in ([201, 409], [302, 409]) for result in double_results), double_results
    assert double_live == []
    assert stuck == []
