"""Receipts in the database, and the legs on their way to one hall or department."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, registry, relationship

from courier.domain.case import ResultDelivery
from courier.domain.leg import STILL_MOVING, Leg, LegKind, LegStatus
from courier.domain.receipt import Office, Receipt, ReceiptLine
from courier.storage import tables

# Still coming, or arrived and not yet confirmed: what a receiving desk waits for.
_AWAITED = sorted((STILL_MOVING | {LegStatus.DELIVERED}) - {LegStatus.RETURNING}, key=str)


def map_receipts(mapper_registry: registry) -> None:
    """Map receipts and their lines (called once, with the other mappers)."""
    mapper_registry.map_imperatively(ReceiptLine, tables.receipt_lines)
    mapper_registry.map_imperatively(
        Receipt,
        tables.receipts,
        properties={
            "lines": relationship(ReceiptLine, cascade="all, delete-orphan", lazy="selectin")
        },
    )


class SqlReceiptRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, receipt: Receipt) -> None:
        self.session.add(receipt)

    def for_leg(self, leg_id: int) -> Receipt | None:
        query = sa.select(Receipt).where(tables.receipts.c.leg_id == leg_id)
        return self.session.scalars(query).first()

    def incoming(self, office: Office, limit: int = 200) -> list[Leg]:
        """Return legs addressed to this office that are on their way or awaiting receipt."""
        legs, cases = tables.legs, tables.cases
        query = (
            sa.select(Leg)
            .join(cases, cases.c.id == legs.c.case_id)
            .where(legs.c.status.in_(_AWAITED), _addressed_to(office))
            .order_by(legs.c.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))


def _addressed_to(office: Office) -> sa.ColumnElement[bool]:
    legs, cases = tables.legs, tables.cases
    if office.kind == "department":
        kinds = [LegKind.ORIGINALS, LegKind.SUPPLEMENT]
        return sa.and_(cases.c.department_id == office.id, legs.c.kind.in_(kinds))
    result_to_window = sa.and_(
        legs.c.kind == LegKind.RESULT,
        cases.c.result_delivery == ResultDelivery.PICKUP_AT_HALL,
    )
    return sa.and_(
        cases.c.hall_id == office.id, sa.or_(result_to_window, legs.c.kind == LegKind.SUPPLEMENT)
    )
