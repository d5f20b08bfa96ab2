"""What the administrators' integration endpoints answer: API tokens (the secret once)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from courier.app.answers import Answer


class ApiTokenAnswer(Answer):
    id: int
    name: str
    halls: list[str] = Field(
        description="Codes of the halls whose cases the token may open and read."
    )
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedApiTokenAnswer(ApiTokenAnswer):
    token: str = Field(description="`ctk_…`: shown this once; only its digest is stored.")


class ApiTokenList(Answer):
    api_tokens: list[ApiTokenAnswer]


class AccountAnswer(Answer):
    id: int
    username: str
    display_name: str
    role: str = Field(description="hall_staff, department_staff, admin or integration.")
    hall_code: str | None
    department_code: str | None
    active: bool
    last_sign_in_at: datetime | None = Field(description="Start of the newest staff session.")


class AccountList(Answer):
    accounts: list[AccountAnswer]
