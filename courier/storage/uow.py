"""The SQLAlchemy unit of work: one session, rolled back unless committed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from courier.domain.errors import Conflict
from courier.domain.organizations import Department, Hall
from courier.domain.text import Text
from courier.ports.tasks import TaskQueue
from courier.storage.api_tokens import SqlApiTokenRepository
from courier.storage.audit import SqlAuditLog
from courier.storage.leg_events import SqlLegEventRepository
from courier.storage.outbox import SqlOutbox
from courier.storage.prints import SqlHandoverRepository, SqlPrintRepository
from courier.storage.receipts import SqlReceiptRepository
from courier.storage.repositories import (
    SqlAccountRepository,
    SqlCaseRepository,
    SqlLegRepository,
    SqlOrganizationRepository,
)
from courier.storage.sms import SqlSmsRepository
from courier.storage.tables import LIVE_LEG_INDEX
from courier.storage.tracking import SqlTrackingRepository
from courier.storage.webhook_endpoints import SqlWebhookEndpoints

log = logging.getLogger(__name__)
CONCURRENT_CHANGE = Text("数据已被他人同时修改（例如同一运单被重复交接），请刷新后重试。")
CASE_NUMBER_TAKEN = Text("该办件编号已存在（可能是同时提交的重复请求），不会覆盖已有办件。")
LIVE_LEG_TAKEN = Text("该办件已有未取消的同类运单（可能是重复提交），请刷新页面查看，勿重复下单。")
RECEIPT_TAKEN = Text("该邮件已签收确认，不能重复确认。")
HANDOVER_TAKEN = Text("该办件的结果已登记交付，不能重复登记。")


class SqlUnitOfWork:
    def __init__(
        self, session_factory: sessionmaker[Session], tasks: TaskQueue | None = None
    ) -> None:
        self.session_factory = session_factory
        self.tasks = tasks
        self.after_commit: list[tuple[str, dict[str, int | str]]] = []

    def __enter__(self) -> Self:
        self.after_commit = []
        self.session = self.session_factory()
        self.cases = SqlCaseRepository(self.session)
        self.legs = SqlLegRepository(self.session)
        self.halls = SqlOrganizationRepository(self.session, Hall)
        self.departments = SqlOrganizationRepository(self.session, Department)
        self.accounts = SqlAccountRepository(self.session)
        self.api_tokens = SqlApiTokenRepository(self.session)
        self.tracking = SqlTrackingRepository(self.session)
        self.prints = SqlPrintRepository(self.session)
        self.handovers = SqlHandoverRepository(self.session)
        self.leg_events = SqlLegEventRepository(self.session)
        self.sms_messages = SqlSmsRepository(self.session)
        self.outbox = SqlOutbox(self.session)
        self.webhook_endpoints = SqlWebhookEndpoints(self.session)
        self.receipts = SqlReceiptRepository(self.session)
        self.audit = SqlAuditLog(self.session)
        return self

    def __exit__(self, *exc: object) -> None:
        # close() discards anything uncommitted but, unlike rollback(), leaves loaded
        # objects readable for the entrypoint that renders them.
        self.after_commit = []
        self.session.close()
        error = exc[1] if len(exc) > 1 else None
        if isinstance(error, IntegrityError):
            # A query's autoflush wrote early and broke a unique rule (a simultaneous
            # request won): the same Conflict a commit would have raised.
            log.warning("write refused by a constraint: %s", type(error.orig).__name__)
            raise Conflict(_conflict_message(error)) from None

    def flush(self) -> None:
        self._refusing_conflicts(self.session.flush)

    def enqueue_after_commit(self, job: str, **arguments: int | str) -> None:
        self.after_commit.append((job, arguments))

    def commit(self) -> None:
        """Commit, then send the jobs waiting for it; a broken unique rule becomes a Conflict."""
        self._refusing_conflicts(self.session.commit)
        jobs, self.after_commit = self.after_commit, []
        for job, arguments in jobs:
            self._send(job, arguments)

    def rollback(self) -> None:
        self.after_commit = []
        self.session.rollback()

    def _refusing_conflicts(self, write: Callable[[], None]) -> None:
        try:
            write()
        except IntegrityError as error:
            self.rollback()
            # Only the driver's error type is logged: its text may quote the row's values.
            log.warning("commit refused by a constraint: %s", type(error.orig).__name__)
            raise Conflict(_conflict_message(error)) from None

    def _send(self, job: str, arguments: dict[str, int | str]) -> None:
        """Send a job; the data is committed, so a failure is logged and left to the sweep."""
        if self.tasks is None:
            return
        try:
            self.tasks.enqueue(job, **arguments)
        except Exception as error:  # the committed request must still succeed
            log.warning(
                "could not enqueue %s (%s); the sweep will retry", job, type(error).__name__
            )


def _conflict_message(error: IntegrityError) -> str:
    """Name the rule that was broken, when it is one staff can understand."""
    text = str(error.orig)
    if LIVE_LEG_INDEX in text or "legs.case_id, legs.kind" in text:
        return LIVE_LEG_TAKEN
    if "uq_cases_case_number" in text or "cases.case_number" in text:
        return CASE_NUMBER_TAKEN
    if "uq_receipts_leg_id" in text or "receipts.leg_id" in text:
        return RECEIPT_TAKEN
    if "uq_result_handovers_case_id" in text or "result_handovers.case_id" in text:
        return HANDOVER_TAKEN
    return CONCURRENT_CHANGE
