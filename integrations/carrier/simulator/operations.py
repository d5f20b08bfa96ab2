"""The carrier's operations on validated payloads: pure request → reply, no transport."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from integrations.carrier.contract import CARRIER_NS
from integrations.carrier.simulator.book import OrderBook
from integrations.carrier.simulator.numbers import PRODUCTS, WaybillNumbers
from integrations.carrier.simulator.parcels import OrderTerms, Parcel, events_so_far
from integrations.carrier.simulator.places import Division, split_address
from integrations.carrier.simulator.routing import Location, locate, routing_for
from integrations.carrier.simulator.settings import SimulatorSettings
from integrations.carrier.soapserver import FaultCode, SoapFault
from integrations.carrier.soapserver.xmlmap import child, children, payload, text

Fields = dict[str, Any]


def _routing_fields(parcel: Parcel) -> Fields:
    routing = parcel.routing
    return {
        "waybillNo": parcel.waybill_no,
        "routeCode": routing.route_code,
        "packageCode": routing.package_code,
        "packageCodeName": routing.package_code_name,
        "markDestinationCode": routing.mark_destination_code,
        "markDestinationName": routing.mark_destination_name,
    }


def _party_location(order: etree._Element, role: str) -> Location:
    party = child(order, role)
    assert party is not None  # the schema requires it
    return locate(text(party, "prov"), text(party, "city"), text(party, "county"))


def _province_short(name: str) -> str:
    return Division("", name).short


def _require_a_phone(order: etree._Element) -> None:
    for role in ("sender", "receiver"):
        party = child(order, role)
        if party is None or not (text(party, "mobile") or text(party, "phone")):
            raise SoapFault(FaultCode.INVALID, f"{role} needs a mobile or a phone")


def _terms(order: etree._Element) -> OrderTerms:
    """Read pickup, receipt and payment; door collection needs its time window."""
    terms = OrderTerms(
        payment_mode=text(order, "paymentMode", "1"),
        pickup_type=text(order, "pickupType", "0"),
        pickup_start=text(order, "pickupStartTime"),
        pickup_end=text(order, "pickupEndTime"),
        receipt_flag=text(order, "receiptFlag") in ("1", "true"),
    )
    if terms.pickup_type == "1" and not (terms.pickup_start and terms.pickup_end):
        raise SoapFault(FaultCode.INVALID, "pickupType 1 needs pickupStartTime and pickupEndTime")
    return terms


class SimulatedCarrier:
    """Answer the contract's operations from the in-memory order book."""

    def __init__(self, settings: SimulatorSettings, book: OrderBook, numbers: WaybillNumbers):
        self._settings = settings
        self._book = book
        self._numbers = numbers
        self.operations: dict[str, Callable[[etree._Element], Fields]] = {
            "CreateOrder": self.create_order,
            "CancelOrder": self.cancel_order,
            "QueryOrder": self.query_order,
            "QueryTrace": self.query_trace,
            "ParseAddress": self.parse_address,
            "CheckReachability": self.check_reachability,
        }

    def answer(self, operation: str, request: etree._Element) -> etree._Element:
        """Return the reply payload to a schema-valid request."""
        handler = self.operations.get(operation)
        if handler is None:
            raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown operation {operation}")
        return payload(CARRIER_NS, f"{operation}Response", handler(request))

    def _accepted(self, parcel: Parcel) -> bool:
        return self._settings.clock.now() >= parcel.accepted_at(*self._settings.pace)

    def create_order(self, order: etree._Element) -> Fields:
        product = PRODUCTS.get(text(order, "bizProductNo"))
        if product is None:
            raise SoapFault(FaultCode.UNKNOWN_PRODUCT, "unknown bizProductNo")
        if text(order, "insuranceFlag") == "2" and not text(order, "insuranceAmount"):
            raise SoapFault(FaultCode.AMOUNT_REQUIRED, "insuranceFlag 2 needs insuranceAmount")
        number = text(order, "logisticsOrderNo")
        _require_a_phone(order)
        terms = _terms(order)
        sender, receiver = _party_location(order, "sender"), _party_location(order, "receiver")

        def new_parcel(scenario: str) -> Parcel:
            waybill_no = self._numbers.allocate(product)
            now = self._settings.clock.now()
            routing = routing_for(receiver)
            return Parcel(number, waybill_no, routing, sender, receiver, scenario, now, terms=terms)

        scenario = self._book.scenario_for(number, text(order, "remark"))
        parcel = self._book.book(number, scenario, new_parcel)
        return {"logisticsOrderNo": number, **_routing_fields(parcel)}

    def cancel_order(self, request: etree._Element) -> Fields:
        number, waybill_no = text(request, "logisticsOrderNo"), text(request, "waybillNo")
        self._book.cancel(number, waybill_no, self._accepted)
        return {"logisticsOrderNo": number, "waybillNo": waybill_no, "cancelled": True}

    def query_order(self, request: etree._Element) -> Fields:
        number = text(request, "logisticsOrderNo")
        parcels = self._book.for_order(number)
        waybills = [{**_routing_fields(p), "cancelled": p.cancelled} for p in parcels]
        return {"logisticsOrderNo": number, "waybill": waybills}

    def _trace(self, waybill_no: str) -> Fields:
        parcel = self._book.parcel(waybill_no)
        now = self._settings.clock.now()
        events = events_so_far(parcel, now, *self._settings.pace) if parcel else []
        return {"waybillNo": waybill_no, "trace": [{**e, "waybillNo": None} for e in events]}

    def query_trace(self, request: etree._Element) -> Fields:
        numbers = dict.fromkeys(e.text or "" for e in children(request, "waybillNo"))
        return {"waybillTrace": [self._trace(number) for number in numbers]}

    def parse_address(self, request: etree._Element) -> Fields:
        parts = split_address(text(request, "address"))
        if parts is None:
            raise SoapFault(FaultCode.ADDRESS_UNKNOWN, "address not recognised")
        province, city, county, rest = parts
        county_name = county.name if county else ""
        return {"prov": province.name, "city": city.name, "county": county_name, "address": rest}

    def check_reachability(self, request: etree._Element) -> Fields:
        unreachable = {_province_short(p) for p in self._settings.unreachable_provinces}
        places = (child(request, "sender"), child(request, "receiver"))
        blocked = [text(p, "prov") for p in places if p is not None]
        blocked = [prov for prov in blocked if _province_short(prov) in unreachable]
        if blocked:
            return {"reachable": False, "message": f"EMS does not deliver to {blocked[0]}"}
        return {"reachable": True}
