"""The few states a parcel can be in, whatever the carrier's code for it."""

from __future__ import annotations

from enum import Enum

from tracking.words import N_


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
    TrackingState.PENDING: N_("待揽收"),
    TrackingState.ACCEPTED: N_("已揽收"),
    TrackingState.IN_TRANSIT: N_("运输中"),
    TrackingState.OUT_FOR_DELIVERY: N_("派送中"),
    TrackingState.DELIVERY_FAILED: N_("投递未成功"),
    TrackingState.DELIVERED: N_("已妥投"),
    TrackingState.RETURNING: N_("退回中"),
    TrackingState.RETURNED: N_("已退回"),
    TrackingState.LOST: N_("丢失"),
    TrackingState.EXCEPTION: N_("疑难"),
    TrackingState.UNKNOWN: N_("未知"),
}

STATE_RANK = {state: rank for rank, state in enumerate(TrackingState)}
