"""Durable storage of carrier tracking events, push acknowledgements and quarantined events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, StatementError
from sqlalchemy.orm import Session

from courier.ports.carrier import TraceEvent
from courier.ports.push import EventsAdded, QuarantinedEvent, UnreadableEvent
from courier.storage import tables

_EVENT_FIELDS = (
    "waybill_no", "op_time", "op_code", "op_name", "op_desc", "op_org_prov_name",
    "op_org_city", "op_org_code", "op_org_name", "operator_name", "deliver_code",
    "attempt_delivery_code",
)  # fmt: skip
# what the database refuses for the values of one row, as opposed to being unavailable
_ROW_REFUSED = (DataError, StatementError, OverflowError, ValueError)


def _insert_ignoring_duplicates(session: Session, table: sa.Table) -> sa.Insert:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


_COLUMNS = (*_EVENT_FIELDS, "source", "received_at")
_TIMES = ("op_time", "received_at")
_RETURNED = "RETURNING waybill_no, op_time, op_code, op_org_code"
# PostgreSQL: the batch as one JSON parameter, so the statement's text is the same for any
# number of rows (parsed and planned once; psycopg prepares a statement it sees often), and
# one string is all the driver has to send.
_RECORDSET_INSERT = sa.text(
    f"INSERT INTO tracking_events ({', '.join(_COLUMNS)}) SELECT {', '.join(_COLUMNS)}"
    " FROM json_to_recordset(CAST(:rows AS json)) AS r("
    + ", ".join(f"{c} {'timestamptz' if c in _TIMES else 'text'}" for c in _COLUMNS)
    + f") ON CONFLICT DO NOTHING {_RETURNED}"
)


def _as_json(rows: list[dict[str, object]]) -> str:
    """Write rows as a JSON array; a naive time or a NUL character is refused like the row."""
    text = json.dumps(rows, ensure_ascii=False, default=_isoformat)
    if "\\u0000" in text:
        raise ValueError("PostgreSQL text cannot hold NUL characters")
    return text


def _isoformat(value: object) -> str:
    """Write a time for JSON (json.dumps asks for what it cannot write itself)."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError("not an aware datetime: refused like the row")
    return value.isoformat()


def _as_raw(event: TraceEvent) -> str:
    return json.dumps(
        {f: str(getattr(event, f)) for f in _EVENT_FIELDS}, ensure_ascii=False, sort_keys=True
    )


def _row(event: TraceEvent, source: str, at: datetime) -> dict[str, object]:
    return {**{f: getattr(event, f) for f in _EVENT_FIELDS}, "source": source, "received_at": at}


class SqlTrackingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_events(self, events: Sequence[TraceEvent], source: str, at: datetime) -> EventsAdded:
        """Store events once each (by push and by query alike); set aside rows refused.

        One INSERT … ON CONFLICT DO NOTHING for the whole batch, returning what was new.
        """
        first_copies: dict[tuple[str, datetime, str, str], TraceEvent] = {}
        for event in events:
            first_copies.setdefault(event.identity, event)
        unique = list(first_copies.values())
        if not unique:
            return EventsAdded(0)
        try:
            with self.session.begin_nested():
                stored = self._insert([_row(e, source, at) for e in unique])
        except _ROW_REFUSED:
            # rare: find the rows at fault one by one, so that the others are kept
            return self._add_one_by_one(unique, source, at)
        new = [e for e in unique if e.identity in stored]
        return EventsAdded(len(new), stored=tuple(new))

    def _add_one_by_one(
        self, events: Sequence[TraceEvent], source: str, at: datetime
    ) -> EventsAdded:
        new, refused = [], []
        for event in events:
            try:
                with self.session.begin_nested():
                    if self._insert([_row(event, source, at)]):
                        new.append(event)
            except _ROW_REFUSED as error:
                refused.append(UnreadableEvent(_as_raw(event), f"database: {type(error).__name__}"))
        return EventsAdded(len(new), tuple(refused), tuple(new))

    def _insert(self, rows: list[dict[str, object]]) -> set[tuple[str, datetime, str, str]]:
        """Insert rows in one statement, skipping those stored before; return the new ones."""
        if len(rows) > 1 and self.session.get_bind().dialect.name == "postgresql":
            result = self.session.execute(_RECORDSET_INSERT, {"rows": _as_json(rows)})
        else:
            t = tables.tracking_events
            statement = _insert_ignoring_duplicates(self.session, t).returning(
                t.c.waybill_no, t.c.op_time, t.c.op_code, t.c.op_org_code
            )
            result = self.session.execute(statement, rows)
        # rows returned, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT DO NOTHING;
        # aware datetimes compare (and hash) by their instant, whatever zone they come back in
        return {(r[0], r[1], r[2], r[3]) for r in result}

    def record_ack(self, serial_no: str, counts: tuple[int, int, int], at: datetime) -> None:
        """Record that a batch was acknowledged: (events in it, new ones, quarantined ones)."""
        event_count, new_count, quarantined_count = counts
        self.session.execute(
            sa.insert(tables.push_batches),
            {
                "serial_no": serial_no,
                "received_at": at,
                "event_count": event_count,
                "new_count": new_count,
                "quarantined_count": quarantined_count,
            },
        )

    def quarantine(self, serial_no: str, events: Sequence[UnreadableEvent], at: datetime) -> None:
        rows = [
            {"serial_no": serial_no, "raw": e.raw, "reason": e.reason[:500], "received_at": at}
            for e in events
        ]
        if rows:
            self.session.execute(sa.insert(tables.tracking_quarantine), rows)

    def quarantined(self, limit: int) -> list[QuarantinedEvent]:
        q = tables.tracking_quarantine
        query = sa.select(q.c.serial_no, q.c.raw, q.c.reason, q.c.received_at)
        rows = self.session.execute(query.order_by(q.c.id.desc()).limit(limit))
        return [QuarantinedEvent(**row._asdict()) for row in rows]

    def events_for(self, waybill_no: str) -> list[TraceEvent]:
        t = tables.tracking_events
        query = sa.select(*[t.c[f] for f in _EVENT_FIELDS]).where(t.c.waybill_no == waybill_no)
        rows = self.session.execute(query.order_by(t.c.op_time, t.c.id))
        return [TraceEvent(**row._asdict()) for row in rows]
