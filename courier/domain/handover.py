"""Handing parcels to the postman: one pickup, one list, each leg at most once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from courier.domain.errors import InvalidValue, RuleViolation
from courier.domain.leg import CARRIER_PHASE, STATUS_NAMES, Leg, LegStatus
from courier.domain.text import Text

MAX_PARCELS = 500


@dataclass(eq=False)
class Handover:
    """One pickup by the postman (交接清单): who handed over which legs, and when."""

    sender_name: str
    handed_over_at: datetime
    legs: list[Leg] = field(default_factory=list)
    account_id: int | None = None
    id: int | None = None

    @property
    def materials_count(self) -> int:
        return sum(leg.materials_count for leg in self.legs)


def hand_over(legs: list[Leg], at: datetime, account_id: int | None) -> Handover:
    """Mark booked legs of one sender as handed over, refusing any leg handed over before."""
    if not legs:
        raise InvalidValue(Text("请选择要交邮的运单。"), "leg_ids")
    if len(legs) > MAX_PARCELS:
        raise InvalidValue(Text("一次交接最多 {most} 件。", most=MAX_PARCELS), "leg_ids")
    if len({id(leg) for leg in legs}) != len(legs):
        raise InvalidValue(Text("同一运单在清单中出现了两次。"), "leg_ids")
    senders = {leg.sender.organization or leg.sender.name for leg in legs}
    if len(senders) != 1:
        raise RuleViolation(Text("一张交接清单只能包含同一寄件单位的运单。"), "leg_ids")
    for leg in legs:
        if not can_hand_over(leg):
            number = leg.waybill_no or leg.order_no
            state = STATUS_NAMES[leg.status]
            if leg.handed_over_at is not None:
                raise RuleViolation(
                    Text("运单 {number} 已交邮，不能交邮两次。", number=number), "leg_ids"
                )
            message = Text(
                "运单 {number} 处于“{state}”状态，不能交邮。", number=number, state=state
            )
            raise RuleViolation(message, "leg_ids")
    for leg in legs:
        if leg.status is LegStatus.BOOKED:
            leg.move_to(LegStatus.HANDED_OVER)
        leg.handed_over_at = at
    return Handover(senders.pop(), at, list(legs), account_id)


def can_hand_over(leg: Leg) -> bool:
    """Tell whether a leg may go on a handover list: booked, or collected before it was listed.

    The carrier may accept (203) a parcel before the hall records the pickup; the list is still
    the hall's record of what it gave, so such a leg is listed once, keeping its carrier status.
    """
    if leg.handed_over_at is not None:
        return False
    held = leg.status in CARRIER_PHASE - {LegStatus.HANDED_OVER}
    return leg.status is LegStatus.BOOKED or (held and leg.waybill_no is not None)
