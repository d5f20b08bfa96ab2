"""The one place where domain events are recorded: the event log and the outbox, together."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from courier.domain.leg import Leg, LegStatus
from courier.domain.reports import PUBLIC_TYPES, new_message_id
from courier.domain.tracking import LegEvent, leg_event
from courier.domain.tracking import LegEventType as E
from courier.domain.webhooks import OutboxEntry
from courier.services.notifications import plan_notifications
from courier.services.report_models import ReportData, StatusReport
from courier.services.unit_of_work import UnitOfWork

RELAY_JOB = "relay_reports"


def record(uow: UnitOfWork, events: Sequence[LegEvent]) -> None:
    """Store events, their reports and the applicant's texts in the caller's transaction.

    Reports are relayed after commit, texts sent by their own job (`send_due_sms`).

    The cases' rows stay locked until commit, so each case's reports are numbered 1, 2, 3…
    in the order they commit, even when two transactions report on one case at once.
    """
    reported = [e for e in events if e.event_type in PUBLIC_TYPES and e.case_id is not None]
    # Lock first: rows referring to a case take a share lock on it that the lock would wait for.
    cases = uow.outbox.lock_cases(e.case_id for e in reported if e.case_id is not None)
    if events:
        uow.leg_events.add(events)
        plan_notifications(uow, events, events[0].recorded_at or events[0].occurred_at)
    if not reported:
        return
    entries = []
    for event in reported:
        case_number, last = cases[event.case_id or 0]
        cases[event.case_id or 0] = (case_number, last + 1)
        entries.append(_entry(event, case_number, last + 1))
    if uow.outbox.add(entries, entries[0].recorded_at):
        uow.enqueue_after_commit(RELAY_JOB)


def uncertain(leg: Leg, before: LegStatus, at: datetime) -> list[LegEvent]:
    """Return the booking-uncertain event of a leg that just became uncertain, if it did."""
    became = leg.status is LegStatus.BOOKING_UNCERTAIN and before is not leg.status
    return [leg_event(leg, E.BOOKING_UNCERTAIN, at, leg.last_error)] if became else []


def handed_over(legs: Sequence[Leg], at: datetime) -> list[LegEvent]:
    return [leg_event(leg, E.HANDED_OVER, at) for leg in legs]


def stuck_event(leg: Leg, at: datetime) -> LegEvent:
    """Return the event of a leg just flagged stuck."""
    return leg_event(leg, E.STUCK, at, leg.exception_reason or "")


def _entry(event: LegEvent, case_number: str, sequence: int) -> OutboxEntry:
    recorded_at = event.recorded_at or event.occurred_at
    event_type = PUBLIC_TYPES[event.event_type]
    report = StatusReport(
        type=event_type, timestamp=recorded_at, data=_data(event, case_number, sequence)
    )
    body = report.model_dump_json().encode("utf-8")
    return OutboxEntry(
        new_message_id(), event.case_id or 0, sequence, event.leg_id, event_type, body, recorded_at
    )


def _data(event: LegEvent, case_number: str, sequence: int) -> ReportData:
    return ReportData(
        case_number=case_number,
        sequence=sequence,
        leg_id=event.leg_id,
        leg_kind=event.leg_kind,
        waybill_no=event.waybill_no,
        status=event.status.value,
        reason=event.reason,
        occurred_at=event.occurred_at,
    )
