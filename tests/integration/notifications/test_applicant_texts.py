"""Applicant texts in PostgreSQL and SQLite: once per step, sent once, the phone kept out."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courier.bootstrap import Courier
from courier.domain.leg import LegStatus
from courier.domain.notifications import NotificationStep, SmsStatus
from courier.domain.tracking import LegEvent, LegEventType
from courier.ports.carrier import TraceEvent
from courier.ports.push import PushedBatch
from courier.services.notifications import NotificationPolicy, plan_notifications, send_due_sms
from courier.services.tracking import store_pushed_batch
from courier.storage import tables
from tests import factories
from tests.fake_sms import FakeSmsGateway
from tests.integration.notifications.conftest import deliver, open_booked_case

POLICY = NotificationPolicy("https://courier.example.gov.cn")
MOBILE = factories.applicant().mobile


def messages(app: Courier, case_id: int = 1) -> list[tuple[NotificationStep, SmsStatus]]:
    with app.uow() as uow:
        return [(m.step, m.status) for m in uow.sms_messages.for_case(case_id)]


def test_delivered_originals_plan_one_text_in_the_events_transaction(wired: Courier) -> None:
    waybill = open_booked_case(wired)
    deliver(wired, waybill)
    deliver(wired, waybill, hours=2)  # later duplicates of the same steps
    assert messages(wired) == [(NotificationStep.ORIGINALS_ARRIVED, SmsStatus.PLANNED)]


def test_an_opted_out_case_plans_nothing(wired: Courier) -> None:
    deliver(wired, open_booked_case(wired, opted_in=False))
    assert messages(wired) == []


def test_simultaneous_plans_of_one_step_leave_one_text_and_fail_no_transaction(
    wired: Courier,
) -> None:
    open_booked_case(wired)
    event = LegEvent(1, 1, LegEventType.DELIVERED, LegStatus.DELIVERED, "", factories.NOW)
    barrier, errors = threading.Barrier(4), []

    def plan() -> None:
        try:
            with wired.uow() as uow:
                barrier.wait(timeout=10)
                plan_notifications(uow, [event], factories.NOW)
                uow.commit()
        except Exception as error:  # collected: the assertion below names it
            errors.append(error)

    threads = [threading.Thread(target=plan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    if wired.engine.dialect.name == "sqlite":
        # SQLite writes one at a time: a writer may find the database locked, never a second text
        errors = [e for e in errors if "locked" not in str(e)]
    assert errors == []
    assert messages(wired) == [(NotificationStep.ORIGINALS_ARRIVED, SmsStatus.PLANNED)]


def test_a_due_text_is_sent_once_with_the_decrypted_number_which_is_never_logged_or_stored(
    wired: Courier, caplog: pytest.LogCaptureFixture
) -> None:
    deliver(wired, open_booked_case(wired))
    sms = FakeSmsGateway()
    with caplog.at_level(logging.DEBUG):
        assert send_due_sms(wired.uow(), sms, wired.clock, POLICY) == 1
        assert send_due_sms(wired.uow(), sms, wired.clock, POLICY) == 0
    ((mobile, text, _),) = sms.sent
    assert mobile == MOBILE and "BJ2026112600001" in text
    assert messages(wired) == [(NotificationStep.ORIGINALS_ARRIVED, SmsStatus.SENT)]
    assert all(MOBILE not in record.getMessage() for record in caplog.records)
    with wired.engine.connect() as connection:
        row = connection.execute(sa.select(tables.sms_messages)).one()
    assert MOBILE not in str(tuple(row)) and row.text == text and row.sent_at is not None


def test_two_senders_at_once_claim_different_texts(wired: Courier) -> None:
    for n in range(6):
        deliver(wired, open_booked_case(wired, f"BJ202611260000{n}"))
    now = factories.NOW
    claimed: list[list[int]] = []
    barrier = threading.Barrier(2)

    def claim() -> None:
        with wired.uow() as uow:
            barrier.wait(timeout=10)
            claimed.append(uow.sms_messages.claim_due(now, now + POLICY.lease, 100))
            uow.commit()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    everything = [i for ids in claimed for i in ids]
    assert sorted(everything) == sorted(set(everything)) and len(everything) == 6


def test_a_delivery_pushed_before_the_waybill_was_booked_plans_its_text_on_booking(
    wired: Courier,
) -> None:
    first_waybill = "1100000000001"  # the fake carrier's first number
    events = [
        TraceEvent(first_waybill, factories.NOW + timedelta(hours=1), "203"),
        TraceEvent(first_waybill, factories.NOW + timedelta(hours=6), "704"),
    ]
    store_pushed_batch(wired.uow(), wired.clock, PushedBatch("P1", tuple(events)))
    assert open_booked_case(wired) == first_waybill
    assert messages(wired) == [(NotificationStep.ORIGINALS_ARRIVED, SmsStatus.PLANNED)]
