"""Fakes of applicant notifications: the texts table and an SMS gateway with set answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from courier.domain.notifications import (
    NotificationStep,
    NotificationSubject,
    SmsMessage,
    SmsStatus,
)
from courier.ports.sms import SmsAccepted, SmsOutcome


@dataclass
class FakeRow:
    message: SmsMessage
    leg_id: int | None
    next_attempt_at: datetime
    claimed_until: datetime | None = None
    gateway_id: str = ""
    sent_at: datetime | None = None


class FakeSmsMessages:
    """The sms_messages table in memory, with its (case, step) unique rule."""

    def __init__(self, legs: Any, cases: Any) -> None:
        self.legs, self.cases = legs, cases
        self.rows: dict[int, FakeRow] = {}

    def subjects_of(self, leg_ids: Sequence[int]) -> dict[int, NotificationSubject]:
        subjects = {}
        for leg_id in leg_ids:
            leg = self.legs.get(leg_id)
            case = self.cases.get_by_id(leg.case_id) if leg else None
            if case is not None:
                subjects[leg_id] = NotificationSubject(
                    case.id, leg.kind, case.result_delivery, case.notify_applicant
                )
        return subjects

    def plan(self, case_id: int, leg_id: int | None, step: NotificationStep, at: datetime) -> bool:
        if any((r.message.case_id, r.message.step) == (case_id, step) for r in self.rows.values()):
            return False
        message_id = len(self.rows) + 1
        message = SmsMessage(message_id, case_id, step, SmsStatus.PLANNED, 0, at)
        self.rows[message_id] = FakeRow(message, leg_id, at)
        return True

    def claim_due(self, now: datetime, until: datetime, limit: int) -> list[int]:
        def due(row: FakeRow) -> bool:
            free = row.claimed_until is None or row.claimed_until < now
            planned = row.message.status is SmsStatus.PLANNED
            return planned and row.next_attempt_at <= now and free

        won = sorted((r for r in self.rows.values() if due(r)), key=lambda r: r.next_attempt_at)
        for row in won[:limit]:
            row.claimed_until = until
        return [row.message.id for row in won[:limit]]

    def get(self, message_id: int) -> SmsMessage | None:
        row = self.rows.get(message_id)
        return row.message if row else None

    def for_case(self, case_id: int) -> list[SmsMessage]:
        return [r.message for r in self.rows.values() if r.message.case_id == case_id]

    def settle(self, message_id: int, changes: Mapping[str, Any]) -> None:
        row = self.rows[message_id]
        own = {k: v for k, v in changes.items() if k in SmsMessage.__dataclass_fields__}
        row.message = replace(row.message, **own)
        for name in ("next_attempt_at", "gateway_id", "sent_at"):
            if name in changes:
                setattr(row, name, changes[name])
        row.claimed_until = None


class FakeSmsGateway:
    """Record every text; answer with the queued outcomes, then accept."""

    def __init__(self, *outcomes: SmsOutcome) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[str, str, str]] = []

    def send(self, mobile: str, text: str, reference: str) -> SmsOutcome:
        self.sent.append((mobile, text, reference))
        return self.outcomes.pop(0) if self.outcomes else SmsAccepted(f"gw-{len(self.sent)}")
