"""The SQLAlchemy unit of work: one session, rolled back unless committed."""

from __future__ import annotations

import logging
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from courier.domain.errors import Conflict
from courier.domain.organizations import Department, Hall
from courier.storage.prints import SqlHandoverRepository, SqlPrintRepository
from courier.storage.repositories import (
    SqlAccountRepository,
    SqlCaseRepository,
    SqlLegRepository,
    SqlOrganizationRepository,
)
from courier.storage.tracking import SqlTrackingRepository

log = logging.getLogger(__name__)
CONCURRENT_CHANGE = "数据已被他人同时修改（例如同一运单被重复交接），请刷新后重试。"


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self.session_factory()
        self.cases = SqlCaseRepository(self.session)
        self.legs = SqlLegRepository(self.session)
        self.halls = SqlOrganizationRepository(self.session, Hall)
        self.departments = SqlOrganizationRepository(self.session, Department)
        self.accounts = SqlAccountRepository(self.session)
        self.tracking = SqlTrackingRepository(self.session)
        self.prints = SqlPrintRepository(self.session)
        self.handovers = SqlHandoverRepository(self.session)
        return self

    def __exit__(self, *exc: object) -> None:
        # close() discards anything uncommitted but, unlike rollback(), leaves loaded
        # objects readable for the entrypoint that renders them.
        self.session.close()

    def commit(self) -> None:
        """Commit; a unique rule broken by a concurrent writer becomes a Conflict for the user."""
        try:
            self.session.commit()
        except IntegrityError as error:
            self.session.rollback()
            # Only the driver's error type is logged: its text may quote the row's values.
            log.warning("commit refused by a constraint: %s", type(error.orig).__name__)
            raise Conflict(CONCURRENT_CHANGE) from None

    def rollback(self) -> None:
        self.session.rollback()
