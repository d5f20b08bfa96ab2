"""Use cases of a leg: plan it, cancel it, look it up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from courier.domain.accounts import Account
from courier.domain.case import Case, Shipping
from courier.domain.errors import InvalidValue, NotFound, RuleViolation
from courier.domain.leg import Leg, LegKind
from courier.domain.order_numbers import new_order_number
from courier.domain.organizations import Department, Hall
from courier.ports.clock import Clock
from courier.services import inputs
from courier.services.cases import actor, load_case
from courier.services.unit_of_work import UnitOfWork


def plan_leg(
    uow: UnitOfWork, account_id: int, case_number: str, data: Mapping[str, Any], clock: Clock
) -> int:
    """Add a leg to a case with a fresh order number; booking with the carrier follows."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        kind = _kind(data.get("kind"))
        if not account.can_book(kind):
            raise RuleViolation("您的岗位不能寄出这一类运单。", "kind")
        hall, department = _organizations(uow, case)
        leg = _plan(
            case, kind, hall, department, _shipping(data, hall, department, kind, clock), data
        )
        uow.commit()
        assert leg.id is not None
        return leg.id


def _kind(value: Any) -> LegKind:
    try:
        return LegKind(value)
    except ValueError:
        raise InvalidValue(
            "运单类型应为 originals、result、originals_return 或 supplement。", "kind"
        ) from None


def _organizations(uow: UnitOfWork, case: Case) -> tuple[Hall, Department]:
    hall, department = uow.halls.get(case.hall_id), uow.departments.get(case.department_id)
    if hall is None or department is None:
        raise NotFound("办件的大厅或部门不存在。", "case_number")
    return hall, department


def _shipping(
    data: Mapping[str, Any], hall: Hall, department: Department, kind: LegKind, clock: Clock
) -> Shipping:
    fields = inputs.Fields()
    weight = fields.build("weight_grams", inputs.integer, data, "weight_grams", 200)
    insured = fields.build("insured_value", inputs.money, data, "insured_value")
    fields.check()
    sender_pays = hall if kind is LegKind.ORIGINALS else department
    shipping = Shipping(
        new_order_number(clock.now()), sender_pays.carrier_account, weight or 200, insured
    )
    return shipping


def _plan(
    case: Case,
    kind: LegKind,
    hall: Hall,
    department: Department,
    shipping: Shipping,
    data: Mapping[str, Any],
) -> Leg:
    if kind is LegKind.ORIGINALS:
        return case.plan_originals_leg(hall, department, shipping)
    if kind is LegKind.RESULT:
        return case.plan_result_leg(department, hall, shipping)
    if kind is LegKind.ORIGINALS_RETURN:
        return case.plan_originals_return_leg(department, shipping)
    to = inputs.text(data, "to") or "hall"
    if to not in ("hall", "department"):
        raise InvalidValue("补件收件方应为 hall 或 department。", "to")
    return case.plan_supplement_leg(hall if to == "hall" else department, shipping)


def load_leg(uow: UnitOfWork, account: Account, leg_id: int) -> Leg:
    """Load a leg whose case the account may see, or raise NotFound."""
    leg = uow.legs.get(leg_id)
    case = uow.cases.get_by_id(leg.case_id) if leg and leg.case_id else None
    if leg is None or case is None or not account.can_see(case):
        raise NotFound("未找到该运单。", "leg_id")
    return leg


def get_leg(uow: UnitOfWork, account_id: int, leg_id: int) -> Leg:
    with uow:
        return load_leg(uow, actor(uow, account_id), leg_id)


def check_can_book(uow: UnitOfWork, account_id: int, leg_id: int) -> Leg:
    """Load a leg the account may book or cancel (the sender's side), or raise."""
    with uow:
        account = actor(uow, account_id)
        leg = load_leg(uow, account, leg_id)
        if not account.can_book(leg.kind):
            raise RuleViolation("您的岗位不能处理这一类运单。", "kind")
        return leg
