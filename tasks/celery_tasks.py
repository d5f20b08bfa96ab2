"""Celery tasks: thin wrappers that run one job; retry policy lives in the decorators."""

from __future__ import annotations

from celery import shared_task

from courier.app.context import courier
from tasks.jobs import anonymise_closed_cases as anonymise_closed_cases_job
from tasks.jobs import book_leg as book_leg_job
from tasks.jobs import detect_stuck_legs as detect_stuck_legs_job
from tasks.jobs import poll_tracking as poll_tracking_job
from tasks.jobs import purge_audit_log as purge_audit_log_job
from tasks.jobs import purge_idempotency_keys as purge_idempotency_keys_job
from tasks.jobs import relay_reports as relay_reports_job
from tasks.jobs import send_due_sms as send_due_sms_job
from tasks.jobs import sweep_bookings as sweep_bookings_job

WAITING = {"queued", "booking_uncertain"}


class BookingPending(Exception):
    """The carrier could not settle the booking yet; try again with backoff."""


@shared_task(  # type: ignore[untyped-decorator]
    name="courier.book_leg",
    autoretry_for=(BookingPending,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=12,
)
def book_leg(leg_id: int) -> str:
    status: str = book_leg_job(courier(), leg_id)
    if status in WAITING:
        raise BookingPending(status)
    return status


@shared_task(name="courier.sweep_bookings", ignore_result=True)  # type: ignore[untyped-decorator]
def sweep_bookings() -> int:
    count: int = sweep_bookings_job(courier())
    return count


@shared_task(name="courier.poll_tracking", ignore_result=True)  # type: ignore[untyped-decorator]
def poll_tracking() -> int:
    count: int = poll_tracking_job(courier())
    return count


@shared_task(name="courier.detect_stuck_legs", ignore_result=True)  # type: ignore[untyped-decorator]
def detect_stuck_legs() -> int:
    count: int = detect_stuck_legs_job(courier())
    return count


@shared_task(name="courier.send_due_sms", ignore_result=True)  # type: ignore[untyped-decorator]
def send_due_sms() -> int:
    count: int = send_due_sms_job(courier())
    return count


@shared_task(name="courier.purge_idempotency_keys", ignore_result=True)  # type: ignore[untyped-decorator]
def purge_idempotency_keys() -> int:
    count: int = purge_idempotency_keys_job(courier())
    return count


@shared_task(name="courier.relay_reports", ignore_result=True)  # type: ignore[untyped-decorator]
def relay_reports() -> int:
    count: int = relay_reports_job(courier())
    return count


@shared_task(name="courier.purge_audit_log", ignore_result=True)  # type: ignore[untyped-decorator]
def purge_audit_log() -> int:
    count: int = purge_audit_log_job(courier())
    return count


@shared_task(name="courier.anonymise_closed_cases", ignore_result=True)  # type: ignore[untyped-decorator]
def anonymise_closed_cases() -> int:
    count: int = anonymise_closed_cases_job(courier())
    return count
