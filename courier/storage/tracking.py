"""Durable storage of carrier tracking events and of acknowledged push batches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from courier.ports.carrier import TraceEvent
from courier.storage import tables

_EVENT_FIELDS = (
    "waybill_no", "op_time", "op_code", "op_name", "op_desc", "op_org_prov_name",
    "op_org_city", "op_org_code", "op_org_name", "operator_name", "deliver_code",
    "attempt_delivery_code",
)  # fmt: skip


def _insert_ignoring_duplicates(session: Session, table: sa.Table) -> sa.Insert:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


class SqlTrackingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_events(self, events: Sequence[TraceEvent], source: str, at: datetime) -> int:
        """Store events once each (the same event may come by push and by query); count new."""
        if not events:
            return 0
        rows = [
            {**{f: getattr(e, f) for f in _EVENT_FIELDS}, "source": source, "received_at": at}
            for e in events
        ]
        table = tables.tracking_events
        # Count returned ids: PostgreSQL reports no rowcount for an insert that returns rows.
        statement = _insert_ignoring_duplicates(self.session, table).returning(table.c.id)
        return sum(len(self.session.execute(statement, row).all()) for row in rows)

    def batch_seen(self, serial_no: str) -> bool:
        query = sa.select(tables.push_batches.c.serial_no).filter_by(serial_no=serial_no)
        return self.session.execute(query).first() is not None

    def add_batch(self, serial_no: str, event_count: int, at: datetime) -> None:
        statement = _insert_ignoring_duplicates(self.session, tables.push_batches)
        self.session.execute(
            statement, {"serial_no": serial_no, "event_count": event_count, "received_at": at}
        )

    def events_for(self, waybill_no: str) -> list[TraceEvent]:
        t = tables.tracking_events
        query = sa.select(*[t.c[f] for f in _EVENT_FIELDS]).where(t.c.waybill_no == waybill_no)
        rows = self.session.execute(query.order_by(t.c.op_time, t.c.id))
        return [TraceEvent(**row._asdict()) for row in rows]
