"""Set-up shared by the repository contract tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from courier.domain.leg import LegStatus
from courier.services.unit_of_work import UnitOfWork
from tests import factories

NewUow = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Offices:
    """Two halls and two departments, by id."""

    hall: int
    other_hall: int
    department: int
    other_department: int


@dataclass(frozen=True)
class Stored:
    case_id: int
    leg_id: int


def store_case(
    new_uow: NewUow,
    offices: Offices,
    number: str,
    *,
    other_hall: bool = False,
    other_department: bool = False,
    created_at: datetime = factories.NOW,
    status: LegStatus = LegStatus.DRAFT,
    waybill_no: str | None = None,
    tracked_at: datetime | None = None,
    claimed_until: datetime | None = None,
) -> Stored:
    """Store a case with one originals leg set up as given; return their ids."""
    hall_id = offices.other_hall if other_hall else offices.hall
    department_id = offices.other_department if other_department else offices.department
    with new_uow() as uow:
        hall, department = uow.halls.get(hall_id), uow.departments.get(department_id)
        assert hall is not None and department is not None
        case = factories.case(number, hall_id=hall_id, department_id=department_id)
        case.created_at = created_at
        leg = case.plan_originals_leg(hall, department, factories.shipping(f"CR{number}"))
        # Test set-up writes the state directly; the transitions are tested in the domain.
        leg.status, leg.waybill_no = status, waybill_no
        leg.tracked_at, leg.claimed_until = tracked_at, claimed_until
        uow.cases.add(case)
        uow.commit()
        assert case.id is not None and leg.id is not None
        return Stored(case.id, leg.id)


def minutes(n: float) -> datetime:
    return factories.NOW + timedelta(minutes=n)
