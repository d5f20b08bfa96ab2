"""Use cases of API tokens: issue one to a machine client, list, revoke, and sign in with one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import Field

from courier.domain.accounts import Account, Role
from courier.domain.api_tokens import NO_PASSWORD, PREFIX, ApiToken, token_digest, token_name
from courier.domain.audit import AuditAction
from courier.domain.errors import InvalidValue, NotFound
from courier.domain.organizations import Hall
from courier.domain.text import Text
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.auth import WrongCredentials
from courier.services.commands import Command, ShortText
from courier.services.unit_of_work import UnitOfWork

REFUSED = Text("API 令牌无效或已撤销。")


class TokenRefused(WrongCredentials):
    """The bearer token is unknown or revoked (answered with 401)."""

    code = "invalid_token"


class CreateApiToken(Command):
    name: ShortText = ""
    halls: Annotated[list[ShortText], Field(min_length=1, max_length=100)]


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once to the administrator, never stored


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def create_api_token(
    uow: UnitOfWork, command: CreateApiToken, clock: Clock, by: int | None = None
) -> IssuedToken:
    """Issue a token for these halls, with an integration account of its own."""
    with uow:
        name, halls = token_name(command.name), _halls(uow, command.halls)
        account = Account(f"api-{secrets.token_hex(8)}", name, Role.INTEGRATION, NO_PASSWORD)
        account.halls = halls
        secret = new_secret()
        token = ApiToken(name, token_digest(secret), account, clock.now())
        uow.accounts.add(account)
        uow.api_tokens.add(token)
        uow.flush()
        audit.record(uow, AuditAction.TOKEN_CREATED, by, target=f"token:{token.id}")
        uow.commit()
        return IssuedToken(token, secret)


def _halls(uow: UnitOfWork, codes: list[str]) -> list[Hall]:
    halls = []
    for index, code in enumerate(dict.fromkeys(codes)):
        hall = uow.halls.get_by_code(code)
        if hall is None:
            raise InvalidValue(Text("受理大厅不存在。"), f"halls.{index}")
        halls.append(hall)
    return halls


def list_api_tokens(uow: UnitOfWork) -> list[ApiToken]:
    with uow:
        return uow.api_tokens.list()


def revoke_api_token(
    uow: UnitOfWork, token_id: int, clock: Clock, by: int | None = None
) -> ApiToken:
    """Revoke a token: every later request with it is refused."""
    with uow:
        token = uow.api_tokens.get(token_id)
        if token is None:
            raise NotFound(Text("未找到该令牌。"), "token_id")
        token.revoke(clock.now())
        audit.record(uow, AuditAction.TOKEN_REVOKED, by, target=f"token:{token.id}")
        uow.commit()
        return token


def bearer_account(uow: UnitOfWork, secret: str, now: datetime) -> int:
    """Return the account of a live token, noting its use at most once a minute."""
    return bearer_sign_in(uow, secret, now)[0]


def bearer_sign_in(uow: UnitOfWork, secret: str, now: datetime) -> tuple[int, int]:
    """Return the account and the id of a live token (for the operation log), or refuse it."""
    with uow:
        token = uow.api_tokens.get_by_digest(token_digest(secret)) if secret else None
        if token is None or not token.matches(secret) or not token.signs_in():
            raise TokenRefused(REFUSED)
        if token.needs_touch(now):
            token.last_used_at = now
            uow.commit()
        assert token.account.id is not None and token.id is not None
        return token.account.id, token.id
