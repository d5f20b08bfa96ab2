"""Use cases of the receiving desk: what is on its way to us, open a scanned parcel, confirm it."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from courier.domain import text
from courier.domain.accounts import Account
from courier.domain.audit import AuditAction
from courier.domain.case import Case
from courier.domain.errors import NotFound, RuleViolation
from courier.domain.leg import Leg
from courier.domain.materials import MAX_MATERIALS
from courier.domain.receipt import (
    NOT_OURS,
    MaterialState,
    Receipt,
    ReceiptLine,
    check_receiver,
    confirm,
    destination,
    receiving_office,
)
from courier.domain.receipt import resolve_discrepancy as resolve_discrepancy_of
from courier.domain.waybill import normalize_waybill_no
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.cases import actor
from courier.services.commands import Command, Text
from courier.services.events import record as record_events
from courier.services.unit_of_work import UnitOfWork


class ReceiptItem(Command):
    material_id: int
    state: MaterialState


class ConfirmReceipt(Command):
    """What the receiving side found: each material's state, and a note."""

    items: list[ReceiptItem] = Field(default_factory=list, max_length=MAX_MATERIALS)
    note: Text = Field(default="", max_length=200)


@dataclass(frozen=True)
class Arrival:
    """A parcel addressed to the account's office, with its case and any receipt so far."""

    leg: Leg
    case_number: str
    receipt: Receipt | None


def incoming(uow: UnitOfWork, account_id: int) -> list[Leg]:
    """List the legs on their way to the account's office, or arrived and not yet confirmed."""
    with uow:
        office = receiving_office(actor(uow, account_id))
        return [] if office is None else uow.receipts.incoming(office)


def open_arrival(uow: UnitOfWork, account_id: int, waybill_no: str, shown: bool = True) -> Arrival:
    """Find a scanned parcel addressed to the account's office, or raise NotFound (quietly)."""
    with uow:
        account = actor(uow, account_id)
        leg, case = _addressed_leg(uow, account, waybill_no)
        assert leg.id is not None
        if shown:  # the log row: the desk was shown who sent the parcel
            audit.record(
                uow, AuditAction.ARRIVAL_OPENED, account, case=case, target=f"leg:{leg.id}"
            )
            uow.commit()
        return Arrival(leg, case.case_number, uow.receipts.for_leg(leg.id))


def confirm_receipt(
    uow: UnitOfWork, account_id: int, waybill_no: str, command: ConfirmReceipt, clock: Clock
) -> Arrival:
    """Confirm what arrived of a parcel; a discrepancy flags it for the sending side."""
    with uow:
        account = actor(uow, account_id)
        leg, case = _addressed_leg(uow, account, waybill_no)
        assert leg.id is not None and account.id is not None
        lines = [ReceiptLine(item.material_id, item.state) for item in command.items]
        receipt = Receipt(leg.id, account.id, clock.now(), command.note, lines)
        events = confirm(leg, receipt)
        uow.receipts.add(receipt)
        record_events(uow, events)
        audit.record(uow, AuditAction.RECEIPT_CONFIRMED, account, case=case, target=f"leg:{leg.id}")
        uow.commit()
        return Arrival(leg, case.case_number, receipt)


def _addressed_leg(uow: UnitOfWork, account: Account, scanned: str) -> tuple[Leg, Case]:
    leg = uow.legs.get_by_waybill(normalize_waybill_no(scanned))
    case = uow.cases.get_by_id(leg.case_id) if leg and leg.case_id else None
    department = uow.departments.get(case.department_id) if case else None
    if leg is None or case is None or department is None:
        raise NotFound(NOT_OURS, "waybill_no")
    check_receiver(destination(case, leg, department.name), receiving_office(account))
    return leg, case


class ResolveDiscrepancy(Command):
    """How the sending side settled what was missing or damaged (sent again, checked…)."""

    resolution: Text = Field(default="", max_length=200)


def resolve_discrepancy(
    uow: UnitOfWork, account_id: int, leg_id: int, command: ResolveDiscrepancy, clock: Clock
) -> Receipt:
    """Record how the sender settled a receipt's discrepancy; it leaves the exceptions queue."""
    with uow:
        account = actor(uow, account_id)
        leg = uow.legs.get(leg_id)
        case = uow.cases.get_by_id(leg.case_id) if leg and leg.case_id else None
        if leg is None or leg.id is None or case is None or not account.can_see(case):
            raise NotFound(text.Text("未找到该运单。"), "leg_id")
        if not account.can_book(leg.kind):
            raise RuleViolation(text.Text("材料问题由寄件方处理，您的岗位不能登记。"), "account")
        assert account.id is not None
        receipt = uow.receipts.for_leg(leg.id)
        events = resolve_discrepancy_of(leg, receipt, account.id, clock.now(), command.resolution)
        record_events(uow, events)
        audit.record(
            uow, AuditAction.DISCREPANCY_RESOLVED, account, case=case, target=f"leg:{leg.id}"
        )
        uow.commit()
        assert receipt is not None
        return receipt
