"""The tracking part of legs, read and written in bulk with plain SQL (no ORM on the hot path)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.tracking import LegTracking
from courier.storage import tables

legs = tables.legs
_READ = (
    "id", "case_id", "waybill_no", "status", "tracked_at", "tracking_note", "collected_at", "kind",
)  # fmt: skip
_WRITTEN = ("status", "tracked_at", "tracking_note", "collected_at", "next_poll_at")
_TIMES = ("tracked_at", "collected_at", "next_poll_at")
# SQLite: one executemany of this statement.
_SAVE = (
    sa.update(legs)
    .where(legs.c.id == sa.bindparam("b_id"))
    .values({name: sa.bindparam(f"b_{name}") for name in _WRITTEN})
)
# PostgreSQL: one UPDATE … FROM the batch as one JSON parameter (the same text for any size).
_RECORDSET_SAVE = sa.text(
    "UPDATE legs SET "
    + ", ".join(f"{name} = r.{name}" for name in _WRITTEN)
    + " FROM json_to_recordset(CAST(:rows AS json)) AS r(id integer, "
    + ", ".join(f"{name} {'timestamptz' if name in _TIMES else 'text'}" for name in _WRITTEN)
    + ") WHERE legs.id = r.id"
)


def tracking_of(session: Session, waybill_nos: Sequence[str]) -> list[LegTracking]:
    """Return the tracking part of the legs holding these waybill numbers, locked, in one query.

    Locked in id order until commit: a push and a poll of the same leg follow their events
    one after the other instead of each overwriting what the other derived.
    """
    if not waybill_nos:
        return []
    columns = [legs.c[name] for name in _READ]
    query = sa.select(*columns).where(legs.c.waybill_no.in_(waybill_nos)).order_by(legs.c.id)
    rows = session.execute(query.with_for_update())
    return [LegTracking(**row._mapping) for row in rows]


def save_tracking(session: Session, tracks: Sequence[LegTracking]) -> None:
    """Write the tracking part of these legs with one statement, in the caller's transaction."""
    if not tracks:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_RECORDSET_SAVE, {"rows": _as_json(tracks)})
        return
    rows = [{"b_id": t.id, **{f"b_{name}": getattr(t, name) for name in _WRITTEN}} for t in tracks]
    session.execute(_SAVE, rows)


def _as_json(tracks: Sequence[LegTracking]) -> str:
    return json.dumps([_json_row(t) for t in tracks], ensure_ascii=False)


def _json_row(t: LegTracking) -> dict[str, object]:
    times = {name: _utc(getattr(t, name)) for name in _TIMES}
    return {"id": t.id, "status": t.status.value, "tracking_note": t.tracking_note, **times}


def _utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.isoformat()
