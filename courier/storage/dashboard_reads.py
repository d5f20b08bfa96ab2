"""Dashboard reads in plain SQL: one statement for the legs, one GROUP BY for the receipts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from courier.domain.case import CaseStatus
from courier.domain.dashboard import LegRow, Period, sent_moment
from courier.domain.leg import LegStatus
from courier.domain.receipt import MaterialState, Office
from courier.domain.text import Text
from courier.ports.dashboard import OfficeName
from courier.storage import tables

NO_OFFICE = Text("（未归属单位）")
legs, cases = tables.legs, tables.cases
receipts, lines = tables.receipts, tables.receipt_lines
# The moment a leg counts as sent: the carrier's acceptance, else the hand-over, else booking,
# else the opening of its case (a leg never booked still belongs to a day).
SENT = sa.func.coalesce(
    legs.c.collected_at, legs.c.handed_over_at, legs.c.booked_at, cases.c.created_at
)


def _of_office(office: Office | None) -> sa.ColumnElement[bool]:
    if office is None:
        return sa.true()
    column = cases.c.hall_id if office.kind == "hall" else cases.c.department_id
    return column == office.id


def _discrepant() -> sa.Exists:
    return sa.exists().where(
        receipts.c.leg_id == legs.c.id,
        lines.c.receipt_id == receipts.c.id,
        lines.c.state != MaterialState.RECEIVED,
    )


class SqlDashboardReads:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def offices(self) -> list[OfficeName]:
        found: list[OfficeName] = []
        with self.engine.connect() as connection:
            for kind, table in (("hall", tables.halls), ("department", tables.departments)):
                query = sa.select(table.c.id, table.c.name).order_by(table.c.code)
                found += [
                    OfficeName(Office(kind, i), name) for i, name in connection.execute(query)
                ]
        return found

    def legs(self, period: Period, office: Office | None) -> list[LegRow]:
        start, end = period.bounds()
        columns = (
            legs.c.kind, legs.c.status, legs.c.collected_at, legs.c.handed_over_at,
            legs.c.booked_at, cases.c.created_at, legs.c.tracked_at, legs.c.biz_product_no,
            legs.c.sender, legs.c.receiver, cases.c.status.label("case_status"),
            legs.c.exception_reason, _discrepant().label("discrepancy"),
        )  # fmt: skip
        query = (
            sa.select(*columns)
            .select_from(legs.join(cases, legs.c.case_id == cases.c.id))
            .where(legs.c.status != LegStatus.CANCELLED, _of_office(office))
            .where(start <= SENT, end > SENT)
            .order_by(legs.c.id)
        )
        with self.engine.connect() as connection:
            return [_leg_row(row) for row in connection.execute(query)]

    def discrepancies(
        self, period: Period, office: Office | None
    ) -> list[tuple[str, MaterialState, int]]:
        start, end = period.bounds()
        accounts = tables.accounts
        name = sa.func.coalesce(tables.halls.c.name, tables.departments.c.name, NO_OFFICE)
        joined = (
            lines.join(receipts, lines.c.receipt_id == receipts.c.id)
            .join(legs, receipts.c.leg_id == legs.c.id)
            .join(cases, legs.c.case_id == cases.c.id)
            .join(accounts, receipts.c.account_id == accounts.c.id)
            .outerjoin(tables.halls, accounts.c.hall_id == tables.halls.c.id)
            .outerjoin(tables.departments, accounts.c.department_id == tables.departments.c.id)
        )
        query = (
            sa.select(name, lines.c.state, sa.func.count())
            .select_from(joined)
            .where(lines.c.state != MaterialState.RECEIVED, _of_office(office))
            .where(receipts.c.confirmed_at >= start, receipts.c.confirmed_at < end)
            .group_by(name, lines.c.state)
        )
        with self.engine.connect() as connection:
            found = connection.execute(query)
            # the word for "no office" comes back from SQL as plain text: said again as a Text
            return [(NO_OFFICE if o == NO_OFFICE else o, state, n) for o, state, n in found]


def _leg_row(row: Any) -> LegRow:
    return LegRow(
        kind=row.kind,
        status=row.status,
        sent_at=sent_moment(row.collected_at, row.handed_over_at, row.booked_at, row.created_at),
        collected_at=row.collected_at,
        tracked_at=row.tracked_at,
        biz_product_no=row.biz_product_no,
        sender=row.sender.address,
        receiver=row.receiver.address,
        case_closed=row.case_status is CaseStatus.CLOSED,
        exception_reason=row.exception_reason,
        discrepancy=bool(row.discrepancy),
    )
