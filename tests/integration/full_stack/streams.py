"""A running stack for tracking streams: Courier, the simulator, a Celery worker; and steps.

PostgreSQL, Redis, a Celery worker process, the SOAP simulator over HTTP pushing to
Courier's push endpoint (served over HTTP too). The simulator's clock is manual and a day
behind, so that every stream is deterministic. Waits are on conditions with a deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from courier.app import create_app
from courier.bootstrap import Courier
from courier.config import Settings
from courier.domain.leg import Leg, LegStatus
from courier.storage.migrate import upgrade
from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app
from integrations.carrier.simulator.clock import CHINA_STANDARD_TIME
from integrations.carrier.simulator.scenarios import SCENARIOS
from tests import factories
from tests.conftest import REDIS_URL, require_service
from tests.integration.carrier_sim.conftest import ADMIN_TOKEN, serve
from tests.integration.full_stack.test_full_stack import environment

S = LegStatus
STAGE, PICKUP = 60, 90  # simulator seconds between two events; from booking to collection
# Every leg is due again a second after a poll, so that each poll run asks for all of them.
POLL_INTERVALS = "near_delivery=1s,moving=1s,idle=1s,final=1s,final_for=30d,after_error=1s"
STUCK_THRESHOLDS = "in_transit=6h"  # the simulated parcels are a day old


@dataclass
class Stack:
    app: Courier
    clock: ManualClock
    simulator: str
    log: Path
    offices: tuple[int, int]

    def admin(self, path: str, body: dict[str, object] | None = None) -> dict[str, object]:
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        url = f"{self.simulator}/carrier/admin/{path}"
        reply = requests.post(url, json=body or {}, headers=headers, timeout=10)
        reply.raise_for_status()
        answer: dict[str, object] = reply.json()
        return answer

    def leg(self, leg_id: int) -> Leg:
        with self.app.uow() as uow:
            leg = uow.legs.get(leg_id)
        assert leg is not None
        return leg

    def codes(self, waybill_no: str) -> list[str]:
        with self.app.uow() as uow:
            return [e.op_code for e in uow.tracking.events_for(waybill_no)]

    def wait(self, check: Callable[[], bool], what: str, seconds: float = 30) -> None:
        """Wait until `check` holds; fail with the worker's log if it never does."""
        deadline = time.monotonic() + seconds
        while not check():
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not happen; worker log:\n{self.log.read_text()[-4000:]}")
            time.sleep(0.1)


@contextmanager
def running_stack(postgres_url: str, tmp: Path) -> Iterator[Stack]:
    """Start Courier's push endpoint, the simulator and a Celery worker on one database."""
    require_service("Redis", REDIS_URL, 6379)
    env = environment(postgres_url, REDIS_URL, "http://127.0.0.1:9/carrier", tmp)
    env |= {"COURIER_POLL_INTERVALS": POLL_INTERVALS, "COURIER_STUCK_THRESHOLDS": STUCK_THRESHOLDS}
    flask_app = create_app(Settings.from_env(env))
    app: Courier = flask_app.extensions["courier"]
    upgrade(app.engine)
    courier_server = serve(flask_app)  # the push endpoint the simulator posts to
    clock = ManualClock(datetime.now(CHINA_STANDARD_TIME) - timedelta(days=1))
    sim_app = create_simulator_app(
        SimulatorSettings(
            password="courier-dev", clock=clock, stage_seconds=STAGE, pickup_delay_seconds=PICKUP,
            push_url=f"{courier_server.url}/carrier/push", push_username="carrier",
            push_password="carrier-dev", push_interval_seconds=3600, admin_token=ADMIN_TOKEN,
            # every pushed stream comes in small batches, newest first, each batch twice
            push_batch_size=2, push_out_of_order=True, push_duplicates=True,
        )
    )  # fmt: skip
    sim = serve(sim_app)
    env["COURIER_CARRIER_ENDPOINT"] = f"{sim.url}/carrier"
    log = tmp / "worker.log"
    with log.open("w") as output:
        worker = _start_worker(env, output)
        try:
            yield Stack(app, clock, sim.url, log, _offices(app))
        finally:
            worker.terminate()
            worker.wait(timeout=20)
            sim.stop()
            sim_app.extensions["carrier_simulator"].close()
            courier_server.stop()
            app.close()


def _start_worker(env: dict[str, str], output: object) -> subprocess.Popen[bytes]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()  # no job left over from another run
    client.close()
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "--pool=solo",
         "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        env={**os.environ, **env},
        stdout=output,  # type: ignore[arg-type]
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def _offices(app: Courier) -> tuple[int, int]:
    with app.uow() as uow:
        hall, department = factories.hall(None, "H-DC"), factories.department(None, "D-MZ")
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.commit()
        assert hall.id is not None and department.id is not None
        return hall.id, department.id


@dataclass(frozen=True)
class Parcel:
    leg_id: int
    waybill_no: str
    scenario: str

    def codes(self, stages: int | None = None) -> list[str]:
        """Return the op codes of the scenario's first `stages` events (all by default)."""
        return [stage.op_code for stage in SCENARIOS[self.scenario][:stages]]


def book(stack: Stack, scenario: str) -> Parcel:
    """Plan a leg, give its order a scenario at the simulator, let the worker book it."""
    number = f"ST{uuid.uuid4().hex[:10].upper()}"
    hall_id, department_id = stack.offices
    with stack.app.uow() as uow:
        hall, department = uow.halls.get(hall_id), uow.departments.get(department_id)
        assert hall is not None and department is not None
        case = factories.case(number, hall_id=hall_id, department_id=department_id)
        leg = case.plan_originals_leg(hall, department, factories.shipping(f"CR{number}"))
        uow.cases.add(case)
        uow.commit()
        assert leg.id is not None
        leg_id, order_no = leg.id, leg.order_no
    stack.admin("scenario", {"scenario": scenario, "logisticsOrderNo": order_no})
    stack.app.tasks.enqueue("book_leg", leg_id=leg_id)
    stack.wait(lambda: stack.leg(leg_id).status is S.BOOKED, f"booking of leg {leg_id}")
    return Parcel(leg_id, stack.leg(leg_id).waybill_no or "", scenario)


def push(stack: Stack) -> None:
    """Let the simulator push until nothing is pending (each batch goes twice)."""
    for _ in range(50):
        status = stack.admin("push")
        if not status["pending"]:
            return
    pytest.fail(f"pushes stay pending: {status}")


def poll(stack: Stack, parcel: Parcel, stages: int | None) -> None:
    """Send the beat's poll job to the worker until it polled the leg, with its events so far.

    A poll sets the next one a second later (POLL_INTERVALS): a next poll time beyond a second
    from now shows a poll that ran after this call, not an earlier one or a push.
    """
    expected, asked = parcel.codes(stages), datetime.now(CHINA_STANDARD_TIME)
    sent = [time.monotonic()]
    stack.app.tasks.enqueue("poll_tracking")

    def polled() -> bool:
        leg = stack.leg(parcel.leg_id)
        ran = leg.next_poll_at is not None and leg.next_poll_at > asked + timedelta(seconds=1)
        if ran and stack.codes(parcel.waybill_no) == expected:
            return True
        if time.monotonic() - sent[-1] > 1:  # the run may have started before the leg was due
            sent.append(time.monotonic())
            stack.app.tasks.enqueue("poll_tracking")
        return False

    stack.wait(polled, f"polling {expected}")


def deliver(stack: Stack, parcel: Parcel, path: str, stages: int) -> None:
    """Bring the parcel's events up to `stages` to Courier by push or by poll."""
    if path == "push":
        push(stack)
        assert stack.codes(parcel.waybill_no) == parcel.codes(stages)
    else:
        poll(stack, parcel, stages)


def advance_to(stack: Stack, stages: int, done: int = 0) -> None:
    """Move the simulator on from `done` events of a parcel just booked to `stages` events."""
    first = PICKUP if done == 0 else 0
    stack.clock.advance(first + STAGE * (stages - max(done, 1)))
