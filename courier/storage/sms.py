"""Text messages to applicants: planned once per case and step, claimed, then settled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from courier.domain.notifications import (
    NotificationStep,
    NotificationSubject,
    SmsMessage,
    SmsStatus,
)
from courier.storage import tables

_FIELDS = ("id", "case_id", "step", "status", "attempts", "planned_at", "text", "last_error")


class SqlSmsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def subjects_of(self, leg_ids: Sequence[int]) -> dict[int, NotificationSubject]:
        """Return what each leg's steps need of its case, in one query of committed columns."""
        legs, cases = tables.legs, tables.cases
        query = (
            sa.select(
                legs.c.id, cases.c.id, legs.c.kind, cases.c.result_delivery,
                cases.c.notify_applicant,
            )
            .join(cases, cases.c.id == legs.c.case_id)
            .where(legs.c.id.in_(sorted(set(leg_ids))))
        )  # fmt: skip
        # No flush: booking plans while a new waybill number waits for its own commit.
        with self.session.no_autoflush:
            rows = self.session.execute(query).all()
        return {leg_id: NotificationSubject(*rest) for leg_id, *rest in rows}

    def plan(self, case_id: int, leg_id: int | None, step: NotificationStep, at: datetime) -> bool:
        """Add the step's text unless the case has it already; tell whether it was new."""
        values = {
            "case_id": case_id, "leg_id": leg_id, "step": step, "status": SmsStatus.PLANNED,
            "planned_at": at, "next_attempt_at": at, "attempts": 0, "text": "",
            "last_error": "", "gateway_id": "",
        }  # fmt: skip
        insert = postgresql.insert if self._dialect() == "postgresql" else sqlite.insert
        statement = insert(tables.sms_messages).values(values).on_conflict_do_nothing()
        with self.session.no_autoflush:
            result = self.session.execute(statement)
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def claim_due(self, now: datetime, until: datetime, limit: int) -> list[int]:
        """Lease planned texts due by `now`, earliest first; each is won by one worker only."""
        t = tables.sms_messages
        free = sa.or_(t.c.claimed_until.is_(None), t.c.claimed_until < now)
        due = sa.and_(t.c.status == SmsStatus.PLANNED, t.c.next_attempt_at <= now, free)
        candidates = self.session.scalars(
            sa.select(t.c.id).where(due).order_by(t.c.next_attempt_at, t.c.id).limit(limit)
        ).all()
        won = []
        for message_id in candidates:
            claim = sa.update(t).where(t.c.id == message_id, due).values(claimed_until=until)
            if self.session.execute(claim).rowcount == 1:  # type: ignore[attr-defined]
                won.append(message_id)
        return won

    def get(self, message_id: int) -> SmsMessage | None:
        t = tables.sms_messages
        row = self.session.execute(
            sa.select(*[t.c[f] for f in _FIELDS]).where(t.c.id == message_id)
        ).first()
        return SmsMessage(**row._asdict()) if row else None

    def for_case(self, case_id: int) -> list[SmsMessage]:
        t = tables.sms_messages
        query = sa.select(*[t.c[f] for f in _FIELDS]).where(t.c.case_id == case_id)
        return [SmsMessage(**r._asdict()) for r in self.session.execute(query.order_by(t.c.id))]

    def settle(self, message_id: int, changes: Mapping[str, Any]) -> None:
        """Write a send's outcome and release the claim."""
        t = tables.sms_messages
        values = {**changes, "claimed_until": None}
        self.session.execute(sa.update(t).where(t.c.id == message_id).values(values))

    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name
