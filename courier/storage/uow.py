"""The SQLAlchemy unit of work: one session, rolled back unless committed."""

from __future__ import annotations

from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from courier.domain.organizations import Department, Hall
from courier.storage.prints import SqlHandoverRepository, SqlPrintRepository
from courier.storage.repositories import (
    SqlAccountRepository,
    SqlCaseRepository,
    SqlLegRepository,
    SqlOrganizationRepository,
)
from courier.storage.tracking import SqlTrackingRepository


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
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
