"""Durable storage of legs' domain events (what the case system's reports are made of)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.tracking import LegEvent
from courier.storage import tables

_COLUMNS = ("leg_id", "case_id", "event_type", "status", "reason", "occurred_at", "recorded_at")


class SqlLegEventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, events: Sequence[LegEvent]) -> None:
        """Store events in one statement, in the caller's transaction."""
        rows = [{c: getattr(e, c) for c in _COLUMNS} for e in events]
        if rows:
            # rows of stored legs only: no need to flush first (booking relies on that, so that
            # a clashing new waybill number is refused by the commit that maps it to a Conflict)
            with self.session.no_autoflush:
                self.session.execute(sa.insert(tables.leg_events), rows)

    def for_leg(self, leg_id: int) -> list[LegEvent]:
        """Return a leg's events in the order they were recorded."""
        t = tables.leg_events
        query = sa.select(t.c.id, *[t.c[c] for c in _COLUMNS]).where(t.c.leg_id == leg_id)
        rows = self.session.execute(query.order_by(t.c.id))
        return [LegEvent(**row._asdict()) for row in rows]
