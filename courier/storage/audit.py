"""The operation and access log in the database, and the retention of closed cases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.audit import PAGE_SIZE, AuditAction, AuditEntry, AuditQuery
from courier.domain.case import Applicant, CaseStatus
from courier.domain.retention import anonymised_applicant, anonymised_party
from courier.storage import tables

_log = tables.audit_log
_cases = tables.cases


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        row = {k: v for k, v in vars(entry).items() if k != "id"}
        self.session.execute(sa.insert(_log).values(**{**row, "action": entry.action.value}))

    def search(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """Return one page of matching rows, newest first, and how many match in all."""
        where = _conditions(query)
        total = self.session.scalar(sa.select(sa.func.count()).select_from(_log).where(*where))
        page = sa.select(_log).where(*where).order_by(_log.c.at.desc(), _log.c.id.desc())
        rows = self.session.execute(page.limit(PAGE_SIZE).offset(query.offset)).mappings()
        return [_entry(row) for row in rows], int(total or 0)

    def purge(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` rows older than `before`; return how many went."""
        ids = sa.select(_log.c.id).where(_log.c.at < before).order_by(_log.c.id).limit(limit)
        found = list(self.session.scalars(ids))
        if found:
            self.session.execute(sa.delete(_log).where(_log.c.id.in_(found)))
        return len(found)

    def closed_cases_quiet_since(self, before: datetime, limit: int) -> list[int]:
        """Return ids of closed, not yet anonymised cases with nothing happening since `before`."""
        events, handovers = tables.leg_events, tables.result_handovers
        recent_event = sa.exists().where(
            events.c.case_id == _cases.c.id, events.c.recorded_at >= before
        )
        recent_handover = sa.exists().where(
            handovers.c.case_id == _cases.c.id, handovers.c.handed_over_at >= before
        )
        query = (
            sa.select(_cases.c.id)
            .where(
                _cases.c.status == CaseStatus.CLOSED.value,
                _cases.c.applicant_mobile_tail_hash != "",
                _cases.c.created_at < before,
                ~recent_event,
                ~recent_handover,
            )
            .order_by(_cases.c.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def anonymise_case(self, case_id: int) -> str:
        """Replace the applicant's data in the case and its legs; return the case number.

        Core statements, not the mapped Case: its update hook would hash the placeholders,
        and the cleared hashes are what keep a public lookup from finding the case.
        """
        c = _cases.c
        row = self.session.execute(
            sa.select(c.case_number, c.applicant_name, c.applicant_mobile,
                      c.applicant_id_number, c.applicant_address).where(c.id == case_id)
        ).one()  # fmt: skip
        applicant = Applicant(*row[1:])
        blank = anonymised_applicant(applicant)
        self.session.execute(
            sa.update(_cases).where(c.id == case_id).values(
                applicant_name=blank.name, applicant_mobile=blank.mobile,
                applicant_id_number=blank.id_number, applicant_address=blank.address,
                applicant_name_hash="", applicant_mobile_tail_hash="", applicant_id_hash="",
            )
        )  # fmt: skip
        self._anonymise_legs(case_id, applicant)
        return str(row[0])

    def _anonymise_legs(self, case_id: int, applicant: Applicant) -> None:
        legs = tables.legs
        found = self.session.execute(
            sa.select(legs.c.id, legs.c.sender, legs.c.receiver).where(legs.c.case_id == case_id)
        )
        for leg_id, sender, receiver in list(found):
            changes: dict[str, Any] = {
                "sender": anonymised_party(sender, applicant),
                "receiver": anonymised_party(receiver, applicant),
            }
            self.session.execute(sa.update(legs).where(legs.c.id == leg_id).values(**changes))


def _conditions(query: AuditQuery) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if query.case_number:
        where.append(_log.c.case_number == query.case_number)
    if query.account:
        where.append(_log.c.username == query.account)
    if query.action is not None:
        where.append(_log.c.action == query.action.value)
    if query.since is not None:
        where.append(_log.c.at >= query.since)
    if query.before is not None:
        where.append(_log.c.at < query.before)
    return where


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(**{**dict(row), "action": AuditAction(row["action"])})
