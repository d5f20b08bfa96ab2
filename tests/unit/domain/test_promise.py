"""Promised days per product and distance, the expected delivery date, and on-time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from courier.domain.leg import LegStatus
from courier.domain.places import Address
from courier.domain.promise import (
    Distance,
    distance_between,
    expected_delivery,
    leg_promised_days,
    on_time,
    promised_days,
    transit_time,
)
from tests import factories
from tests.factories import NOW

BEIJING = factories.address()
HANGZHOU = Address.create("浙江省", "杭州市", "西湖区", "330106", "保俶路88号", "310007")
NINGBO = Address.create("浙江省", "宁波市", "海曙区", "330203", "中山西路1号", "315000")


def test_the_distance_class_follows_city_and_province() -> None:
    assert distance_between(BEIJING, BEIJING) is Distance.SAME_CITY
    assert distance_between(HANGZHOU, NINGBO) is Distance.SAME_PROVINCE
    assert distance_between(BEIJING, HANGZHOU) is Distance.OTHER_PROVINCE


@pytest.mark.parametrize(
    ("product", "distance", "days"),
    [("1", Distance.SAME_CITY, 1), ("1", Distance.OTHER_PROVINCE, 3),
     ("2", Distance.OTHER_PROVINCE, 5), ("11", Distance.SAME_PROVINCE, 2)],
)  # fmt: skip
def test_promised_days_come_from_the_table(product: str, distance: Distance, days: int) -> None:
    assert promised_days(product, distance) == days


def test_an_unknown_product_is_held_to_the_slowest_promise() -> None:
    assert promised_days("99", Distance.OTHER_PROVINCE) == 5


def originals_leg(booked_days_ago: float = 0):  # type: ignore[no-untyped-def]
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW - timedelta(days=booked_days_ago))
    return leg


def test_a_leg_from_beijing_to_hangzhou_by_ems_is_expected_three_days_after_collection() -> None:
    leg = originals_leg(booked_days_ago=5)  # waiting for the postman does not count
    assert leg_promised_days(leg) == 3
    assert expected_delivery(leg) is None
    leg.collected_at = NOW
    assert expected_delivery(leg) == date(2026, 11, 29)  # collected 26 Nov, 17:00 in Beijing


def test_a_leg_delivered_by_its_expected_date_is_on_time_and_later_is_not() -> None:
    leg = originals_leg(booked_days_ago=3)
    leg.collected_at = NOW
    assert on_time(leg) is None and transit_time(leg) is None
    leg.status, leg.tracked_at = LegStatus.DELIVERED, NOW + timedelta(days=2)
    assert on_time(leg) is True and transit_time(leg) == timedelta(days=2)
    leg.tracked_at = NOW + timedelta(days=4)
    assert on_time(leg) is False


def test_a_delivered_leg_never_seen_collected_has_no_transit_time_nor_verdict() -> None:
    leg = originals_leg(booked_days_ago=3)
    leg.status, leg.tracked_at = LegStatus.DELIVERED, NOW
    assert (transit_time(leg), on_time(leg), expected_delivery(leg)) == (None, None, None)
