"""A case (办件) and the legs that carry its paper both ways."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Protocol

from courier.domain.errors import InvalidValue, RuleViolation
from courier.domain.identifiers import normalize_id_number, normalize_mobile
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES, Leg, LegKind, LegStatus
from courier.domain.materials import MAX_MATERIALS, Material
from courier.domain.organizations import CarrierAccount, Department, Hall
from courier.domain.places import Address, Party, required_text
from courier.domain.result_handover import ResultHandover
from courier.domain.text import Text
from courier.domain.validation import all_valid


class CaseStatus(Enum):
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    CLOSED = "closed"


CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.ACCEPTED: frozenset({CaseStatus.IN_REVIEW}),
    CaseStatus.IN_REVIEW: frozenset({CaseStatus.DECIDED}),
    CaseStatus.DECIDED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}

CASE_STATUS_NAMES = {
    CaseStatus.ACCEPTED: Text("已受理"),
    CaseStatus.IN_REVIEW: Text("审查中"),
    CaseStatus.DECIDED: Text("已办结待送达"),
    CaseStatus.CLOSED: Text("办结送达"),
}


class ResultDelivery(Enum):
    """How the applicant wants the result: by post, at the hall window, or electronically."""

    MAIL = "mail"
    PICKUP_AT_HALL = "pickup_at_hall"
    ELECTRONIC = "electronic"


RESULT_DELIVERY_NAMES = {
    ResultDelivery.MAIL: Text("邮寄送达"),
    ResultDelivery.PICKUP_AT_HALL: Text("大厅窗口自取"),
    ResultDelivery.ELECTRONIC: Text("电子送达"),
}


class Actor(Protocol):
    """What a case asks of the account acting on it (an Account)."""

    def can_book(self, kind: LegKind) -> bool: ...
    def can_advance_to(self, status: CaseStatus) -> bool: ...


# The result reached the applicant: the carrier delivered it (and it may be confirmed).
_RESULT_DELIVERED = frozenset({LegStatus.DELIVERED, LegStatus.RECEIVED})

_CASE_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{3,39}")


def _result_where(result: Leg | None) -> Text:
    """Say where the result leg is, for a case that cannot close yet."""
    if result is None:
        return Text("尚未寄出结果")
    return Text("结果寄递：{status}", status=STATUS_NAMES[result.status])


def _case_number(value: str) -> str:
    if not _CASE_NUMBER.fullmatch(value or ""):
        raise InvalidValue(Text("办件编号应为 4–40 位字母、数字、下划线或连字符。"), "case_number")
    return value


@dataclass(frozen=True)
class Applicant:
    """The applicant (申请人): full data is kept encrypted and shown only masked."""

    name: str
    mobile: str
    id_number: str
    address: Address | None = None

    @classmethod
    def create(cls, name: str, mobile: str, id_number: str, address: Address | None) -> Applicant:
        """Validate and build an applicant, naming every bad part at once."""
        return cls(
            address=address,
            **all_valid(
                name=lambda: required_text(name, "applicant.name", Text("申请人姓名"), 40),
                mobile=lambda: normalize_mobile(mobile, "applicant.mobile"),
                id_number=lambda: normalize_id_number(id_number, "applicant.id_number"),
            ),
        )

    def as_party(self) -> Party:
        if self.address is None:
            raise RuleViolation(Text("申请人没有邮寄地址。"), "applicant.address")
        return Party(self.name, self.mobile, self.address)


@dataclass(eq=False)
class StatusChange:
    """When a case moved to a status, and who moved it (None: the system or an integration)."""

    status: CaseStatus
    changed_at: datetime
    account_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Shipping:
    """What a new leg is booked with: product, weight, insured value, account."""

    order_no: str
    account: CarrierAccount
    weight_grams: int = 200
    insured_value: Decimal | None = None


@dataclass(eq=False)
class Case:
    """One application handled across a hall and a department."""

    case_number: str
    matter_name: str
    applicant: Applicant
    hall_id: int
    department_id: int
    result_delivery: ResultDelivery
    status: CaseStatus = CaseStatus.ACCEPTED
    materials: list[Material] = field(default_factory=list)
    legs: list[Leg] = field(default_factory=list)
    created_at: datetime | None = None
    id: int | None = None
    # The applicant may decline text messages about the case (on unless they say no).
    notify_applicant: bool = True
    # Set once, when the result is handed over at the window (window pickup only).
    result_handover: ResultHandover | None = None
    status_changes: list[StatusChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.matter_name = Case.check_numbering(self.case_number, self.matter_name)
        if self.result_delivery is ResultDelivery.MAIL and self.applicant.address is None:
            raise InvalidValue(Text("选择邮寄送达时必须填写申请人邮寄地址。"), "applicant.address")

    @staticmethod
    def check_numbering(case_number: str, matter_name: str) -> str:
        """Check the case number and matter name together; return the matter name, stripped."""
        values = all_valid(
            case_number=lambda: _case_number(case_number),
            matter_name=lambda: required_text(matter_name, "matter_name", Text("事项名称"), 100),
        )
        return str(values["matter_name"])

    def advance(
        self, status: CaseStatus, at: datetime | None = None, by: int | None = None
    ) -> None:
        """Move the case along accepted → in review → decided → closed (kept with when/who)."""
        if status not in CASE_TRANSITIONS[self.status]:
            raise RuleViolation(
                Text(
                    "办件状态不能从“{current}”变为“{wanted}”。",
                    current=CASE_STATUS_NAMES[self.status],
                    wanted=CASE_STATUS_NAMES[status],
                ),
                "status",
            )
        blocker = self.blocker(status)
        if blocker:
            raise RuleViolation(blocker, "status")
        self.status = status
        if at is not None:
            self.status_changes.append(StatusChange(status, at, by))

    def blocker(self, status: CaseStatus) -> str | None:
        """Say why the case cannot move to `status` yet, or None when its shipments allow it."""
        if status is CaseStatus.IN_REVIEW:
            return self.review_blocker()
        if status is CaseStatus.CLOSED:
            return self.close_blocker()
        return None

    def close_blocker(self) -> str | None:
        """Say why the case cannot close as 办结送达: its result has not reached the applicant."""
        if self.result_delivery is ResultDelivery.ELECTRONIC:
            return None
        result = self.live_leg(LegKind.RESULT)
        if self.result_delivery is ResultDelivery.MAIL:
            if result is not None and result.status in _RESULT_DELIVERED:
                return None
            return Text(
                "结果尚未送达申请人（{where}），不能办结送达。请先寄出结果，待承运商妥投后再办结。",
                where=_result_where(result),
            )
        if result is not None and result.status is LegStatus.RECEIVED:
            if self.result_handover is not None:
                return None
            return Text(
                "结果已到达大厅，待交付申请人。"
                "请在“交付申请人”处登记领取人和身份核验，登记后即办结送达。"
            )
        return Text(
            "结果尚未到达大厅（{where}），不能办结送达。"
            "请待结果送达大厅、在收件台扫描签收后，再登记交付申请人。",
            where=_result_where(result),
        )

    def can_hand_over_result(self) -> bool:
        """Tell whether the result waits at the hall window for the applicant now."""
        result = self.live_leg(LegKind.RESULT)
        return (
            self.result_delivery is ResultDelivery.PICKUP_AT_HALL
            and self.status is CaseStatus.DECIDED
            and self.result_handover is None
            and result is not None
            and result.status is LegStatus.RECEIVED
        )

    def hand_over_result(self, handover: ResultHandover) -> Leg:
        """Record the result handed over at the window and close the case; return the result leg."""
        if self.result_delivery is not ResultDelivery.PICKUP_AT_HALL:
            raise RuleViolation(Text("申请人未选择窗口自取，无需登记交付。"), "result_delivery")
        if self.result_handover is not None or self.status is CaseStatus.CLOSED:
            raise RuleViolation(Text("该办件的结果已登记交付，不能重复登记。"), "status")
        if not self.can_hand_over_result():
            result = self.live_leg(LegKind.RESULT)
            if self.status is not CaseStatus.DECIDED:
                raise RuleViolation(Text("办件尚未办结，没有可交付的结果。"), "status")
            where = STATUS_NAMES[result.status] if result else Text("尚未寄出")
            raise RuleViolation(
                Text(
                    "结果尚未在大厅签收（结果寄递：{where}），不能交付。"
                    "请待结果送达后在收件台扫描签收，再登记交付。",
                    where=where,
                ),
                "status",
            )
        result = self.live_leg(LegKind.RESULT)
        assert result is not None
        self.result_handover = handover
        self.status = CaseStatus.CLOSED
        self.status_changes.append(
            StatusChange(CaseStatus.CLOSED, handover.handed_over_at, handover.account_id)
        )
        return result

    def review_blocker(self) -> str | None:
        """Say why the case cannot go to review yet: its originals are not confirmed on arrival."""
        if not any(m.original for m in self.materials):
            return None  # nothing on paper to send: copies or electronic materials only
        originals = self.live_leg(LegKind.ORIGINALS)
        if originals is None:
            if any(leg.kind is LegKind.ORIGINALS for leg in self.legs):
                return Text(
                    "原件尚未寄出（原运单已取消），不能进入审查。"
                    "请受理大厅先在本办件下寄出原件，待原件送达、在收件台签收确认后再推进办件。"
                )
            return Text(
                "原件尚未寄出，不能进入审查。"
                "请受理大厅先在本办件下寄出原件，待原件送达、在收件台签收确认后再推进办件。"
            )
        if originals.status is LegStatus.RECEIVED:
            return None
        return Text(
            "原件尚未签收确认（原件寄递：{status}），不能进入审查。"
            "请待原件送达后在收件台扫描运单、逐项确认材料，再推进办件。",
            status=STATUS_NAMES[originals.status],
        )

    def add_material(self, material: Material) -> None:
        if self.status is CaseStatus.CLOSED:
            raise RuleViolation(Text("办件已归档，不能再添加材料。"), "materials")
        if len(self.materials) >= MAX_MATERIALS:
            raise RuleViolation(
                Text("一个办件最多登记 {most} 项材料。", most=MAX_MATERIALS), "materials"
            )
        self.materials.append(material)

    def live_leg(self, kind: LegKind) -> Leg | None:
        return next((leg for leg in self.legs if leg.kind is kind and leg.is_live), None)

    def bookable_kinds(self, account: Actor) -> list[LegKind]:
        """Return the kinds of leg this account may add now (its side sends, none live yet)."""
        return [
            k
            for k in LegKind
            if account.can_book(k) and self.live_leg(k) is None and self.leg_due_now(k)
        ]

    def sends_to_applicant(self, kind: LegKind) -> bool:
        """Tell whether a leg of this kind goes to the applicant's own address."""
        if kind is LegKind.ORIGINALS_RETURN:
            return True
        return kind is LegKind.RESULT and self.result_delivery is ResultDelivery.MAIL

    def leg_due_now(self, kind: LegKind) -> bool:
        """Tell whether a leg of this kind belongs to where the case is now.

        Originals go before the decision; the result once decided (unless electronic); checked
        originals go back once the department holds them and has decided; a supplement any
        time before the case closes.
        """
        has_originals = any(m.original for m in self.materials)
        if kind is LegKind.ORIGINALS:
            return has_originals and self.status in (CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW)
        if kind is LegKind.RESULT:
            decided = self.status is CaseStatus.DECIDED
            return decided and self.result_delivery is not ResultDelivery.ELECTRONIC
        if kind is LegKind.ORIGINALS_RETURN:
            originals = self.live_leg(LegKind.ORIGINALS)
            held = originals is not None and originals.status is LegStatus.RECEIVED
            return held and self.status in (CaseStatus.DECIDED, CaseStatus.CLOSED)
        return self.status is not CaseStatus.CLOSED

    def next_statuses(self, account: Actor) -> list[CaseStatus]:
        """Return the statuses this account may move the case to from where it is."""
        following = {s for s in CASE_TRANSITIONS[self.status] if not self.blocker(s)}
        return [s for s in CaseStatus if s in following and account.can_advance_to(s)]

    def waiting_for(self, account: Actor) -> list[str]:
        """Say, for each next status this account could give but may not yet, what it waits for."""
        following = [s for s in CaseStatus if s in CASE_TRANSITIONS[self.status]]
        return [
            blocker
            for s in following
            if account.can_advance_to(s) and (blocker := self.blocker(s)) is not None
        ]

    def plan_originals_leg(self, hall: Hall, department: Department, shipping: Shipping) -> Leg:
        """Add the leg that carries the originals from the accepting hall to the department."""
        if hall.id != self.hall_id or department.id != self.department_id:
            raise RuleViolation(Text("原件只能由受理大厅寄往办件所属部门。"), "route")
        originals = [m for m in self.materials if m.original]
        if not originals:
            raise RuleViolation(Text("该办件没有需要寄递的原件材料。"), "materials")
        return self._add(
            LegKind.ORIGINALS, hall.as_party(), department.as_party(), shipping, originals
        )

    def plan_result_leg(self, department: Department, hall: Hall, shipping: Shipping) -> Leg:
        """Add the leg that carries the result to the applicant or to the hall window."""
        self._check_own(hall, department)
        if self.status is not CaseStatus.DECIDED:
            raise RuleViolation(Text("办件尚未办结，不能寄递结果。"), "status")
        if self.result_delivery is ResultDelivery.ELECTRONIC:
            raise RuleViolation(Text("申请人选择电子送达，无需寄递结果。"), "result_delivery")
        receiver = (
            self.applicant.as_party()
            if self.result_delivery is ResultDelivery.MAIL
            else hall.as_party()
        )
        return self._add(LegKind.RESULT, department.as_party(), receiver, shipping, [])

    def plan_originals_return_leg(self, department: Department, shipping: Shipping) -> Leg:
        """Add the leg that returns checked originals from the department to the applicant."""
        if department.id != self.department_id:
            raise RuleViolation(Text("只有办件所属部门可以退还原件。"), "route")
        if not self.leg_due_now(LegKind.ORIGINALS_RETURN):
            raise RuleViolation(
                Text(
                    "原件须在部门签收确认、办件办结后才能退还申请人。请先在收件台签收原件并完成审查。"
                ),
                "status",
            )
        originals = [m for m in self.materials if m.original]
        if not originals:
            raise RuleViolation(Text("该办件没有可退还的原件。"), "materials")
        receiver = self.applicant.as_party()
        return self._add(
            LegKind.ORIGINALS_RETURN, department.as_party(), receiver, shipping, originals
        )

    def plan_supplement_leg(self, to: Hall | Department, shipping: Shipping) -> Leg:
        """Add the leg on which the applicant sends materials later (补件)."""
        if to.id not in ({self.hall_id} if isinstance(to, Hall) else {self.department_id}):
            raise RuleViolation(Text("补件只能寄往受理大厅或办件所属部门。"), "route")
        if self.status is CaseStatus.CLOSED:
            raise RuleViolation(Text("办件已归档，不能补件。"), "status")
        return self._add(LegKind.SUPPLEMENT, self.applicant.as_party(), to.as_party(), shipping, [])

    def _check_own(self, hall: Hall, department: Department) -> None:
        if hall.id != self.hall_id or department.id != self.department_id:
            raise RuleViolation(Text("大厅或部门与办件不符。"), "route")

    def _add(
        self,
        kind: LegKind,
        sender: Party,
        receiver: Party,
        shipping: Shipping,
        items: list[Material],
    ) -> Leg:
        if self.live_leg(kind) is not None:
            raise RuleViolation(
                Text("该办件已有未取消的{kind}运单。", kind=LEG_KIND_NAMES[kind]), "kind"
            )
        leg = Leg(
            kind=kind,
            order_no=shipping.order_no,
            sender=sender,
            receiver=receiver,
            customer_no=shipping.account.customer_no,
            payment_mode=shipping.account.payment_mode.value,
            biz_product_no=shipping.account.biz_product_no,
            weight_grams=shipping.weight_grams,
            insured_value=shipping.insured_value,
            materials=list(items),
        )
        self.legs.append(leg)
        return leg
