"""Use cases of administering staff accounts: list, edit, disable, enable, reset a password."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from courier.domain.accounts import Account, Role
from courier.domain.audit import AuditAction
from courier.domain.errors import NotFound
from courier.domain.organizations import Organization
from courier.domain.text import Text
from courier.services import audit
from courier.services.cases import actor
from courier.services.commands import EditAccount, ResetPassword
from courier.services.organizations import office_ids
from courier.services.passwords import hash_password
from courier.services.unit_of_work import UnitOfWork


class AccountSessions(Protocol):
    def revoke_all(self, account_id: int, at: datetime) -> None: ...
    def last_sign_ins(self) -> dict[int, datetime]:
        """Return when each account last signed in (accounts that never did are absent)."""
        ...


@dataclass(frozen=True)
class StaffAccount:
    """An account as the administrators' desk lists it: with its office and last sign-in."""

    account: Account
    office: Organization | None
    last_sign_in_at: datetime | None


def list_accounts(uow: UnitOfWork, sessions: AccountSessions) -> list[StaffAccount]:
    """List every account with its office and when it last signed in."""
    signed_in = sessions.last_sign_ins()
    with uow:
        return [_listed(uow, a, signed_in.get(a.id or 0)) for a in uow.accounts.list()]


def get_account(uow: UnitOfWork, sessions: AccountSessions, account_id: int) -> StaffAccount:
    with uow:
        account = _account(uow, account_id)
        return _listed(uow, account, sessions.last_sign_ins().get(account_id))


def _listed(uow: UnitOfWork, account: Account, last: datetime | None) -> StaffAccount:
    office: Organization | None = None
    if account.hall_id is not None:
        office = uow.halls.get(account.hall_id)
    elif account.department_id is not None:
        office = uow.departments.get(account.department_id)
    return StaffAccount(account, office, last)


def edit_account(uow: UnitOfWork, admin_id: int, account_id: int, command: EditAccount) -> None:
    """Change an account's display name, role or office (an administrator keeps their own role)."""
    with uow:
        admin, account = actor(uow, admin_id), _managed(uow, account_id)
        role = Role(command.role) if command.role else account.role
        admin.check_can_change_role(account, role)
        hall_id, department_id = office_ids(uow, role, command)
        account.assign(
            role, _kept(hall_id, account.hall_id), _kept(department_id, account.department_id)
        )
        if command.display_name is not None:
            account.display_name = command.display_name
        audit.record(uow, AuditAction.ACCOUNT_CHANGED, admin, target=f"account:{account_id}")
        uow.commit()


def _kept(named: int | None, current: int | None) -> int | None:
    """Keep the current office unless another one was named."""
    return named if named is not None else current


def set_account_active(
    uow: UnitOfWork,
    sessions: AccountSessions,
    ids: tuple[int, int],
    active: bool,
    now: datetime,
) -> None:
    """Disable an account (its sessions end at once) or enable it again; ids: (admin, account)."""
    admin_id, account_id = ids
    with uow:
        admin, account = actor(uow, admin_id), _managed(uow, account_id)
        if not active:
            admin.check_can_disable(account)
        account.active = active
        action = AuditAction.ACCOUNT_ENABLED if active else AuditAction.ACCOUNT_DISABLED
        audit.record(uow, action, admin, target=f"account:{account_id}")
        uow.commit()
    if not active:
        sessions.revoke_all(account_id, now)


def reset_password(
    uow: UnitOfWork,
    sessions: AccountSessions,
    account_id: int,
    command: ResetPassword,
    now: datetime,
    hash_with: Callable[[str], str] = hash_password,
    by: int | None = None,
) -> None:
    """Set a new password chosen by an administrator and end every session the account has open."""
    with uow:
        account = _managed(uow, account_id)
        account.password_hash = hash_with(command.password)
        audit.record(uow, AuditAction.PASSWORD_RESET, by, target=f"account:{account_id}")
        uow.commit()
    sessions.revoke_all(account_id, now)


def set_language(uow: UnitOfWork, account_id: int, language: str) -> None:
    """Keep the language an account chose for its pages (asked by the account itself)."""
    with uow:
        _account(uow, account_id).prefer_language(language)
        uow.commit()


def preferred_language(uow: UnitOfWork, username: str) -> str | None:
    """Return the language the account of this username chose, if it chose one."""
    with uow:
        account = uow.accounts.get_by_username(username.strip())
        return account.language if account is not None else None


def _account(uow: UnitOfWork, account_id: int) -> Account:
    account = uow.accounts.get(account_id)
    if account is None:
        raise NotFound(Text("未找到该账号。"), "account_id")
    return account


def _managed(uow: UnitOfWork, account_id: int) -> Account:
    account = _account(uow, account_id)
    account.check_managed_here()
    return account
