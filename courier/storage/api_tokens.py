"""API tokens in the database (inside the unit of work)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.api_tokens import ApiToken
from courier.storage.tables import api_tokens


class SqlApiTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, token: ApiToken) -> None:
        self.session.add(token)

    def get(self, token_id: int) -> ApiToken | None:
        return self.session.get(ApiToken, token_id)

    def get_by_digest(self, token_hash: str) -> ApiToken | None:
        query = sa.select(ApiToken).filter_by(token_hash=token_hash)
        return self.session.scalars(query).first()

    def list(self) -> list[ApiToken]:
        return list(self.session.scalars(sa.select(ApiToken).order_by(api_tokens.c.id)))
