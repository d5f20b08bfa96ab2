"""Pure reply parsers: a reply's `retBody` → port values; ValueError for a wrong shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from courier.ports.carrier import CarrierBooking, ParsedAddress, TraceEvent
from integrations.carrier import traces as traces_module

_BOOKING_FIELDS = {
    "waybill_no": "waybillNo",
    "route_code": "routeCode",
    "package_code": "packageCode",
    "package_code_name": "packageCodeName",
    "mark_destination_code": "markDestinationCode",
    "mark_destination_name": "markDestinationName",
}


def booking(body: Any) -> CarrierBooking:
    """Read the 020003 reply: the waybill and the routing data printed on the label."""
    reply = _single(body)
    booked = CarrierBooking(logistics_order_no=_text(reply, "logisticsOrderNo"), **_routing(reply))
    if not booked.waybill_no:
        raise ValueError("no waybillNo in the reply")
    return booked


def bookings(body: Any) -> list[CarrierBooking]:
    """Read the order query reply: every waybill the carrier holds for the order."""
    reply = _single(body)
    order_no = _text(reply, "logisticsOrderNo")
    return [
        CarrierBooking(order_no, cancelled=_boolean(waybill.get("cancelled")), **_routing(waybill))
        for waybill in _objects(reply.get("waybill"))
    ]


def cancelled(body: Any) -> bool:
    """Read the 020006 reply."""
    return _boolean(_single(body).get("cancelled"))


def traces(body: Any) -> dict[str, list[TraceEvent]]:
    """Read the 040001 reply, keyed by waybill number."""
    return {
        (number := _text(waybill, "waybillNo")): [
            trace_event(number, trace) for trace in _objects(waybill.get("trace"))
        ]
        for waybill in _objects(_single(body).get("waybillTrace"))
    }


def trace_event(waybill_no: str, trace: Mapping[str, Any]) -> TraceEvent:
    """Read one event (a 040001 trace or a 040002 push item); ValueError for a bad opTime."""
    return traces_module.trace_event(waybill_no, {k: _string(v) for k, v in trace.items()})


def parsed_address(body: Any) -> ParsedAddress:
    """Read the 060001 reply."""
    reply = _single(body)
    return ParsedAddress(*(_text(reply, name) for name in ("prov", "city", "county", "address")))


def reachable(body: Any) -> bool:
    """Read the 060002 reply."""
    return _boolean(_single(body).get("reachable"))


def _single(body: Any) -> Mapping[str, Any]:
    """Return the one object of a reply, sent bare or as an array of one."""
    if isinstance(body, list) and len(body) == 1:
        body = body[0]
    if not isinstance(body, Mapping):
        raise ValueError("retBody is not one JSON object")
    return body


def _objects(value: Any) -> list[Mapping[str, Any]]:
    items = [] if value is None else value if isinstance(value, list) else [value]
    if not all(isinstance(item, Mapping) for item in items):
        raise ValueError("expected a list of JSON objects")
    return items


def _routing(parent: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _text(parent, key) for name, key in _BOOKING_FIELDS.items()}


def _text(parent: Mapping[str, Any], key: str) -> str:
    return _string(parent.get(key))


def _string(value: Any) -> str:
    if isinstance(value, Mapping | list):
        raise ValueError("expected a text value, got a JSON object or array")
    return "" if value is None else str(value).strip()


def _boolean(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1")
