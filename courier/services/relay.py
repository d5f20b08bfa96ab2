"""Use case: relay the outbox's status reports to the case system's endpoints.

Deliveries are leased in the database before they are sent, so two relay workers never send
one at once and the claims of a killed worker expire and are sent again, with the same
webhook-id. No transaction stays open while reports are on the wire.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from courier.domain.reports import (
    Verdict,
    next_attempt_at,
    retry_after_of,
    signature_header,
    verdict,
)
from courier.domain.webhooks import DeliveryClaim, DeliveryResult, DeliveryState
from courier.ports.case_system import CaseSystem, ReportOutcome, SignedReport
from courier.ports.clock import Clock
from courier.services.unit_of_work import UnitOfWork

Jitter = Callable[[], float]


@dataclass(frozen=True)
class RelayPolicy:
    """How many deliveries one batch claims, how many are sent at once, and the timeout."""

    batch: int = 200
    workers: int = 8
    timeout: float = 10.0  # seconds to connect, and again to read the answer
    max_batches: int = 50  # per run, so that one run ends well before the next

    @property
    def lease(self) -> timedelta:
        """Return a lease longer than sending a whole batch can take."""
        rounds = math.ceil(self.batch / self.workers)
        return timedelta(seconds=2 * self.timeout * rounds + 10)


def relay_reports(
    uow: UnitOfWork,
    case_system: CaseSystem,
    clock: Clock,
    policy: RelayPolicy,
    jitter: Jitter = random.random,
) -> int:
    """Send due reports batch by batch until none is due; return how many attempts were made."""
    attempts = 0
    with ThreadPoolExecutor(policy.workers, thread_name_prefix="courier-relay") as pool:
        for _ in range(policy.max_batches):
            claims = _claim(uow, clock, policy)
            if not claims:
                break
            send = sender(case_system, clock, policy, jitter)
            results = list(pool.map(send, claims))
            with uow:
                uow.outbox.finish(results)
                uow.commit()
            attempts += len(results)
    return attempts


def _claim(uow: UnitOfWork, clock: Clock, policy: RelayPolicy) -> list[DeliveryClaim]:
    now = clock.now()
    with uow:
        claims = uow.outbox.claim(now, now + policy.lease, policy.batch, uuid.uuid4().hex)
        uow.commit()
        return claims


def sender(
    case_system: CaseSystem, clock: Clock, policy: RelayPolicy, jitter: Jitter
) -> Callable[[DeliveryClaim], DeliveryResult]:
    def send(claim: DeliveryClaim) -> DeliveryResult:
        timestamp = int(clock.now().timestamp())
        signatures = signature_header(claim.secrets, claim.message_id, timestamp, claim.body)
        report = SignedReport(claim.url, claim.message_id, timestamp, signatures, claim.body)
        outcome = case_system.post_report(report, policy.timeout)
        return judge(claim, outcome, clock.now(), jitter())

    return send


def judge(
    claim: DeliveryClaim, outcome: ReportOutcome, now: datetime, jitter: float
) -> DeliveryResult:
    """Decide what becomes of a delivery after one attempt."""
    judged = verdict(outcome.status_code)
    state, retry_at = DeliveryState.DELIVERED, None
    if judged is Verdict.DISABLE:
        state = DeliveryState.GIVEN_UP
    elif judged is Verdict.RETRY:
        retry_after = retry_after_of(outcome.retry_after, now)
        retry_at = next_attempt_at(claim.attempts + 1, now, retry_after, jitter)
        state = DeliveryState.GIVEN_UP if retry_at is None else DeliveryState.PENDING
    return DeliveryResult(
        claim, state, retry_at, now, outcome.status_code, outcome.error, outcome.duration_ms,
        disable_endpoint=judged is Verdict.DISABLE,
    )  # fmt: skip
