"""Use cases of a case: open it, record materials, move it along, look it up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from courier.domain.accounts import Account, Role
from courier.domain.case import Case, CaseStatus
from courier.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from courier.ports.clock import Clock
from courier.services import inputs
from courier.services.unit_of_work import UnitOfWork


def actor(uow: UnitOfWork, account_id: int) -> Account:
    """Load the acting account, refusing unknown or disabled ones."""
    account = uow.accounts.get(account_id)
    if account is None or not account.active:
        raise NotFound("账号不存在或已停用。", "account")
    return account


def load_case(uow: UnitOfWork, account: Account, case_number: str) -> Case:
    """Load a case the account may see, or raise NotFound."""
    case = uow.cases.get(case_number)
    if case is None:
        raise NotFound("未找到该办件。", "case_number")
    account.check_can_see(case)
    return case


def open_case(uow: UnitOfWork, account_id: int, data: Mapping[str, Any], clock: Clock) -> str:
    """Open a case at a hall from the window's (or the case system's) data."""
    with uow:
        account = actor(uow, account_id)
        if account.role is Role.DEPARTMENT_STAFF:
            raise RuleViolation("只有窗口工作人员可以受理办件。", "account")
        case = _case_from(uow, account, data, clock)
        if uow.cases.get(case.case_number) is not None:
            raise Conflict("该办件编号已存在。", "case_number")
        uow.cases.add(case)
        uow.commit()
        return case.case_number


def _case_from(uow: UnitOfWork, account: Account, data: Mapping[str, Any], clock: Clock) -> Case:
    fields = inputs.Fields()
    delivery = fields.build("result_delivery", inputs.result_delivery, data.get("result_delivery"))
    hall_id = fields.build("hall_code", _hall_id, uow, account, data)
    department_id = fields.build("department_code", _department_id, uow, data)
    needs_address = delivery is not None and delivery.value == "mail"
    applicant_data = fields.build("applicant", inputs.mapping, data, "applicant") or {}
    applicant = fields.build("applicant", inputs.applicant, applicant_data, needs_address)
    items = data.get("materials") or []
    if not isinstance(items, list):
        fields.errors["materials"] = "材料清单应为列表。"
        items = []
    materials = [fields.build(f"materials.{i}", inputs.material, m) for i, m in enumerate(items)]
    fields.check()
    case = fields.build(
        "",
        Case,
        inputs.text(data, "case_number"),
        inputs.text(data, "matter_name"),
        applicant,
        hall_id,
        department_id,
        delivery,
    )
    fields.check()
    assert case is not None
    case.created_at = clock.now()
    for material in materials:
        case.add_material(material)  # type: ignore[arg-type]
    return case


def _hall_id(uow: UnitOfWork, account: Account, data: Mapping[str, Any]) -> int:
    code = inputs.text(data, "hall_code")
    if not code and account.hall_id is not None:
        return account.hall_id
    hall = uow.halls.get_by_code(code)
    if hall is None or hall.id is None:
        raise InvalidValue("受理大厅不存在。", "hall_code")
    if account.role is Role.HALL_STAFF and hall.id != account.hall_id:
        raise InvalidValue("只能以本大厅的名义受理办件。", "hall_code")
    return hall.id


def _department_id(uow: UnitOfWork, data: Mapping[str, Any]) -> int:
    department = uow.departments.get_by_code(inputs.text(data, "department_code"))
    if department is None or department.id is None:
        raise InvalidValue("办件所属部门不存在。", "department_code")
    return department.id


def add_material(
    uow: UnitOfWork, account_id: int, case_number: str, data: Mapping[str, Any]
) -> int:
    """Record one more material of a case."""
    with uow:
        case = load_case(uow, actor(uow, account_id), case_number)
        fields = inputs.Fields()
        material = fields.build("", inputs.material, data)
        fields.check()
        assert material is not None
        case.add_material(material)
        uow.commit()
        return len(case.materials)


def advance_case(uow: UnitOfWork, account_id: int, case_number: str, status: str) -> None:
    """Move a case to its next status (review, decided, closed)."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        try:
            target = CaseStatus(status)
        except ValueError:
            raise InvalidValue("办件状态应为 in_review、decided 或 closed。", "status") from None
        if not account.can_advance_to(target):
            raise RuleViolation("您的岗位不能变更为该办件状态。", "status")
        case.advance(target)
        uow.commit()


def list_cases(uow: UnitOfWork, account_id: int) -> list[Case]:
    """List the cases the account may see, newest first."""
    with uow:
        scope = actor(uow, account_id).scope()
        found = uow.cases.list(hall_id=scope.hall_id, department_id=scope.department_id)
        return [case for case in found if scope.covers(case)]


def get_case(uow: UnitOfWork, account_id: int, case_number: str) -> Case:
    with uow:
        return load_case(uow, actor(uow, account_id), case_number)
