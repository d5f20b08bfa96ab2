"""Webhook endpoints in SQL, their delivery attempts, failed reports and replays."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.webhooks import DeliveryState, Endpoint
from courier.storage import tables

ev, dl, ep, at = (
    tables.outbox_events, tables.webhook_deliveries, tables.webhook_endpoints,
    tables.webhook_attempts,
)  # fmt: skip
_SHOWN = (ep.c.id, ep.c.url, ep.c.description, ep.c.event_types, ep.c.enabled,
          ep.c.disabled_reason, ep.c.created_at)  # fmt: skip
S = DeliveryState


class SqlWebhookEndpoints:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, url: str, description: str, event_types: list[str], secret: str,
            now: datetime) -> int:  # fmt: skip
        row = {
            "url": url, "description": description, "event_types": json.dumps(event_types),
            "secret": secret, "enabled": True, "disabled_reason": "", "created_at": now,
        }  # fmt: skip
        return int(self.session.scalars(sa.insert(ep).returning(ep.c.id), [row]).one())

    def get(self, endpoint_id: int) -> Endpoint | None:
        row = self.session.execute(sa.select(*_SHOWN).where(ep.c.id == endpoint_id)).first()
        return _endpoint(row) if row else None

    def all(self) -> list[Endpoint]:
        return [_endpoint(r) for r in self.session.execute(sa.select(*_SHOWN).order_by(ep.c.id))]

    def rotate(self, endpoint_id: int, secret: str, old_until: datetime) -> None:
        """Make `secret` current; the old one keeps signing until `old_until`."""
        self.session.execute(
            sa.update(ep).where(ep.c.id == endpoint_id)
            .values(previous_secret=ep.c.secret, previous_secret_until=old_until, secret=secret)
        )  # fmt: skip

    def disable(self, endpoint_id: int, reason: str) -> None:
        self.session.execute(
            sa.update(ep).where(ep.c.id == endpoint_id)
            .values(enabled=False, disabled_reason=reason)
        )  # fmt: skip

    def attempts(self, endpoint_id: int, limit: int) -> list[dict[str, Any]]:
        """Return the endpoint's newest delivery attempts."""
        query = (
            sa.select(ev.c.message_id, ev.c.event_type, at.c.attempted_at, at.c.status_code,
                      at.c.error, at.c.duration_ms)
            .join(dl, dl.c.id == at.c.delivery_id).join(ev, ev.c.id == dl.c.event_id)
            .where(dl.c.endpoint_id == endpoint_id).order_by(at.c.id.desc()).limit(limit)
        )  # fmt: skip
        return [dict(r._mapping) for r in self.session.execute(query)]

    def events(self, state: DeliveryState | None, limit: int) -> list[dict[str, Any]]:
        """Return the newest reported events, with each delivery's state (filtered by one)."""
        query = (
            sa.select(ev.c.id, ev.c.message_id, ev.c.event_type, ev.c.sequence,
                      ev.c.recorded_at, dl.c.endpoint_id, dl.c.state, dl.c.attempts,
                      dl.c.last_status, dl.c.last_error)
            .join(dl, dl.c.event_id == ev.c.id).order_by(ev.c.id.desc()).limit(limit)
        )  # fmt: skip
        if state is not None:
            query = query.where(dl.c.state == state.value)
        return [dict(r._mapping) for r in self.session.execute(query)]

    def troubled(
        self, given_up_only: bool, endpoint_id: int | None, case_number: str, limit: int
    ) -> list[dict[str, Any]]:
        """Return the newest deliveries given up or failing, with their endpoint and case."""
        failing = sa.and_(dl.c.state == S.PENDING.value, dl.c.attempts > 0)
        given_up = dl.c.state == S.GIVEN_UP.value
        query = (
            sa.select(ev.c.id, ev.c.message_id, ev.c.event_type, ev.c.recorded_at,
                      tables.cases.c.case_number, dl.c.endpoint_id, ep.c.url, dl.c.state,
                      dl.c.attempts, dl.c.last_status, dl.c.last_error)
            .join(dl, dl.c.event_id == ev.c.id).join(ep, ep.c.id == dl.c.endpoint_id)
            .join(tables.cases, tables.cases.c.id == ev.c.case_id)
            .where(given_up if given_up_only else sa.or_(given_up, failing))
            .order_by(ev.c.id.desc(), dl.c.endpoint_id).limit(limit)
        )  # fmt: skip
        if endpoint_id is not None:
            query = query.where(dl.c.endpoint_id == endpoint_id)
        if case_number:
            query = query.where(tables.cases.c.case_number == case_number)
        return [dict(r._mapping) for r in self.session.execute(query)]

    def event_type(self, event_id: int) -> str | None:
        """Return the public type of a reported event, or None if there is no such event."""
        return self.session.scalar(sa.select(ev.c.event_type).where(ev.c.id == event_id))

    def replay(self, event_id: int, endpoint_ids: list[int], now: datetime) -> int:
        """Queue the event again to these endpoints, keeping its webhook-id; return how many."""
        event = self.session.execute(sa.select(ev).where(ev.c.id == event_id)).one()
        existing = set(self.session.scalars(
            sa.select(dl.c.endpoint_id).where(dl.c.event_id == event_id)
        ))  # fmt: skip
        again = {"state": S.PENDING.value, "attempts": 0, "next_attempt_at": now,
                 "lease_until": None, "lease_token": None}  # fmt: skip
        self.session.execute(
            sa.update(dl).where(dl.c.event_id == event_id, dl.c.endpoint_id.in_(endpoint_ids))
            .values(**again)
        )  # fmt: skip
        new = [
            {"event_id": event_id, "endpoint_id": i, "case_id": event.case_id,
             "sequence": event.sequence, "last_error": "", **again}
            for i in endpoint_ids if i not in existing
        ]  # fmt: skip
        if new:
            self.session.execute(sa.insert(dl), new)
        return len(endpoint_ids)


def _endpoint(row: Any) -> Endpoint:
    return Endpoint(
        row.id, row.url, row.description, tuple(json.loads(row.event_types)), row.enabled,
        row.disabled_reason, row.created_at,
    )  # fmt: skip
