"""API tokens of machine clients (the case system): a secret shown once, kept as a digest."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from courier.domain.accounts import Account
from courier.domain.errors import InvalidValue
from courier.domain.text import Text

PREFIX = "ctk_"
MAX_NAME = 40  # the name is also the display name of the token's account
# last_used_at is written at most this often, so most authenticated requests only read.
TOUCH_EVERY = timedelta(minutes=1)
# A password hash no password matches: a token's account never signs in with one.
NO_PASSWORD = "!"


def token_digest(secret: str) -> str:
    """Return the SHA-256 of a token: it is high-entropy, so a fast hash is enough."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_name(name: str) -> str:
    """Return the name of a token, stripped, or refuse an empty or too long one."""
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise InvalidValue(Text("令牌名称应为 1–{most} 个字符。", most=MAX_NAME), "name")
    return name


@dataclass(eq=False)
class ApiToken:
    """One token of a machine client, acting through its own integration account."""

    name: str
    token_hash: str
    account: Account
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    id: int | None = None

    def matches(self, secret: str) -> bool:
        """Tell whether this is the token of `secret` (compared in constant time)."""
        return hmac.compare_digest(self.token_hash, token_digest(secret))

    def signs_in(self) -> bool:
        return self.revoked_at is None and self.account.active

    def needs_touch(self, now: datetime) -> bool:
        return self.last_used_at is None or now - self.last_used_at >= TOUCH_EVERY

    def revoke(self, now: datetime) -> None:
        """Stop the token for good; its account is disabled with it."""
        if self.revoked_at is None:
            self.revoked_at = now
        self.account.active = False

    @property
    def hall_codes(self) -> list[str]:
        return sorted(hall.code for hall in self.account.halls)
