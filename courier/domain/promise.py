"""What the carrier promises: days in transit per product and distance, and whether it kept it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum

from courier.domain.leg import Leg, LegStatus
from courier.domain.local_time import local
from courier.domain.places import Address
from courier.domain.text import Text


class Distance(Enum):
    SAME_CITY = "same_city"
    SAME_PROVINCE = "same_province"
    OTHER_PROVINCE = "other_province"


DISTANCE_NAMES = {
    Distance.SAME_CITY: Text("同城"),
    Distance.SAME_PROVINCE: Text("省内"),
    Distance.OTHER_PROVINCE: Text("跨省"),
}

# Promised days from collection to delivery, by bizProductNo (EMS's published service levels,
# rounded up to whole days).
PROMISED_DAYS: dict[str, dict[Distance, int]] = {
    "1": {Distance.SAME_CITY: 1, Distance.SAME_PROVINCE: 2, Distance.OTHER_PROVINCE: 3},
    "2": {Distance.SAME_CITY: 2, Distance.SAME_PROVINCE: 3, Distance.OTHER_PROVINCE: 5},
    "11": {Distance.SAME_CITY: 1, Distance.SAME_PROVINCE: 2, Distance.OTHER_PROVINCE: 4},
}
FALLBACK = "2"  # an unknown product is held to the slowest promise


def distance_between(sender: Address, receiver: Address) -> Distance:
    if sender.province != receiver.province:
        return Distance.OTHER_PROVINCE
    return Distance.SAME_CITY if sender.city == receiver.city else Distance.SAME_PROVINCE


def promised_days(biz_product_no: str, distance: Distance) -> int:
    return PROMISED_DAYS.get(biz_product_no, PROMISED_DAYS[FALLBACK])[distance]


def leg_promised_days(leg: Leg) -> int:
    distance = distance_between(leg.sender.address, leg.receiver.address)
    return promised_days(leg.biz_product_no, distance)


def expected_delivery(leg: Leg) -> date | None:
    """Return the local date the leg should arrive by, counted from collection (None before)."""
    return expected_from(
        leg.collected_at, leg.biz_product_no, leg.sender.address, leg.receiver.address
    )


def expected_from(
    collected_at: datetime | None, biz_product_no: str, sender: Address, receiver: Address
) -> date | None:
    """Return the local date a parcel collected then should arrive by (None before collection)."""
    if collected_at is None:
        return None
    days = promised_days(biz_product_no, distance_between(sender, receiver))
    return local(collected_at).date() + timedelta(days=days)


def delivered_at(leg: Leg) -> datetime | None:
    """Return when the leg was delivered (its newest event), if it was."""
    done = leg.status in (LegStatus.DELIVERED, LegStatus.RECEIVED)
    return leg.tracked_at if done else None


def transit_time(leg: Leg) -> timedelta | None:
    """Return the time from collection to delivery of a delivered leg."""
    arrived = delivered_at(leg)
    return arrived - leg.collected_at if arrived and leg.collected_at else None


def on_time(leg: Leg) -> bool | None:
    """Tell whether a delivered leg arrived by its expected date (None until delivered)."""
    arrived, expected = delivered_at(leg), expected_delivery(leg)
    if arrived is None or expected is None:
        return None
    return local(arrived).date() <= expected
