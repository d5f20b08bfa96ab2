"""Keep the log and closed cases' applicant data only as long as the settings say."""

from __future__ import annotations

from datetime import datetime

from courier.domain.audit import AuditAction
from courier.domain.retention import BATCH, cutoff
from courier.services import audit
from courier.services.unit_of_work import UnitOfWork


def purge_audit_log(uow: UnitOfWork, now: datetime, days: int, batch: int = BATCH) -> int:
    """Delete log rows older than `days`, a batch per transaction; return how many went."""
    total = 0
    while True:
        with uow:
            gone = uow.audit.purge(cutoff(now, days), batch)
            uow.commit()
        total += gone
        if gone < batch:
            return total


def anonymise_closed_cases(uow: UnitOfWork, now: datetime, days: int, batch: int = BATCH) -> int:
    """Replace the applicant's data of cases closed and quiet for `days`; log each case."""
    total = 0
    while True:
        with uow:
            due = uow.audit.closed_cases_quiet_since(cutoff(now, days), batch)
            for case_id in due:
                number = uow.audit.anonymise_case(case_id)
                audit.record(uow, AuditAction.CASE_ANONYMISED, None, case_number=number, at=now)
            uow.commit()
        total += len(due)
        if len(due) < batch:
            return total
