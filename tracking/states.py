"""The few states a parcel can be in, whatever the carrier's code for it."""

from __future__ import annotations

from enum import Enum


class TrackingState(Enum):
    """Declared in the order of a parcel's life: at equal times the later one wins."""

    PENDING = "pending"  # a waybill, but not (or no longer) in the carrier's hands
    ACCEPTED = "accepted"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERY_FAILED = "delivery_failed"
    DELIVERED = "delivered"
    RETURNING = "returning"
    RETURNED = "returned"
    LOST = "lost"
    EXCEPTION = "exception"
    UNKNOWN = "unknown"  # only codes we do not know: such an event never decides a state


STATE_NAMES = {
    TrackingState.PENDING: "待揽收",
    TrackingState.ACCEPTED: "已揽收",
    TrackingState.IN_TRANSIT: "运输中",
    TrackingState.OUT_FOR_DELIVERY: "派送中",
    TrackingState.DELIVERY_FAILED: "投递未成功",
    TrackingState.DELIVERED: "已妥投",
    TrackingState.RETURNING: "退回中",
    TrackingState.RETURNED: "已退回",
    TrackingState.LOST: "丢失",
    TrackingState.EXCEPTION: "疑难",
    TrackingState.UNKNOWN: "未知",
}

STATE_RANK = {state: rank for rank, state in enumerate(TrackingState)}
