"""Public tracking reads in plain SQL: two statements per case lookup, no aggregate loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import sqlalchemy as sa

from courier.domain.leg import LegStatus
from courier.domain.promise import expected_from
from courier.ports.carrier import TraceEvent
from courier.ports.public_reads import CaseRecord, LegRecord
from courier.storage import tables
from courier.storage.types import cipher_of

_EVENT_FIELDS = [f.name for f in fields(TraceEvent)]


class SqlPublicReads:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def leg_by_waybill(self, waybill_no: str) -> LegRecord | None:
        legs = tables.legs
        query = sa.select(*_leg_columns()).where(legs.c.waybill_no == waybill_no)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else _leg(row)

    def case_by_mobile_tail(self, case_number: str, tail: str) -> CaseRecord | None:
        digest = cipher_of(self.engine.dialect).lookup_hash(tail, "mobile4")
        cases, legs = tables.cases, tables.legs
        live = sa.and_(legs.c.case_id == cases.c.id, legs.c.status != LegStatus.CANCELLED)
        query = (
            sa.select(cases.c.matter_name, cases.c.status, cases.c.result_delivery, *_leg_columns())
            .select_from(cases.outerjoin(legs, live))
            .where(cases.c.case_number == case_number)
            .where(cases.c.applicant_mobile_tail_hash == digest)
            .order_by(legs.c.id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        if not rows:
            return None
        first = rows[0]
        return CaseRecord(
            case_number, first.matter_name, first.status, first.result_delivery,
            [_leg(row) for row in rows if row.id is not None],
        )  # fmt: skip

    def events_for(self, waybills: Sequence[str]) -> list[TraceEvent]:
        if not waybills:
            return []
        t = tables.tracking_events
        query = sa.select(*[t.c[f] for f in _EVENT_FIELDS]).where(t.c.waybill_no.in_(waybills))
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(t.c.op_time, t.c.id)).all()
        return [TraceEvent(**row._asdict()) for row in rows]


def _leg_columns() -> list[sa.ColumnElement[Any]]:
    legs = tables.legs
    return [
        legs.c.id, legs.c.kind, legs.c.status.label("leg_status"), legs.c.waybill_no,
        legs.c.receiver, legs.c.tracking_note, legs.c.sender, legs.c.biz_product_no,
        legs.c.collected_at, legs.c.pickup_type, legs.c.pickup_start, legs.c.pickup_end,
    ]  # fmt: skip


def _leg(row: Any) -> LegRecord:
    expected = expected_from(
        row.collected_at, row.biz_product_no, row.sender.address, row.receiver.address
    )
    return LegRecord(
        row.kind, row.leg_status, row.waybill_no, row.receiver, row.tracking_note, expected,
        row.pickup_type, row.pickup_start, row.pickup_end,
    )  # fmt: skip
