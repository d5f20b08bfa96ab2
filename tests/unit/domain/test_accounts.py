"""Who may see a case and who books which leg."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import NotFound
from courier.domain.leg import LegKind
from tests import factories


def account(role: Role, hall_id: int | None = None, department_id: int | None = None) -> Account:
    return Account("u", "U", role, "x", hall_id=hall_id, department_id=department_id)


def test_hall_staff_see_only_their_halls_cases() -> None:
    case = factories.case(hall_id=1, department_id=7)
    assert account(Role.HALL_STAFF, hall_id=1).can_see(case)
    with pytest.raises(NotFound):
        account(Role.HALL_STAFF, hall_id=2).check_can_see(case)


def test_department_staff_see_only_their_departments_cases() -> None:
    case = factories.case(hall_id=1, department_id=7)
    assert account(Role.DEPARTMENT_STAFF, department_id=7).can_see(case)
    assert not account(Role.DEPARTMENT_STAFF, department_id=8).can_see(case)
    assert account(Role.ADMIN).can_see(case)


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        (Role.HALL_STAFF, {LegKind.ORIGINALS, LegKind.SUPPLEMENT}),
        (Role.DEPARTMENT_STAFF, {LegKind.RESULT, LegKind.ORIGINALS_RETURN, LegKind.SUPPLEMENT}),
        (Role.ADMIN, set(LegKind)),
    ],
)
def test_the_senders_side_books_each_kind_of_leg(role: Role, kinds: set[LegKind]) -> None:
    assert {kind for kind in LegKind if account(role).can_book(kind)} == kinds


def test_each_desk_sends_its_own_legs_and_nobody_posts_the_applicants_supplement() -> None:
    hall, department = account(Role.HALL_STAFF), account(Role.DEPARTMENT_STAFF)
    assert {k for k in LegKind if hall.sends_from_desk(k)} == {LegKind.ORIGINALS}
    assert {k for k in LegKind if department.sends_from_desk(k)} == {
        LegKind.RESULT,
        LegKind.ORIGINALS_RETURN,
    }


def test_the_department_reviews_and_decides_and_either_side_records_delivery() -> None:
    from courier.domain.case import CaseStatus

    hall, department = account(Role.HALL_STAFF), account(Role.DEPARTMENT_STAFF)
    assert not hall.can_advance_to(CaseStatus.DECIDED)
    assert department.can_advance_to(CaseStatus.DECIDED)
    assert hall.can_advance_to(CaseStatus.CLOSED) and department.can_advance_to(CaseStatus.CLOSED)
