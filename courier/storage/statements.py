"""Statement reads in plain SQL: legs with their case number, and CreateOrder calls."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from courier.domain.statement import CREATE_ORDER, BookedLeg, OrderCall
from courier.ports.statements import CarrierAccountChoice, StrayCall
from courier.storage import tables

_CHUNK = 500  # bound parameters per IN list


class SqlStatementReads:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def carrier_accounts(self) -> list[CarrierAccountChoice]:
        holders: dict[str, list[str]] = {}
        with self.engine.connect() as connection:
            for table in (tables.halls, tables.departments):
                query = sa.select(table.c.name, table.c.carrier_account).order_by(table.c.code)
                for name, account in connection.execute(query):
                    holders.setdefault(account.customer_no, []).append(name)
        comma = "、"  # said as is: it joins office names, which are data
        return [
            CarrierAccountChoice(no, comma.join(names)) for no, names in sorted(holders.items())
        ]

    def legs_booked(self, customer_no: str, start: datetime, end: datetime) -> list[BookedLeg]:
        legs, cases = tables.legs, tables.cases
        query = (
            sa.select(legs, cases.c.case_number)
            .join(cases, cases.c.id == legs.c.case_id)
            .where(legs.c.customer_no == customer_no)
            .where(legs.c.booked_at >= start, legs.c.booked_at < end)
            .order_by(legs.c.booked_at, legs.c.id)
        )
        with self.engine.connect() as connection:
            return [_booked_leg(row._mapping) for row in connection.execute(query)]

    def order_calls_for(self, legs: Sequence[BookedLeg]) -> list[OrderCall]:
        t = tables.carrier_calls
        calls: dict[int, OrderCall] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(legs):
                ids, orders = [leg.leg_id for leg in chunk], [leg.order_no for leg in chunk]
                match = sa.or_(t.c.leg_id.in_(ids), t.c.logistics_order_no.in_(orders))
                query = sa.select(t).where(t.c.operation == CREATE_ORDER, match)
                calls.update((row.id, _call(row._mapping)) for row in connection.execute(query))
        return [calls[key] for key in sorted(calls)]

    def stray_order_calls(self, start: datetime, end: datetime) -> list[StrayCall]:
        t, legs = tables.carrier_calls, tables.legs
        known = sa.or_(
            legs.c.id == t.c.leg_id,
            legs.c.order_no == t.c.logistics_order_no,
            sa.and_(t.c.waybill_no != "", legs.c.waybill_no == t.c.waybill_no),
        )
        query = (
            sa.select(t)
            .where(t.c.operation == CREATE_ORDER)
            .where(t.c.started_at >= start, t.c.started_at < end)
            .where(~sa.exists().where(known))
            .order_by(t.c.started_at, t.c.id)
        )
        with self.engine.connect() as connection:
            rows = [row._mapping for row in connection.execute(query)]
        return [StrayCall(_call(row), row["request_xml"]) for row in rows]


def _chunks(legs: Sequence[BookedLeg]) -> Iterable[Sequence[BookedLeg]]:
    return (legs[i : i + _CHUNK] for i in range(0, len(legs), _CHUNK))


def _booked_leg(row: Any) -> BookedLeg:
    return BookedLeg(
        leg_id=row["id"],
        case_number=row["case_number"],
        order_no=row["order_no"],
        waybill_no=row["waybill_no"] or "",
        kind=row["kind"],
        biz_product_no=row["biz_product_no"],
        weight_grams=row["weight_grams"],
        insured_value=row["insured_value"],
        status=row["status"],
        booked_at=row["booked_at"],
    )


def _call(row: Any) -> OrderCall:
    return OrderCall(
        started_at=row["started_at"],
        outcome=row["outcome"],
        leg_id=row["leg_id"],
        order_no=row["logistics_order_no"],
        waybill_no=row["waybill_no"],
    )
