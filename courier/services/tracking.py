"""Use cases of tracking: keep what the carrier reports, durably and once, and follow it."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from courier.domain.poll_schedule import PollSchedule, next_poll_at
from courier.domain.tracking import LegTracking, collected_at, follow_events, voids_acceptance
from courier.ports.carrier import TraceEvent
from courier.ports.clock import Clock
from courier.ports.push import PushAck, PushedBatch, QuarantinedEvent
from courier.services.events import record as record_events
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

NOT_STORED = "not stored, send again"
DEFAULT_SCHEDULE = PollSchedule()


def acknowledge_pushed_batch(
    uow: UnitOfWork, clock: Clock, batch: PushedBatch, schedule: PollSchedule = DEFAULT_SCHEDULE
) -> PushAck:
    """Store one pushed batch and say so; a batch that could not be stored is re-sent later."""
    try:
        store_pushed_batch(uow, clock, batch, schedule)
    except Exception:  # the carrier sends it again: nothing is lost by refusing
        log.exception("push batch %s was not stored", batch.serial_no)
        return PushAck(batch.serial_no, False, NOT_STORED)
    return PushAck(batch.serial_no, True)


def store_pushed_batch(
    uow: UnitOfWork, clock: Clock, batch: PushedBatch, schedule: PollSchedule = DEFAULT_SCHEDULE
) -> int:
    """Store the batch's new events, quarantine what cannot be stored; return how many were new.

    Events are told apart by what they say (waybill, code, time, office), never by the serial
    number, which the carrier may reuse with other events (after a restart, for instance).
    """
    now = clock.now()
    with uow:
        added = uow.tracking.add_events(batch.events, "push", now)
        quarantined = batch.unreadable + added.refused
        uow.tracking.quarantine(batch.serial_no, quarantined, now)
        counts = (len(batch.events) + len(batch.unreadable), added.new, len(quarantined))
        uow.tracking.record_ack(batch.serial_no, counts, now)
        _follow_new(uow, added.stored, now, schedule)
        uow.commit()
        return added.new


def record_tracking_events(
    uow: UnitOfWork,
    clock: Clock,
    events: Sequence[TraceEvent],
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> int:
    """Store events fetched through QueryTrace; return how many were new."""
    now = clock.now()
    with uow:
        added = uow.tracking.add_events(events, "query", now)
        uow.tracking.quarantine("query", added.refused, now)
        _follow_new(uow, added.stored, now, schedule)
        uow.commit()
        return added.new


def quarantined_events(uow: UnitOfWork, limit: int = 200) -> list[QuarantinedEvent]:
    """Return the newest pushed events that could not be stored, for staff to look into."""
    with uow:
        return uow.tracking.quarantined(limit)


def _follow_new(
    uow: UnitOfWork, events: Sequence[TraceEvent], now: datetime, schedule: PollSchedule
) -> None:
    """Move each leg of the batch along its new events once, in the events' transaction.

    Only new events: one stored before was followed then, so a re-sent batch changes nothing.
    A leg with news is polled next by the schedule from now, not at once again.
    """
    by_waybill: dict[str, list[TraceEvent]] = defaultdict(list)
    for event in events:
        by_waybill[event.waybill_no].append(event)
    changes, changed = [], []
    for leg in uow.legs.tracking_of(sorted(by_waybill)):
        before, new = _written(leg), by_waybill[leg.waybill_no]
        changes += follow_events(leg, new, now)
        if any(voids_acceptance(event) for event in new):  # rare: read the whole history
            leg.collected_at = collected_at(uow.tracking.events_for(leg.waybill_no))
        leg.next_poll_at = next_poll_at(leg.status, leg.tracked_at, now, schedule)
        if _written(leg) != before:
            changed.append(leg)
    uow.legs.save_tracking(changed)
    record_events(uow, changes)


def _written(leg: LegTracking) -> tuple[object, ...]:
    return (leg.status, leg.tracked_at, leg.tracking_note, leg.collected_at, leg.next_poll_at)
