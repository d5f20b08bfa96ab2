"""Use cases of applicant notifications: plan a text per step, send the due ones.

Texts are planned in the transaction that stores the leg events, so a step is texted
exactly when it is recorded; the (case, step) unique rule makes planning it again a no-op.
Sending happens later, outside any transaction, and never during quiet hours.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Protocol

from courier.domain.notifications import (
    STEP_OF,
    RetryPolicy,
    SmsMessage,
    SmsStatus,
    step_for,
    text_for,
)
from courier.domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from courier.ports.clock import Clock
from courier.ports.sms import SmsAccepted, SmsGateway, SmsOutcome, SmsRefused, SmsUnavailable
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
TEXTED_EVENT_TYPES = frozenset(event_type for _, _, event_type in STEP_OF)


class StepEvent(Protocol):
    """A leg event as stored: only its leg and its type matter here."""

    @property
    def leg_id(self) -> int | None: ...

    @property
    def event_type(self) -> Enum | str: ...


@dataclass(frozen=True)
class NotificationPolicy:
    """Where the tracking link points, when not to text, and how sending is retried."""

    public_base_url: str
    quiet_hours: QuietHours = field(default_factory=lambda: QuietHours.parse(DEFAULT_QUIET_HOURS))
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    # Longer than one gateway call can take, so a claim only expires when its worker is gone.
    lease: timedelta = timedelta(minutes=2)
    batch: int = 100


def plan_notifications(uow: UnitOfWork, events: Iterable[StepEvent], now: datetime) -> int:
    """Plan the applicant's text of every step these events reach; return how many are new."""
    texted = [(e.leg_id, t) for e in events if (t := _type_of(e)) in TEXTED_EVENT_TYPES]
    leg_ids = [leg_id for leg_id, _ in texted if leg_id is not None]
    if not leg_ids:
        return 0  # most events are not texted: spare the query
    subjects = uow.sms_messages.subjects_of(leg_ids)
    planned = 0
    for leg_id, event_type in texted:
        subject = subjects.get(leg_id or 0)
        step = step_for(subject, event_type) if subject else None
        if subject is not None and step is not None:
            planned += uow.sms_messages.plan(subject.case_id, leg_id, step, now)
    return planned


def send_due_sms(uow: UnitOfWork, sms: SmsGateway, clock: Clock, policy: NotificationPolicy) -> int:
    """Send the texts that are due, unless it is quiet hours; return how many were accepted."""
    accepted = 0
    for _ in range(policy.batch):
        message_id = _claim_next(uow, clock, policy)
        if message_id is None:
            break
        accepted += _send_one(uow, sms, clock, policy, message_id)
    return accepted


def _claim_next(uow: UnitOfWork, clock: Clock, policy: NotificationPolicy) -> int | None:
    """Lease one due text, so a claim only ever covers one gateway call (shorter than it)."""
    now = clock.now()
    if policy.quiet_hours.contains(now):
        return None
    with uow:
        claimed = uow.sms_messages.claim_due(now, now + policy.lease, 1)
        uow.commit()
    return claimed[0] if claimed else None


def _send_one(
    uow: UnitOfWork, sms: SmsGateway, clock: Clock, policy: NotificationPolicy, message_id: int
) -> bool:
    with uow:
        message = uow.sms_messages.get(message_id)
        case = uow.cases.get_by_id(message.case_id) if message else None
        if message is None or case is None or not case.notify_applicant:
            uow.sms_messages.settle(message_id, {"status": SmsStatus.SKIPPED})
            uow.commit()
            return False
        # The number is decrypted here, for this one call, and goes nowhere else.
        mobile = case.applicant.mobile
        text = text_for(message.step, case.case_number, policy.public_base_url)
    outcome = _call(sms, mobile, text, f"sms-{message_id}")
    with uow:
        uow.sms_messages.settle(message_id, _changes(message, text, outcome, clock.now(), policy))
        uow.commit()
    return isinstance(outcome, SmsAccepted)


def _call(sms: SmsGateway, mobile: str, text: str, reference: str) -> SmsOutcome:
    try:
        return sms.send(mobile, text, reference)
    except Exception as error:  # an adapter's bug must not leave the text claimed
        log.warning("sms %s: gateway adapter failed (%s)", reference, type(error).__name__)
        return SmsUnavailable(type(error).__name__)


def _changes(
    message: SmsMessage, text: str, outcome: SmsOutcome, now: datetime, policy: NotificationPolicy
) -> dict[str, Any]:
    """Return the columns an outcome sets: sent, refused for good, or tried again later."""
    attempts = message.attempts + 1
    done = {"attempts": attempts, "text": text}
    if isinstance(outcome, SmsAccepted):
        return {**done, "status": SmsStatus.SENT, "gateway_id": outcome.gateway_id[:100],
                "sent_at": now, "last_error": ""}  # fmt: skip
    if isinstance(outcome, SmsRefused):
        log.info("sms %s refused by the gateway", message.id)
        return {**done, "status": SmsStatus.REFUSED, "last_error": outcome.reason[:200]}
    later = policy.retry.next_attempt(attempts, now)
    if later is None:
        log.warning("sms %s given up after %d attempts", message.id, attempts)
        return {**done, "status": SmsStatus.GIVEN_UP, "last_error": outcome.reason[:200]}
    next_at = policy.quiet_hours.send_at(later)
    return {**done, "next_attempt_at": next_at, "last_error": outcome.reason[:200]}


def _type_of(event: StepEvent) -> str:
    kind = event.event_type
    return str(kind.value) if isinstance(kind, Enum) else str(kind)
