"""Carrier tracking codes move a leg through one table; late events only add history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from courier.domain.leg import Leg, LegStatus, Routing
from courier.domain.tracking import follow
from courier.ports.carrier import TraceEvent
from tests import factories
from tracking import EMS_CODES, EMSEVT_CODES, reason_of


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
