"""What an administrator may change: offices deactivated, accounts placed, no self lock-out."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import InvalidValue, RuleViolation
from tests import factories


def account(role: Role, account_id: int) -> Account:
    return Account(f"user{account_id}", "名", role, "hash", id=account_id)


def test_a_deactivated_department_refuses_new_work_with_a_chinese_reason() -> None:
    department = factories.department()
    department.check_active("department_code")
    department.active = False
    with pytest.raises(InvalidValue) as refused:
        department.check_active("department_code")
    assert refused.value.message == "该部门已停用。" and refused.value.field == "department_code"


def test_a_deactivated_hall_names_itself_a_hall() -> None:
    hall = factories.hall()
    hall.active = False
    with pytest.raises(InvalidValue, match="该大厅已停用"):
        hall.check_active()


def test_an_administrator_cannot_disable_themselves_but_can_disable_others() -> None:
    admin = account(Role.ADMIN, 1)
    admin.check_can_disable(account(Role.HALL_STAFF, 2))
    with pytest.raises(RuleViolation, match="不能停用自己的账号"):
        admin.check_can_disable(admin)


def test_an_administrator_cannot_demote_themselves_but_may_demote_another_admin() -> None:
    admin = account(Role.ADMIN, 1)
    admin.check_can_change_role(admin, Role.ADMIN)
    admin.check_can_change_role(account(Role.ADMIN, 2), Role.HALL_STAFF)
    with pytest.raises(RuleViolation, match="不能取消自己的管理员身份"):
        admin.check_can_change_role(admin, Role.DEPARTMENT_STAFF)


def test_an_account_is_tied_to_the_one_office_its_role_works_for() -> None:
    staff = account(Role.HALL_STAFF, 2)
    staff.assign(Role.HALL_STAFF, 5, None)
    assert (staff.hall_id, staff.department_id) == (5, None)
    staff.assign(Role.DEPARTMENT_STAFF, 5, 7)
    assert (staff.role, staff.hall_id, staff.department_id) == (Role.DEPARTMENT_STAFF, None, 7)
    staff.assign(Role.ADMIN, 5, 7)
    assert (staff.hall_id, staff.department_id) == (None, None)


def test_a_staff_role_without_its_office_is_refused_on_that_field() -> None:
    staff = account(Role.HALL_STAFF, 2)
    with pytest.raises(InvalidValue) as no_hall:
        staff.assign(Role.HALL_STAFF, None, 7)
    assert no_hall.value.field == "hall_code"
    with pytest.raises(InvalidValue) as no_department:
        staff.assign(Role.DEPARTMENT_STAFF, 5, None)
    assert no_department.value.field == "department_code"
    with pytest.raises(InvalidValue):
        staff.assign(Role.INTEGRATION, None, None)


def test_integration_accounts_are_managed_with_their_tokens_not_here() -> None:
    account(Role.HALL_STAFF, 2).check_managed_here()
    with pytest.raises(RuleViolation):
        account(Role.INTEGRATION, 3).check_managed_here()
