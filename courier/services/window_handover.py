"""Use case of the hall window: hand the result to the applicant, which closes the case."""

from __future__ import annotations

from pydantic import Field

from courier.domain import text
from courier.domain.audit import AuditAction
from courier.domain.case import Case
from courier.domain.errors import RuleViolation
from courier.domain.result_handover import Collector, ResultHandover
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.cases import actor, load_case
from courier.services.commands import Command, Text
from courier.services.events import record as record_events
from courier.services.unit_of_work import UnitOfWork


class HandOverResult(Command):
    """Who took the result, and whether their identity was checked (never the ID number)."""

    collector: Collector = Collector.APPLICANT
    collector_name: Text = Field(default="", max_length=40)
    identity_checked: bool | None = None  # must be answered: the domain says so in words
    note: Text = Field(default="", max_length=200)


def hand_over_result(
    uow: UnitOfWork, account_id: int, case_number: str, command: HandOverResult, clock: Clock
) -> Case:
    """Record the result handed over at the window; the case closes as 办结送达 and is reported."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        if not account.can_hand_over_results():
            raise RuleViolation(
                text.Text("只有受理大厅的窗口工作人员可以登记交付结果。"), "account"
            )
        assert account.id is not None
        now = clock.now()
        handover = ResultHandover.create(
            account.id,
            command.collector,
            command.collector_name,
            command.identity_checked,
            now,
            command.note,
        )
        result = case.hand_over_result(handover)
        record_events(
            uow,
            [
                leg_event(result, LegEventType.RESULT_HANDED_OVER, now, handover.describe()),
                leg_event(result, LegEventType.CASE_CLOSED, now),
            ],
        )
        audit.record(uow, AuditAction.RESULT_HANDED_OVER, account, case=case, at=now)
        uow.commit()
        return case
