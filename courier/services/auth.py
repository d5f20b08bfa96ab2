"""Signing in staff."""

from __future__ import annotations

from courier.domain.accounts import Account
from courier.domain.errors import DomainError
from courier.services.passwords import check_password
from courier.services.unit_of_work import UnitOfWork


class WrongCredentials(DomainError):
    code = "wrong_credentials"


def authenticate(uow: UnitOfWork, username: str, password: str) -> Account:
    """Return the account for these credentials, or raise WrongCredentials."""
    with uow:
        account = uow.accounts.get_by_username((username or "").strip())
        if (
            account is None
            or not account.active
            or not check_password(password or "", account.password_hash)
        ):
            raise WrongCredentials("用户名或密码不正确。")
        return account
