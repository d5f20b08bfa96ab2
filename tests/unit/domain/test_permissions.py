"""Who sees which cases and what each account may do on a case: questions the domain answers."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role, Scope
from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.leg import Leg, LegKind, LegStatus
from tests import factories


def account(role: Role, hall_id: int | None = None, department_id: int | None = None) -> Account:
    return Account("u", "U", role, "x", hall_id=hall_id, department_id=department_id)


def originals_leg(status: LegStatus) -> Leg:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.status = status
    return leg


def test_each_role_scopes_to_its_hall_its_department_or_everything() -> None:
    assert account(Role.HALL_STAFF, hall_id=3).scope() == Scope(hall_id=3)
    assert account(Role.DEPARTMENT_STAFF, department_id=7).scope() == Scope(department_id=7)
    assert account(Role.ADMIN).scope() == Scope(everything=True)


def test_a_scope_covers_only_its_own_hall_or_department() -> None:
    case = factories.case(hall_id=3, department_id=7)
    assert Scope(hall_id=3).covers(case) and Scope(department_id=7).covers(case)
    assert not Scope(hall_id=7).covers(case) and not Scope(department_id=3).covers(case)
    assert Scope(everything=True).covers(case)


def test_staff_not_tied_to_a_hall_or_department_see_no_case() -> None:
    case = factories.case(hall_id=3, department_id=7)
    assert not account(Role.HALL_STAFF).can_see(case)
    assert not account(Role.DEPARTMENT_STAFF).can_see(case)


def test_only_the_sending_side_prints_a_legs_label() -> None:
    leg = originals_leg(LegStatus.BOOKED)
    assert account(Role.HALL_STAFF, hall_id=1).can_print(leg)
    assert account(Role.ADMIN).can_print(leg)
    assert not account(Role.DEPARTMENT_STAFF, department_id=1).can_print(leg)


def test_departments_do_not_open_cases() -> None:
    assert account(Role.HALL_STAFF, hall_id=1).can_open_cases()
    assert account(Role.ADMIN).can_open_cases()
    assert not account(Role.DEPARTMENT_STAFF, department_id=1).can_open_cases()


@pytest.mark.parametrize(
    ("status", "cancellable"),
    [
        (LegStatus.DRAFT, True),
        (LegStatus.QUEUED, True),
        (LegStatus.BOOKING_FAILED, True),
        (LegStatus.BOOKED, True),
        (LegStatus.BOOKING, False),
        (LegStatus.BOOKING_UNCERTAIN, False),
        (LegStatus.HANDED_OVER, False),
        (LegStatus.IN_TRANSIT, False),
        (LegStatus.DELIVERED, False),
        (LegStatus.CANCELLED, False),
    ],
)
def test_a_leg_can_be_cancelled_only_before_the_carrier_has_it(
    status: LegStatus, cancellable: bool
) -> None:
    assert originals_leg(status).can_cancel() is cancellable


def test_only_a_refused_booking_can_be_requeued() -> None:
    requeueable = {s for s in LegStatus if originals_leg(s).can_requeue()}
    assert requeueable == {LegStatus.BOOKING_FAILED}


def test_bookable_kinds_are_the_accounts_own_without_a_live_leg() -> None:
    case = factories.case()
    hall = account(Role.HALL_STAFF, hall_id=1)
    assert case.bookable_kinds(hall) == [LegKind.ORIGINALS, LegKind.SUPPLEMENT]
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    assert case.bookable_kinds(hall) == [LegKind.SUPPLEMENT]
    department = account(Role.DEPARTMENT_STAFF, department_id=1)
    assert case.bookable_kinds(department) == [LegKind.SUPPLEMENT]  # nothing decided yet
    case.legs[0].status = LegStatus.RECEIVED
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    assert case.bookable_kinds(department) == [
        LegKind.RESULT,
        LegKind.ORIGINALS_RETURN,
        LegKind.SUPPLEMENT,
    ]
    assert case.bookable_kinds(hall) == [LegKind.SUPPLEMENT]  # originals are no longer due


def test_an_electronic_result_is_never_booked_and_nothing_is_after_closing() -> None:
    case = factories.case(delivery=ResultDelivery.ELECTRONIC)
    department = account(Role.DEPARTMENT_STAFF, department_id=1)
    case.materials = [m for m in case.materials if not m.original]
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    assert LegKind.RESULT not in case.bookable_kinds(department)
    case.advance(CaseStatus.CLOSED)
    assert case.bookable_kinds(department) == []


def test_next_statuses_are_the_next_step_this_account_may_take() -> None:
    case = factories.case()
    hall, department = account(Role.HALL_STAFF, hall_id=1), account(Role.DEPARTMENT_STAFF)
    assert case.next_statuses(department) == []  # the originals are not sent yet
    factories.originals_received(case)
    assert case.next_statuses(hall) == []
    assert case.next_statuses(department) == [CaseStatus.IN_REVIEW]
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    assert case.next_statuses(hall) == []  # the result is not delivered yet
    result = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    result.status = LegStatus.DELIVERED
    assert case.next_statuses(hall) == [CaseStatus.CLOSED]
    case.advance(CaseStatus.CLOSED)
    assert case.next_statuses(account(Role.ADMIN)) == []
