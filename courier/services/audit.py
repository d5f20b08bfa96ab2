"""Record who did what, or looked at which case, and search the record (administrators)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from courier.domain.accounts import Account, Role
from courier.domain.audit import (
    DETAIL_LENGTH,
    AuditAction,
    AuditEntry,
    AuditPage,
    AuditQuery,
    Origin,
)
from courier.domain.case import Case
from courier.domain.errors import NotFound
from courier.domain.leg import Leg
from courier.domain.text import Text
from courier.services.unit_of_work import UnitOfWork

Who = Account | int | None
OriginSource = Callable[[], Origin]
Shown = tuple[int | None, str]  # a case on a list: its id and number
_origin: list[OriginSource] = [Origin]


def set_origin_source(source: OriginSource) -> None:
    """Say where the calls of this process come from (the web app: the current request)."""
    _origin[0] = source


def record(
    uow: UnitOfWork, action: AuditAction, who: Who = None, *, case: Case | None = None,
    target: str = "", detail: str = "", username: str = "", at: datetime | None = None,
    case_number: str = "", case_id: int | None = None,
) -> None:  # fmt: skip
    """Add a row to the log in the caller's transaction (committed with its change)."""
    account = uow.accounts.get(who) if isinstance(who, int) else who
    origin = _origin[0]()
    uow.audit.add(
        AuditEntry(
            at=at or datetime.now(UTC),
            action=action,
            account_id=account.id if account else None,
            username=(account.username if account else username)[:40],
            case_id=case.id if case else case_id,
            case_number=(case.case_number if case else case_number)[:40],
            target=target[:60],
            client=origin.client[:45],
            channel=origin.channel_text[:20],
            detail=detail[:DETAIL_LENGTH],
        )
    )


def record_view(
    uow: UnitOfWork, action: AuditAction, who: Who, case_number: str = "", detail: str = ""
) -> None:
    """Log that someone was shown a case's personal data, in a transaction of its own."""
    with uow:
        case = uow.cases.get(case_number) if case_number else None
        record(uow, action, who, case=case, detail=detail, case_number=case_number)
        uow.commit()


def record_views(
    uow: UnitOfWork, action: AuditAction, who: Who, shown: Sequence[Shown], detail: str = ""
) -> None:
    """Log a list shown to someone: one row per case on it, so each case's views are found."""
    if not shown:
        return
    with uow:
        at = datetime.now(UTC)
        for case_id, number in dict.fromkeys(shown):
            record(uow, action, who, case_id=case_id, case_number=number, detail=detail, at=at)
        uow.commit()


def record_leg_view(uow: UnitOfWork, action: AuditAction, who: Who, leg: Leg) -> None:
    """Log that someone was shown one leg (its parties), under its case."""
    with uow:
        record_leg(uow, action, who, leg)
        uow.commit()


def search(uow: UnitOfWork, account_id: int, query: AuditQuery) -> AuditPage:
    """Return one page of the log to an administrator, newest first."""
    with uow:
        account = uow.accounts.get(account_id)
        if account is None or not account.active or account.role is not Role.ADMIN:
            raise NotFound(Text("未找到该页面。"), "account")
        rows, total = uow.audit.search(query)
        return AuditPage(rows, total, query)


def record_leg(uow: UnitOfWork, action: AuditAction, who: Who, leg: Leg, detail: str = "") -> None:
    """Add a row about one leg, under its case."""
    case = uow.cases.get_by_id(leg.case_id) if leg.case_id else None
    record(uow, action, who, case=case, target=f"leg:{leg.id}", detail=detail)
