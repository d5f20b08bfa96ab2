"""The home desk's exceptions queue: every leg of the account's cases that needs a person."""

from __future__ import annotations

from courier.domain.exceptions_queue import Attention, attention_for
from courier.domain.leg import LegStatus
from courier.services.cases import actor
from courier.services.unit_of_work import UnitOfWork


def exceptions_queue(uow: UnitOfWork, account_id: int) -> list[Attention]:
    """List what needs a person in the account's scope, each with its next action."""
    with uow:
        scope = actor(uow, account_id).scope()
        rows: list[Attention] = []
        for leg in uow.legs.needing_attention(scope):
            case = uow.cases.get_by_id(leg.case_id or 0)
            if case is None or not scope.covers(case):
                continue
            received = leg.status is LegStatus.RECEIVED and leg.id is not None
            receipt = uow.receipts.for_leg(leg.id or 0) if received else None
            rows.extend(attention_for(case, leg, receipt))
        return rows
