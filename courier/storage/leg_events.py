"""Durable storage of legs' domain events (what the case system's reports are made of)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.tracking import LegEvent
from courier.storage import tables

_COLUMNS = ("leg_id", "case_id", "event_type", "status", "reason", "occurred_at", "recorded_at")
_TYPES = ("integer", "integer", "text", "text", "text", "timestamptz", "timestamptz")
# PostgreSQL: the events as one JSON parameter, one statement text for any number of them.
_RECORDSET_INSERT = sa.text(
    f"INSERT INTO leg_events ({', '.join(_COLUMNS)}) SELECT {', '.join(_COLUMNS)}"
    " FROM json_to_recordset(CAST(:rows AS json)) AS r("
    + ", ".join(f"{c} {t}" for c, t in zip(_COLUMNS, _TYPES, strict=True))
    + ")"
)


class SqlLegEventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, events: Sequence[LegEvent]) -> None:
        """Store events in one statement, in the caller's transaction."""
        if not events:
            return
        # rows of stored legs only: no need to flush first (booking relies on that, so that
        # a clashing new waybill number is refused by the commit that maps it to a Conflict)
        with self.session.no_autoflush:
            if len(events) > 1 and self.session.get_bind().dialect.name == "postgresql":
                self.session.execute(_RECORDSET_INSERT, {"rows": _as_json(events)})
            else:
                rows = [{c: getattr(e, c) for c in _COLUMNS} for e in events]
                self.session.execute(sa.insert(tables.leg_events), rows)

    def for_leg(self, leg_id: int) -> list[LegEvent]:
        """Return a leg's events in the order they were recorded."""
        t = tables.leg_events
        query = sa.select(t.c.id, *[t.c[c] for c in _COLUMNS]).where(t.c.leg_id == leg_id)
        rows = self.session.execute(query.order_by(t.c.id))
        return [LegEvent(**row._asdict()) for row in rows]


def _as_json(events: Sequence[LegEvent]) -> str:
    rows = [_json_row(e) for e in events]
    return json.dumps(rows, ensure_ascii=False)


def _json_row(e: LegEvent) -> dict[str, object]:
    return {
        "leg_id": e.leg_id,
        "case_id": e.case_id,
        "event_type": e.event_type.value,
        "status": e.status.value,
        "reason": e.reason,
        "occurred_at": _utc(e.occurred_at),
        "recorded_at": _utc(e.recorded_at),
    }


def _utc(value: datetime | None) -> str | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.isoformat() if value else None
