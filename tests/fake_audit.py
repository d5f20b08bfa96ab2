"""The operation and access log in memory, with the retention queries of the SQL one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from courier.domain.audit import PAGE_SIZE, AuditEntry, AuditQuery
from courier.domain.case import CaseStatus
from courier.domain.retention import ANONYMISED, anonymised_applicant, anonymised_party

if TYPE_CHECKING:
    from tests.fakes import FakeCases


class FakeAuditLog:
    def __init__(self, cases: FakeCases) -> None:
        self.cases = cases
        self.rows: list[AuditEntry] = []

    def add(self, entry: AuditEntry) -> None:
        self.rows.append(replace(entry, id=len(self.rows) + 1))

    def search(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        found = [e for e in reversed(self.rows) if _matches(e, query)]
        found.sort(key=lambda e: e.at, reverse=True)
        return found[query.offset : query.offset + PAGE_SIZE], len(found)

    def purge(self, before: datetime, limit: int) -> int:
        old = [e for e in self.rows if e.at < before][:limit]
        self.rows = [e for e in self.rows if e not in old]
        return len(old)

    def closed_cases_quiet_since(self, before: datetime, limit: int) -> list[int]:
        due = [
            c.id
            for c in self.cases.items.values()
            if c.status is CaseStatus.CLOSED
            and c.applicant.name != ANONYMISED
            and c.created_at is not None
            and c.created_at < before
        ]
        return sorted(due)[:limit]

    def anonymise_case(self, case_id: int) -> str:
        case = self.cases.items[case_id]
        for leg in case.legs:
            leg.sender = anonymised_party(leg.sender, case.applicant)
            leg.receiver = anonymised_party(leg.receiver, case.applicant)
        case.applicant = anonymised_applicant(case.applicant)
        return str(case.case_number)


def _matches(entry: AuditEntry, query: AuditQuery) -> bool:
    return (
        query.case_number in ("", entry.case_number)
        and query.account in ("", entry.username)
        and query.action in (None, entry.action)
        and (query.since is None or entry.at >= query.since)
        and (query.before is None or entry.at < query.before)
    )
