"""Carrier tracking codes move a leg through one table; late events only add history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import assume, given, settings

from courier.domain.leg import Leg, LegStatus, Routing
from courier.domain.tracking import (
    LEG_STATUS_OF,
    LegEventType,
    collected_at,
    follow,
    follow_events,
    voids_acceptance,
)
from courier.ports.carrier import TraceEvent
from tests import factories
from tests.unit.tracking.strategies import arrivals
from tracking import EMS_CODES, EMSEVT_CODES, TrackingState, meaning_of, order_key, reason_of


def event(op_code: str, op_time: datetime, **codes: str) -> TraceEvent:
    return TraceEvent("1151238971060", op_time, op_code, **codes)


def at(minutes: int) -> datetime:
    return factories.NOW + timedelta(minutes=minutes)


def booked_leg() -> Leg:
    leg = factories.case().plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping()
    )
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", Routing(), factories.NOW)
    return leg


def test_a_normal_life_ends_delivered_with_how_it_was_signed() -> None:
    leg = booked_leg()
    for minute, code in enumerate(["203", "954", "305", "713", "702"]):
        follow(leg, event(code, at(minute)))
    assert leg.status is LegStatus.OUT_FOR_DELIVERY
    assert follow(leg, event("704", at(9), deliver_code="20"))
    assert leg.status is LegStatus.DELIVERED and leg.tracking_note == "已妥投：他人代收"


def test_a_failed_attempt_says_why_and_redelivery_follows() -> None:
    leg = booked_leg()
    follow(leg, event("702", at(1)))
    follow(leg, event("705", at(2), attempt_delivery_code="4"))
    assert leg.status is LegStatus.DELIVERY_FAILED and "外出联系不上" in leg.tracking_note
    follow(leg, event("702", at(3)))
    follow(leg, event("704", at(4), deliver_code="10"))
    assert leg.status is LegStatus.DELIVERED


def test_a_late_event_does_not_pull_a_delivered_leg_back() -> None:
    leg = booked_leg()
    follow(leg, event("704", at(10)))
    assert not follow(leg, event("954", at(5)))
    assert leg.status is LegStatus.DELIVERED and leg.tracked_at == at(10)


def test_reversal_codes_undo_delivery() -> None:
    leg = booked_leg()
    follow(leg, event("704", at(1)))
    follow(leg, event("743", at(2)))
    assert leg.status is LegStatus.OUT_FOR_DELIVERY and leg.tracking_note == "妥投信息已撤销"


def test_refusal_returns_the_parcel_to_the_sender() -> None:
    leg = booked_leg()
    follow(leg, event("705", at(1), attempt_delivery_code="7"))
    follow(leg, event("708", at(2)))
    follow(leg, event("711", at(3)))
    assert leg.status is LegStatus.RETURNED


def test_a_cancelled_leg_is_no_longer_driven_by_the_carrier() -> None:
    leg = booked_leg()
    leg.cancel()
    assert not follow(leg, event("203", at(1)))
    assert leg.status is LegStatus.CANCELLED and leg.tracked_at is None


def test_address_changes_and_alerts_only_add_a_reason() -> None:
    leg = booked_leg()
    follow(leg, event("203", at(1)))
    assert not follow(leg, event("756", at(2)))
    assert leg.status is LegStatus.IN_TRANSIT and leg.tracking_note == "收件地址已更改"


@pytest.mark.parametrize("code", sorted({**EMS_CODES, **EMSEVT_CODES}))
def test_every_known_code_has_words_for_people(code: str) -> None:
    assert reason_of(event(code, at(0))) and not reason_of(event(code, at(0))).isdigit()


def test_an_unknown_code_is_named_for_staff_and_moves_nothing() -> None:
    leg = booked_leg()
    follow(leg, event("203", at(1)))
    assert follow(leg, event("999", at(2))) is None
    assert leg.status is LegStatus.IN_TRANSIT and leg.tracking_note == "未知轨迹代码 999"
    assert leg.tracked_at == at(1)


def test_a_late_alert_does_not_hide_a_status_event_in_between() -> None:
    leg = booked_leg()
    follow(leg, event("203", at(1)))
    follow(leg, event("651", at(9)))
    follow(leg, event("704", at(5)))
    assert leg.status is LegStatus.DELIVERED


def test_changes_that_matter_become_domain_events_without_personal_data() -> None:
    leg = booked_leg()
    leg.id, leg.case_id = 7, 3
    codes = [("203", 1), ("954", 2), ("702", 3), ("651", 4), ("705", 5), ("704", 6)]
    events = follow_events(leg, [event(c, at(m), deliver_code="10") for c, m in codes], at(9))
    assert [(e.event_type, e.status) for e in events] == [
        (LegEventType.ACCEPTED, LegStatus.IN_TRANSIT),
        (LegEventType.OUT_FOR_DELIVERY, LegStatus.OUT_FOR_DELIVERY),
        (LegEventType.EXCEPTION, LegStatus.OUT_FOR_DELIVERY),
        (LegEventType.DELIVERY_FAILED, LegStatus.DELIVERY_FAILED),
        (LegEventType.DELIVERED, LegStatus.DELIVERED),
    ]
    assert {(e.leg_id, e.case_id, e.recorded_at) for e in events} == {(7, 3, at(9))}
    assert events[-1].reason == "已妥投：本人签收" and events[-1].occurred_at == at(6)


def test_every_tracking_state_has_its_place_in_the_one_table() -> None:
    assert set(LEG_STATUS_OF) == set(TrackingState)


def _leg_after(events: list[TraceEvent]) -> Leg:
    leg = booked_leg()
    for each in events:
        follow(leg, each)
    return leg


@settings(derandomize=True, deadline=None)  # deterministic, and no timing assertion
@given(arrivals())
def test_any_order_and_duplication_leave_the_leg_as_the_time_sorted_set_does(
    sample: tuple[list[TraceEvent], list[TraceEvent]],
) -> None:
    chosen, arrived = sample
    in_order = _leg_after(sorted(chosen, key=order_key))
    assert _leg_after(arrived).status is in_order.status
    # and it is the status of the newest event that has one for a leg
    newest = max((e for e in chosen if _leg_status(e)), key=order_key, default=None)
    assert in_order.status is (_leg_status(newest) if newest else LegStatus.BOOKED)


def _leg_status(each: TraceEvent) -> LegStatus | None:
    state = meaning_of(each).state
    return LEG_STATUS_OF[state] if state else None


def test_a_leg_event_keeps_no_word_the_carrier_wrote_about_people() -> None:
    leg = booked_leg()
    words = {"op_desc": "张三 13112345607 已签收", "operator_name": "李四", "op_org_name": "西湖所"}
    [change] = follow_events(leg, [event("704", at(1), deliver_code="20", **words)], at(2))
    assert change.reason == "已妥投：他人代收"
    assert not any(w in repr(change) for w in ("张三", "131", "李四", "西湖"))


def test_a_leg_is_collected_when_the_carrier_accepts_it_and_not_by_later_events() -> None:
    leg = booked_leg()
    follow(leg, event("203", at(10)))
    follow(leg, event("954", at(60)))
    follow(leg, event("704", at(900)))
    assert leg.collected_at == at(10)


def test_a_deleted_acceptance_voids_the_collection_until_the_parcel_is_accepted_again() -> None:
    leg = booked_leg()
    follow(leg, event("203", at(10)))
    follow(leg, event("207", at(20)))
    assert (leg.status, leg.collected_at) == (LegStatus.BOOKED, None)
    follow(leg, event("203", at(30)))
    assert leg.collected_at == at(30)


def test_an_unknown_code_says_nothing_of_collection() -> None:
    leg = booked_leg()
    follow(leg, event("999", at(10)))
    assert leg.collected_at is None


@settings(derandomize=True, deadline=None)
@given(arrivals())
def test_without_a_deleted_acceptance_any_order_finds_the_same_collection(
    sample: tuple[list[TraceEvent], list[TraceEvent]],
) -> None:
    chosen, arrived = sample
    assume(not any(voids_acceptance(e) for e in chosen))
    assert _leg_after(arrived).collected_at == collected_at(chosen)


def test_the_history_settles_collection_after_a_deleted_acceptance() -> None:
    history = [event("954", at(40)), event("207", at(20)), event("203", at(10))]
    assert collected_at(history) == at(40)
    assert collected_at([*history, event("203", at(30))]) == at(30)
    assert collected_at([event("999", at(5))]) is None
