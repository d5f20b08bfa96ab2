"""Use case: ask the carrier for the tracks of legs whose next poll is due."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from courier.domain.poll_schedule import PollClaim, PollSchedule, next_poll_at
from courier.domain.stuck import StuckThresholds, review
from courier.ports.carrier import Carrier, CarrierError
from courier.ports.clock import Clock
from courier.ports.rate_limit import RateLimiter
from courier.services import events
from courier.services.events import stuck_event
from courier.services.tracking import record_tracking_events
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

POLL_BATCH = 50  # waybills per QueryTrace, the carrier's limit


@dataclass(frozen=True)
class PollPolicy:
    schedule: PollSchedule = field(default_factory=PollSchedule)
    lease: timedelta = timedelta(minutes=5)  # longer than one QueryTrace can take
    rate_limited_for: timedelta = timedelta(minutes=1)
    max_calls: int = 20  # per run, so that one run ends well before the next


def poll_due_legs(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, limiter: RateLimiter, policy: PollPolicy
) -> int:
    """Poll due legs in batches until none is due or the run's calls are used; return calls."""
    calls = 0
    while calls < policy.max_calls:
        now = clock.now()
        with uow:
            claims = uow.legs.claim_due_polls(now, now + policy.lease, POLL_BATCH)
            uow.commit()
        if not claims:
            break
        made = _poll_claims(uow, carrier, clock, limiter, policy, claims)
        if not made:
            break  # every account left is over its limit: the next run goes on
        calls += made
    return calls


def _poll_claims(
    uow: UnitOfWork,
    carrier: Carrier,
    clock: Clock,
    limiter: RateLimiter,
    policy: PollPolicy,
    claims: Sequence[PollClaim],
) -> int:
    """Poll one claimed batch, one QueryTrace per carrier account; return calls made."""
    by_account: dict[str, list[PollClaim]] = defaultdict(list)
    for claim in claims:
        by_account[claim.customer_no].append(claim)
    calls = 0
    for account, batch in by_account.items():
        now = clock.now()
        if not limiter.allow(account, now):
            _postpone(uow, batch, now + policy.rate_limited_for)
            continue
        calls += 1
        _poll_batch(uow, carrier, clock, policy, batch)
    return calls


def _poll_batch(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, policy: PollPolicy, batch: list[PollClaim]
) -> None:
    try:
        tracks = carrier.query_trace([claim.waybill_no for claim in batch])
    except CarrierError as error:
        log.warning("QueryTrace of %d waybills failed: %s", len(batch), type(error).__name__)
        _postpone(uow, batch, clock.now() + policy.schedule.after_error)
        return
    events = [e for events in tracks.values() for e in events]
    record_tracking_events(uow, clock, events, policy.schedule)
    _schedule(uow, clock.now(), policy.schedule, batch)


def _postpone(uow: UnitOfWork, batch: list[PollClaim], until: datetime) -> None:
    with uow:
        uow.legs.postpone_polls([claim.leg_id for claim in batch], until)
        uow.commit()


def _schedule(
    uow: UnitOfWork, now: datetime, schedule: PollSchedule, batch: list[PollClaim]
) -> None:
    """Set each polled leg's next poll from its status and newest event; release the lease."""
    with uow:
        tracks = uow.legs.tracking_of([claim.waybill_no for claim in batch])
        for track in tracks:
            track.next_poll_at = next_poll_at(track.status, track.tracked_at, now, schedule)
        uow.legs.save_tracking(tracks)
        uow.legs.release_polls([claim.leg_id for claim in batch])
        uow.commit()


def detect_stuck_legs(uow: UnitOfWork, clock: Clock, thresholds: StuckThresholds) -> int:
    """Flag legs without news for longer than their stage allows, clear those that moved."""
    now = clock.now()
    with uow:
        legs = uow.legs.quiet_since(now - thresholds.shortest)
        known = {leg.id for leg in legs if leg.exception_reason}
        changed = sum(review(leg, now, thresholds) for leg in legs)
        flagged = [leg for leg in legs if leg.exception_reason and leg.id not in known]
        events.record(uow, [stuck_event(leg, now) for leg in flagged])
        uow.commit()
        return changed
