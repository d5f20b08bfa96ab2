"""Receipt (签收确认): the receiving side ticks off each material of an arrived parcel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from courier.domain.accounts import Account, Role
from courier.domain.case import Case, ResultDelivery
from courier.domain.errors import InvalidValue, NotFound, RuleViolation, ValidationFailed
from courier.domain.leg import STATUS_NAMES, TRANSITIONS, Leg, LegKind, LegStatus
from courier.domain.text import Text
from courier.domain.tracking import LegEvent, LegEventType, leg_event


class MaterialState(Enum):
    RECEIVED = "received"
    MISSING = "missing"
    DAMAGED = "damaged"


MATERIAL_STATE_NAMES = {
    MaterialState.RECEIVED: Text("已收到"),
    MaterialState.MISSING: Text("缺失"),
    MaterialState.DAMAGED: Text("损坏"),
}

# A parcel may be confirmed once the carrier delivered it, or while the carrier still shows it
# on its way but the receiving side holds it: delivery scans often come hours after hand-over.
RECEIVABLE = frozenset(s for s, targets in TRANSITIONS.items() if LegStatus.RECEIVED in targets)
NOT_OURS = Text("未找到寄给本单位的该邮件，请核对运单号。")


@dataclass(frozen=True)
class Office:
    """A hall or a department, as the receiving end of a leg."""

    kind: str  # "hall" or "department"
    id: int


@dataclass(eq=False)
class ReceiptLine:
    """What the receiving side found of one material."""

    material_id: int
    state: MaterialState


@dataclass(eq=False)
class Receipt:
    """One confirmation of a leg's arrival: who, when, a note, each material's state."""

    leg_id: int
    account_id: int
    confirmed_at: datetime
    note: str = ""
    lines: list[ReceiptLine] = field(default_factory=list)
    id: int | None = None
    # A discrepancy stays open until the sending side says how it was settled.
    resolved_at: datetime | None = None
    resolved_by: int | None = None
    resolution: str = ""

    @property
    def has_discrepancy(self) -> bool:
        return any(line.state is not MaterialState.RECEIVED for line in self.lines)

    @property
    def needs_resolution(self) -> bool:
        return self.has_discrepancy and self.resolved_at is None


RESOLVED_REASON = Text("材料问题已由寄件方处理")


def resolve_discrepancy(
    leg: Leg, receipt: Receipt | None, account_id: int, at: datetime, resolution: str
) -> list[LegEvent]:
    """Record how the sending side settled a discrepancy (补寄、核实…); return the event."""
    if receipt is None or not receipt.has_discrepancy:
        raise RuleViolation(Text("该邮件签收时没有材料问题，无需处理。"), "waybill_no")
    if receipt.resolved_at is not None:
        raise RuleViolation(Text("该邮件的材料问题已处理，不能重复登记。"), "waybill_no")
    text = (resolution or "").strip()
    if not text:
        raise InvalidValue(
            Text("请说明如何处理，如“已补寄缺失材料”或“已与部门核实”。"), "resolution"
        )
    if len(text) > 200:
        raise InvalidValue(Text("处理说明过长（最多 200 个字）。"), "resolution")
    receipt.resolved_at, receipt.resolved_by, receipt.resolution = at, account_id, text
    leg.exception_reason, leg.exception_at = None, None
    # the report says that it was settled, not the staff's words (they may name a person)
    return [leg_event(leg, LegEventType.RECEIPT_DISCREPANCY_RESOLVED, at, RESOLVED_REASON)]


def receiving_office(account: Account) -> Office | None:
    """Return the office whose parcels this account receives: its hall or its department."""
    if account.role is Role.DEPARTMENT_STAFF and account.department_id is not None:
        return Office("department", account.department_id)
    if account.role is Role.HALL_STAFF and account.hall_id is not None:
        return Office("hall", account.hall_id)
    return None


def destination(case: Case, leg: Leg, department_name: str) -> Office | None:
    """Return the office a leg is addressed to, or None when it goes to the applicant."""
    if leg.kind is LegKind.ORIGINALS:
        return Office("department", case.department_id)
    if leg.kind is LegKind.RESULT and case.result_delivery is ResultDelivery.PICKUP_AT_HALL:
        return Office("hall", case.hall_id)
    if leg.kind is LegKind.SUPPLEMENT:
        to_department = leg.receiver.organization == department_name
        return (
            Office("department", case.department_id)
            if to_department
            else Office("hall", case.hall_id)
        )
    return None


def check_receiver(office: Office | None, receiver: Office | None) -> None:
    """Raise NotFound unless the account works at the leg's destination (revealing nothing)."""
    if office is None or receiver is None or office != receiver:
        raise NotFound(NOT_OURS, "waybill_no")


def check_lines(leg: Leg, lines: Sequence[ReceiptLine]) -> None:
    """Refuse a list that does not name every material of the leg exactly once."""
    expected = {m.id for m in leg.materials}
    errors: dict[str, str] = {}
    seen: set[int] = set()
    for index, line in enumerate(lines):
        if line.material_id not in expected:
            errors[f"items.{index}.material_id"] = Text("该材料不属于本邮件。")
        elif line.material_id in seen:
            errors[f"items.{index}.material_id"] = Text("同一材料只能确认一次。")
        seen.add(line.material_id)
    if expected - seen:
        errors.setdefault(
            "items", Text("请逐项确认全部 {count} 项材料，还有未确认的材料。", count=len(expected))
        )
    if errors:
        raise ValidationFailed(errors)


def confirm(leg: Leg, receipt: Receipt) -> list[LegEvent]:
    """Mark the leg received, flag a discrepancy for the sender; return the events to record."""
    if leg.status is LegStatus.RECEIVED:
        raise RuleViolation(Text("该邮件已签收确认，不能重复确认。"), "waybill_no")
    if leg.status not in RECEIVABLE:
        state = STATUS_NAMES[leg.status]
        raise RuleViolation(
            Text("邮件处于“{state}”状态，尚不能签收确认。", state=state), "waybill_no"
        )
    check_lines(leg, receipt.lines)
    leg.move_to(LegStatus.RECEIVED)
    leg.next_poll_at = None  # received: nothing left to ask the carrier
    at = receipt.confirmed_at
    events = [leg_event(leg, LegEventType.RECEIPT_CONFIRMED, at)]
    if receipt.has_discrepancy:
        reason = discrepancy_reason(leg, receipt)
        leg.exception_reason = reason if len(reason) <= 200 else reason[:200]
        leg.exception_at = at
        events.append(leg_event(leg, LegEventType.RECEIPT_DISCREPANCY, at, leg.exception_reason))
    else:
        leg.exception_reason, leg.exception_at = None, None
    return events


def discrepancy_reason(leg: Leg, receipt: Receipt) -> Text:
    """Say in words which materials were missing or damaged on arrival."""
    names = {m.id: m.name for m in leg.materials}
    found = [
        Text(
            "{material}（{state}）",
            material=names.get(line.material_id, ""),
            state=MATERIAL_STATE_NAMES[line.state],
        )
        for line in receipt.lines
        if line.state is not MaterialState.RECEIVED
    ]
    return Text("签收发现材料问题：{materials}", materials=_listed(found))


def _listed(items: list[Text]) -> str:
    """Say items as one list, 甲、乙、丙 (no items: an empty string)."""
    if not items:
        return ""
    listed = items[0]
    for item in items[1:]:
        listed = Text("{items}、{item}", items=listed, item=item)
    return listed
