"""Use cases of tracking: keep what the carrier reports, durably and once, and follow it."""

from __future__ import annotations

from collections.abc import Sequence

from courier.domain.tracking import follow
from courier.ports.carrier import Carrier, CarrierError, TraceEvent
from courier.ports.clock import Clock
from courier.services.unit_of_work import UnitOfWork

POLL_BATCH = 50


def store_pushed_batch(
    uow: UnitOfWork, clock: Clock, serial_no: str, events: Sequence[TraceEvent]
) -> int:
    """Store one pushed batch; a batch already stored is acknowledged again, not stored twice."""
    with uow:
        if uow.tracking.batch_seen(serial_no):
            return 0
        added = uow.tracking.add_events(events, "push", clock.now())
        uow.tracking.add_batch(serial_no, len(events), clock.now())
        _follow_all(uow, events)
        uow.commit()
        return added


def record_tracking_events(uow: UnitOfWork, clock: Clock, events: Sequence[TraceEvent]) -> int:
    """Store events fetched through QueryTrace; return how many were new."""
    with uow:
        added = uow.tracking.add_events(events, "query", clock.now())
        _follow_all(uow, events)
        uow.commit()
        return added


def _follow_all(uow: UnitOfWork, events: Sequence[TraceEvent]) -> None:
    """Move each leg along its events, oldest first, in the same transaction as the events."""
    for event in sorted(events, key=lambda e: e.op_time):
        leg = uow.legs.get_by_waybill(event.waybill_no)
        if leg is not None:
            follow(leg, event)


def poll_tracking(uow: UnitOfWork, carrier: Carrier, clock: Clock) -> int:
    """Ask the carrier for the tracks of legs in its hands (for when pushes go missing)."""
    with uow:
        waybills = uow.legs.in_carrier_hands(POLL_BATCH)
    if not waybills:
        return 0
    try:
        tracks = carrier.query_trace(waybills)
    except CarrierError:
        return 0  # the next poll tries again; pushes keep coming meanwhile
    return record_tracking_events(uow, clock, [e for events in tracks.values() for e in events])
