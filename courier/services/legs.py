"""Use cases of a leg: plan it, cancel it, look it up."""

from __future__ import annotations

from courier.domain.accounts import Account
from courier.domain.audit import AuditAction
from courier.domain.booking_options import BookingOptions
from courier.domain.case import Case, ResultDelivery, Shipping
from courier.domain.errors import NotFound, RuleViolation
from courier.domain.leg import Leg, LegKind
from courier.domain.order_numbers import new_order_number
from courier.domain.organizations import Department, Hall
from courier.domain.text import Text
from courier.ports.carrier import Carrier, CarrierError, CarrierParty
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.carrier_orders import carrier_party
from courier.services.cases import actor, load_case
from courier.services.commands import PlanLeg
from courier.services.unit_of_work import UnitOfWork


def plan_checked_leg(
    uow: UnitOfWork,
    carrier: Carrier,
    account_id: int,
    case_number: str,
    command: PlanLeg,
    clock: Clock,
) -> int:
    """Plan a leg as staff do: one to the applicant is first checked with the carrier (060002).

    An address the carrier says it cannot reach is refused until staff accept it; when the
    carrier cannot be asked, the leg is planned (booking will tell). No transaction is held
    across the carrier call.
    """
    if not command.accept_unreachable:
        with uow:
            case = load_case(uow, actor(uow, account_id), case_number)
            department = uow.departments.get(case.department_id)
            address = case.applicant.address
            to_applicant = case.sends_to_applicant(command.kind) and address is not None
        if to_applicant and department is not None and address is not None:
            receiver = CarrierParty(
                "", "", address.province, address.city, address.county, address.street
            )
            try:
                reachable = carrier.check_reachability(
                    carrier_party(department.as_party()), receiver
                )
            except CarrierError:
                reachable = True
            if not reachable:
                place = f"{address.province}{address.city}{address.county}"
                raise RuleViolation(_unreachable(department.name, place), "accept_unreachable")
    return plan_leg(uow, account_id, case_number, command, clock)


def _unreachable(sender: str, place: str) -> Text:
    return Text(
        "邮政提示：无法从{sender}寄达申请人地址（{place}）。请与申请人核对地址，或改为窗口自取；"
        "如确认地址无误，请勾选“仍按此地址寄递”后再次下单。",
        sender=sender,
        place=place,
    )


def plan_leg(
    uow: UnitOfWork, account_id: int, case_number: str, command: PlanLeg, clock: Clock
) -> int:
    """Add a leg to a case with a fresh order number and have it booked once that is committed."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        if not account.can_book(command.kind):
            raise RuleViolation(Text("您的岗位不能寄出这一类运单。"), "kind")
        hall, department = _organizations(uow, case)
        shipping = _shipping(command, hall, department, clock)
        leg = _plan(case, command, hall, department, shipping)
        _options(case, leg, shipping, command, clock).apply_to(leg)
        uow.flush()
        assert leg.id is not None
        uow.enqueue_after_commit("book_leg", leg_id=leg.id)
        audit.record_leg(uow, AuditAction.LEG_PLANNED, account, leg, command.kind.value)
        uow.commit()
        return leg.id


def _organizations(uow: UnitOfWork, case: Case) -> tuple[Hall, Department]:
    hall, department = uow.halls.get(case.hall_id), uow.departments.get(case.department_id)
    if hall is None or department is None:
        raise NotFound(Text("办件的大厅或部门不存在。"), "case_number")
    return hall, department


def _shipping(command: PlanLeg, hall: Hall, department: Department, clock: Clock) -> Shipping:
    sender_pays = hall if command.kind is LegKind.ORIGINALS else department
    return Shipping(
        new_order_number(clock.now()),
        sender_pays.carrier_account,
        command.weight_grams,
        command.insured_value,
    )


def _options(
    case: Case, leg: Leg, shipping: Shipping, command: PlanLeg, clock: Clock
) -> BookingOptions:
    """Choose how the carrier gets the leg and who pays: staff's choice, else the account's."""
    to_applicant = case.result_delivery is ResultDelivery.MAIL
    return BookingOptions.choose(
        shipping.account, leg.kind, to_applicant, command.choices(), clock.now()
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
        raise NotFound(Text("未找到该运单。"), "leg_id")
    return leg


def load_leg(uow: UnitOfWork, account: Account, leg_id: int) -> Leg:
    """Load a leg whose case the account may see, or raise NotFound."""
    leg = uow.legs.get(leg_id)
    case = uow.cases.get_by_id(leg.case_id) if leg and leg.case_id else None
    if leg is None or case is None or not account.can_see(case):
        raise NotFound(Text("未找到该运单。"), "leg_id")
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
            raise RuleViolation(Text("您的岗位不能处理这一类运单。"), "kind")
        return leg
