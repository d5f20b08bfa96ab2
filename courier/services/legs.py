"""Use cases of a leg: plan it, cancel it, look it up."""

from __future__ import annotations

from courier.domain.accounts import Account
from courier.domain.audit import AuditAction
from courier.domain.case import Case, Shipping
from courier.domain.errors import NotFound, RuleViolation
from courier.domain.leg import Leg, LegKind
from courier.domain.order_numbers import new_order_number
from courier.domain.organizations import Department, Hall
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.cases import actor, load_case
from courier.services.commands import PlanLeg
from courier.services.unit_of_work import UnitOfWork


def plan_leg(
    uow: UnitOfWork, account_id: int, case_number: str, command: PlanLeg, clock: Clock
) -> int:
    """Add a leg to a case with a fresh order number and have it booked once that is committed."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        if not account.can_book(command.kind):
            raise RuleViolation("您的岗位不能寄出这一类运单。", "kind")
        hall, department = _organizations(uow, case)
        leg = _plan(case, command, hall, department, _shipping(command, hall, department, clock))
        uow.flush()
        assert leg.id is not None
        uow.enqueue_after_commit("book_leg", leg_id=leg.id)
        audit.record_leg(uow, AuditAction.LEG_PLANNED, account, leg, command.kind.value)
        uow.commit()
        return leg.id


def _organizations(uow: UnitOfWork, case: Case) -> tuple[Hall, Department]:
    hall, department = uow.halls.get(case.hall_id), uow.departments.get(case.department_id)
    if hall is None or department is None:
        raise NotFound("办件的大厅或部门不存在。", "case_number")
    return hall, department


def _shipping(command: PlanLeg, hall: Hall, department: Department, clock: Clock) -> Shipping:
    sender_pays = hall if command.kind is LegKind.ORIGINALS else department
    return Shipping(
        new_order_number(clock.now()),
        sender_pays.carrier_account,
        command.weight_grams,
        command.insured_value,
    )


def _plan(
    case: Case, command: PlanLeg, hall: Hall, department: Department, shipping: Shipping
) -> Leg:
    if command.kind is LegKind.ORIGINALS:
        return case.plan_originals_leg(hall, department, shipping)
    if command.kind is LegKind.RESULT:
        return case.plan_result_leg(department, hall, shipping)
    if command.kind is LegKind.ORIGINALS_RETURN:
        return case.plan_originals_return_leg(department, shipping)
    return case.plan_supplement_leg(hall if command.to == "hall" else department, shipping)


def require_leg(uow: UnitOfWork, leg_id: int) -> Leg:
    """Load a leg by id for background work (no account to check), or raise NotFound."""
    leg = uow.legs.get(leg_id)
    if leg is None:
        raise NotFound("未找到该运单。", "leg_id")
    return leg


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
