"""Stuck detection: a leg without news longer than its stage allows becomes an exception."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.leg import Leg, LegStatus
from courier.domain.stuck import StuckThresholds, review, stuck_reason
from tests import factories
from tests.factories import NOW

S = LegStatus
DAY = timedelta(days=1)
LIMITS = StuckThresholds()


def booked_leg() -> Leg:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    return leg


def test_a_booked_leg_not_collected_for_two_days_is_stuck_with_a_reason_in_chinese() -> None:
    leg = booked_leg()
    assert stuck_reason(leg, NOW + 2 * DAY, LIMITS) is None
    reason = stuck_reason(leg, NOW + 2 * DAY + timedelta(hours=1), LIMITS)
    assert reason == "已取号 2 天 1 小时，邮政尚未揽收（超过 2 天）"


def test_each_stage_has_its_own_threshold() -> None:
    leg = booked_leg()
    leg.status, leg.tracked_at = S.OUT_FOR_DELIVERY, NOW
    assert stuck_reason(leg, NOW + timedelta(hours=25), LIMITS) == (
        "“派送中”已 1 天 1 小时 无新轨迹（超过 1 天）"
    )
    leg.status = S.IN_TRANSIT
    assert stuck_reason(leg, NOW + 2 * DAY, LIMITS) is None
    assert stuck_reason(leg, NOW + 3 * DAY + timedelta(hours=1), LIMITS) is not None


def test_thresholds_are_configurable_per_stage() -> None:
    leg = booked_leg()
    strict = StuckThresholds({S.BOOKED: timedelta(hours=6)})
    assert stuck_reason(leg, NOW + timedelta(hours=7), strict) is not None
    leg.status = S.IN_TRANSIT
    assert stuck_reason(leg, NOW + 30 * DAY, strict) is None  # no threshold: never stuck


def test_review_flags_once_keeps_the_first_moment_and_clears_when_the_leg_moves() -> None:
    leg = booked_leg()
    assert review(leg, NOW + 3 * DAY, LIMITS)
    first = leg.exception_at
    assert first == NOW + 3 * DAY and leg.exception_reason
    review(leg, NOW + 4 * DAY, LIMITS)
    assert leg.exception_at == first
    leg.status, leg.tracked_at = S.IN_TRANSIT, NOW + 4 * DAY
    assert review(leg, NOW + 4 * DAY + timedelta(hours=1), LIMITS)
    assert leg.exception_reason is None and leg.exception_at is None


def test_a_delivered_leg_is_never_stuck() -> None:
    leg = booked_leg()
    leg.status, leg.tracked_at = S.DELIVERED, NOW
    assert stuck_reason(leg, NOW + 60 * DAY, LIMITS) is None
