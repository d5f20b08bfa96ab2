"""The poll schedule: sooner near delivery, slower when idle, none once long final."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.leg import LegStatus
from courier.domain.poll_schedule import PollSchedule, longest_interval, next_poll_at
from tests.factories import NOW

S = LegStatus
HOUR = timedelta(hours=1)
SCHEDULE = PollSchedule()


@pytest.mark.parametrize("status", [S.OUT_FOR_DELIVERY, S.DELIVERY_FAILED])
def test_a_leg_near_delivery_is_polled_every_half_hour(status: LegStatus) -> None:
    assert next_poll_at(status, NOW - HOUR, NOW, SCHEDULE) == NOW + timedelta(minutes=30)


def test_a_leg_in_transit_with_recent_news_is_polled_every_two_hours() -> None:
    assert next_poll_at(S.IN_TRANSIT, NOW - 3 * HOUR, NOW, SCHEDULE) == NOW + 2 * HOUR


def test_a_leg_idle_in_transit_is_polled_every_four_hours() -> None:
    assert next_poll_at(S.IN_TRANSIT, NOW - 13 * HOUR, NOW, SCHEDULE) == NOW + 4 * HOUR
    assert next_poll_at(S.BOOKED, None, NOW, SCHEDULE) == NOW + 4 * HOUR


@pytest.mark.parametrize("status", [S.DELIVERED, S.RETURNED, S.LOST])
def test_a_final_leg_is_polled_daily_for_three_days_then_never(status: LegStatus) -> None:
    two_days = NOW - timedelta(days=2, hours=23)
    assert next_poll_at(status, two_days, NOW, SCHEDULE) == NOW + timedelta(days=1)
    assert next_poll_at(status, NOW - timedelta(days=3), NOW, SCHEDULE) is None


@pytest.mark.parametrize("status", [S.CANCELLED, S.RECEIVED, S.DRAFT, S.QUEUED])
def test_a_leg_outside_the_carriers_hands_is_never_polled(status: LegStatus) -> None:
    assert next_poll_at(status, NOW, NOW, SCHEDULE) is None


def test_the_intervals_come_from_the_schedule() -> None:
    quick = PollSchedule(near_delivery=timedelta(minutes=5), idle=timedelta(hours=8))
    assert next_poll_at(S.OUT_FOR_DELIVERY, NOW, NOW, quick) == NOW + timedelta(minutes=5)
    assert next_poll_at(S.HANDED_OVER, None, NOW, quick) == NOW + 8 * HOUR
    assert longest_interval(quick) == timedelta(hours=24)
