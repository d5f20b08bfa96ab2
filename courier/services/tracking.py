"""Use cases of tracking: keep what the carrier reports, durably and once."""

from __future__ import annotations

from collections.abc import Sequence

from courier.ports.carrier import TraceEvent
from courier.ports.clock import Clock
from courier.services.unit_of_work import UnitOfWork


def store_pushed_batch(
    uow: UnitOfWork, clock: Clock, serial_no: str, events: Sequence[TraceEvent]
) -> int:
    """Store one pushed batch; a batch already stored is acknowledged again, not stored twice."""
    with uow:
        if uow.tracking.batch_seen(serial_no):
            return 0
        added = uow.tracking.add_events(events, "push", clock.now())
        uow.tracking.add_batch(serial_no, len(events), clock.now())
        uow.commit()
        return added


def record_tracking_events(uow: UnitOfWork, clock: Clock, events: Sequence[TraceEvent]) -> int:
    """Store events fetched through QueryTrace; return how many were new."""
    with uow:
        added = uow.tracking.add_events(events, "query", clock.now())
        uow.commit()
        return added
