"""Background jobs: JSON-only arguments, load by id, call one service function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courier.bootstrap import Courier
from courier.ports.call_log import leg_reference
from courier.services import booking, idempotency, notifications, polling, relay, retention
from courier.storage.idempotency import SqlIdempotencyStore

Job = Callable[..., Any]
JOBS: dict[str, Job] = {}
# Periodic jobs and their interval in seconds: the one schedule of Celery beat and of the
# embedded runner. The poll runs often and cheaply: each leg's own next_poll_at decides.
PERIODIC: dict[str, float] = {
    "sweep_bookings": 30.0,
    "poll_tracking": 60.0,
    "detect_stuck_legs": 900.0,
    "send_due_sms": 30.0,
    "purge_idempotency_keys": 3600.0,
    "relay_reports": 5.0,  # retries fall due; new reports are relayed at once after commit
    "purge_audit_log": 86400.0,
    "anonymise_closed_cases": 86400.0,
}


def job(function: Job) -> Job:
    JOBS[function.__name__] = function
    return function


@job
def book_leg(app: Courier, leg_id: int) -> str:
    """Take one booking step for a leg."""
    with leg_reference(str(leg_id)):
        return booking.book_leg(
            app.uow(), app.carrier(), app.clock, leg_id, app.booking_policy()
        ).value


@job
def sweep_bookings(app: Courier) -> int:
    """Queue every leg whose booking is waiting, uncertain, abandoned or due to reconcile."""
    leg_ids = booking.legs_to_sweep(app.uow(), app.clock)
    for leg_id in leg_ids:
        app.tasks.enqueue("book_leg", leg_id=leg_id)
    return len(leg_ids)


@job
def poll_tracking(app: Courier) -> int:
    """Fetch tracks of legs whose next poll is due, in case pushes were missed."""
    return polling.poll_due_legs(
        app.uow(), app.carrier(), app.clock, app.poll_limiter(), app.poll_policy()
    )


@job
def detect_stuck_legs(app: Courier) -> int:
    """Flag legs without tracking news for longer than their stage allows."""
    return polling.detect_stuck_legs(app.uow(), app.clock, app.stuck_thresholds())


@job
def send_due_sms(app: Courier) -> int:
    """Send the applicants' texts that are due (none during quiet hours)."""
    return notifications.send_due_sms(app.uow(), app.sms(), app.clock, app.notification_policy())


@job
def purge_idempotency_keys(app: Courier) -> int:
    """Forget API Idempotency-Keys past their time (COURIER_IDEMPOTENCY_KEY_HOURS)."""
    store = SqlIdempotencyStore(app.engine)
    return idempotency.purge_expired(store, app.clock.now())


@job
def relay_reports(app: Courier) -> int:
    """Send due status reports to the case system's endpoints."""
    return relay.relay_reports(app.uow(), app.case_system(), app.clock, app.relay_policy())


def run_job(app: Courier, name: str, arguments: dict[str, Any]) -> Any:
    return JOBS[name](app, **arguments)


@job
def purge_audit_log(app: Courier) -> int:
    """Delete log rows past COURIER_AUDIT_RETENTION_DAYS."""
    days = app.settings.audit_retention_days
    return retention.purge_audit_log(app.uow(), app.clock.now(), days)


@job
def anonymise_closed_cases(app: Courier) -> int:
    """Anonymise closed cases past COURIER_APPLICANT_RETENTION_DAYS."""
    days = app.settings.applicant_retention_days
    return retention.anonymise_closed_cases(app.uow(), app.clock.now(), days)
