"""Pure reply parsers: a contract reply element → port values."""

from __future__ import annotations

from typing import Any

from lxml import etree

from courier.ports.carrier import CarrierBooking, ParsedAddress, TraceEvent
from integrations.carrier import traces as traces_module
from integrations.carrier.contract import CARRIER_NS

_NS = f"{{{CARRIER_NS}}}"

_BOOKING_FIELDS = {
    "waybill_no": "waybillNo",
    "route_code": "routeCode",
    "package_code": "packageCode",
    "package_code_name": "packageCodeName",
    "mark_destination_code": "markDestinationCode",
    "mark_destination_name": "markDestinationName",
}


def booking(reply: etree._Element) -> CarrierBooking:
    """Read CreateOrderResponse."""
    return CarrierBooking(logistics_order_no=_text(reply, "logisticsOrderNo"), **_routing(reply))


def bookings(reply: etree._Element) -> list[CarrierBooking]:
    """Read QueryOrderResponse: every waybill the carrier holds for the order."""
    order_no = _text(reply, "logisticsOrderNo")
    return [
        CarrierBooking(
            logistics_order_no=order_no,
            cancelled=_boolean(_text(waybill, "cancelled")),
            **_routing(waybill),
        )
        for waybill in reply.iterchildren(f"{_NS}waybill")
    ]


def cancelled(reply: etree._Element) -> bool:
    """Read CancelOrderResponse."""
    return _boolean(_text(reply, "cancelled"))


def traces(reply: etree._Element) -> dict[str, list[TraceEvent]]:
    """Read QueryTraceResponse, keyed by waybill number."""
    return {
        (waybill_no := _text(waybill, "waybillNo")): [
            trace_event(waybill_no, trace) for trace in waybill.iterchildren(f"{_NS}trace")
        ]
        for waybill in reply.iterchildren(f"{_NS}waybillTrace")
    }


def trace_event(waybill_no: str, trace: etree._Element) -> TraceEvent:
    return traces_module.trace_event(waybill_no, {c.tag[len(_NS) :]: c.text or "" for c in trace})


def parsed_address(reply: etree._Element) -> ParsedAddress:
    """Read ParseAddressResponse."""
    return ParsedAddress(
        prov=_text(reply, "prov"),
        city=_text(reply, "city"),
        county=_text(reply, "county"),
        address=_text(reply, "address"),
    )


def reachable(reply: etree._Element) -> bool:
    """Read CheckReachabilityResponse."""
    return _boolean(_text(reply, "reachable"))


def _routing(parent: etree._Element) -> dict[str, Any]:
    """Read the waybill number and the routing data printed on the label."""
    return {name: _text(parent, tag) for name, tag in _BOOKING_FIELDS.items()}


def _text(parent: etree._Element, tag: str) -> str:
    return parent.findtext(f"{_NS}{tag}") or ""


def _boolean(text: str) -> bool:
    return text.strip() in ("true", "1")
