"""What tracking states mean for a leg: one table, and the domain events worth reporting.

The codes' meanings live in the pure `tracking` package; this module only says which leg
status each tracking state puts a leg in, and which changes the case system hears of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Protocol

from courier.domain.leg import CARRIER_PHASE, TRANSITIONS, Leg, LegKind, LegStatus
from tracking import TrackingEvent, TrackingState, meaning_of, order_key, reason_of

S, T = LegStatus, TrackingState

# The one table from tracking states to leg statuses; None: the leg keeps its status.
LEG_STATUS_OF: dict[TrackingState, LegStatus | None] = {
    T.PENDING: S.BOOKED,  # acceptance deleted (207): a booked parcel again
    T.ACCEPTED: S.IN_TRANSIT,
    T.IN_TRANSIT: S.IN_TRANSIT,
    T.OUT_FOR_DELIVERY: S.OUT_FOR_DELIVERY,
    T.DELIVERY_FAILED: S.DELIVERY_FAILED,
    T.DELIVERED: S.DELIVERED,
    T.RETURNING: S.RETURNING,
    T.RETURNED: S.RETURNED,
    T.LOST: S.LOST,
    T.EXCEPTION: None,  # an alert: reported, but the parcel is where it was
    T.UNKNOWN: None,  # a code we do not know never moves a leg
}
# At equal event times the status further along a parcel's life wins (table order).
_RANK = {status: rank for rank, status in reversed(list(enumerate(LEG_STATUS_OF.values())))}


class LegEventType(Enum):
    """What happened; `courier.domain.reports.PUBLIC_TYPES` names the ones that are reported."""

    BOOKED = "booked"
    BOOKING_UNCERTAIN = "booking_uncertain"
    HANDED_OVER = "handed_over"
    ACCEPTED = "accepted"
    ACCEPTANCE_VOIDED = "acceptance_voided"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    DELIVERY_FAILED = "delivery_failed"
    RETURNING = "returning"
    RETURNED = "returned"
    LOST = "lost"
    EXCEPTION = "exception"
    STUCK = "stuck"
    RECEIPT_CONFIRMED = "receipt_confirmed"
    RECEIPT_DISCREPANCY = "receipt_discrepancy"
    RECEIPT_DISCREPANCY_RESOLVED = "receipt_discrepancy_resolved"
    # of the case, carried by its result leg
    RESULT_HANDED_OVER = "result_handed_over"
    CASE_CLOSED = "case_closed"
    # staff cancelled the leg (the reason they gave): for the case's history, not reported
    CANCELLED = "cancelled"


_TYPE_OF_STATUS = {
    S.BOOKED: LegEventType.ACCEPTANCE_VOIDED,
    S.IN_TRANSIT: LegEventType.IN_TRANSIT,
    S.OUT_FOR_DELIVERY: LegEventType.OUT_FOR_DELIVERY,
    S.DELIVERED: LegEventType.DELIVERED,
    S.DELIVERY_FAILED: LegEventType.DELIVERY_FAILED,
    S.RETURNING: LegEventType.RETURNING,
    S.RETURNED: LegEventType.RETURNED,
    S.LOST: LegEventType.LOST,
}
_NOT_YET_ACCEPTED = frozenset({S.BOOKED, S.HANDED_OVER})


class Tracked(Protocol):
    """What following the carrier's events reads and changes of a leg."""

    @property
    def id(self) -> int | None: ...
    @property
    def case_id(self) -> int | None: ...
    @property
    def kind(self) -> LegKind: ...
    @property
    def waybill_no(self) -> str | None: ...

    status: LegStatus
    tracked_at: datetime | None
    tracking_note: str
    collected_at: datetime | None


@dataclass(eq=False)
class LegTracking:
    """The tracking part of a leg, loaded and written in bulk for a batch of events."""

    id: int
    case_id: int
    waybill_no: str
    status: LegStatus
    tracked_at: datetime | None
    tracking_note: str
    collected_at: datetime | None = None
    next_poll_at: datetime | None = None
    kind: LegKind = LegKind.ORIGINALS


@dataclass(frozen=True)
class LegEvent:
    """A change of a leg the case system hears of: identifiers, status and words, no person."""

    leg_id: int | None
    case_id: int | None
    event_type: LegEventType
    status: LegStatus
    reason: str
    occurred_at: datetime  # the carrier's time of the event
    recorded_at: datetime | None = None
    id: int | None = None
    # carried for the report (not stored again: the leg holds them)
    leg_kind: str = ""
    waybill_no: str = ""


def leg_event(leg: Leg, event_type: LegEventType, at: datetime, reason: str = "") -> LegEvent:
    """Return the event of a step of our own (booked, handed over, stuck…), recorded at `at`."""
    return LegEvent(
        leg.id, leg.case_id, event_type, leg.status, reason[:100], at, at, None,
        leg.kind.value, leg.waybill_no or "",
    )  # fmt: skip


def follow(leg: Tracked, event: TrackingEvent) -> LegEvent | None:
    """Apply one carrier event to a leg; return the domain event if it is one that matters.

    Events older than the newest one applied only add history: a late 954 must not
    pull a delivered leg back into transit (explicit reversal codes do that).
    """
    if leg.status not in CARRIER_PHASE:
        return None  # e.g. a cancelled or confirmed leg: the carrier no longer drives it
    state = meaning_of(event).state
    target = LEG_STATUS_OF[state] if state else None
    _note_collection(leg, event, target)
    if target is None:
        return _note(leg, event, state)
    if not _newer(leg, event, target) or target not in TRANSITIONS[leg.status] | {leg.status}:
        return None
    before, note = leg.status, reason_of(event)
    if (target, event.op_time, note) == (before, leg.tracked_at, leg.tracking_note):
        return None  # spare the mapped leg a write that changes nothing
    leg.status, leg.tracked_at, leg.tracking_note = target, event.op_time, note
    if target is before:
        return None
    accepted = target is S.IN_TRANSIT and before in _NOT_YET_ACCEPTED
    return _event(leg, event, LegEventType.ACCEPTED if accepted else _TYPE_OF_STATUS[target])


def follow_events(leg: Tracked, events: Iterable[TrackingEvent], now: datetime) -> list[LegEvent]:
    """Apply new events to a leg, oldest first; return the domain events, recorded now."""
    changes = [follow(leg, event) for event in sorted(events, key=order_key)]
    return [replace(change, recorded_at=now) for change in changes if change is not None]


def voids_acceptance(event: TrackingEvent) -> bool:
    """Tell whether an event deletes the carrier's acceptance (207)."""
    return meaning_of(event).state is T.PENDING


def collected_at(events: Iterable[TrackingEvent]) -> datetime | None:
    """Return when the carrier collected a parcel, by its whole history in time order."""
    collected = None
    for event in sorted(events, key=order_key):
        state = meaning_of(event).state
        target = LEG_STATUS_OF[state] if state else None
        if target is S.BOOKED:
            collected = None
        elif target is not None and collected is None:
            collected = event.op_time
    return collected


def _note_collection(leg: Tracked, event: TrackingEvent, target: LegStatus | None) -> None:
    """Keep when the carrier collected the parcel: its earliest event past booking.

    The acceptance (203) normally; a later event when the 203 is missing, until a late
    203 tells the earlier time. A newer 207 voids the acceptance, and the collection; a
    batch with a 207 settles it from the whole history (`collected_at`).
    """
    if target is None:
        return
    if target is S.BOOKED:
        if leg.collected_at is not None and event.op_time >= leg.collected_at:
            leg.collected_at = None
    elif leg.collected_at is None or event.op_time < leg.collected_at:
        leg.collected_at = event.op_time


def _newer(leg: Tracked, event: TrackingEvent, target: LegStatus) -> bool:
    """Tell whether an event is at least as new as the one that set the leg's status."""
    if leg.tracked_at is None or event.op_time > leg.tracked_at:
        return True
    return event.op_time == leg.tracked_at and _RANK[target] >= _RANK.get(leg.status, -1)


def _note(leg: Tracked, event: TrackingEvent, state: TrackingState | None) -> LegEvent | None:
    """Let an event that moves no status add its words, unless it is older than the status."""
    if leg.tracked_at is not None and event.op_time < leg.tracked_at:
        return None
    leg.tracking_note = reason_of(event)
    return _event(leg, event, LegEventType.EXCEPTION) if state is T.EXCEPTION else None


def _event(leg: Tracked, event: TrackingEvent, event_type: LegEventType) -> LegEvent:
    reason = leg.tracking_note
    return LegEvent(
        leg.id, leg.case_id, event_type, leg.status, reason, event.op_time,
        leg_kind=leg.kind.value, waybill_no=leg.waybill_no or "",
    )  # fmt: skip
