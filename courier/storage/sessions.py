"""Staff sessions in the database, read on every signed-in request."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from courier.domain.staff_session import StaffSession
from courier.storage import tables

_s, _a = tables.staff_sessions, tables.accounts


class SqlStaffSessions:
    """The session store; each call is its own short transaction."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def add(self, staff_session: StaffSession) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.insert(_s), vars(staff_session))

    def get_active(self, id_hash: str) -> StaffSession | None:
        query = (
            sa.select(_s)
            .join(_a, _a.c.id == _s.c.account_id)
            .where(_s.c.id_hash == id_hash, _a.c.active.is_(True))
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return StaffSession(**row._mapping) if row else None

    def touch(self, id_hash: str, at: datetime) -> None:
        self._update(_s.c.id_hash == id_hash, last_seen_at=at)

    def revoke(self, id_hash: str, at: datetime) -> None:
        self._update(_s.c.id_hash == id_hash, revoked_at=at)

    def revoke_all(self, account_id: int, at: datetime) -> None:
        self._update(_s.c.account_id == account_id, revoked_at=at)

    def last_sign_ins(self) -> dict[int, datetime]:
        """Return when each account last signed in: the start of its newest session."""
        query = sa.select(_s.c.account_id, sa.func.max(_s.c.created_at)).group_by(_s.c.account_id)
        with self.engine.connect() as connection:
            return {account_id: at for account_id, at in connection.execute(query)}

    def _update(self, where: sa.ColumnElement[bool], **values: datetime) -> None:
        query = sa.update(_s).where(where, _s.c.revoked_at.is_(None)).values(**values)
        with self.engine.begin() as connection:
            connection.execute(query)
