"""Tracking from pushes and from polling moves legs, and stores each event once."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.leg import LegStatus
from courier.domain.poll_schedule import PollSchedule
from courier.domain.tracking import LegEventType
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.ports.push import PushAck, PushedBatch, UnreadableEvent
from courier.services.booking import book_leg
from courier.services.tracking import (
    acknowledge_pushed_batch,
    quarantined_events,
    record_tracking_events,
    store_pushed_batch,
)
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.fakes import FakeUnitOfWork


def booked() -> tuple[FakeUnitOfWork, FakeCarrier, FixedClock, str]:
    uow, carrier, clock = FakeUnitOfWork(), FakeCarrier(), FixedClock(factories.NOW)
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    book_leg(uow, carrier, clock, 1)
    return uow, carrier, clock, uow.legs.get(1).waybill_no


def test_a_pushed_batch_out_of_order_still_ends_in_the_newest_state() -> None:
    uow, _, clock, waybill = booked()
    events = [
        TraceEvent(waybill, factories.NOW + timedelta(hours=h), code)
        for h, code in [(5, "704"), (1, "203"), (3, "702")]
    ]
    store_pushed_batch(uow, clock, PushedBatch("B1", tuple(events)))
    assert uow.legs.get(1).status is LegStatus.DELIVERED


def test_a_reused_serial_with_new_events_stores_the_new_events() -> None:
    uow, _, clock, waybill = booked()
    accepted = TraceEvent(waybill, factories.NOW + timedelta(hours=1), "203")
    delivered = TraceEvent(waybill, factories.NOW + timedelta(hours=9), "704")
    store_pushed_batch(uow, clock, PushedBatch("1", (accepted,)))

    added = store_pushed_batch(uow, clock, PushedBatch("1", (accepted, delivered)))

    assert added == 1
    assert [e.op_code for e in uow.tracking.events_for(waybill)] == ["203", "704"]
    assert uow.legs.get(1).status is LegStatus.DELIVERED
    assert uow.tracking.acks == [("1", (1, 1, 0)), ("1", (2, 1, 0))]


def test_the_same_code_at_the_same_time_in_another_office_is_another_event() -> None:
    uow, _, clock, waybill = booked()
    at = factories.NOW + timedelta(hours=2)
    here = TraceEvent(waybill, at, "954", op_org_code="51000100")
    there = TraceEvent(waybill, at, "954", op_org_code="31000100")

    assert store_pushed_batch(uow, clock, PushedBatch("1", (here, there, here))) == 2


def test_unreadable_events_are_quarantined_and_the_batch_acknowledged() -> None:
    uow, _, clock, waybill = booked()
    accepted = TraceEvent(waybill, factories.NOW + timedelta(hours=1), "203")
    odd = UnreadableEvent("<trace><opTime>0001-01-01T00:00:00</opTime></trace>", "opTime")

    ack = acknowledge_pushed_batch(uow, clock, PushedBatch("7", (accepted,), (odd,)))

    assert ack == PushAck("7", True)
    assert [(q.serial_no, q.raw) for q in quarantined_events(uow)] == [("7", odd.raw)]
    assert uow.legs.get(1).status is LegStatus.IN_TRANSIT


def test_a_status_change_is_a_leg_event_in_the_same_commit_and_a_resend_adds_none() -> None:
    uow, _, clock, waybill = booked()
    delivered = TraceEvent(waybill, factories.NOW + timedelta(hours=9), "704", deliver_code="10")
    accepted = TraceEvent(waybill, factories.NOW + timedelta(hours=1), "203")
    commits = uow.commits

    record_tracking_events(uow, clock, [delivered, accepted])
    record_tracking_events(uow, clock, [accepted, delivered])

    events = uow.leg_events.for_leg(1)
    assert [(e.event_type, e.reason) for e in events] == [
        (LegEventType.BOOKED, ""),
        (LegEventType.ACCEPTED, "邮政已收寄"),
        (LegEventType.DELIVERED, "已妥投：本人签收"),
    ]
    assert {e.recorded_at for e in events} == {clock.now()} and uow.commits == commits + 2


def test_an_unknown_code_is_stored_and_moves_no_status() -> None:
    uow, _, clock, waybill = booked()
    odd = TraceEvent(waybill, factories.NOW + timedelta(hours=1), "999")

    assert store_pushed_batch(uow, clock, PushedBatch("U1", (odd,))) == 1

    leg = uow.legs.get(1)
    assert leg.status is LegStatus.BOOKED and leg.tracking_note == "未知轨迹代码 999"
    assert uow.tracking.events_for(waybill) == [odd]
    assert [e.event_type for e in uow.leg_events.for_leg(1)] == [LegEventType.BOOKED]


def test_events_of_a_waybill_no_leg_holds_are_stored_and_followed_once_it_is_booked() -> None:
    uow, carrier, clock = FakeUnitOfWork(), FakeCarrier(), FixedClock(factories.NOW)
    early = TraceEvent(f"11{carrier.next_serial:011d}", factories.NOW, "203")
    assert record_tracking_events(uow, clock, [early]) == 1
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()

    book_leg(uow, carrier, clock, 1)

    assert uow.legs.get(1).status is LegStatus.IN_TRANSIT
    assert [e.event_type for e in uow.leg_events.for_leg(1)] == [
        LegEventType.BOOKED, LegEventType.ACCEPTED
    ]  # fmt: skip


def test_a_pushed_event_puts_the_next_poll_off_by_the_schedule() -> None:
    uow, _, clock, waybill = booked()
    uow.legs.get(1).next_poll_at = clock.now()  # due now
    out = TraceEvent(waybill, clock.now() - timedelta(minutes=5), "702")
    schedule = PollSchedule(near_delivery=timedelta(minutes=45))

    store_pushed_batch(uow, clock, PushedBatch("N1", (out,)), schedule)

    assert uow.legs.get(1).next_poll_at == clock.now() + timedelta(minutes=45)


def test_a_batch_with_nothing_new_leaves_the_next_poll_as_it_was() -> None:
    uow, _, clock, waybill = booked()
    accepted = TraceEvent(waybill, clock.now() - timedelta(hours=1), "203")
    record_tracking_events(uow, clock, [accepted])
    uow.legs.get(1).next_poll_at = due = clock.now() + timedelta(minutes=1)

    record_tracking_events(uow, clock, [accepted])

    assert uow.legs.get(1).next_poll_at == due


def test_a_leg_is_collected_at_its_acceptance_even_when_the_203_comes_late() -> None:
    uow, _, clock, waybill = booked()
    accepted_at = factories.NOW - timedelta(hours=6)
    record_tracking_events(
        uow, clock, [TraceEvent(waybill, accepted_at + timedelta(hours=2), "954")]
    )
    assert uow.legs.get(1).collected_at == accepted_at + timedelta(hours=2)

    record_tracking_events(uow, clock, [TraceEvent(waybill, accepted_at, "203")])

    assert uow.legs.get(1).collected_at == accepted_at


def test_a_deleted_acceptance_pushed_newest_first_leaves_the_leg_collected_at_the_new_one() -> None:
    uow, _, clock, waybill = booked()
    times = [factories.NOW - timedelta(hours=h) for h in (6, 5, 4, 3)]
    codes = ["203", "207", "203", "954"]
    stream = [TraceEvent(waybill, t, code) for t, code in zip(times, codes, strict=True)]

    store_pushed_batch(uow, clock, PushedBatch("D2", (stream[3], stream[2])))
    store_pushed_batch(uow, clock, PushedBatch("D1", (stream[1], stream[0])))

    leg = uow.legs.get(1)
    assert (leg.status, leg.collected_at) == (LegStatus.IN_TRANSIT, times[2])
