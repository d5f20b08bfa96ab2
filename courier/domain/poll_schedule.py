"""When to ask the carrier again about a leg: sooner near delivery, never once long final."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta

from courier.domain.leg import CARRIER_PHASE, LegStatus
from courier.domain.spans import parse_spans

S = LegStatus
FINAL = frozenset({S.DELIVERED, S.RETURNED, S.LOST})
NEAR_DELIVERY = frozenset({S.OUT_FOR_DELIVERY, S.DELIVERY_FAILED})


@dataclass(frozen=True)
class PollClaim:
    """A leg leased to one poller: what to ask for, on whose account."""

    leg_id: int
    waybill_no: str
    customer_no: str


@dataclass(frozen=True)
class PollSchedule:
    """The poll intervals; defaults suit EMS's pace of a few events a day."""

    near_delivery: timedelta = timedelta(minutes=30)
    moving: timedelta = timedelta(hours=2)  # an event within `idle_after`
    idle: timedelta = timedelta(hours=4)
    idle_after: timedelta = timedelta(hours=12)
    final: timedelta = timedelta(days=1)  # reversals (743, 207) still come after a final event
    final_for: timedelta = timedelta(days=3)
    after_error: timedelta = timedelta(minutes=5)

    @classmethod
    def from_text(cls, text: str) -> PollSchedule:
        """Read `near_delivery=30m,idle=4h,…`; a name not given keeps its default."""
        return replace(cls(), **parse_spans(text, [f.name for f in fields(cls)]))


def next_poll_at(
    status: LegStatus, last_event_at: datetime | None, now: datetime, schedule: PollSchedule
) -> datetime | None:
    """Return when to poll a leg next, or None once the carrier no longer has news of it."""
    if status not in CARRIER_PHASE:
        return None
    if status in FINAL:
        if last_event_at is not None and now - last_event_at >= schedule.final_for:
            return None
        return now + schedule.final
    if status in NEAR_DELIVERY:
        return now + schedule.near_delivery
    quiet = last_event_at is None or now - last_event_at >= schedule.idle_after
    return now + (schedule.idle if quiet else schedule.moving)


def longest_interval(schedule: PollSchedule) -> timedelta:
    """Return the longest wait between two polls of a leg the schedule still follows."""
    return max(schedule.near_delivery, schedule.moving, schedule.idle, schedule.final)
