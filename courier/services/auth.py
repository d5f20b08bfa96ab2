"""Signing staff in and out, and the server-side sessions that carry a sign-in."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from courier.domain.accounts import Account
from courier.domain.audit import AuditAction
from courier.domain.errors import DomainError, NotFound
from courier.domain.staff_session import StaffSession
from courier.domain.text import Text
from courier.services import audit
from courier.services.passwords import DUMMY_HASH, check_password
from courier.services.unit_of_work import UnitOfWork

PasswordCheck = Callable[[str, str], bool]


class WrongCredentials(DomainError):
    code = "wrong_credentials"


class SessionStore(Protocol):
    def add(self, staff_session: StaffSession) -> None: ...
    def get_active(self, id_hash: str) -> StaffSession | None:
        """Return the session if it exists and its account is still active."""
        ...

    def touch(self, id_hash: str, at: datetime) -> None: ...
    def revoke(self, id_hash: str, at: datetime) -> None: ...
    def revoke_all(self, account_id: int, at: datetime) -> None: ...


def session_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(
    uow: UnitOfWork, username: str, password: str, check: PasswordCheck = check_password
) -> Account:
    """Return the account for these credentials, or raise WrongCredentials."""
    with uow:
        account = uow.accounts.get_by_username((username or "").strip())
        usable = account is not None and account.active
        # Unknown and disabled accounts pay the same hash as real ones: equal work, equal time.
        right = check(password or "", account.password_hash if usable else DUMMY_HASH)  # type: ignore[union-attr]
        if account is None or not usable or not right:
            raise WrongCredentials(Text("用户名或密码不正确。"))
        return account


def sign_in(
    uow: UnitOfWork,
    sessions: SessionStore,
    credentials: tuple[str, str],
    now: datetime,
    client_address: str | None,
) -> str:
    """Check the credentials, open a session and return its secret id (for the cookie)."""
    account = checked_sign_in(uow, credentials, now)
    assert account.id is not None
    token = secrets.token_urlsafe(32)
    address = (client_address or "")[:45] or None
    sessions.add(StaffSession(session_digest(token), account.id, now, now, None, address))
    return token


def checked_sign_in(uow: UnitOfWork, credentials: tuple[str, str], now: datetime) -> Account:
    """Check the credentials of a sign-in (a page's or HTTP Basic) and log how it went."""
    try:
        account = authenticate(uow, *credentials)
    except WrongCredentials:
        _signed_in(uow, AuditAction.SIGN_IN_FAILED, None, credentials[0].strip(), now)
        raise
    _signed_in(uow, AuditAction.SIGNED_IN, account.id, "", now)
    return account


def _signed_in(
    uow: UnitOfWork, action: AuditAction, account_id: int | None, username: str, at: datetime
) -> None:
    """Log a sign-in by username only; the password never leaves `authenticate`."""
    with uow:
        audit.record(uow, action, account_id, username=username, at=at)
        uow.commit()


def session_account(sessions: SessionStore, token: str, now: datetime) -> int | None:
    """Return the account a live session belongs to, or None once it has ended."""
    found = sessions.get_active(session_digest(token)) if token else None
    if found is None or not found.is_live(now):
        return None
    if found.needs_touch(now):
        sessions.touch(found.id_hash, now)
    return found.account_id


def end_session(sessions: SessionStore, token: str, now: datetime) -> None:
    """Sign out: the session's id stops working everywhere, copies included."""
    if token:
        sessions.revoke(session_digest(token), now)


def disable_account(
    uow: UnitOfWork, sessions: SessionStore, account_id: int, now: datetime
) -> None:
    """Stop an account from signing in and end every session it has open."""
    with uow:
        account = uow.accounts.get(account_id)
        if account is None:
            raise NotFound(Text("未找到该账号。"), "account_id")
        account.active = False
        audit.record(uow, AuditAction.ACCOUNT_DISABLED, None, target=f"account:{account_id}")
        uow.commit()
    sessions.revoke_all(account_id, now)
