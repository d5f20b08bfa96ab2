"""What the carrier's tracking codes mean for a leg: one table, three levels.

Each event keeps its raw code (stored as received); the table gives the leg's
normalized status and a reason in words staff and applicants understand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from courier.domain.leg import CARRIER_PHASE, TRANSITIONS, Leg, LegStatus

S = LegStatus


class CarrierEvent(Protocol):
    @property
    def op_code(self) -> str: ...
    @property
    def op_time(self) -> datetime: ...
    @property
    def deliver_code(self) -> str: ...
    @property
    def attempt_delivery_code(self) -> str: ...


@dataclass(frozen=True)
class Meaning:
    status: LegStatus | None  # None: the event changes no status, only the reason
    reason: str


CARRIER_CODES: dict[str, Meaning] = {
    "203": Meaning(S.IN_TRANSIT, "邮政已收寄"),
    "207": Meaning(S.BOOKED, "收寄信息已删除"),
    "954": Meaning(S.IN_TRANSIT, "到达处理中心"),
    "305": Meaning(S.IN_TRANSIT, "已发出"),
    "389": Meaning(S.IN_TRANSIT, "已封车发运"),
    "713": Meaning(S.IN_TRANSIT, "到达投递局"),
    "702": Meaning(S.OUT_FOR_DELIVERY, "投递员正在派送"),
    "704": Meaning(S.DELIVERED, "已妥投"),
    "705": Meaning(S.DELIVERY_FAILED, "投递未成功"),
    "742": Meaning(S.IN_TRANSIT, "派送信息已撤销"),
    "743": Meaning(S.OUT_FOR_DELIVERY, "妥投信息已撤销"),
    "744": Meaning(S.OUT_FOR_DELIVERY, "未妥投信息已撤销"),
    "708": Meaning(S.RETURNING, "已登记退回"),
    "741": Meaning(S.RETURNING, "已登记退回"),
    "711": Meaning(S.RETURNED, "已退回寄件人并妥投"),
    "747": Meaning(S.OUT_FOR_DELIVERY, "已放入快递柜或驿站，待取件"),
    "748": Meaning(S.DELIVERED, "收件人已取件"),
    "756": Meaning(None, "收件地址已更改"),
    "802": Meaning(None, "收件地址已更改"),
    "803": Meaning(None, "收件地址已更改"),
    "801": Meaning(None, "订单已撤回"),
    "651": Meaning(None, "物流异常，邮政正在处理"),
    "987": Meaning(S.LOST, "邮件丢失"),
    "988": Meaning(S.LOST, "邮件丢失，已赔偿"),
}

DELIVER_CODES = {
    "10": "本人签收", "20": "他人代收", "30": "驿站代收", "50": "快递柜代收",
    "60": "收发室代收", "100": "其他方式签收",
}  # fmt: skip
ATTEMPT_CODES = {
    "1": "地址不详或无法到达，将再次投递", "3": "查无此人", "4": "收件人外出联系不上",
    "6": "收件人要求改日投递", "7": "收件人拒收", "8": "邮件在邮局待领取",
    "11": "收件人地址已变更", "13": "邮件丢失", "15": "等待退回", "16": "其他原因",
}  # fmt: skip


def reason_of(event: CarrierEvent) -> str:
    """Say what an event means, with the delivery or failure detail when there is one."""
    meaning = CARRIER_CODES.get(event.op_code)
    base = meaning.reason if meaning else f"邮政轨迹（{event.op_code}）"
    detail = DELIVER_CODES.get(event.deliver_code) or ATTEMPT_CODES.get(event.attempt_delivery_code)
    return f"{base}：{detail}" if detail else base


def follow(leg: Leg, event: CarrierEvent) -> bool:
    """Apply one carrier event to a leg; return True if its status changed.

    Events older than the newest one applied only add history: a late 954 must not
    pull a delivered leg back into transit (explicit reversal codes do that).
    """
    if leg.status not in CARRIER_PHASE or (leg.tracked_at and event.op_time < leg.tracked_at):
        return False
    meaning = CARRIER_CODES.get(event.op_code)
    target = meaning.status if meaning else None
    if target is not None and target is not leg.status and target not in TRANSITIONS[leg.status]:
        return False  # e.g. a cancelled or confirmed leg: the carrier no longer drives it
    leg.tracked_at, leg.tracking_note = event.op_time, reason_of(event)
    if target is None or target is leg.status:
        return False
    leg.status = target
    return True
