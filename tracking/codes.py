"""What the carrier's codes mean: EMS domestic op codes, UPU EMSEVT codes, delivery details.

Three levels are kept: the raw code (on the event), a state, and a reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracking.events import TrackingEvent
from tracking.states import TrackingState
from tracking.words import N_


@dataclass(frozen=True)
class Meaning:
    state: TrackingState | None  # None: the event says something, but not where the parcel is
    reason: str


T = TrackingState
EMS_CODES: dict[str, Meaning] = {
    "203": Meaning(T.ACCEPTED, N_("邮政已收寄")),
    "207": Meaning(T.PENDING, N_("收寄信息已删除")),
    "954": Meaning(T.IN_TRANSIT, N_("到达处理中心")),
    "305": Meaning(T.IN_TRANSIT, N_("已发出")),
    "389": Meaning(T.IN_TRANSIT, N_("已封车发运")),
    "713": Meaning(T.IN_TRANSIT, N_("到达投递局")),
    "702": Meaning(T.OUT_FOR_DELIVERY, N_("投递员正在派送")),
    "704": Meaning(T.DELIVERED, N_("已妥投")),
    "705": Meaning(T.DELIVERY_FAILED, N_("投递未成功")),
    "742": Meaning(T.IN_TRANSIT, N_("派送信息已撤销")),
    "743": Meaning(T.OUT_FOR_DELIVERY, N_("妥投信息已撤销")),
    "744": Meaning(T.OUT_FOR_DELIVERY, N_("未妥投信息已撤销")),
    "708": Meaning(T.RETURNING, N_("已登记退回")),
    "741": Meaning(T.RETURNING, N_("已登记退回")),
    "711": Meaning(T.RETURNED, N_("已退回寄件人并妥投")),
    "747": Meaning(T.OUT_FOR_DELIVERY, N_("已放入快递柜或驿站，待取件")),
    "748": Meaning(T.DELIVERED, N_("收件人已取件")),
    "756": Meaning(None, N_("收件地址已更改")),
    "802": Meaning(None, N_("收件地址已更改")),
    "803": Meaning(None, N_("收件地址已更改")),
    "801": Meaning(None, N_("订单已撤回")),
    "651": Meaning(T.EXCEPTION, N_("物流异常，邮政正在处理")),
    "987": Meaning(T.LOST, N_("邮件丢失")),
    "988": Meaning(T.LOST, N_("邮件丢失，已赔偿")),
}

# UPU EMSEVT codes, reported for international (S10) items.
EMSEVT_CODES: dict[str, Meaning] = {
    "EMA": Meaning(T.ACCEPTED, N_("已收寄")),
    "EMB": Meaning(T.IN_TRANSIT, N_("到达出口互换局")),
    "EMC": Meaning(T.IN_TRANSIT, N_("离开出口互换局")),
    "EMD": Meaning(T.IN_TRANSIT, N_("到达进口互换局")),
    "EME": Meaning(T.IN_TRANSIT, N_("海关查验中")),
    "EMF": Meaning(T.IN_TRANSIT, N_("离开进口互换局")),
    "EMG": Meaning(T.IN_TRANSIT, N_("到达投递局")),
    "EMH": Meaning(T.DELIVERY_FAILED, N_("投递未成功")),
    "EMI": Meaning(T.DELIVERED, N_("已妥投")),
    "EMJ": Meaning(T.IN_TRANSIT, N_("到达转运局")),
    "EMK": Meaning(T.IN_TRANSIT, N_("离开转运局")),
}

# deliverCode: how a delivered parcel was signed for.
DELIVER_CODES = {
    "10": N_("本人签收"), "20": N_("他人代收"), "30": N_("驿站代收"), "50": N_("快递柜代收"),
    "60": N_("收发室代收"), "100": N_("其他方式签收"),
}  # fmt: skip
# attemptDeliveryCode: why a delivery did not succeed.
ATTEMPT_CODES = {
    "1": N_("地址不详或无法到达，将再次投递"), "3": N_("查无此人"), "4": N_("收件人外出联系不上"),
    "6": N_("收件人要求改日投递"), "7": N_("收件人拒收"), "8": N_("邮件在邮局待领取"),
    "11": N_("收件人地址已变更"), "13": N_("邮件丢失"), "15": N_("等待退回"), "16": N_("其他原因"),
}  # fmt: skip

_CODES = {**EMS_CODES, **EMSEVT_CODES}


def meaning_of(event: TrackingEvent) -> Meaning:
    """Say what an event's code means; a code we do not know is UNKNOWN, never an error."""
    code = event.op_code.strip()
    return _CODES.get(code) or Meaning(TrackingState.UNKNOWN, f"未知轨迹代码 {code}")


def reason_of(event: TrackingEvent) -> str:
    """Say what an event means, with the delivery or failure detail when there is one."""
    base, detail = meaning_of(event).reason, detail_of(event)
    return f"{base}：{detail}" if detail else base


def detail_of(event: TrackingEvent) -> str:
    """Say how a delivered parcel was signed for, or why a delivery failed ("" when neither)."""
    return (
        DELIVER_CODES.get(event.deliver_code)
        or ATTEMPT_CODES.get(event.attempt_delivery_code)
        or ""
    )
