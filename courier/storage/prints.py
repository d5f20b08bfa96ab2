"""Label prints (who printed which waybill, when) and handovers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.handover import Handover
from courier.storage import tables


class SqlPrintRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def printed_before(self, leg_id: int) -> bool:
        query = sa.select(tables.label_prints.c.id).filter_by(leg_id=leg_id).limit(1)
        return self.session.execute(query).first() is not None

    def record(
        self, leg_id: int, account_id: int | None, at: datetime, reprint: bool, size: str
    ) -> None:
        values = {
            "leg_id": leg_id, "account_id": account_id, "printed_at": at,
            "reprint": reprint, "size": size,
        }  # fmt: skip
        self.session.execute(sa.insert(tables.label_prints), values)

    def history(self, leg_id: int) -> list[dict[str, object]]:
        t = tables.label_prints
        rows = self.session.execute(sa.select(t).filter_by(leg_id=leg_id).order_by(t.c.id))
        return [dict(row._mapping) for row in rows]


class SqlHandoverRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, handover: Handover) -> None:
        self.session.add(handover)

    def get(self, handover_id: int) -> Handover | None:
        return self.session.get(Handover, handover_id)
