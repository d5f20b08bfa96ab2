"""A use case that needs a background job sends it itself, and only once it has committed."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import RuleViolation
from courier.domain.leg import LegStatus
from courier.ports.clock import FixedClock
from courier.services.commands import PlanLeg
from courier.services.leg_actions import retry_booking_as
from courier.services.legs import plan_leg
from tests import factories
from tests.fakes import FakeUnitOfWork, RecordingTaskQueue

CLOCK = FixedClock(factories.NOW)


class BreakingUnitOfWork(FakeUnitOfWork):
    """Fails every commit once `broken` is set, like a database that went away."""

    broken = False

    def commit(self) -> None:
        if self.broken:
            raise RuntimeError("database went away")
        super().commit()


def with_case(uow: FakeUnitOfWork) -> FakeUnitOfWork:
    uow.halls.add(factories.hall())
    uow.departments.add(factories.department())
    uow.accounts.add(Account("window", "窗口", Role.HALL_STAFF, "x", hall_id=1))
    uow.cases.add(factories.case())
    uow.commit()
    return uow


def test_planning_a_leg_sends_its_booking_after_the_commit() -> None:
    tasks = RecordingTaskQueue()
    uow = with_case(FakeUnitOfWork(tasks))
    commits = uow.commits
    leg_id = plan_leg(uow, 1, "BJ2026112600001", PlanLeg.parse({"kind": "originals"}), CLOCK)
    assert tasks.sent == [("book_leg", {"leg_id": leg_id})]
    assert uow.commits == commits + 1


def test_a_plan_whose_commit_fails_sends_nothing() -> None:
    tasks = RecordingTaskQueue()
    uow = with_case(BreakingUnitOfWork(tasks))
    uow.broken = True
    with pytest.raises(RuntimeError):
        plan_leg(uow, 1, "BJ2026112600001", PlanLeg.parse({"kind": "originals"}), CLOCK)
    assert tasks.sent == []


def test_a_refused_plan_sends_nothing() -> None:
    tasks = RecordingTaskQueue()
    uow = with_case(FakeUnitOfWork(tasks))
    with pytest.raises(RuleViolation):
        plan_leg(uow, 1, "BJ2026112600001", PlanLeg.parse({"kind": "result"}), CLOCK)
    assert tasks.sent == []


def test_retrying_a_refused_booking_queues_the_leg_and_sends_its_booking() -> None:
    tasks = RecordingTaskQueue()
    uow = with_case(FakeUnitOfWork(tasks))
    leg_id = plan_leg(uow, 1, "BJ2026112600001", PlanLeg.parse({"kind": "originals"}), CLOCK)
    leg = uow.legs.get(leg_id)
    leg.move_to(LegStatus.BOOKING)
    leg.move_to(LegStatus.BOOKING_FAILED)
    tasks.sent.clear()
    retry_booking_as(uow, 1, leg_id)
    assert leg.status is LegStatus.QUEUED
    assert tasks.sent == [("book_leg", {"leg_id": leg_id})]
