"""Handing parcels over: booked legs, and legs the carrier collected first, each once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.errors import RuleViolation
from courier.domain.handover import hand_over
from courier.domain.leg import Leg, LegStatus
from courier.domain.tracking import follow
from courier.ports.carrier import TraceEvent
from tests import factories
from tests.factories import NOW


def booked_leg() -> Leg:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    return leg


def test_a_booked_leg_is_handed_over_and_marked_so() -> None:
    leg = booked_leg()
    handover = hand_over([leg], NOW, account_id=1)
    assert handover.legs == [leg] and leg.status is LegStatus.HANDED_OVER
    assert leg.handed_over_at == NOW


def test_a_leg_the_carrier_accepted_first_is_still_handed_over_and_keeps_its_status() -> None:
    leg = booked_leg()
    follow(leg, TraceEvent(leg.waybill_no or "", NOW + timedelta(hours=1), "203"))
    assert leg.status is LegStatus.IN_TRANSIT

    hand_over([leg], NOW + timedelta(hours=2), account_id=1)

    assert leg.status is LegStatus.IN_TRANSIT and leg.handed_over_at == NOW + timedelta(hours=2)


def test_a_leg_collected_first_cannot_be_handed_over_twice() -> None:
    leg = booked_leg()
    leg.status = LegStatus.IN_TRANSIT
    hand_over([leg], NOW, account_id=1)
    with pytest.raises(RuleViolation, match="已交邮，不能交邮两次"):
        hand_over([leg], NOW, account_id=1)


def test_a_leg_without_a_waybill_cannot_be_handed_over() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    with pytest.raises(RuleViolation, match="不能交邮"):
        hand_over([leg], NOW, account_id=1)
