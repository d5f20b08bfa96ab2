"""Applicant texts: planned once per step with the leg events, sent when due, retried right."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.notifications import NotificationStep, RetryPolicy, SmsStatus
from courier.domain.quiet_hours import QuietHours
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.ports.sms import SmsRefused, SmsUnavailable
from courier.services.booking import book_leg
from courier.services.notifications import NotificationPolicy, send_due_sms
from courier.services.tracking import record_tracking_events
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.fake_sms import FakeSmsGateway
from tests.fakes import FakeUnitOfWork

# factories.NOW is 17:00 China time: outside the default quiet hours.
POLICY = NotificationPolicy("https://courier.example.gov.cn")


def originals_booked(opted_in: bool = True) -> tuple[FakeUnitOfWork, FixedClock, str]:
    uow, clock = FakeUnitOfWork(), FixedClock(factories.NOW)
    case = factories.case()
    case.notify_applicant = opted_in
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    book_leg(uow, FakeCarrier(), clock, 1)
    return uow, clock, uow.legs.get(1).waybill_no


def track(uow: FakeUnitOfWork, clock: FixedClock, waybill: str, *codes: str) -> None:
    """Report the codes as happening now, a minute apart, after everything reported before."""
    start = max((e.op_time for e in uow.tracking.events_for(waybill)), default=factories.NOW)
    events = [
        TraceEvent(waybill, start + timedelta(minutes=i + 1), code) for i, code in enumerate(codes)
    ]
    record_tracking_events(uow, clock, events)


def test_delivery_of_the_originals_plans_one_text_and_moving_steps_plan_none() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "954", "702")
    assert uow.sms_messages.for_case(1) == []
    track(uow, clock, waybill, "704")
    (message,) = uow.sms_messages.for_case(1)
    assert (message.step, message.status) == (NotificationStep.ORIGINALS_ARRIVED, SmsStatus.PLANNED)


def test_a_step_reached_again_is_texted_once() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    track(uow, clock, waybill, "744")  # delivery reversed
    track(uow, clock, waybill, "704")  # and delivered again, later
    assert len(uow.sms_messages.for_case(1)) == 1


def test_an_applicant_who_opted_out_gets_no_text() -> None:
    uow, clock, waybill = originals_booked(opted_in=False)
    track(uow, clock, waybill, "203", "704")
    assert uow.sms_messages.for_case(1) == []


def test_a_due_text_is_sent_to_the_applicants_mobile_with_the_case_number() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    sms = FakeSmsGateway()
    assert send_due_sms(uow, sms, clock, POLICY) == 1
    ((mobile, text, reference),) = sms.sent
    assert mobile == "13112341907" and "BJ2026112600001" in text and reference == "sms-1"
    assert "https://courier.example.gov.cn/track" in text
    (message,) = uow.sms_messages.for_case(1)
    assert (message.status, message.text, message.attempts) == (SmsStatus.SENT, text, 1)
    assert send_due_sms(uow, sms, clock, POLICY) == 0 and len(sms.sent) == 1


def test_nothing_is_sent_during_quiet_hours_and_the_text_goes_at_their_end() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    sms = FakeSmsGateway()
    night = NotificationPolicy(POLICY.public_base_url, QuietHours.parse("16:00-08:00"))
    assert send_due_sms(uow, sms, clock, night) == 0 and sms.sent == []
    clock.advance(hours=15)  # 08:00 China time
    assert send_due_sms(uow, sms, clock, night) == 1


def test_a_refused_number_is_not_tried_again() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    sms = FakeSmsGateway(SmsRefused("空号"))
    send_due_sms(uow, sms, clock, POLICY)
    clock.advance(days=3)
    send_due_sms(uow, sms, clock, POLICY)
    assert len(sms.sent) == 1
    (message,) = uow.sms_messages.for_case(1)
    assert (message.status, message.last_error) == (SmsStatus.REFUSED, "空号")


def test_an_unavailable_gateway_is_retried_after_a_wait_then_given_up() -> None:
    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    policy = NotificationPolicy(POLICY.public_base_url, retry=RetryPolicy(attempts=3))
    sms = FakeSmsGateway(*[SmsUnavailable("503")] * 3)
    send_due_sms(uow, sms, clock, policy)
    send_due_sms(uow, sms, clock, policy)  # the wait has not passed
    assert len(sms.sent) == 1
    clock.advance(minutes=1)
    send_due_sms(uow, sms, clock, policy)
    clock.advance(minutes=2)
    send_due_sms(uow, sms, clock, policy)
    clock.advance(days=1)
    send_due_sms(uow, sms, clock, policy)
    assert len(sms.sent) == 3
    (message,) = uow.sms_messages.for_case(1)
    assert (message.status, message.attempts) == (SmsStatus.GIVEN_UP, 3)


def test_an_adapter_that_raises_counts_as_unavailable_and_is_retried() -> None:
    class Broken:
        def send(self, mobile: str, text: str, reference: str) -> SmsRefused:
            raise RuntimeError("bug")

    uow, clock, waybill = originals_booked()
    track(uow, clock, waybill, "203", "704")
    assert send_due_sms(uow, Broken(), clock, POLICY) == 0
    clock.advance(minutes=1)
    assert send_due_sms(uow, FakeSmsGateway(), clock, POLICY) == 1


def test_the_result_for_window_pickup_is_texted_when_sent_and_when_at_the_hall() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(factories.NOW)
    case = factories.case(delivery=ResultDelivery.PICKUP_AT_HALL)
    case.status = CaseStatus.DECIDED
    case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    book_leg(uow, FakeCarrier(), clock, 1)
    track(uow, clock, uow.legs.get(1).waybill_no, "203", "704")
    steps = [m.step for m in uow.sms_messages.for_case(1)]
    assert steps == [NotificationStep.RESULT_ON_ITS_WAY, NotificationStep.RESULT_AT_WINDOW]
