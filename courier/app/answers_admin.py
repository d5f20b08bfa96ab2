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


class AccessLogRow(Answer):
    id: int
    at: datetime
    action: str
    action_name: str
    account_id: int | None
    username: str = Field(description="A copy of the account's username (empty for the public).")
    case_number: str
    target: str = Field(description="What was acted on, e.g. `leg:12`, `account:3`.")
    client: str = Field(description="The client's address (IP).")
    channel: str = Field(description="How the caller signed in: session, basic, bearer, job.")
    detail: str


class AccessLogPage(Answer):
    entries: list[AccessLogRow]
    total: int
    page: int
    pages: int
