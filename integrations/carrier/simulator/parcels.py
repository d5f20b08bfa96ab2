"""A parcel in the simulator and the tracking events its scenario has produced so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from integrations.carrier.simulator.routing import Location, Routing, processing_centre
from integrations.carrier.simulator.scenarios import SCENARIOS, Site, Stage

OPERATORS = ("王建国", "李秀英", "张伟", "刘洋", "陈静")


@dataclass(frozen=True)
class OrderTerms:
    """How the order asked to be collected and paid, as the carrier received it."""

    payment_mode: str = "1"
    pickup_type: str = "0"
    pickup_start: str = ""
    pickup_end: str = ""
    receipt_flag: bool = False


@dataclass
class Parcel:
    logistics_order_no: str
    waybill_no: str
    routing: Routing
    sender: Location
    receiver: Location
    scenario: str
    created_at: datetime
    cancelled: bool = False
    terms: OrderTerms = OrderTerms()

    def accepted_at(self, stage_seconds: float, pickup_seconds: float | None = None) -> datetime:
        """Return when the postman collects the parcel: its first event (203, acceptance).

        The parcel's life starts there, not at booking; `None` waits one stage.
        """
        delay = stage_seconds if pickup_seconds is None else pickup_seconds
        return self.created_at + timedelta(seconds=delay)


@dataclass(frozen=True)
class Office:
    province: str
    city: str
    code: str
    name: str


def _delivery_office(location: Location) -> Office:
    county = location.county.name
    name = f"{location.city.name}{county}揽投部"
    return Office(location.province.name, location.city.name, f"{location.county.code}01", name)


def _centre(location: Location) -> Office:
    code, name = processing_centre(location)
    return Office(location.province.name, location.city.name, code, name)


def offices(parcel: Parcel) -> dict[Site, Office]:
    return {
        Site.ORIGIN_OFFICE: _delivery_office(parcel.sender),
        Site.ORIGIN_CENTRE: _centre(parcel.sender),
        Site.DESTINATION_CENTRE: _centre(parcel.receiver),
        Site.DESTINATION_OFFICE: _delivery_office(parcel.receiver),
    }


NEXT_SITE = {
    Site.ORIGIN_OFFICE: Site.ORIGIN_CENTRE,
    Site.ORIGIN_CENTRE: Site.DESTINATION_CENTRE,
    Site.DESTINATION_CENTRE: Site.DESTINATION_OFFICE,
    Site.DESTINATION_OFFICE: Site.DESTINATION_OFFICE,
}


def _event(parcel: Parcel, stage: Stage, at: datetime, sites: dict[Site, Office]) -> dict[str, Any]:
    office, following = sites[stage.site], sites[NEXT_SITE[stage.site]]
    delivering = stage.site is Site.DESTINATION_OFFICE and stage.op_code.startswith("7")
    operator = OPERATORS[int(parcel.waybill_no[2:10]) % len(OPERATORS)] if delivering else ""
    return {
        "waybillNo": parcel.waybill_no,
        "opTime": at.replace(microsecond=0),
        "opCode": stage.op_code,
        "opName": stage.op_name,
        "opDesc": stage.op_desc.format(org=office.name, next=following.name),
        "opOrgProvName": office.province,
        "opOrgCity": office.city,
        "opOrgCode": office.code,
        "opOrgName": office.name,
        "operatorName": operator,
        "deliverCode": stage.deliver_code or None,
        "attemptDeliveryCode": stage.attempt_delivery_code or None,
    }


def events_so_far(
    parcel: Parcel, now: datetime, stage_seconds: float, pickup_seconds: float | None = None
) -> list[dict[str, Any]]:
    """Return the events (contract field names) due by `now`; a cancelled parcel has none."""
    if parcel.cancelled:
        return []
    sites = offices(parcel)
    step = timedelta(seconds=stage_seconds)
    collected = parcel.accepted_at(stage_seconds, pickup_seconds)
    stages = enumerate(SCENARIOS[parcel.scenario])
    due = ((stage, collected + step * n) for n, stage in stages)
    return [_event(parcel, stage, at, sites) for stage, at in due if at <= now]
