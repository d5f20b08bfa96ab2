"""A leg: one shipment of a case, with its own order number and waybill."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum

from courier.domain.errors import InvalidValue, RuleViolation
from courier.domain.extra_waybills import ExtraWaybill
from courier.domain.materials import Material
from courier.domain.places import Party
from courier.domain.text import Text
from courier.domain.waybill import normalize_waybill_no


class LegKind(Enum):
    ORIGINALS = "originals"
    RESULT = "result"
    ORIGINALS_RETURN = "originals_return"
    SUPPLEMENT = "supplement"


LEG_KIND_NAMES = {
    LegKind.ORIGINALS: Text("原件寄递"),
    LegKind.RESULT: Text("结果寄递"),
    LegKind.ORIGINALS_RETURN: Text("原件退还"),
    LegKind.SUPPLEMENT: Text("补件"),
}


class LegStatus(Enum):
    DRAFT = "draft"
    BOOKING = "booking"
    QUEUED = "queued"
    BOOKING_UNCERTAIN = "booking_uncertain"
    BOOKING_FAILED = "booking_failed"
    BOOKED = "booked"
    HANDED_OVER = "handed_over"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERY_FAILED = "delivery_failed"
    DELIVERED = "delivered"
    RECEIVED = "received"
    RETURNING = "returning"
    RETURNED = "returned"
    LOST = "lost"
    CANCELLED = "cancelled"


S = LegStatus
# Moves made by people and by booking.
_BOOKING_AND_STAFF: dict[LegStatus, frozenset[LegStatus]] = {
    S.DRAFT: frozenset({S.BOOKING, S.QUEUED, S.CANCELLED}),
    S.QUEUED: frozenset({S.BOOKING, S.CANCELLED}),
    S.BOOKING: frozenset({S.BOOKED, S.QUEUED, S.BOOKING_UNCERTAIN, S.BOOKING_FAILED}),
    S.BOOKING_UNCERTAIN: frozenset({S.BOOKED, S.QUEUED, S.BOOKING_UNCERTAIN, S.BOOKING_FAILED}),
    S.BOOKING_FAILED: frozenset({S.BOOKING, S.QUEUED, S.CANCELLED}),
    S.BOOKED: frozenset({S.HANDED_OVER, S.CANCELLED}),
    # the receiving side confirms what arrived (签收确认): delivered by the carrier, or held
    # already while the carrier's delivery scan is still to come
    S.IN_TRANSIT: frozenset({S.RECEIVED}),
    S.OUT_FOR_DELIVERY: frozenset({S.RECEIVED}),
    S.DELIVERY_FAILED: frozenset({S.RECEIVED}),
    S.DELIVERED: frozenset({S.RECEIVED}),
}
# Moves made by the carrier's tracking: between any two states of a parcel in its hands,
# because events arrive late or not at all and are reversed (207, 742/743/744).
CARRIER_PHASE = frozenset(
    {S.BOOKED, S.HANDED_OVER, S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.DELIVERY_FAILED,
     S.DELIVERED, S.RETURNING, S.RETURNED, S.LOST}
)  # fmt: skip
_CARRIER_TARGETS = CARRIER_PHASE - {S.HANDED_OVER}
# In the carrier's hands and not final: tracking is still asked for these.
STILL_MOVING = CARRIER_PHASE - {S.DELIVERED, S.RETURNED, S.LOST}
# Not booked yet, or booked with an unknown outcome: the booking sweep takes these.
AWAITING_BOOKING = frozenset({S.DRAFT, S.QUEUED, S.BOOKING, S.BOOKING_UNCERTAIN})

# The one table of allowed status changes.
TRANSITIONS: dict[LegStatus, frozenset[LegStatus]] = {
    status: _BOOKING_AND_STAFF.get(status, frozenset())
    | (_CARRIER_TARGETS - {status} if status in CARRIER_PHASE else frozenset())
    for status in LegStatus
}

STATUS_NAMES = {
    S.DRAFT: Text("待下单"),
    S.BOOKING: Text("下单中"),
    S.QUEUED: Text("排队下单"),
    S.BOOKING_UNCERTAIN: Text("下单结果待确认"),
    S.BOOKING_FAILED: Text("下单失败"),
    S.BOOKED: Text("已取号"),
    S.HANDED_OVER: Text("已交邮"),
    S.IN_TRANSIT: Text("运输中"),
    S.OUT_FOR_DELIVERY: Text("派送中"),
    S.DELIVERY_FAILED: Text("投递未成功"),
    S.DELIVERED: Text("已妥投"),
    S.RECEIVED: Text("已签收确认"),
    S.RETURNING: Text("退回中"),
    S.RETURNED: Text("已退回"),
    S.LOST: Text("丢失"),
    S.CANCELLED: Text("已取消"),
}


@dataclass(frozen=True)
class Routing:
    """The carrier's sorting data for the label."""

    route_code: str = ""
    package_code: str = ""
    package_code_name: str = ""
    mark_destination_code: str = ""
    mark_destination_name: str = ""


MAX_WEIGHT_GRAMS = 30_000
MAX_INSURED_VALUE = Decimal("100000")


@dataclass(eq=False)
class Leg:
    """One shipment of a case between two parties."""

    kind: LegKind
    order_no: str
    sender: Party
    receiver: Party
    customer_no: str = ""
    payment_mode: int = 1
    biz_product_no: str = "1"
    weight_grams: int = 200
    insured_value: Decimal | None = None
    status: LegStatus = LegStatus.DRAFT
    waybill_no: str | None = None
    routing: Routing = field(default_factory=Routing)
    materials: list[Material] = field(default_factory=list)
    booked_at: datetime | None = None
    claimed_until: datetime | None = None
    booking_attempts: int = 0
    last_error: str = ""
    tracked_at: datetime | None = None
    tracking_note: str = ""
    id: int | None = None
    case_id: int | None = None
    # Set after any unknown outcome of a carrier call: until then the carrier may still
    # commit an order we never heard of; afterwards one QueryOrder settles what is live.
    reconcile_after: datetime | None = None
    extra_waybills: list[ExtraWaybill] = field(default_factory=list)
    next_poll_at: datetime | None = None  # None: nothing left to ask the carrier
    poll_claimed_until: datetime | None = None  # a worker is polling it until then
    exception_reason: str | None = None  # why staff should look at it (stuck), in Chinese
    exception_at: datetime | None = None
    handed_over_at: datetime | None = None
    collected_at: datetime | None = None  # the carrier's acceptance (203), or first event
    # How the carrier gets it (EMS pickupType: 0 counter drop, 1 door collection in the window)
    pickup_type: int = 0
    pickup_start: datetime | None = None
    pickup_end: datetime | None = None
    receipt_flag: bool = False  # signed return receipt (回单)

    def __post_init__(self) -> None:
        if not 1 <= self.weight_grams <= MAX_WEIGHT_GRAMS:
            message = Text("重量应在 1 至 {most} 克之间。", most=MAX_WEIGHT_GRAMS)
            raise InvalidValue(message, "weight_grams")
        if self.insured_value is not None and not (
            Decimal(0) < self.insured_value <= MAX_INSURED_VALUE
        ):
            raise InvalidValue(Text("保价金额应大于 0 且不超过 100000 元。"), "insured_value")

    @property
    def is_live(self) -> bool:
        return self.status is not LegStatus.CANCELLED

    def move_to(self, status: LegStatus) -> None:
        """Change status along the transition table, or raise RuleViolation."""
        if status is self.status and status is not LegStatus.BOOKING_UNCERTAIN:
            return
        if status not in TRANSITIONS[self.status]:
            raise RuleViolation(
                Text(
                    "运单状态不能从“{current}”变为“{wanted}”。",
                    current=STATUS_NAMES[self.status],
                    wanted=STATUS_NAMES[status],
                ),
                "status",
            )
        self.status = status

    def record_waybill(self, waybill_no: str, routing: Routing, at: datetime) -> None:
        """Keep the carrier's waybill and routing data and mark the leg booked."""
        if self.waybill_no and self.waybill_no != waybill_no:
            raise RuleViolation(Text("该运单已有运单号，不能再分配第二个。"), "waybill_no")
        self.move_to(LegStatus.BOOKED)
        self.waybill_no = normalize_waybill_no(waybill_no)
        self.routing = routing
        self.booked_at = at
        self.last_error = ""
        self.next_poll_at = at

    def can_cancel(self) -> bool:
        """Return whether the leg may still be cancelled (before the carrier has it)."""
        return LegStatus.CANCELLED in TRANSITIONS[self.status]

    def can_requeue(self) -> bool:
        """Return whether staff may queue again a booking the carrier refused."""
        return self.status is LegStatus.BOOKING_FAILED

    def outcome_unknown(self, deadline: datetime) -> None:
        """Remember that the carrier may hold an order of ours we have not heard of."""
        if self.reconcile_after is None or self.reconcile_after < deadline:
            self.reconcile_after = deadline

    def reconcile_due(self, now: datetime) -> bool:
        return self.reconcile_after is not None and self.reconcile_after <= now

    def keep_extra_waybill(self, waybill_no: str, now: datetime) -> ExtraWaybill:
        """Record a waybill to be cancelled (once per number)."""
        known = next((e for e in self.extra_waybills if e.waybill_no == waybill_no), None)
        if known is None:
            known = ExtraWaybill(self.order_no, waybill_no, created_at=now, next_attempt_at=now)
            self.extra_waybills.append(known)
        return known

    def extra_waybills_due(self, now: datetime) -> list[ExtraWaybill]:
        return [extra for extra in self.extra_waybills if extra.is_due(now)]

    def check_cancellable(self) -> None:
        """Raise RuleViolation unless the leg may still be cancelled (before the carrier has it)."""
        if self.status in (LegStatus.BOOKING, LegStatus.BOOKING_UNCERTAIN):
            raise RuleViolation(Text("正在向邮政下单，请待结果确认后再取消。"), "status")
        if not self.can_cancel():
            state = STATUS_NAMES[self.status]
            raise RuleViolation(Text("运单处于“{state}”状态，不能取消。", state=state), "status")

    def requeue_refused_booking(self) -> None:
        """Queue again a booking the carrier refused, once staff have fixed the data."""
        if not self.can_requeue():
            raise RuleViolation(Text("只有下单失败的运单可以重新下单。"), "status")
        self.move_to(LegStatus.QUEUED)
        self.last_error = ""

    def cancel(self) -> None:
        self.check_cancellable()
        self.status = LegStatus.CANCELLED

    @property
    def materials_count(self) -> int:
        return sum(m.copies for m in self.materials)
