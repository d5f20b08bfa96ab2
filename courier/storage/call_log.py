"""Keep every carrier call (already redacted by the client) in its own transaction."""

from __future__ import annotations

import sqlalchemy as sa

from courier.ports.call_log import CarrierCall
from courier.storage import tables


class SqlCallRecorder:
    """Record carrier calls; a failure to record never fails the call itself."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def record(self, call: CarrierCall) -> None:
        row = {
            "operation": call.operation,
            "leg_id": int(call.leg_reference) if call.leg_reference.isdigit() else None,
            "logistics_order_no": call.logistics_order_no,
            "waybill_no": call.waybill_no[:400],
            "started_at": call.started_at,
            "duration_ms": call.duration_ms,
            "outcome": str(call.outcome),
            "error_code": call.error_code[:20],
            "error_message": call.error_message[:500],
            "request_xml": call.request_xml,
            "response_xml": call.response_xml,
        }
        with self.engine.begin() as connection:
            connection.execute(sa.insert(tables.carrier_calls), row)

    def calls_for(
        self, leg_id: int, order_no: str, waybill_no: str | None
    ) -> list[dict[str, object]]:
        """Return the calls about one leg (tagged, or by order number or waybill), oldest first."""
        t = tables.carrier_calls
        match = sa.or_(t.c.leg_id == leg_id, t.c.logistics_order_no == order_no)
        if waybill_no:
            match = sa.or_(match, t.c.waybill_no.contains(waybill_no))
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(t).where(match).order_by(t.c.id))
            return [dict(row._mapping) for row in rows]

    def recent(self, number: str, outcome: str, limit: int, offset: int) -> list[dict[str, object]]:
        """Return the newest calls, about one order or waybill number, of one outcome if given."""
        t = tables.carrier_calls
        query = sa.select(t).order_by(t.c.id.desc()).limit(limit).offset(offset)
        if number:
            query = query.where(
                sa.or_(t.c.logistics_order_no == number, t.c.waybill_no.contains(number))
            )
        if outcome:
            query = query.where(t.c.outcome == outcome)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]
