"""A parcel's state from its events, whatever order and however often they came."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracking.codes import meaning_of, reason_of
from tracking.events import TrackingEvent
from tracking.states import STATE_RANK, TrackingState

NO_EVENTS = "暂无轨迹信息"


@dataclass(frozen=True)
class Track:
    state: TrackingState
    reason: str
    last_event: TrackingEvent | None


def order_key(event: TrackingEvent) -> tuple[object, ...]:
    """Order events by time; at equal times by the parcel's life, then by every field.

    The order is total, so that any arrival order of the same events sorts the same.
    """
    state = meaning_of(event).state
    rank = -1 if state is None else STATE_RANK[state]
    e = event
    return (e.op_time, rank, e.op_code, e.op_org_code, e.waybill_no, e.op_name, e.op_desc,
            e.op_org_prov_name, e.op_org_city, e.op_org_name, e.operator_name, e.deliver_code,
            e.attempt_delivery_code)  # fmt: skip


def deciding(event: TrackingEvent) -> bool:
    """Tell whether an event says where the parcel is (not an alert of an unknown code)."""
    return meaning_of(event).state not in (None, TrackingState.UNKNOWN)


def derive(events: Iterable[TrackingEvent]) -> Track:
    """Return the state the newest deciding event puts the parcel in, and the newest event."""
    ordered = sorted(set(events), key=order_key)
    if not ordered:
        return Track(TrackingState.PENDING, NO_EVENTS, None)
    decisive = [e for e in ordered if deciding(e)]
    if not decisive:
        return Track(TrackingState.UNKNOWN, reason_of(ordered[-1]), ordered[-1])
    newest = decisive[-1]
    return Track(meaning_of(newest).state or TrackingState.UNKNOWN, reason_of(newest), ordered[-1])
