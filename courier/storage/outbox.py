"""The outbox in SQL: numbered reports, their deliveries, and the relay's leases."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from courier.domain.text import Text
from courier.domain.webhooks import DeliveryClaim, DeliveryResult, DeliveryState, OutboxEntry
from courier.storage import tables

ev, dl, ep, at = (
    tables.outbox_events, tables.webhook_deliveries, tables.webhook_endpoints,
    tables.webhook_attempts,
)  # fmt: skip
PENDING = DeliveryState.PENDING.value


class SqlOutbox:
    def __init__(self, session: Session) -> None:
        self.session = session

    def lock_cases(self, case_ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """Lock the cases' rows until commit; return each case's number and last sequence.

        Locked in id order, so that two transactions never wait for each other in a circle.
        """
        ids = sorted(set(case_ids))
        if not ids:
            return {}
        c = tables.cases
        # No flush first: booking relies on its new waybill reaching the database at commit.
        with self.session.no_autoflush:
            numbers = self.session.execute(
                sa.select(c.c.id, c.c.case_number)
                .where(c.c.id.in_(ids)).order_by(c.c.id)
                .with_for_update(key_share=True)  # FOR NO KEY UPDATE: foreign keys still work
            ).all()  # fmt: skip
            last = self.session.execute(
                sa.select(ev.c.case_id, sa.func.max(ev.c.sequence))
                .where(ev.c.case_id.in_(ids)).group_by(ev.c.case_id)
            ).all()  # fmt: skip
        sequences = {row[0]: row[1] for row in last}
        return {row.id: (row.case_number, sequences.get(row.id) or 0) for row in numbers}

    def add(self, entries: Sequence[OutboxEntry], at_: datetime) -> int:
        """Store the entries and a delivery per subscribed endpoint; return how many deliveries."""
        if not entries:
            return 0
        rows = [
            {**_event_row(e), "body": e.body.decode("utf-8")} for e in entries
        ]  # fmt: skip
        with self.session.no_autoflush:
            ids = self.session.scalars(
                sa.insert(ev).returning(ev.c.id, sort_by_parameter_order=True), rows
            ).all()
            endpoints = self.session.execute(
                sa.select(ep.c.id, ep.c.event_types).where(ep.c.enabled.is_(True))
            ).all()
            subscribed = [(row.id, set(json.loads(row.event_types))) for row in endpoints]
            deliveries = [
                _delivery_row(event_id, endpoint_id, entry, at_)
                for event_id, entry in zip(ids, entries, strict=True)
                for endpoint_id, types in subscribed
                if entry.event_type in types
            ]
            if deliveries:
                self.session.execute(sa.insert(dl), deliveries)
        return len(deliveries)

    def claim(self, now: datetime, until: datetime, limit: int, token: str) -> list[DeliveryClaim]:
        """Lease due deliveries whose case has no earlier report still pending at that endpoint."""
        earlier = dl.alias("earlier")
        blocked = sa.exists().where(
            earlier.c.endpoint_id == dl.c.endpoint_id,
            earlier.c.case_id == dl.c.case_id,
            earlier.c.sequence < dl.c.sequence,
            earlier.c.state == PENDING,
        )
        due = (
            sa.select(dl.c.id).join(ep, ep.c.id == dl.c.endpoint_id)
            .where(dl.c.state == PENDING, dl.c.next_attempt_at <= now, ep.c.enabled.is_(True))
            .where(sa.or_(dl.c.lease_until.is_(None), dl.c.lease_until < now), ~blocked)
            .order_by(dl.c.next_attempt_at, dl.c.id).limit(limit)
            .with_for_update(of=dl, skip_locked=True)
        )  # fmt: skip
        ids = self.session.scalars(due).all()
        if not ids:
            return []
        # The lease condition again: on SQLite (no row locks) it keeps two workers apart.
        self.session.execute(
            sa.update(dl)
            .where(dl.c.id.in_(ids), sa.or_(dl.c.lease_until.is_(None), dl.c.lease_until < now))
            .values(lease_until=until, lease_token=token)
        )  # fmt: skip
        return self._claimed(token, now)

    def _claimed(self, token: str, now: datetime) -> list[DeliveryClaim]:
        query = (
            sa.select(
                dl.c.id, dl.c.endpoint_id, dl.c.attempts, ep.c.url, ep.c.secret,
                ep.c.previous_secret, ep.c.previous_secret_until, ev.c.message_id, ev.c.body,
            )
            .join(ep, ep.c.id == dl.c.endpoint_id).join(ev, ev.c.id == dl.c.event_id)
            .where(dl.c.lease_token == token).order_by(dl.c.id)
        )  # fmt: skip
        return [_claim_of(r, token, now) for r in self.session.execute(query)]

    def finish(self, results: Sequence[DeliveryResult]) -> None:
        """Record the attempts and move each delivery on, unless its lease was lost meanwhile."""
        if not results:
            return
        self.session.execute(sa.insert(at), [_attempt_row(r) for r in results])
        self.session.execute(
            sa.update(dl)
            .where(dl.c.id == sa.bindparam("b_id"), dl.c.lease_token == sa.bindparam("b_token"))
            .values(
                state=sa.bindparam("b_state"), attempts=dl.c.attempts + 1,
                next_attempt_at=sa.bindparam("b_next"), last_status=sa.bindparam("b_status"),
                last_error=sa.bindparam("b_error"), lease_until=None, lease_token=None,
            ),
            [_finish_row(r) for r in results],
        )  # fmt: skip
        for endpoint_id in {r.claim.endpoint_id for r in results if r.disable_endpoint}:
            self.session.execute(
                sa.update(ep).where(ep.c.id == endpoint_id)
                .values(enabled=False, disabled_reason=Text("对方返回 410 Gone，已停用。"))
            )  # fmt: skip


def _event_row(e: OutboxEntry) -> dict[str, object]:
    return {
        "message_id": e.message_id, "case_id": e.case_id, "sequence": e.sequence,
        "leg_id": e.leg_id, "event_type": e.event_type, "recorded_at": e.recorded_at,
    }  # fmt: skip


def _delivery_row(
    event_id: int, endpoint_id: int, entry: OutboxEntry, now: datetime
) -> dict[str, object]:
    return {
        "event_id": event_id, "endpoint_id": endpoint_id, "case_id": entry.case_id,
        "sequence": entry.sequence, "state": PENDING, "attempts": 0, "next_attempt_at": now,
        "last_error": "",
    }  # fmt: skip


def _claim_of(r: Any, token: str, now: datetime) -> DeliveryClaim:
    body = r.body.encode("utf-8")
    secrets = _secrets(r, now)
    return DeliveryClaim(r.id, token, r.endpoint_id, r.url, secrets, r.message_id, body, r.attempts)


def _secrets(row: Any, now: datetime) -> tuple[str, ...]:
    """Return the current secret and, during a rotation's grace period, the previous one."""
    until = row.previous_secret_until
    previous = row.previous_secret if until is not None and until > now else None
    return (row.secret,) + ((previous,) if previous else ())


def _attempt_row(r: DeliveryResult) -> dict[str, object]:
    return {
        "delivery_id": r.claim.delivery_id, "attempted_at": r.attempted_at,
        "status_code": r.status_code, "error": r.error[:300], "duration_ms": r.duration_ms,
    }  # fmt: skip


def _finish_row(r: DeliveryResult) -> dict[str, object]:
    return {
        "b_id": r.claim.delivery_id, "b_token": r.claim.lease_token, "b_state": r.state.value,
        "b_next": r.next_attempt_at or r.attempted_at, "b_status": r.status_code,
        "b_error": r.error[:300],
    }  # fmt: skip
